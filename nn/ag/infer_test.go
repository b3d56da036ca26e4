package ag

import (
	"errors"
	"math"
	"testing"

	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withSpecials returns ramp values of the given shape with ±0, ±Inf, NaN
// and subnormals scattered through them.
func withSpecials(shape ...int) *tensor.Tensor {
	t := ramp(shape...)
	specials := []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)),
		float32(math.NaN()), 1e-40, -1e-40}
	for i := 0; i < len(t.Data); i += 11 {
		t.Data[i] = specials[(i/11)%len(specials)]
	}
	return t
}

// graphLayer is what a Dense or Conv2D layer builds on the graph: the
// product, the bias add, the ReLU.
func graphLayer(product *Var, bias *Var, act Act) *Var {
	y := product
	if bias != nil {
		y = Add(y, bias)
	}
	if act == ActRelu {
		y = Relu(y)
	}
	return y
}

// withEachKernels runs f with the Go loops, then with specKernels
// installed, and restores the Go loops.
func withEachKernels(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	calls := 0
	t.Run("go loops", f)
	SetKernels(specKernels(&calls))
	defer SetKernels(Kernels{})
	t.Run("kernels", f)
}

// TestDenseInfer_MatchesGraph: DenseInfer gives the bits of MatMul, Add and
// Relu on the graph, with and without bias and ReLU, on inputs that hold
// ±0, ±Inf, NaN and subnormals.
func TestDenseInfer_MatchesGraph(t *testing.T) {
	tests := []struct {
		name    string
		m, k, n int
		bias    bool
		act     Act
	}{
		{"one row, bias, relu", 1, 37, 10, true, ActRelu},
		{"rows, bias, linear", 5, 16, 9, true, ActLinear},
		{"no bias, relu", 4, 8, 3, false, ActRelu},
		{"no bias, linear", 3, 5, 7, false, ActLinear},
		{"wide", 2, 300, 130, true, ActRelu},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, w := withSpecials(tt.m, tt.k), ramp(tt.k, tt.n)
			var bias *Var
			if tt.bias {
				bias = Param(withSpecials(tt.n), "bias")
			}
			kernel := Param(w, "kernel")
			want := graphLayer(MatMul(Const(x), kernel, false, false), bias, tt.act)
			withEachKernels(t, func(t *testing.T) {
				got := DenseInfer(NoGrad(x), kernel, bias, tt.act)
				require.Equal(t, want.Shape(), got.Shape())
				require.Equal(t, bits(want.Data()), bits(got.Data()))
				assert.Equal(t, want.Op(), got.Op(), "op")
			})
		})
	}
}

// TestConv2DInfer_MatchesGraph: Conv2DInfer gives the bits of Conv2D, Add
// and Relu on the graph over paddings, strides, dilations and im2col chunk
// sizes.
func TestConv2DInfer_MatchesGraph(t *testing.T) {
	defer func(b int) { im2colBudget = b }(im2colBudget)
	tests := []struct {
		name             string
		n, h, w, c, k, f int
		p                ConvParams
		bias             bool
		act              Act
		budget           int
	}{
		{"mnist_cnn first layer", 1, 28, 28, 1, 3, 32, ConvParams{}, true, ActRelu, 1 << 20},
		{"batch, chunks of 2", 5, 9, 8, 3, 3, 4, ConvParams{}, true, ActRelu, 2 * 7 * 6 * 27},
		{"same padding", 2, 7, 6, 3, 3, 5, ConvParams{PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1}, true, ActLinear, 1 << 20},
		{"strides, no bias", 2, 9, 11, 2, 3, 4, ConvParams{StrideH: 2, StrideW: 3, PadLeft: 1}, false, ActRelu, 1},
		{"dilated, no bias, linear", 1, 10, 10, 2, 3, 3, ConvParams{DilationH: 2, DilationW: 2}, false, ActLinear, 1 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			im2colBudget = tt.budget
			x := withSpecials(tt.n, tt.h, tt.w, tt.c)
			kernel := Param(ramp(tt.k, tt.k, tt.c, tt.f), "kernel")
			var bias *Var
			if tt.bias {
				bias = Param(withSpecials(tt.f), "bias")
			}
			want := graphLayer(Conv2D(Const(x), kernel, tt.p), bias, tt.act)
			withEachKernels(t, func(t *testing.T) {
				got := Conv2DInfer(NoGrad(x), kernel, bias, tt.p, tt.act)
				require.Equal(t, want.Shape(), got.Shape())
				require.Equal(t, bits(want.Data()), bits(got.Data()))
			})
		})
	}
}

// TestInfer_NoGradOutput: an inference op's output takes no gradient even
// from weights that want one, and records its op and inputs.
func TestInfer_NoGradOutput(t *testing.T) {
	x := Const(ramp(2, 3))
	kernel, bias := Param(ramp(3, 4), "kernel"), Param(ramp(4), "bias")
	for _, tc := range []struct {
		act    Act
		bias   *Var
		op     string
		inputs []*Var
	}{
		{ActRelu, bias, "relu", []*Var{x, kernel, bias}},
		{ActLinear, bias, "add", []*Var{x, kernel, bias}},
		{ActLinear, nil, "matmul", []*Var{x, kernel}},
	} {
		y := DenseInfer(x, kernel, tc.bias, tc.act)
		assert.True(t, y.IsNoGrad())
		assert.False(t, y.RequiresGrad())
		assert.Equal(t, tc.op, y.Op())
		assert.Equal(t, tc.inputs, y.Inputs())
		Backward(Sigmoid(y))
		assert.Nil(t, kernel.Grad)
	}
}

// TestInfer_ShapePanics: mismatched operands panic with ErrShape.
func TestInfer_ShapePanics(t *testing.T) {
	x2, x4 := Const(ramp(2, 3)), Const(ramp(1, 5, 5, 2))
	for name, fn := range map[string]func(){
		"dense inner extents":   func() { DenseInfer(x2, Const(ramp(4, 2)), nil, ActLinear) },
		"dense rank":            func() { DenseInfer(x4, Const(ramp(2, 2)), nil, ActLinear) },
		"dense bias length":     func() { DenseInfer(x2, Const(ramp(3, 2)), Const(ramp(3)), ActLinear) },
		"conv channels":         func() { Conv2DInfer(x4, Const(ramp(3, 3, 3, 4)), nil, ConvParams{}, ActRelu) },
		"conv kernel too large": func() { Conv2DInfer(x4, Const(ramp(6, 6, 2, 4)), nil, ConvParams{}, ActRelu) },
		"conv bias length":      func() { Conv2DInfer(x4, Const(ramp(3, 3, 2, 4)), Const(ramp(5)), ConvParams{}, ActRelu) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				err, ok := recover().(error)
				require.True(t, ok, "no error panic")
				assert.True(t, errors.Is(err, tensor.ErrShape), "%v", err)
			}()
			fn()
		})
	}
}
