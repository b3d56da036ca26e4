//go:build js && wasm

package main

import (
	"syscall/js"

	"gonn/web/ui/internal/jsapi"
)

// layerSpec is one gonn.layers builder and its options.
type layerSpec struct {
	kind string
	opts map[string]any
}

// newLSTMModel makes the sequence model, as models.SentimentLSTM:
//
//	(batch, maxLen) ids → Embedding(inputDim, 16, mask_zero) → (batch, maxLen, 16)
//	→ LSTM(32) → (batch, 32) → Dense(1, sigmoid) → (batch, 1)
func newLSTMModel(e *jsapi.Engine, inputDim, maxLen, seed int) (*jsapi.Model, error) {
	return newModel(e, seed, []layerSpec{
		{"input", map[string]any{"shape": []int{maxLen}}},
		{"embedding", map[string]any{"inputDim": inputDim, "outputDim": embeddingDim, "maskZero": true}},
		{"lstm", map[string]any{"units": lstmUnits}},
		{"dense", map[string]any{"units": 1, "activation": "sigmoid"}},
	})
}

// newBagModel makes the baseline, as models.SentimentBagOfWords:
//
//	(batch, inputDim) word counts → Dense(32, relu) → Dense(1, sigmoid) → (batch, 1)
func newBagModel(e *jsapi.Engine, inputDim, seed int) (*jsapi.Model, error) {
	return newModel(e, seed, []layerSpec{
		{"input", map[string]any{"shape": []int{inputDim}}},
		{"dense", map[string]any{"units": bagUnits, "activation": "relu"}},
		{"dense", map[string]any{"units": 1, "activation": "sigmoid"}},
	})
}

// newModel makes a Sequential model of layers seeded with seed and
// compiles it as the comparison does (sentiment.Compile): Adam at
// learningRate, binary cross-entropy, accuracy.
func newModel(e *jsapi.Engine, seed int, layers []layerSpec) (*jsapi.Model, error) {
	specs := make([]js.Value, len(layers))
	for i, l := range layers {
		var err error
		if specs[i], err = jsapi.Layer(l.kind, l.opts); err != nil {
			return nil, err
		}
	}
	m, err := e.Sequential(specs, seed)
	if err != nil {
		return nil, err
	}
	err = m.Compile(map[string]any{
		"optimizer": map[string]any{"className": "Adam", "config": map[string]any{"learning_rate": learningRate}},
		"loss":      "binary_crossentropy",
		"metrics":   []any{"accuracy"},
	})
	if err != nil {
		m.Dispose()
		return nil, err
	}
	return m, nil
}
