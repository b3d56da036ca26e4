package main

import (
	"encoding/json"
	"testing"

	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Helpers of the tests of the custom-loop, inspection, composition and GAN
// exports.

// tensorAt returns the tensor with handle h.
func tensorAt(t testing.TB, e *Engine, h int32) *tensor.Tensor {
	t.Helper()
	x, err := e.handles.tensor("test", h)
	require.NoError(t, err)
	return x
}

// made returns the tensor the last call made, after checking its status.
func made(t testing.TB, e *Engine, status int32) *tensor.Tensor {
	t.Helper()
	ok(t, e, status)
	return tensorAt(t, e, e.ResultHandle())
}

// decodeResult decodes the last call's JSON result, after checking its
// status.
func decodeResult[T any](t testing.TB, e *Engine, status int32) T {
	t.Helper()
	ok(t, e, status)
	var v T
	require.NoError(t, json.Unmarshal(result(e), &v), "%s", result(e))
	return v
}

// weightsOf returns a copy of all the model's weights, in manifest order.
func weightsOf(t testing.TB, e *Engine, h int32) []float32 {
	t.Helper()
	ok(t, e, e.WeightsGet(h))
	out := make([]float32, len(e.result)/4)
	readFloats(out, e.result)
	return out
}

// setWeights sets all the model's weights.
func setWeights(t testing.TB, e *Engine, h int32, w []float32) {
	t.Helper()
	p, n := put(t, e, floatBytes(w))
	ok(t, e, e.WeightsSet(h, p, n))
}

// hashOf is the model's weights hash.
func hashOf(t testing.TB, e *Engine, h int32) string {
	t.Helper()
	ok(t, e, e.WeightsHash(h))
	return string(result(e))
}

// jsonBlock copies s into a block and returns (ptr, len).
func jsonBlock(t testing.TB, e *Engine, s string) (uintptr, int32) {
	t.Helper()
	return put(t, e, []byte(s))
}

// errorCase is a call that must fail with code and a message holding msg.
type errorCase struct {
	name string
	call func() int32
	code int32
	msg  string
}

// checkErrors runs the cases: each fails as stated, leaves no result or
// handle, and the engine answers the next call.
func checkErrors(t *testing.T, e *Engine, cases []errorCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.code, c.call(), "status; message %q", e.errMsg)
			assert.Contains(t, string(e.errMsg), c.msg)
			assert.Zero(t, e.ResultLen(), "a failed call left a result")
			assert.Zero(t, e.ResultHandle(), "a failed call left a handle")
			ok(t, e, e.Version())
		})
	}
}

// dense is a spec of Dense layers on an input of n floats.
func dense(seed, n int, layers ...string) string {
	s := `{"seed": ` + itoa(seed) + `, "layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, ` + itoa(n) + `]}}`
	for _, l := range layers {
		s += `, ` + l
	}
	return s + `]}`
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
