//go:build js && wasm

package jsapi

import "syscall/js"

// Tensor is a gonn.js Tensor copied into Go: Data row-major, of Shape.
type Tensor struct {
	Shape []int
	Data  []float32
}

// ReadTensor copies the gonn.js Tensor (or {data, shape}) v into Go.
func ReadTensor(v js.Value) Tensor {
	return Tensor{Shape: Ints(v.Get("shape")), Data: Float32s(v.Get("data"))}
}

// JS is t as the API's {data, shape}.
func (t Tensor) JS() js.Value { return TensorLike(Float32Array(t.Data), t.Shape...) }

// Ints copies a JavaScript array (or typed array) of integers.
func Ints(v js.Value) []int {
	out := make([]int, v.Length())
	for i := range out {
		out[i] = v.Index(i).Int()
	}
	return out
}

// IntArray is s as a JavaScript Int32Array.
func IntArray(s []int) js.Value {
	a := js.Global().Get("Int32Array").New(len(s))
	for i, v := range s {
		a.SetIndex(i, v)
	}
	return a
}
