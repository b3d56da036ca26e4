package layers_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func training(seed uint64) *layers.Context {
	return &layers.Context{Training: true, Rand: rng.New(seed)}
}

func TestDropout_Inference(t *testing.T) {
	d := layers.NewDropout(0.5)
	build(t, d, 4)
	x := ag.Const(data(3, 4))
	assert.Same(t, x, d.Call(inference(), x))
	assert.Same(t, x, d.Call(nil, x))
	zero := layers.NewDropout(0)
	build(t, zero, 4)
	assert.Same(t, x, zero.Call(training(1), x), "rate 0 drops nothing")
}

// TestDropout_Training: each element is 0 or x/(1-rate), about rate of them
// are 0, and the mask is the row-major sequence of draws >= rate.
func TestDropout_Training(t *testing.T) {
	for _, rate := range []float64{0.1, 0.25, 0.5, 0.8} {
		d := layers.NewDropout(rate)
		build(t, d, 100, 100)
		x := tensor.Full(2, 10, 100, 100) // 100 000 elements
		y := d.Call(training(3), ag.Const(x))
		require.Equal(t, x.Shape, y.Shape())
		kept := float32(2 * (1 / (1 - rate)))
		r, dropped := rng.New(3), 0
		for i, v := range y.Data() {
			keep := r.Float64() >= rate
			if !keep {
				dropped++
				require.Zero(t, v, "element %d", i)
			} else {
				require.Equal(t, float32(2)*float32(1/(1-rate)), v, "element %d", i)
				require.InDelta(t, kept, v, 1e-5)
			}
		}
		// The fraction dropped is binomial: its deviation is
		// sqrt(rate(1-rate)/n) < 0.0016; allow 4 deviations.
		assert.InDelta(t, rate, float64(dropped)/float64(x.Size()), 0.0064, "rate %g", rate)
	}
}

func TestDropout_Deterministic(t *testing.T) {
	d := layers.NewDropout(0.5)
	build(t, d, 50)
	x := ag.Const(data(4, 50))
	a := d.Call(training(7), x).Data()
	assert.Equal(t, a, d.Call(training(7), x).Data(), "same seed, same mask")
	assert.NotEqual(t, a, d.Call(training(8), x).Data(), "another seed, another mask")

	// With a Seed the layer has its own generator, made afresh at Build.
	seed := int64(7)
	s := layers.NewDropoutWith(layers.DropoutConfig{Rate: 0.5, Seed: &seed})
	build(t, s, 50)
	first := s.Call(training(1), x).Data()
	second := s.Call(training(1), x).Data()
	assert.Equal(t, a, first, "Seed 7 draws what rng.New(7) draws")
	assert.NotEqual(t, first, second, "the layer's generator moves on")
	build(t, s, 50)
	assert.Equal(t, first, s.Call(training(2), x).Data(), "Build restarts it")
}

func TestDropout_Grad(t *testing.T) {
	d := layers.NewDropout(0.4)
	build(t, d, 3, 4)
	// A fresh generator per call: every forward pass of the check draws the
	// same mask.
	checkGrad(t, d, func() *layers.Context { return training(5) }, data(2, 3, 4))
}

func TestDropout_Errors(t *testing.T) {
	for _, rate := range []float64{-0.1, 1, 1.5} {
		_, err := layers.NewDropout(rate).Build([]int{3}, nil)
		assert.ErrorContains(t, err, "rate must be in [0, 1)", "rate %g", rate)
	}
	d := layers.NewDropout(0.5)
	assert.Panics(t, func() { d.Call(training(1), ag.Const(data(2))) }, "Call before Build")
	build(t, d, 2)
	assert.PanicsWithError(t, "layers: Dropout: training needs Context.Rand (or a Seed)", func() {
		d.Call(&layers.Context{Training: true}, ag.Const(data(1, 2)))
	})
}
