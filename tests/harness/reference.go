package harness

import (
	"encoding/json"
	"fmt"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"
)

// ReferenceSpec is the model of the bit-identity tests: 784-64 relu,
// dropout 0.2, 10 softmax, seed 42. The JavaScript scenarios build the same
// net with gonn.layers (tests/node/scenarios.mjs, referenceLayers).
const ReferenceSpec = `{"seed": 42, "layers": [
	{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 784]}},
	{"class_name": "Dense", "config": {"units": 64, "activation": "relu"}},
	{"class_name": "Dropout", "config": {"rate": 0.2}},
	{"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}}]}`

// ReferenceExamples is how many MNIST training images the reference fit
// uses: one epoch of 20 batches of 32.
const ReferenceExamples = 640

// NativeHash builds spec's model in-process with nn (each layer through
// layers.FromConfig, as the engine does), trains it one epoch in batches of
// 32 with Adam and categorical cross-entropy on x (N, 784) and one-hot y
// (N, 10), and returns its weights' hash as gonn_weights_hash prints it.
func NativeHash(spec string, x, y []float32) (string, error) {
	var s struct {
		Seed   uint64
		Layers []struct {
			ClassName string          `json:"class_name"`
			Config    json.RawMessage `json:"config"`
		}
	}
	if err := json.Unmarshal([]byte(spec), &s); err != nil {
		return "", err
	}
	var ls []layers.Layer
	for _, l := range s.Layers {
		layer, err := layers.FromConfig(l.ClassName, l.Config)
		if err != nil {
			return "", err
		}
		ls = append(ls, layer)
	}
	m := nn.NewSequential(ls...)
	m.SetSeed(s.Seed)
	if err := m.Build(); err != nil {
		return "", err
	}
	loss, err := losses.Get("categorical_crossentropy")
	if err != nil {
		return "", err
	}
	if err := m.Compile(optimizers.NewAdam(), loss, "accuracy"); err != nil {
		return "", err
	}
	n := len(x) / 784
	if _, err := m.Fit(tensor.From(x, n, 784), tensor.From(y, n, 10), nn.FitConfig{Epochs: 1, BatchSize: 32}); err != nil {
		return "", err
	}
	return fmt.Sprintf("%016x", m.WeightsHash()), nil
}
