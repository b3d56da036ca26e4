package layers_test

import (
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/initializers"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDense_Forward(t *testing.T) {
	// x (2, 3), kernel (3, 2), bias (2): y = x·kernel + bias by hand.
	x := tensor.From([]float32{1, 2, 3, -1, 0, 2}, 2, 3)
	kernel := []float32{1, -1, 0, 2, 1, 0}
	bias := []float32{0.5, -4}
	// row 0: (1+0+3, -1+4+0) + b = (4.5, -1); row 1: (-1+0+2, 1+0+0) + b = (1.5, -3)
	tests := []struct {
		activation string
		want       []float32
	}{
		{"linear", []float32{4.5, -1, 1.5, -3}},
		{"relu", []float32{4.5, 0, 1.5, 0}},
		{"tanh", []float32{float32(math.Tanh(4.5)), float32(math.Tanh(-1)), float32(math.Tanh(1.5)), float32(math.Tanh(-3))}},
	}
	for _, tt := range tests {
		d := layers.NewDense(2, tt.activation)
		assert.Equal(t, []int{2}, build(t, d, 3))
		setWeights(t, d, kernel, bias)
		y := d.Call(inference(), ag.Const(x))
		assert.Equal(t, []int{2, 2}, y.Shape())
		assert.InDeltaSlice(t, tt.want, y.Data(), 1e-6, tt.activation)
	}

	cfg := layers.DefaultDenseConfig()
	cfg.Units, cfg.UseBias = 2, false
	d := layers.NewDenseWith(cfg)
	build(t, d, 3)
	require.Len(t, d.Weights(), 1)
	setWeights(t, d, kernel)
	assert.Equal(t, []float32{4, 3, 1, 1}, d.Call(inference(), ag.Const(x)).Data())

	sm := layers.NewDense(2, "softmax")
	build(t, sm, 3)
	setWeights(t, sm, kernel, bias)
	y := sm.Call(inference(), ag.Const(x))
	assert.Equal(t, "softmax", y.Op(), "losses find the logits under the softmax op")
	assert.InDelta(t, 1/(1+math.Exp(-5.5)), y.Data()[0], 1e-6)
}

// TestDense_Rank3: on (batch, T, in) Dense acts on the last axis, like a
// Dense applied to each of the batch·T rows.
func TestDense_Rank3(t *testing.T) {
	d := layers.NewDense(4, "sigmoid")
	assert.Equal(t, []int{5, 4}, build(t, d, 5, 3))
	x := data(2, 5, 3)
	y := d.Call(inference(), ag.Const(x))
	require.Equal(t, []int{2, 5, 4}, y.Shape())
	rows := d.Call(inference(), ag.Const(x.Reshape(10, 3))) // (10, 4)
	assert.Equal(t, rows.Data(), y.Data())
}

func TestDense_Grad(t *testing.T) {
	tests := []struct {
		activation string
		useBias    bool
		in         []int // example shape
	}{
		{"linear", true, []int{3}},
		{"tanh", true, []int{3}},
		{"sigmoid", false, []int{4}},
		{"softmax", true, []int{3}},
		{"linear", true, []int{2, 3}},
	}
	for _, tt := range tests {
		cfg := layers.DefaultDenseConfig()
		cfg.Units, cfg.Activation, cfg.UseBias = 3, tt.activation, tt.useBias
		cfg.BiasInitializer = initializers.RandomNormal{Stddev: 0.5}
		d := layers.NewDenseWith(cfg)
		build(t, d, tt.in...)
		checkGrad(t, d, inference, data(append([]int{2}, tt.in...)...))
	}
}

