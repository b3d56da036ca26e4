package layers_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/require"
)

// build builds l for examples of the given shape with a fixed generator.
func build(t *testing.T, l layers.Layer, shape ...int) []int {
	t.Helper()
	out, err := l.Build(shape, rng.New(1))
	require.NoError(t, err)
	return out
}

// setWeights copies values into l's weights, in Weights order.
func setWeights(t *testing.T, l layers.Layer, values ...[]float32) {
	t.Helper()
	ws := l.Weights()
	require.Len(t, ws, len(values))
	for i, v := range values {
		require.Len(t, ws[i].Data(), len(v), ws[i].Name)
		copy(ws[i].Data(), v)
	}
}

// checkGrad checks by finite differences the gradient of l's output with
// respect to x and to each of l's weights.
func checkGrad(t *testing.T, l layers.Layer, ctx func() *layers.Context, x *tensor.Tensor) {
	t.Helper()
	inputs := []*tensor.Tensor{x}
	for _, w := range l.Weights() {
		inputs = append(inputs, w.Value)
	}
	agtest.CheckGrad(t, agtest.Default, func(in []*ag.Var) *ag.Var {
		if len(in) > 1 {
			defer layers.SwapWeights(l, in[1:])()
		}
		return l.Call(ctx(), in[0])
	}, inputs...)
}

// inference is the context of Evaluate and Predict.
func inference() *layers.Context { return &layers.Context{} }

// data returns a tensor of the given shape cycling through -0.8, -0.5,
// -0.2, 0.1, 0.4, 0.7, 1.0: both signs, no value near 0.
func data(shape ...int) *tensor.Tensor {
	x := tensor.New(shape...)
	for i := range x.Data {
		x.Data[i] = float32(i%7)*0.3 - 0.8
	}
	return x
}
