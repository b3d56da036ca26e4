//go:build js && wasm

package main

import (
	"syscall/js"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
)

// kind is one forecaster of the comparison.
type kind struct {
	key  string // ids and classes: row-<key>, legend-<key>
	name string
	conv bool // a Conv1D stack that sees its receptive field only
}

// kinds are the models compared, trained in this order.
var kinds = []kind{
	{key: "simple-rnn", name: "SimpleRNN(32)"},
	{key: "lstm", name: "LSTM(32)"},
	{key: "gru", name: "GRU(32)"},
	{key: "conv1d", name: "Conv1D", conv: true},
}

// convName names a Conv1D stack: "Conv1D(32, k=3)", "Conv1D(32, k=6) ×2".
func convName(kernel, depth int) string {
	n := "Conv1D(" + format.Itoa(units) + ", k=" + format.Itoa(kernel) + ")"
	if depth > 1 {
		n += " ×" + format.Itoa(depth)
	}
	return n
}

// layerSpec is a gonn.layers builder and its options.
type layerSpec struct {
	kind string
	opts map[string]any
}

// specs are the layers of k for windows of steps (its receptive field, for
// a Conv1D stack): a recurrent layer over the whole window then a linear
// Dense(1); or valid Conv1D layers with ReLU, whose last output is one
// step, then Flatten and a linear Dense(1).
func specs(k kind, steps, kernel, depth int) []layerSpec {
	input := layerSpec{"input", map[string]any{"shape": []int{steps, 1}}}
	out := layerSpec{"dense", map[string]any{"units": 1}}
	switch k.key {
	case "simple-rnn":
		return []layerSpec{input, {"simpleRNN", map[string]any{"units": units}}, out}
	case "lstm":
		return []layerSpec{input, {"lstm", map[string]any{"units": units}}, out}
	case "gru":
		return []layerSpec{input, {"gru", map[string]any{"units": units}}, out}
	}
	l := []layerSpec{input}
	for range depth {
		l = append(l, layerSpec{"conv1d", map[string]any{"filters": units, "kernelSize": kernel, "activation": "relu"}})
	}
	return append(l, layerSpec{"flatten", map[string]any{}}, out)
}

// newModel makes and compiles a model of specs with seed: Adam, mean
// squared error, mean absolute error as a metric.
func newModel(e *jsapi.Engine, layers []layerSpec, seed int) (*jsapi.Model, error) {
	s := make([]js.Value, len(layers))
	for i, l := range layers {
		var err error
		if s[i], err = jsapi.Layer(l.kind, l.opts); err != nil {
			return nil, err
		}
	}
	m, err := e.Sequential(s, seed)
	if err != nil {
		return nil, err
	}
	if err := m.Compile(map[string]any{"optimizer": "adam", "loss": "mse", "metrics": []any{"mae"}}); err != nil {
		m.Dispose()
		return nil, err
	}
	return m, nil
}
