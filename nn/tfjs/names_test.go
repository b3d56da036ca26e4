package tfjs

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

func TestTFJSName(t *testing.T) {
	cases := []struct{ gonn, tfjs string }{
		{"dense/kernel", "dense/kernel"},
		{"dense_Dense1/bias", "dense_Dense1/bias"},
		{"lstm/lstm_cell/kernel", "lstm/kernel"},
		{"gru_1/gru_cell/recurrent_kernel", "gru_1/recurrent_kernel"},
		{"bidirectional/forward_lstm/lstm_cell/bias", "bidirectional/forward_lstm/bias"},
		{"time_distributed/kernel", "time_distributed/kernel"},
		{"batch_normalization/moving_mean", "batch_normalization/moving_mean"},
		{"a_cell/b", "a_cell/b"}, // a layer named like a cell keeps its name
	}
	for _, c := range cases {
		assert.Equal(t, c.tfjs, tfjsName(c.gonn), c.gonn)
	}
}

// TestWeightsByName_Find: manifest names are found by TF.js' rules.
func TestWeightsByName_Find(t *testing.T) {
	w := func(name string) *ag.Var { return ag.Param(tensor.New(1), name) }
	idx, err := indexWeights([]*ag.Var{w("dense/kernel"), w("lstm/lstm_cell/kernel"), w("bidirectional/backward_gru/gru_cell/bias")})
	require.NoError(t, err)
	cases := []struct{ manifest, want string }{
		{"dense/kernel", "dense/kernel"},
		{"dense/kernel:0", "dense/kernel"},
		{"lstm/kernel", "lstm/kernel"},
		{"lstm/lstm_cell/kernel", "lstm/kernel"},
		{"lstm/lstm_cell/kernel:0", "lstm/kernel"},
		{"bidirectional/backward_gru/bias", "bidirectional/backward_gru/bias"},
		{"bidirectional/backward_gru/gru_cell/bias", "bidirectional/backward_gru/bias"},
		{"dense/bias", ""},
		{"kernel", ""},
		{"sequential/dense/kernel", ""}, // a model prefix is not one of TF.js' rules
	}
	for _, c := range cases {
		assert.Equal(t, c.want, idx.find(c.manifest), c.manifest)
	}

	_, err = indexWeights([]*ag.Var{w("lstm/lstm_cell/kernel"), w("lstm/kernel")})
	assert.ErrorIs(t, err, ErrFormat)
	assert.ErrorContains(t, err, `two weights named "lstm/kernel"`)
}
