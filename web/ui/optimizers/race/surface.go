package race

import (
	"math"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// Point is a position (x, y) on a surface: the two parameters being learned.
type Point [2]float32

// Surface is a loss of two parameters.
type Surface struct {
	Key, Name string
	// About says what the surface shows, as the page writes it.
	About string
	// Window is the part drawn: x from Window[0][0] to Window[0][1], y
	// from Window[1][0] to Window[1][1].
	Window [2][2]float32
	Steps  int   // the steps a race takes at first
	Start  Point // where the racers start
	Min    Point // the global minimum
	// Local is a local minimum that is not global (the skier's trap), if
	// Traps.
	Local Point
	Traps bool
	// Rates are the learning rates the page starts each optimiser with on
	// this surface, by racer key.
	Rates map[string]float32
	// loss maps x and y, both (n, 1), to the losses (n, 1), elementwise.
	loss func(x, y *ag.Var) *ag.Var
}

// Surfaces are the page's surfaces, in its order.
var Surfaces = []*Surface{bowl, valley, saddle, skier}

// SurfaceOf returns the surface with key, or nil.
func SurfaceOf(key string) *Surface {
	for _, s := range Surfaces {
		if s.Key == key {
			return s
		}
	}
	return nil
}

// Losses returns L at each point of ps, computed on one batch (n, 2).
func (s *Surface) Losses(ps []Point) []float32 {
	if len(ps) == 0 {
		return nil
	}
	data := make([]float32, 0, 2*len(ps))
	for _, p := range ps {
		data = append(data, p[0], p[1])
	}
	return s.eval(ag.Const(tensor.From(data, len(ps), 2))).Data()
}

// eval builds L for w (n, 2): the losses (n, 1).
func (s *Surface) eval(w *ag.Var) *ag.Var {
	return s.loss(ag.Slice(w, 1, 0, 1), ag.Slice(w, 1, 1, 2))
}

// LossGrad returns L at p and its gradient (∂L/∂x, ∂L/∂y) by ag.Backward.
func (s *Surface) LossGrad(p Point) (float32, Point) {
	w := ag.Param(tensor.From([]float32{p[0], p[1]}, 1, 2), "w")
	loss := ag.SumAll(s.eval(w))
	ag.Backward(loss)
	return loss.Data()[0], Point{w.Grad.Data[0], w.Grad.Data[1]}
}

// Grid returns the losses on a grid of nx × ny points spanning the window,
// row by row from the top (the largest y) down, as an image is laid out.
func (s *Surface) Grid(nx, ny int) []float32 {
	ps := make([]Point, 0, nx*ny)
	for r := range ny {
		y := s.Window[1][1] - (s.Window[1][1]-s.Window[1][0])*float32(r)/float32(ny-1)
		for c := range nx {
			ps = append(ps, Point{s.Window[0][0] + (s.Window[0][1]-s.Window[0][0])*float32(c)/float32(nx-1), y})
		}
	}
	return s.Losses(ps)
}

// Inside reports whether p lies in the window.
func (s *Surface) Inside(p Point) bool {
	return p[0] >= s.Window[0][0] && p[0] <= s.Window[0][1] && p[1] >= s.Window[1][0] && p[1] <= s.Window[1][1]
}

// Distance is the Euclidean distance from p to q.
func Distance(p, q Point) float64 {
	dx, dy := float64(p[0])-float64(q[0]), float64(p[1])-float64(q[1])
	return math.Sqrt(dx*dx + dy*dy)
}

// The helpers below write the surfaces' formulas.

func scale(a *ag.Var, k float32) *ag.Var { return ag.MulScalar(a, k) }
func shift(a *ag.Var, k float32) *ag.Var { return ag.AddScalar(a, k) }
func sq(a *ag.Var) *ag.Var               { return ag.Square(a) }
func pow4(a *ag.Var) *ag.Var             { return ag.Square(ag.Square(a)) }
func sum(vs ...*ag.Var) *ag.Var {
	out := vs[0]
	for _, v := range vs[1:] {
		out = ag.Add(out, v)
	}
	return out
}
