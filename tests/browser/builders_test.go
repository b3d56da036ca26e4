package browser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNode_Builders makes models of every image, sequence and recurrent layer builder
// of gonn.layers (testdata/builders.mjs) and checks what the engine made of
// them: the Keras class of each layer, its parameters, the output shape and
// the weights, so that a builder's class name or its camelCase → snake_case
// options cannot be wrong unnoticed.
func TestNode_Builders(t *testing.T) {
	t.Parallel()
	type layer struct {
		ClassName string `json:"className"`
		Params    int    `json:"params"`
	}
	type weight struct {
		Name      string `json:"name"`
		Shape     []int  `json:"shape"`
		Trainable bool   `json:"trainable"`
	}
	type report struct {
		Layers          []layer  `json:"layers"`
		Shapes          []string `json:"shapes"`
		OutputShape     []int    `json:"outputShape"`
		Weights         []weight `json:"weights"`
		PredictionShape []int    `json:"predictionShape"`
	}
	var out map[string]report
	runNodeScenario(t, "builders.mjs", "builders", nil, &out)

	want := map[string]report{
		"image": {
			Layers: []layer{
				{"Conv2D", 3*3*3*4 + 4},       // (8, 8, 3) → (8, 8, 4), same padding
				{"BatchNormalization", 4 * 4}, // gamma, beta, moving mean and variance
				{"LeakyReLU", 0},
				{"ZeroPadding2D", 0},               // → (9, 9, 4)
				{"MaxPooling2D", 0},                // 2×2, stride 1 → (8, 8, 4)
				{"AveragePooling2D", 0},            // → (4, 4, 4)
				{"UpSampling2D", 0},                // → (8, 8, 4)
				{"Conv2DTranspose", 3 * 3 * 2 * 4}, // stride 2, same, no bias → (16, 16, 2)
				{"GlobalMaxPooling2D", 0},          // keepdims → (1, 1, 2)
				{"Flatten", 0},                     // → (2)
			},
			Shapes: []string{"(None, 8, 8, 4)", "(None, 8, 8, 4)", "(None, 8, 8, 4)", "(None, 9, 9, 4)", "(None, 8, 8, 4)",
				"(None, 4, 4, 4)", "(None, 8, 8, 4)", "(None, 16, 16, 2)", "(None, 1, 1, 2)", "(None, 2)"},
			OutputShape: []int{2},
			Weights: []weight{
				{"conv2d/kernel", []int{3, 3, 3, 4}, true},
				{"conv2d/bias", []int{4}, true},
				{"batch_normalization/gamma", []int{4}, true},
				{"batch_normalization/beta", []int{4}, true},
				{"batch_normalization/moving_mean", []int{4}, false},
				{"batch_normalization/moving_variance", []int{4}, false},
				{"conv2d_transpose/kernel", []int{3, 3, 2, 4}, true}, // (kh, kw, filters, in) as Keras
			},
			PredictionShape: []int{2, 2},
		},
		"augment": {
			Layers: []layer{{"RandomFlip", 0}, {"RandomRotation", 0}, {"RandomTranslation", 0}, {"RandomZoom", 0},
				{"RandomContrast", 0}, {"Flatten", 0}},
			Shapes: []string{"(None, 6, 6, 1)", "(None, 6, 6, 1)", "(None, 6, 6, 1)", "(None, 6, 6, 1)", "(None, 6, 6, 1)",
				"(None, 36)"},
			OutputShape:     []int{36},
			PredictionShape: []int{2, 36},
		},
		"pooled": {
			Layers:          []layer{{"GlobalAveragePooling2D", 0}},
			Shapes:          []string{"(None, 2)"},
			OutputShape:     []int{2},
			PredictionShape: []int{2, 2},
		},
		"sequence": {
			Layers: []layer{
				{"Conv1D", 3*3*2 + 2}, // (10, 3) → (10, 2), causal
				{"LeakyReLU", 0},
				{"MaxPooling1D", 0},           // → (5, 2)
				{"AveragePooling1D", 0},       // same → (3, 2)
				{"GlobalAveragePooling1D", 0}, // → (2)
			},
			Shapes:          []string{"(None, 10, 2)", "(None, 10, 2)", "(None, 5, 2)", "(None, 3, 2)", "(None, 2)"},
			OutputShape:     []int{2},
			Weights:         []weight{{"conv1d/kernel", []int{3, 3, 2}, true}, {"conv1d/bias", []int{2}, true}},
			PredictionShape: []int{2, 2},
		},
		"steps": {
			Layers:          []layer{{"GlobalMaxPooling1D", 0}},
			Shapes:          []string{"(None, 3)"},
			OutputShape:     []int{3},
			PredictionShape: []int{2, 3},
		},
		"recurrent": {
			Layers: []layer{
				{"Embedding", 20 * 4},
				{"Bidirectional", 2 * 4 * (4*3 + 3*3 + 3)}, // two LSTM(3) on 4 features
				{"TimeDistributed", 6*2 + 2},
				{"GRU", 3*3*(2+3) + 2*3*3}, // reset_after: bias (2, 3·units)
				{"RepeatVector", 0},
				{"SimpleRNN", 3*2 + 2*2 + 2},
			},
			Shapes:      []string{"(None, 5, 4)", "(None, 5, 6)", "(None, 5, 2)", "(None, 3)", "(None, 2, 3)", "(None, 2)"},
			OutputShape: []int{2},
			Weights: []weight{
				{"embedding/embeddings", []int{20, 4}, true},
				{"bidirectional/forward_lstm/lstm_cell/kernel", []int{4, 12}, true},
				{"bidirectional/forward_lstm/lstm_cell/recurrent_kernel", []int{3, 12}, true},
				{"bidirectional/forward_lstm/lstm_cell/bias", []int{12}, true},
				{"bidirectional/backward_lstm/lstm_cell/kernel", []int{4, 12}, true},
				{"bidirectional/backward_lstm/lstm_cell/recurrent_kernel", []int{3, 12}, true},
				{"bidirectional/backward_lstm/lstm_cell/bias", []int{12}, true},
				{"time_distributed/kernel", []int{6, 2}, true},
				{"time_distributed/bias", []int{2}, true},
				{"gru/gru_cell/kernel", []int{2, 9}, true},
				{"gru/gru_cell/recurrent_kernel", []int{3, 9}, true},
				{"gru/gru_cell/bias", []int{2, 9}, true},
				{"simple_rnn/simple_rnn_cell/kernel", []int{3, 2}, true},
				{"simple_rnn/simple_rnn_cell/recurrent_kernel", []int{2, 2}, true},
				{"simple_rnn/simple_rnn_cell/bias", []int{2}, true},
			},
			PredictionShape: []int{2, 2},
		},
		"masked": {
			Layers:      []layer{{"Masking", 0}, {"LSTM", 4 * (2*2 + 2*2 + 2)}},
			Shapes:      []string{"(None, 4, 2)", "(None, 2)"},
			OutputShape: []int{2},
			Weights: []weight{
				{"lstm/lstm_cell/kernel", []int{2, 8}, true},
				{"lstm/lstm_cell/recurrent_kernel", []int{2, 8}, true},
				{"lstm/lstm_cell/bias", []int{8}, true},
			},
			PredictionShape: []int{2, 2},
		},
	}
	require.Len(t, out, len(want))
	for name, w := range want {
		got := out[name]
		if len(got.Weights) == 0 {
			got.Weights = nil // no weights: [] in JSON, nil in want
		}
		assert.Equal(t, w, got, name)
	}
}
