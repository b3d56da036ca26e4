//go:build js && wasm

package main

import (
	"syscall/js"

	"gonn/web/ui/internal/jsapi"
)

// layer is one layer of the network: a gonn.layers builder and its options.
type layer struct {
	kind string
	opts map[string]any
}

// mnistCNN is Keras' mnist_cnn example, channels last.
var mnistCNN = []layer{
	{"conv2d", map[string]any{"filters": 32, "kernelSize": []int{3, 3}, "activation": "relu", "inputShape": []int{28, 28, 1}}},
	{"conv2d", map[string]any{"filters": 64, "kernelSize": []int{3, 3}, "activation": "relu"}},
	{"maxPooling2d", map[string]any{"poolSize": []int{2, 2}}},
	{"dropout", map[string]any{"rate": 0.25}},
	{"flatten", map[string]any{}},
	{"dense", map[string]any{"units": 128, "activation": "relu"}},
	{"dropout", map[string]any{"rate": 0.5}},
	{"dense", map[string]any{"units": 10, "activation": "softmax"}},
}

// adadelta is the optimizer of the Keras 2 example: Adadelta() had
// learning rate 1.0 then; Keras 3's default is 0.001.
var adadelta = map[string]any{
	"className": "Adadelta",
	"config":    map[string]any{"learning_rate": 1.0, "rho": 0.95},
}

// newCNN makes and compiles the network with the seed.
func newCNN(e *jsapi.Engine, seed int) (*jsapi.Model, error) {
	specs := make([]js.Value, len(mnistCNN))
	for i, l := range mnistCNN {
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
	err = m.Compile(map[string]any{
		"optimizer": adadelta, "loss": "categorical_crossentropy", "metrics": []any{"accuracy"}})
	if err != nil {
		m.Dispose()
		return nil, err
	}
	return m, nil
}
