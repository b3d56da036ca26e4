package ag_test

import (
	"errors"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// c makes a Const from values and a shape.
func c(data []float32, shape ...int) *ag.Var { return ag.Const(tensor.From(data, shape...)) }

// forwardCase is an op's output against hand-computed values.
type forwardCase struct {
	name  string
	got   func() *ag.Var
	shape []int
	want  []float32
}

func runForward(t *testing.T, tests []forwardCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.got()
			assert.Equal(t, tc.shape, got.Shape(), "shape")
			assert.InDeltaSlice(t, tc.want, got.Data(), 1e-5, "values")
		})
	}
}

// gradCase is a finite-difference gradient check of f at inputs.
type gradCase struct {
	name   string
	f      func(in []*ag.Var) *ag.Var
	inputs []*tensor.Tensor
}

func runGrad(t *testing.T, tests []gradCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			agtest.CheckGrad(t, agtest.Default, tc.f, tc.inputs...)
		})
		t.Run(tc.name+"/const", func(t *testing.T) {
			// On Const inputs an op records no backward and Backward is a no-op.
			in := make([]*ag.Var, len(tc.inputs))
			for i, x := range tc.inputs {
				in[i] = ag.Const(x.Clone())
			}
			out := tc.f(in)
			assert.False(t, out.RequiresGrad())
			ag.Backward(out)
			for i, v := range in {
				assert.Nil(t, v.Grad, "input %d", i)
			}
		})
	}
}

// rnd is agtest.Rand with a seed derived from the shape, for brevity.
func rnd(lo, hi float32, shape ...int) *tensor.Tensor {
	seed := uint64(len(shape))
	for _, d := range shape {
		seed = seed*31 + uint64(d)
	}
	return agtest.Rand(seed, lo, hi, shape...)
}

// awayFrom0 returns rnd values whose magnitude is in [0.2, 1], either sign:
// away from the kinks at 0 of relu, abs and leaky relu.
func awayFrom0(shape ...int) *tensor.Tensor {
	x := rnd(0.2, 1, shape...)
	for i := range x.Data {
		if i%2 == 1 {
			x.Data[i] = -x.Data[i]
		}
	}
	return x
}

// panicsShape asserts that fn panics with an error wrapping tensor.ErrShape.
func panicsShape(t *testing.T, fn func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		require.NotNil(t, r, "no panic")
		err, ok := r.(error)
		require.True(t, ok, "panic value %v is not an error", r)
		assert.True(t, errors.Is(err, tensor.ErrShape), "%v does not wrap ErrShape", err)
	}()
	fn()
}
