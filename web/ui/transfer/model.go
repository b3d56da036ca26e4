//go:build js && wasm

package main

import (
	"syscall/js"

	"gonn/web/ui/internal/jsapi"
)

// layer is one layer: a gonn.layers builder and its options.
type layer struct {
	kind string
	opts map[string]any
}

// transferCNN is nn/models.MNISTTransfer(5): the first `features` layers
// extract features, the rest classify.
var transferCNN = []layer{
	{"conv2d", map[string]any{"filters": 32, "kernelSize": []int{3, 3}, "activation": "relu", "inputShape": []int{28, 28, 1}}}, // (26, 26, 32)
	{"conv2d", map[string]any{"filters": 32, "kernelSize": []int{3, 3}, "activation": "relu"}},                                 // (24, 24, 32)
	{"maxPooling2d", map[string]any{"poolSize": []int{2, 2}}},                                                                  // (12, 12, 32)
	{"dropout", map[string]any{"rate": 0.25}},
	{"flatten", map[string]any{}},                                 // (4608)
	{"dense", map[string]any{"units": 128, "activation": "relu"}}, // (128)
	{"dropout", map[string]any{"rate": 0.5}},
	{"dense", map[string]any{"units": 5, "activation": "softmax"}}, // (5)
}

// adadelta is Adadelta with Keras 2's learning rate 1.0 (nn/models.Adadelta1).
var adadelta = map[string]any{"className": "Adadelta", "config": map[string]any{"learning_rate": 1.0, "rho": 0.95}}

// compileOptions are those of both compiles.
func compileOptions() map[string]any {
	return map[string]any{"optimizer": adadelta, "loss": "categorical_crossentropy", "metrics": []any{"accuracy"}}
}

// newModel makes and compiles the network with the seed.
func newModel(e *jsapi.Engine, seed int) (*jsapi.Model, error) {
	specs := make([]js.Value, len(transferCNN))
	for i, l := range transferCNN {
		spec, err := jsapi.Layer(l.kind, l.opts)
		if err != nil {
			return nil, err
		}
		specs[i] = spec
	}
	m, err := e.Sequential(specs, seed)
	if err != nil {
		return nil, err
	}
	if err := m.Compile(compileOptions()); err != nil {
		m.Dispose()
		return nil, err
	}
	return m, nil
}

// freeze makes the feature layers untrainable and compiles again, so that
// training picks the flags up (Keras' rule).
func freeze(m *jsapi.Model) error {
	for i := range features {
		if err := m.SetTrainable(i, false); err != nil {
			return err
		}
	}
	return m.Compile(compileOptions())
}
