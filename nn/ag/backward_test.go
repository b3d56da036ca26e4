package ag_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/fmath"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Backward adds into the leaves' Grad: a second call doubles it, bit for bit,
// and ZeroGrad starts over.
func TestBackward_Accumulates(t *testing.T) {
	x := ag.Param(tensor.From([]float32{-1, 0.5, 2}, 3), "x")
	loss := ag.SumAll(ag.Mul(ag.Exp(x), ag.Tanh(x)))
	ag.Backward(loss)
	once := x.Grad.Clone()
	ag.Backward(loss)
	for i, g := range once.Data {
		assert.Equal(t, 2*g, x.Grad.Data[i], "element %d", i)
	}
	x.ZeroGrad()
	ag.Backward(loss)
	assert.Equal(t, once.Data, x.Grad.Data)
}

// Two losses sharing a subgraph: each Backward passes on only its own
// gradient, so the leaf gets the sum.
func TestBackward_SharedSubgraph(t *testing.T) {
	x := ag.Param(tensor.From([]float32{0.5, -1}, 2), "x")
	h := ag.Exp(x)
	ag.Backward(ag.SumAll(h))
	ag.Backward(ag.SumAll(ag.Square(h)))
	for i, v := range x.Data() {
		e := fmath.Exp(v)
		assert.InDelta(t, e+2*e*e, x.Grad.Data[i], 1e-5)
	}
}

// A value used on two paths gets the sum of both.
func TestBackward_Diamond(t *testing.T) {
	tests := []struct {
		name string
		f    func(x *ag.Var) *ag.Var
		want func(x float32) float32
	}{
		{"x² + 3x", func(x *ag.Var) *ag.Var { return ag.Add(ag.Square(x), ag.MulScalar(x, 3)) },
			func(x float32) float32 { return 2*x + 3 }},
		{"h·h with h = tanh x", func(x *ag.Var) *ag.Var { h := ag.Tanh(x); return ag.Mul(h, h) },
			func(x float32) float32 { h := fmath.Tanh(x); return 2 * h * (1 - h*h) }},
		{"x - x", func(x *ag.Var) *ag.Var { return ag.Sub(x, x) },
			func(float32) float32 { return 0 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := ag.Param(tensor.From([]float32{-1.5, 0.25, 2}, 3), "x")
			ag.Backward(tc.f(x))
			for i, v := range x.Data() {
				assert.InDelta(t, tc.want(v), x.Grad.Data[i], 1e-5, "element %d", i)
			}
		})
	}
}

// Consts and frozen weights get no gradient; an op with only such inputs
// records no backward.
func TestBackward_NoGradInputs(t *testing.T) {
	w := ag.Param(tensor.From([]float32{1, 2}, 2), "w")
	frozen := ag.Param(tensor.From([]float32{3, 4}, 2), "frozen")
	frozen.SetRequiresGrad(false)
	x := ag.Const(tensor.From([]float32{5, 6}, 2))

	inference := ag.Mul(x, frozen)
	assert.False(t, inference.RequiresGrad())
	ag.Backward(ag.SumAll(inference))
	assert.Nil(t, frozen.Grad)

	out := ag.SumAll(ag.Mul(ag.Add(x, w), frozen))
	require.True(t, out.RequiresGrad())
	ag.Backward(out)
	assert.Equal(t, []float32{3, 4}, w.Grad.Data)
	assert.Nil(t, x.Grad)
	assert.Nil(t, frozen.Grad)
}

func TestBackward_SeedShape(t *testing.T) {
	y := ag.Square(ag.Param(tensor.New(2, 3), "x"))
	panicsShape(t, func() { ag.BackwardFrom(y, tensor.New(3, 2)) })
}

// A long chain does not overflow the stack (topoSort is iterative).
func TestBackward_DeepChain(t *testing.T) {
	x := ag.Param(tensor.From([]float32{1}, 1), "x")
	y := x
	for range 100000 {
		y = ag.AddScalar(y, 1)
	}
	ag.Backward(y)
	assert.Equal(t, []float32{1}, x.Grad.Data)
}

// The package doc's example: a dense layer and a squared error, checked end
// to end (tanh instead of relu to stay clear of kinks).
func TestBackward_DenseLayer(t *testing.T) {
	target := ag.Const(rnd(-1, 1, 4, 3))
	agtest.CheckGrad(t, agtest.Default, func(in []*ag.Var) *ag.Var {
		y := ag.Tanh(ag.Add(ag.MatMul(in[0], in[1], false, false), in[2]))
		return ag.MeanAll(ag.Square(ag.Sub(y, target)))
	}, rnd(-1, 1, 4, 5), rnd(-1, 1, 5, 3), rnd(-0.1, 0.1, 3))
}
