package layers_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFlatten(t *testing.T) {
	tests := []struct {
		in, out []int
	}{
		{[]int{28, 28, 1}, []int{784}},
		{[]int{5}, []int{5}},
		{[]int{}, []int{1}},
		{[]int{3, 0}, []int{0}},
	}
	for _, tt := range tests {
		f := layers.NewFlatten()
		assert.Equal(t, tt.out, build(t, f, tt.in...), "input %v", tt.in)
		x := data(append([]int{2}, tt.in...)...)
		y := f.Call(inference(), ag.Const(x))
		assert.Equal(t, append([]int{2}, tt.out...), y.Shape())
		assert.Equal(t, x.Data, y.Data(), "row-major order is kept")
	}
	f := layers.NewFlatten()
	build(t, f, 2, 3)
	checkGrad(t, f, inference, data(2, 2, 3))
}

// TestFlatten_ChannelsFirst: (batch, C, H, W) is flattened in (H, W, C)
// order, as Keras does.
func TestFlatten_ChannelsFirst(t *testing.T) {
	f := layers.NewFlattenWith(layers.FlattenConfig{DataFormat: "channels_first"})
	assert.Equal(t, []int{6}, build(t, f, 2, 1, 3))
	x := tensor.From([]float32{1, 2, 3, 10, 20, 30}, 1, 2, 1, 3) // C=2, H=1, W=3
	y := f.Call(inference(), ag.Const(x))
	assert.Equal(t, []float32{1, 10, 2, 20, 3, 30}, y.Data())
	checkGrad(t, f, inference, data(2, 2, 1, 3))

	_, err := layers.NewFlattenWith(layers.FlattenConfig{DataFormat: "nchw"}).Build([]int{3}, nil)
	assert.ErrorContains(t, err, "data_format")
}

func TestReshape(t *testing.T) {
	tests := []struct {
		target, in, out []int
	}{
		{[]int{28, 28, 1}, []int{784}, []int{28, 28, 1}},
		{[]int{-1, 4}, []int{2, 6}, []int{3, 4}},
		{[]int{3, -1}, []int{12}, []int{3, 4}},
		{[]int{}, []int{1}, []int{}},
	}
	for _, tt := range tests {
		l := layers.NewReshape(tt.target...)
		assert.Equal(t, tt.out, build(t, l, tt.in...), "target %v", tt.target)
		x := data(append([]int{3}, tt.in...)...)
		y := l.Call(inference(), ag.Const(x))
		assert.Equal(t, append([]int{3}, tt.out...), y.Shape())
		assert.Equal(t, x.Data, y.Data())
		assert.Equal(t, tt.target, l.Config()["target_shape"], "the config keeps -1")
	}
	l := layers.NewReshape(3, 2)
	build(t, l, 6)
	checkGrad(t, l, inference, data(2, 6))
	assert.Panics(t, func() { l.Call(inference(), ag.Const(data(2, 7))) })
}

func TestReshape_BuildErrors(t *testing.T) {
	tests := []struct {
		target, in []int
		msg        string
	}{
		{[]int{5}, []int{6}, "cannot reshape an input of shape (6,) to (5,)"},
		{[]int{-1, 4}, []int{6}, "cannot reshape"},
		{[]int{-1, -1}, []int{6}, "at most one -1"},
		{[]int{0, 3}, []int{0}, "extents must be positive"},
		{[]int{-2}, []int{6}, "extents must be positive"},
	}
	for _, tt := range tests {
		l := layers.NewReshape(tt.target...)
		l.SetName("reshape")
		_, err := l.Build(tt.in, nil)
		assert.ErrorContains(t, err, `layers: Reshape "reshape": `, "target %v", tt.target)
		assert.ErrorContains(t, err, tt.msg, "target %v", tt.target)
	}
}

func TestInputLayer(t *testing.T) {
	in := layers.NewInput(28, 28, 1)
	assert.Equal(t, []int{28, 28, 1}, in.Shape())
	assert.Equal(t, []int{28, 28, 1}, in.InputShape())
	assert.Equal(t, []int{28, 28, 1}, build(t, in, 28, 28, 1))
	x := ag.Const(data(2, 28, 28, 1))
	assert.Same(t, x, in.Call(inference(), x))
	assert.Nil(t, in.Weights())
	_, err := in.Build([]int{784}, nil)
	assert.ErrorContains(t, err, "declared input shape (28, 28, 1), built on (784,)")
	assert.Equal(t, []any{nil, 28, 28, 1}, in.Config()["batch_input_shape"])
}

func TestActivationLayer(t *testing.T) {
	a := layers.NewActivation("tanh")
	assert.Equal(t, []int{2, 3}, build(t, a, 2, 3))
	x := data(4, 2, 3)
	y := a.Call(inference(), ag.Const(x))
	assert.Equal(t, "tanh", y.Op())
	checkGrad(t, a, inference, x)

	sm := layers.NewActivation("softmax")
	build(t, sm, 3)
	y = sm.Call(inference(), ag.Const(tensor.From([]float32{1, 1, 1, 0, 0, 0}, 2, 3)))
	assert.InDeltaSlice(t, []float32{1. / 3, 1. / 3, 1. / 3, 1. / 3, 1. / 3, 1. / 3}, y.Data(), 1e-6)
	checkGrad(t, sm, inference, data(2, 3))

	_, err := layers.NewActivation("sofmax").Build([]int{3}, nil)
	assert.ErrorContains(t, err, `unknown activation "sofmax"`)
	require.Panics(t, func() { layers.NewActivation("relu").Call(inference(), ag.Const(data(1, 3))) })
}
