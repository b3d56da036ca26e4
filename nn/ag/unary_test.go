package ag_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
)

func TestUnary_Forward(t *testing.T) {
	v := func(x ...float32) *ag.Var { return c(x, len(x)) }
	runForward(t, []forwardCase{
		{"add_scalar", func() *ag.Var { return ag.AddScalar(v(1, -2), 0.5) }, []int{2}, []float32{1.5, -1.5}},
		{"mul_scalar", func() *ag.Var { return ag.MulScalar(v(1, -2), 3) }, []int{2}, []float32{3, -6}},
		{"neg", func() *ag.Var { return ag.Neg(v(1, -2, 0)) }, []int{3}, []float32{-1, 2, 0}},
		{"exp", func() *ag.Var { return ag.Exp(v(0, 1, -1)) }, []int{3}, []float32{1, 2.7182817, 0.36787945}},
		{"log", func() *ag.Var { return ag.Log(v(1, 2.7182817, 0.5)) }, []int{3}, []float32{0, 1, -0.6931472}},
		{"sqrt", func() *ag.Var { return ag.Sqrt(v(4, 2, 0)) }, []int{3}, []float32{2, 1.4142135, 0}},
		{"square", func() *ag.Var { return ag.Square(v(-3, 0.5)) }, []int{2}, []float32{9, 0.25}},
		{"abs", func() *ag.Var { return ag.Abs(v(-3, 0, 2)) }, []int{3}, []float32{3, 0, 2}},
		{"relu", func() *ag.Var { return ag.Relu(v(-1, 0, 2)) }, []int{3}, []float32{0, 0, 2}},
		{"leaky_relu", func() *ag.Var { return ag.LeakyRelu(v(-2, 3), 0.1) }, []int{2}, []float32{-0.2, 3}},
		{"sigmoid", func() *ag.Var { return ag.Sigmoid(v(0, 2, -2)) }, []int{3}, []float32{0.5, 0.8807971, 0.11920292}},
		{"tanh", func() *ag.Var { return ag.Tanh(v(0, 1, -0.5)) }, []int{3}, []float32{0, 0.7615942, -0.46211717}},
		{"clip", func() *ag.Var { return ag.Clip(v(-2, 0.5, 3), -1, 1) }, []int{3}, []float32{-1, 0.5, 1}},
		{"2-D keeps shape", func() *ag.Var { return ag.Square(c([]float32{1, 2, 3, 4}, 2, 2)) }, []int{2, 2}, []float32{1, 4, 9, 16}},
	})
}

func TestUnary_Grad(t *testing.T) {
	one := func(op func(*ag.Var) *ag.Var) func([]*ag.Var) *ag.Var {
		return func(in []*ag.Var) *ag.Var { return op(in[0]) }
	}
	clipIn := tensor.From([]float32{-2, -0.3, 0.1, 0.4, 1.5, 0.8}, 2, 3)
	runGrad(t, []gradCase{
		{"add_scalar", one(func(a *ag.Var) *ag.Var { return ag.AddScalar(a, 2.5) }), []*tensor.Tensor{rnd(-1, 1, 2, 3)}},
		{"mul_scalar", one(func(a *ag.Var) *ag.Var { return ag.MulScalar(a, -1.5) }), []*tensor.Tensor{rnd(-1, 1, 2, 3)}},
		{"neg", one(ag.Neg), []*tensor.Tensor{rnd(-1, 1, 2, 3)}},
		{"exp", one(ag.Exp), []*tensor.Tensor{rnd(-2, 2, 2, 3)}},
		{"log", one(ag.Log), []*tensor.Tensor{rnd(0.5, 2, 2, 3)}},
		{"sqrt", one(ag.Sqrt), []*tensor.Tensor{rnd(0.5, 2, 2, 3)}},
		{"square", one(ag.Square), []*tensor.Tensor{rnd(-2, 2, 2, 3)}},
		{"abs", one(ag.Abs), []*tensor.Tensor{awayFrom0(2, 3)}},
		{"relu", one(ag.Relu), []*tensor.Tensor{awayFrom0(2, 3)}},
		{"leaky_relu", one(func(a *ag.Var) *ag.Var { return ag.LeakyRelu(a, 0.2) }), []*tensor.Tensor{awayFrom0(2, 3)}},
		{"sigmoid", one(ag.Sigmoid), []*tensor.Tensor{rnd(-3, 3, 2, 3)}},
		{"tanh", one(ag.Tanh), []*tensor.Tensor{rnd(-2, 2, 2, 3)}},
		{"clip", one(func(a *ag.Var) *ag.Var { return ag.Clip(a, -1, 0.6) }), []*tensor.Tensor{clipIn}},
	})
}

// At the kinks the gradient follows the documented convention.
func TestUnary_KinkGrads(t *testing.T) {
	tests := []struct {
		name string
		op   func(*ag.Var) *ag.Var
		x    []float32
		want []float32
	}{
		{"relu at 0 passes nothing", ag.Relu, []float32{-1, 0, 1}, []float32{0, 0, 1}},
		{"abs at 0 is 0", ag.Abs, []float32{-1, 0, 1}, []float32{-1, 0, 1}},
		{"clip passes at the bounds", func(a *ag.Var) *ag.Var { return ag.Clip(a, -1, 1) }, []float32{-2, -1, 1, 2}, []float32{0, 1, 1, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := ag.Param(tensor.From(tc.x, len(tc.x)), "x")
			ag.Backward(tc.op(x))
			assert.Equal(t, tc.want, x.Grad.Data)
		})
	}
}

func TestClip_BoundsPanic(t *testing.T) {
	assert.Panics(t, func() { ag.Clip(c([]float32{1}, 1), 2, 1) })
}
