//go:build js && wasm

package main

import (
	"syscall/js"

	"gonn/nn/datasets/addition"
	"gonn/web/ui/internal/jsapi"
)

// newModel makes and compiles the recipe's network for questions of cfg,
// seeded with seed: the one-hot question (QueryLen, 12) → LSTM(128), the
// encoder, whose last state sums the question up → RepeatVector(AnswerLen)
// → LSTM(128, return_sequences), the decoder → TimeDistributed(Dense(12,
// softmax)), one character of the answer per step. Adam, categorical
// cross-entropy, accuracy per character: Keras' addition_rnn.
func newModel(e *jsapi.Engine, cfg addition.Config, seed int) (*jsapi.Model, error) {
	chars := len(addition.Chars)
	dense, err := jsapi.Layer("dense", map[string]any{"units": chars, "activation": "softmax"})
	if err != nil {
		return nil, err
	}
	layers := []struct {
		kind string
		opts map[string]any
	}{
		{"input", map[string]any{"shape": []int{cfg.QueryLen(), chars}}},
		{"lstm", map[string]any{"units": hidden}},
		{"repeatVector", map[string]any{"n": cfg.AnswerLen()}},
		{"lstm", map[string]any{"units": hidden, "returnSequences": true}},
		{"timeDistributed", map[string]any{"layer": dense}},
	}
	specs := make([]js.Value, len(layers))
	for i, l := range layers {
		if specs[i], err = jsapi.Layer(l.kind, l.opts); err != nil {
			return nil, err
		}
	}
	m, err := e.Sequential(specs, seed)
	if err != nil {
		return nil, err
	}
	err = m.Compile(map[string]any{"optimizer": "adam", "loss": "categorical_crossentropy", "metrics": []any{"accuracy"}})
	if err != nil {
		m.Dispose()
		return nil, err
	}
	return m, nil
}
