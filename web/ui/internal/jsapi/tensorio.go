//go:build js && wasm

package jsapi

import (
	"encoding/binary"
	"math"
	"syscall/js"
)

// PredictOn returns the model's outputs for x, a TensorLike or an uploaded
// EngineTensor (Engine.Upload), flattened: for large inputs, upload once and
// predict many times. The outputs are copied in one go, not value by value.
func (m *Model) PredictOn(x js.Value, batchSize int) ([]float32, error) {
	y, err := Call(m.Value, "predict", x, map[string]any{"batchSize": batchSize})
	if err != nil {
		return nil, err
	}
	return Float32s(y.Get("data")), nil
}

// Float32s copies the Float32Array a into a new slice.
func Float32s(a js.Value) []float32 {
	b := make([]byte, a.Get("byteLength").Int())
	js.CopyBytesToGo(b, BytesOf(a))
	out := make([]float32, len(b)/4)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}

// Weights is every weight of a model, in the layout of model.getWeights():
// keep it to put the weights back later with SetWeights.
type Weights struct{ js.Value }

// GetWeights copies the model's weights out of the engine.
func (m *Model) GetWeights() (Weights, error) {
	v, err := Call(m.Value, "getWeights")
	return Weights{v}, err
}

// SetWeights sets every weight of the model from w (of the same model).
func (m *Model) SetWeights(w Weights) error {
	_, err := Call(m.Value, "setWeights", w.Value)
	return err
}
