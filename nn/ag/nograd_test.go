package ag_test

import (
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// specials lists the float32 values whose handling differs between ways of
// writing an op: signed zeros, infinities, NaN, subnormals, the extremes.
var specials = []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)),
	float32(math.NaN()), -float32(math.NaN()), 1e-40, -1e-40, math.MaxFloat32, -math.MaxFloat32, 1, -1}

// spiked returns rnd values of the given shape with specials scattered
// through them.
func spiked(shape ...int) *tensor.Tensor {
	x := rnd(-1, 1, shape...)
	for i := 0; i < len(x.Data); i += 5 {
		x.Data[i] = specials[(i/5)%len(specials)]
	}
	return x
}

// TestNoGrad_Propagates: whatever is computed from a NoGrad Var takes no
// gradient, even from weights that want one, and still records its op and
// inputs; Backward through it does nothing.
func TestNoGrad_Propagates(t *testing.T) {
	x := ag.NoGrad(rnd(-1, 1, 2, 3))
	w := ag.Param(rnd(-1, 1, 3, 4), "w")
	y := ag.Softmax(ag.Relu(ag.MatMul(x, w, false, false)), -1)

	assert.True(t, y.IsNoGrad())
	assert.False(t, y.RequiresGrad())
	assert.Equal(t, "softmax", y.Op())
	require.Len(t, y.Inputs(), 1)
	assert.Equal(t, "relu", y.Inputs()[0].Op())
	ag.Backward(ag.SumAll(y))
	assert.Nil(t, w.Grad)

	x.SetRequiresGrad(true)
	assert.False(t, x.RequiresGrad(), "a no-grad Var cannot be made to want a gradient")

	// The same graph from a Const still trains w.
	y = ag.Softmax(ag.Relu(ag.MatMul(ag.Const(x.Value), w, false, false)), -1)
	assert.False(t, y.IsNoGrad())
	assert.True(t, y.RequiresGrad())
}

// TestRelu_SpecialValues: Relu, written without branches, gives v where
// v > 0 and +0 elsewhere (NaN and −0 included), and its backward adds dout
// exactly where v > 0, leaving the other gradients' bits as they were (a
// −0 stays −0).
func TestRelu_SpecialValues(t *testing.T) {
	n := len(specials) * len(specials)
	x, dout, grad0 := make([]float32, n), make([]float32, n), make([]float32, n)
	for i := range n {
		x[i], dout[i] = specials[i/len(specials)], specials[i%len(specials)]
		grad0[i] = specials[(i*7+3)%len(specials)]
	}
	v := ag.Param(tensor.From(append([]float32{}, x...), n), "x")
	v.Grad = tensor.From(append([]float32{}, grad0...), n)
	y := ag.Relu(v)
	ag.BackwardFrom(y, tensor.From(dout, n))

	for i := range n {
		want, wantGrad := float32(0), grad0[i]
		if x[i] > 0 {
			want, wantGrad = x[i], grad0[i]+dout[i]
		}
		require.Equal(t, math.Float32bits(want), math.Float32bits(y.Data()[i]), "relu(%v)", x[i])
		got := v.Grad.Data[i]
		if wantGrad != wantGrad { // which NaN an add returns is left open
			require.True(t, got != got, "grad at x=%v: %v + %v gave %v", x[i], grad0[i], dout[i], got)
			continue
		}
		require.Equal(t, math.Float32bits(wantGrad), math.Float32bits(got), "grad at x=%v: %v + %v", x[i], grad0[i], dout[i])
	}
}

// TestMaxPool2D_NoGradValues: without a gradient to route, MaxPool2D skips
// the argmax and takes its values another way (window gathered, 2×2
// unrolled); they have the bits of the path that records the argmax, ties
// of ±0 and NaNs included.
func TestMaxPool2D_NoGradValues(t *testing.T) {
	tests := []struct {
		name  string
		shape []int
		p     ag.Pool2D
	}{
		{"2x2 stride 2", []int{2, 8, 6, 5}, poolWindow(2, 2, 2, 2, false)},
		{"2x2 same, odd edges", []int{1, 7, 5, 3}, poolWindow(2, 2, 2, 2, true)},
		{"3x3 stride 1", []int{1, 6, 6, 4}, poolWindow(3, 3, 1, 1, false)},
		{"3x3 stride 2 same", []int{2, 7, 7, 2}, poolWindow(3, 3, 2, 2, true)},
		{"1x2 (a 1-D pool)", []int{3, 1, 9, 6}, poolWindow(1, 2, 1, 2, false)},
		{"4x1", []int{1, 8, 3, 2}, poolWindow(4, 1, 4, 1, false)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := spiked(tt.shape...)
			want := ag.MaxPool2D(ag.Param(x, "x"), tt.p) // records the argmax
			for _, in := range []*ag.Var{ag.Const(x), ag.NoGrad(x)} {
				got := ag.MaxPool2D(in, tt.p)
				require.Equal(t, want.Shape(), got.Shape())
				require.Equal(t, bits(want.Data()), bits(got.Data()))
			}
		})
	}
}
