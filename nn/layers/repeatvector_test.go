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

func TestRepeatVector_Shapes(t *testing.T) {
	tests := []struct {
		n       int
		in      []int // one example
		want    []int
		wantErr string
	}{
		{n: 4, in: []int{128}, want: []int{4, 128}},
		{n: 1, in: []int{3}, want: []int{1, 3}},
		{n: 3, in: []int{2, 3}, wantErr: "(batch, features)"},
		{n: 3, in: []int{}, wantErr: "(batch, features)"},
		{n: 0, in: []int{3}, wantErr: "n must be positive"},
		{n: 1 << 40, in: []int{1 << 30}, wantErr: "too large"},
	}
	for _, tt := range tests {
		l := layers.NewRepeatVector(tt.n)
		out, err := l.Build(tt.in, rng.New(1))
		if tt.wantErr != "" {
			assert.ErrorContains(t, err, tt.wantErr, "n %d on %v", tt.n, tt.in)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tt.want, out)
		y := l.Call(inference(), ag.Const(data(append([]int{2}, tt.in...)...)))
		assert.Equal(t, append([]int{2}, tt.want...), y.Shape())
	}
}

// TestRepeatVector_Values: every step of the output is the input row.
func TestRepeatVector_Values(t *testing.T) {
	l := layers.NewRepeatVector(3)
	build(t, l, 2)
	y := l.Call(inference(), ag.Const(tensor.From([]float32{1, 2, 3, 4}, 2, 2)))
	assert.Equal(t, []float32{1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4}, y.Data())
	assert.Nil(t, l.Weights())
}

func TestRepeatVector_Grad(t *testing.T) {
	l := layers.NewRepeatVector(3)
	build(t, l, 4)
	checkGrad(t, l, inference, data(2, 4))
}

func TestRepeatVector_Config(t *testing.T) {
	l := layers.NewRepeatVector(4)
	l.SetName("rv")
	assert.Equal(t, map[string]any{"name": "rv", "trainable": true, "dtype": "float32", "n": 4}, l.Config())
	back := roundTrip(t, l).(*layers.RepeatVector)
	assert.Equal(t, 4, back.N)
	assert.Equal(t, "rv", back.Name())
	_, err := layers.FromConfig("RepeatVector", json.RawMessage(`{"n": 0}`))
	assert.ErrorContains(t, err, "n must be positive")
	_, err = layers.FromConfig("RepeatVector", json.RawMessage(`{"n": 2, "times": 3}`))
	assert.ErrorContains(t, err, "unknown key")
}
