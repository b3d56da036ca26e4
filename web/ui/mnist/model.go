//go:build js && wasm

package main

import (
	"syscall/js"

	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
)

// mlpConfig says which multilayer perceptron to make.
type mlpConfig struct {
	Hidden  int     // units of the hidden Dense layer
	Dropout float64 // rate of the Dropout after it
	Seed    int     // the model's PRNG seed
}

// newMLP makes and compiles Dense(Hidden, relu) → Dropout → Dense(10,
// softmax) on 784 inputs, with RMSprop and categorical cross-entropy, as
// Keras' mnist_mlp example (which has two hidden layers of 512).
func newMLP(e *jsapi.Engine, c mlpConfig) (*jsapi.Model, error) {
	var specs []js.Value
	for _, l := range []struct {
		kind string
		opts map[string]any
	}{
		{"dense", map[string]any{"units": c.Hidden, "activation": "relu", "inputShape": []int{mnistdata.Pixels}}},
		{"dropout", map[string]any{"rate": c.Dropout}},
		{"dense", map[string]any{"units": mnistdata.Classes, "activation": "softmax"}},
	} {
		spec, err := jsapi.Layer(l.kind, l.opts)
		if err != nil {
			return nil, err
		}
		specs = append(specs, spec)
	}
	m, err := e.Sequential(specs, c.Seed)
	if err != nil {
		return nil, err
	}
	err = m.Compile(map[string]any{
		"optimizer": "rmsprop", "loss": "categorical_crossentropy", "metrics": []any{"accuracy"}})
	if err != nil {
		m.Dispose()
		return nil, err
	}
	return m, nil
}
