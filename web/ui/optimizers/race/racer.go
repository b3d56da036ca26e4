package race

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"

	"gonn/nn/ag"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"
)

// Entry is one racer as the user set it up: its kind, learning rate and
// hyper-parameters (Keras config keys).
type Entry struct {
	Kind   string
	LR     float32
	Params map[string]float32
}

// Racer moves a point down a surface with one optimiser.
type Racer struct {
	Kind Kind
	Opt  optimizers.Optimizer
	// Path is every position, from the start; Losses the loss at each.
	Path   []Point
	Losses []float32
	// Off is set when the racer flew off: its loss or position stopped
	// being finite, or it left the window by more than its width.
	Off bool

	surface *Surface
	w       *ag.Var // the position, (1, 2), the optimiser's one param
}

// NewRacer makes the racer of e at start on s. Bad settings are an error
// naming the racer and the setting (the learning rate and the decays here,
// the rest by Keras' own checks).
func NewRacer(s *Surface, start Point, e Entry) (*Racer, error) {
	kind, ok := KindOf(e.Kind)
	if !ok {
		return nil, errors.New("there is no optimiser " + e.Kind)
	}
	if !(e.LR > 0) || math.IsInf(float64(e.LR), 0) {
		return nil, errors.New(kind.Label + ": the learning rate must be more than 0")
	}
	cfg := map[string]float64{"learning_rate": float64(e.LR)}
	for k, v := range kind.Fixed {
		cfg[k] = float64(v)
	}
	for _, p := range kind.Params {
		v, ok := e.Params[p.Key]
		if !ok {
			v = p.Default
		}
		if !(v >= 0 && v < 1) { // NaN too
			return nil, errors.New(kind.Label + ": " + p.Label + " must be at least 0 and below 1, not " +
				strconv.FormatFloat(float64(v), 'g', -1, 32))
		}
		cfg[p.Key] = float64(v)
	}
	raw, err := json.Marshal(cfg) // keys sorted: the same bytes every time
	if err != nil {
		return nil, err
	}
	opt, err := optimizers.FromConfig(kind.Class, raw)
	if err != nil {
		return nil, errors.New(kind.Label + ": " + strings.TrimPrefix(err.Error(), "optimizers: "+kind.Class+" config: "))
	}
	r := &Racer{Kind: kind, Opt: opt, surface: s,
		w: ag.Param(tensor.From([]float32{start[0], start[1]}, 1, 2), kind.Key)}
	loss, _ := s.LossGrad(start)
	r.Path, r.Losses = []Point{start}, []float32{loss}
	return r, nil
}

// At is the racer's position.
func (r *Racer) At() Point { return r.Path[len(r.Path)-1] }

// Step moves the racer one optimiser step: the gradient at its position,
// then Opt.Apply. A racer that flew off stays where it is.
func (r *Racer) Step() {
	if r.Off {
		return
	}
	_, grad := r.surface.LossGrad(r.At())
	r.w.ZeroGrad()
	r.w.Grad = tensor.From([]float32{grad[0], grad[1]}, 1, 2)
	r.Opt.Apply([]*ag.Var{r.w})
	p := Point{r.w.Value.Data[0], r.w.Value.Data[1]}
	loss, _ := r.surface.LossGrad(p)
	if !finite(p[0]) || !finite(p[1]) || !finite(loss) || r.farOut(p) {
		r.Off = true
		return
	}
	r.Path, r.Losses = append(r.Path, p), append(r.Losses, loss)
}

func finite(v float32) bool { return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) }

// farOut reports whether p is more than a window's width outside it.
func (r *Racer) farOut(p Point) bool {
	w := r.surface.Window
	dx, dy := w[0][1]-w[0][0], w[1][1]-w[1][0]
	return p[0] < w[0][0]-dx || p[0] > w[0][1]+dx || p[1] < w[1][0]-dy || p[1] > w[1][1]+dy
}

// Where says where a racer is: "global" within reach of the global
// minimum, "local" within reach of the surface's trap, "off" when it flew
// off, "" on the way.
func (r *Racer) Where() string {
	switch {
	case r.Off:
		return "off"
	case Distance(r.At(), r.surface.Min) < Reach:
		return "global"
	case r.surface.Traps && Distance(r.At(), r.surface.Local) < Reach:
		return "local"
	}
	return ""
}

// Reach is how close to a minimum counts as there.
const Reach = 0.1
