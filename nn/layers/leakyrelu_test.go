package layers_test

import (
	"encoding/json"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLeakyReLU_Forward(t *testing.T) {
	x := tensor.From([]float32{-10, -5, 0, 5, 10, -0.5}, 2, 3)
	tests := []struct {
		slope float64
		want  []float32
	}{
		{0.3, []float32{-3, -1.5, 0, 5, 10, -0.15}},
		{0.5, []float32{-5, -2.5, 0, 5, 10, -0.25}}, // Keras' docstring example
		{0, []float32{0, 0, 0, 5, 10, 0}},
	}
	for _, tt := range tests {
		l := layers.NewLeakyReLU(tt.slope)
		assert.Equal(t, []int{3}, build(t, l, 3))
		y := l.Call(inference(), ag.Const(x))
		assert.Equal(t, []int{2, 3}, y.Shape())
		assert.InDeltaSlice(t, tt.want, y.Data(), 1e-6, "slope %g", tt.slope)
	}
}

func TestLeakyReLU_Grad(t *testing.T) {
	l := layers.NewLeakyReLU(0.3)
	build(t, l, 4, 3)
	checkGrad(t, l, inference, data(2, 4, 3)) // no value near 0
}

func TestLeakyReLU_Config(t *testing.T) {
	l := layers.NewLeakyReLU(0.3)
	assert.Equal(t, "LeakyReLU", l.ClassName())
	assert.Equal(t, map[string]any{"name": "", "trainable": true, "dtype": "float32", "negative_slope": 0.3}, l.Config())
	assert.Nil(t, l.Weights())

	tests := []struct {
		config string
		slope  float64
	}{
		{`{}`, 0.3}, // Keras' default
		{`{"negative_slope": 0.2}`, 0.2},
		{`{"name": "leaky_re_lu", "trainable": true, "dtype": "float32", "alpha": 0.1}`, 0.1}, // Keras 2, TF.js
		{`{"alpha": 0.1, "negative_slope": 0.1}`, 0.1},
	}
	for _, tt := range tests {
		got, err := layers.FromConfig("LeakyReLU", json.RawMessage(tt.config))
		require.NoError(t, err, tt.config)
		assert.Equal(t, tt.slope, got.(*layers.LeakyReLU).NegativeSlope, tt.config)
	}

	l.SetName("my_leaky")
	assert.Equal(t, l.Config(), roundTrip(t, l).Config())
	alpha := layers.NewLeakyReLU(0.01)
	assert.Equal(t, alpha.Config(), roundTrip(t, alpha).Config())
}

func TestLeakyReLU_Errors(t *testing.T) {
	for _, tt := range []struct{ config, msg string }{
		{`{"negative_slope": -0.1}`, "negative_slope must be a number >= 0, got -0.1"},
		{`{"alpha": 0.1, "negative_slope": 0.2}`, "negative_slope 0.2 and alpha 0.1 disagree"},
		{`{"negative_slope": "big"}`, "layers: LeakyReLU config: negative_slope"},
		{`{"slope": 0.1}`, `unknown key "slope"`},
	} {
		_, err := layers.FromConfig("LeakyReLU", json.RawMessage(tt.config))
		assert.ErrorContains(t, err, tt.msg, tt.config)
	}
	l := layers.NewLeakyReLU(-1)
	l.SetName("leaky_3")
	_, err := l.Build([]int{3}, rng.New(1))
	assert.ErrorContains(t, err, `LeakyReLU "leaky_3": negative_slope must be a number >= 0`)
	assert.PanicsWithError(t, "layers: LeakyReLU: Call before Build", func() {
		layers.NewLeakyReLU(0.3).Call(inference(), ag.Const(data(1, 3)))
	})
}
