package race

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// TestSurface_Gradient checks each surface's autodiff gradient against
// finite differences at random points of its window.
func TestSurface_Gradient(t *testing.T) {
	for _, s := range Surfaces {
		t.Run(s.Key, func(t *testing.T) {
			r := rng.New(3)
			data := make([]float32, 2*8)
			for i := range 8 {
				data[2*i] = s.Window[0][0] + (s.Window[0][1]-s.Window[0][0])*r.Float32()
				data[2*i+1] = s.Window[1][0] + (s.Window[1][1]-s.Window[1][0])*r.Float32()
			}
			agtest.CheckGrad(t, agtest.Default, func(in []*ag.Var) *ag.Var { return s.eval(in[0]) },
				tensor.From(data, 8, 2))
		})
	}
}

// TestSurface_Minima checks what each surface says of itself: the start
// and minima lie in the window, the gradient vanishes at the minima, the
// global minimum is the lowest point of the drawn grid, and the skier's
// local minimum is a dip higher than the global one, with a hill between.
func TestSurface_Minima(t *testing.T) {
	for _, s := range Surfaces {
		t.Run(s.Key, func(t *testing.T) {
			assert.True(t, s.Inside(s.Start), "the start is drawn")
			assert.True(t, s.Inside(s.Min), "the minimum is drawn")
			assert.Positive(t, s.Steps)
			for _, k := range Kinds {
				assert.Positive(t, s.Rates[k.Key], "a learning rate for %s", k.Key)
			}
			minLoss, g := s.LossGrad(s.Min)
			assert.InDelta(t, 0, g[0], 1e-5, "∂L/∂x at the minimum")
			assert.InDelta(t, 0, g[1], 1e-5, "∂L/∂y at the minimum")
			startLoss, _ := s.LossGrad(s.Start)
			assert.Greater(t, startLoss, minLoss, "the start is above the minimum")
			lowest := float32(math.Inf(1))
			for _, v := range s.Grid(121, 101) {
				lowest = min(lowest, v)
			}
			assert.GreaterOrEqual(t, lowest, minLoss-1e-6, "nothing on the grid is below the global minimum")

			if !s.Traps {
				return
			}
			localLoss, g := s.LossGrad(s.Local)
			assert.InDelta(t, 0, g[0], 1e-5, "∂L/∂x at the local minimum")
			assert.InDelta(t, 0, g[1], 1e-5, "∂L/∂y at the local minimum")
			assert.Greater(t, localLoss, minLoss, "the dip is higher than the global minimum")
			for _, d := range []Point{{0.05, 0}, {-0.05, 0}, {0, 0.05}, {0, -0.05}} {
				near, _ := s.LossGrad(Point{s.Local[0] + d[0], s.Local[1] + d[1]})
				assert.Greater(t, near, localLoss, "the dip rises every way, %v", d)
			}
			hill := float32(math.Inf(-1)) // the highest point on the way from the dip to the minimum
			for i := range 101 {
				f := float32(i) / 100
				l, _ := s.LossGrad(Point{s.Local[0] + f*(s.Min[0]-s.Local[0]), s.Local[1] + f*(s.Min[1]-s.Local[1])})
				hill = max(hill, l)
			}
			assert.Greater(t, hill, localLoss+0.1, "a hill stands between the dip and the global minimum")
		})
	}
}

func TestSurface_Grid(t *testing.T) {
	s := SurfaceOf("bowl")
	require.NotNil(t, s)
	g := s.Grid(3, 2) // x −2, 0, 2; the top row y = 2, then y = −2
	want := s.Losses([]Point{{-2, 2}, {0, 2}, {2, 2}, {-2, -2}, {0, -2}, {2, -2}})
	assert.Equal(t, want, g)
	assert.Equal(t, []float32{2 + 8, 8, 10, 10, 8, 10}, g, "x²/2 + 2y²")
	assert.Nil(t, SurfaceOf("ridge"))
}

func TestSurface_LossGrad(t *testing.T) {
	// The bowl's gradient is (x, 4y).
	l, g := SurfaceOf("bowl").LossGrad(Point{1, -0.5})
	assert.Equal(t, float32(0.5+0.5), l)
	assert.Equal(t, Point{1, -2}, g)
	// Rosenbrock at (0, 0): L = 1, gradient (−2, 0).
	l, g = SurfaceOf("valley").LossGrad(Point{0, 0})
	assert.Equal(t, float32(1), l)
	assert.Equal(t, Point{-2, 0}, g)
}