func TestDense_Build(t *testing.T) {
	d := layers.NewDense(3, "relu")
	d.SetName("dense_1")
	out, err := d.Build([]int{28, 5}, rng.New(1))
	require.NoError(t, err)
	assert.Equal(t, []int{28, 3}, out)
	ws := d.Weights()
	require.Len(t, ws, 2)
	assert.Equal(t, "dense_1/kernel", ws[0].Name)
	assert.Equal(t, []int{5, 3}, ws[0].Shape())
	assert.Equal(t, "dense_1/bias", ws[1].Name)
	assert.Equal(t, []int{3}, ws[1].Shape())
	assert.True(t, ws[0].RequiresGrad())

	// Building again makes new weights from new draws.
	first := ws[0].Value.Clone()
	r := rng.New(1)
	_, err = d.Build([]int{5}, r)
	require.NoError(t, err)
	assert.NotSame(t, ws[0], d.Weights()[0])
	assert.Equal(t, first.Data, d.Weights()[0].Data(), "same seed, same kernel")
	_, err = d.Build([]int{5}, r)
	require.NoError(t, err)
	assert.NotEqual(t, first.Data, d.Weights()[0].Data(), "next draws, new kernel")
}

// TestDense_InitOrder: the kernel is drawn first, then the bias, from the
// same generator, with the Keras fans.
func TestDense_InitOrder(t *testing.T) {
	cfg := layers.DefaultDenseConfig()
	cfg.Units = 3
	cfg.KernelInitializer = initializers.HeNormal{}
	cfg.BiasInitializer = initializers.RandomUniform{Minval: -1, Maxval: 1}
	d := layers.NewDenseWith(cfg)
	build(t, d, 4)
	r := rng.New(1)
	kernel := initializers.HeNormal{}.Init(r, []int{4, 3}, 4, 3)
	bias := initializers.RandomUniform{Minval: -1, Maxval: 1}.Init(r, []int{3}, 3, 3)
	assert.Equal(t, kernel.Data, d.Weights()[0].Data())
	assert.Equal(t, bias.Data, d.Weights()[1].Data())
}

func TestDense_BuildErrors(t *testing.T) {
	tests := []struct {
		name  string
		layer func() layers.Layer
		shape []int
		r     *rng.Rand
		msg   string
	}{
		{"scalar input", func() layers.Layer { return layers.NewDense(3, "") }, []int{}, rng.New(1), "last axis"},
		{"empty input", func() layers.Layer { return layers.NewDense(3, "") }, []int{0}, rng.New(1), "last axis"},
		{"zero units", func() layers.Layer { return layers.NewDense(0, "") }, []int{4}, rng.New(1), "units must be positive"},
		{"bad activation", func() layers.Layer { return layers.NewDense(3, "rleu") }, []int{4}, rng.New(1), `unknown activation "rleu"`},
		{"no generator", func() layers.Layer { return layers.NewDense(3, "") }, []int{4}, nil, "kernel initializer glorot_uniform"},
		{"identity bias", func() layers.Layer {
			cfg := layers.DefaultDenseConfig()
			cfg.Units, cfg.BiasInitializer = 3, initializers.Identity{Gain: 1}
			return layers.NewDenseWith(cfg)
		}, []int{4}, rng.New(1), "bias initializer identity"},
		{"zero config", func() layers.Layer { return layers.NewDenseWith(layers.DenseConfig{Units: 2}) }, []int{4}, rng.New(1), "missing initializer"},
		{"declared shape", func() layers.Layer {
			d := layers.NewDense(3, "")
			d.SetInputShape(5)
			return d
		}, []int{4}, rng.New(1), "declared input shape (5,), built on (4,)"},
	}
	for _, tt := range tests {
		l := tt.layer()
		l.SetName("dense_7")
		_, err := l.Build(tt.shape, tt.r)
		require.Error(t, err, tt.name)
		assert.ErrorContains(t, err, `Dense "dense_7"`, tt.name)
		assert.ErrorContains(t, err, tt.msg, tt.name)
	}
}

func TestDense_CallErrors(t *testing.T) {
	d := layers.NewDense(3, "")
	assert.PanicsWithError(t, "layers: Dense: Call before Build", func() { d.Call(inference(), ag.Const(data(2, 4))) })
	build(t, d, 4)
	for _, shape := range [][]int{{2, 5}, {4}, {2, 4, 5}} {
		assert.Panics(t, func() { d.Call(inference(), ag.Const(data(shape...))) }, "shape %v", shape)
		func() {
			defer func() { assert.ErrorIs(t, recover().(error), tensor.ErrShape) }()
			d.Call(inference(), ag.Const(data(shape...)))
		}()
	}
}
