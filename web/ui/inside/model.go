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

// smallCNN is small enough to train in seconds and to show whole.
var smallCNN = []layer{
	{"conv2d", map[string]any{"filters": 8, "kernelSize": []int{3, 3}, "activation": "relu", "inputShape": []int{28, 28, 1}}}, // (26, 26, 8)
	{"maxPooling2d", map[string]any{"poolSize": []int{2, 2}}},                                                                 // (13, 13, 8)
	{"conv2d", map[string]any{"filters": 16, "kernelSize": []int{3, 3}, "activation": "relu"}},                                // (11, 11, 16)
	{"maxPooling2d", map[string]any{"poolSize": []int{2, 2}}},                                                                 // (5, 5, 16)
	{"flatten", map[string]any{}},                                   // (400)
	{"dense", map[string]any{"units": 10, "activation": "softmax"}}, // (10)
}

// The layers the page shows specially.
const (
	firstConv, secondConv = 0, 2
	outputLayer           = 5
)

// newCNN makes and compiles the network with the seed (Keras' Adam).
func newCNN(e *jsapi.Engine, seed int) (*jsapi.Model, error) {
	specs := make([]js.Value, len(smallCNN))
	for i, l := range smallCNN {
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
	if err := m.Compile(map[string]any{"optimizer": "adam", "loss": "categorical_crossentropy",
		"metrics": []any{"accuracy"}}); err != nil {
		m.Dispose()
		return nil, err
	}
	return m, nil
}
