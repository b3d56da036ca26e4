package main

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeShapedFloats reads PredictFloats' result: rank, dims, floats.
func decodeShapedFloats(t *testing.T, b []byte) (shape []int, data []float32) {
	t.Helper()
	require.GreaterOrEqual(t, len(b), 4)
	rank := int(binary.LittleEndian.Uint32(b))
	head := 4 * (1 + rank)
	require.GreaterOrEqual(t, len(b), head)
	require.Zero(t, (len(b)-head)%4, "the floats are not whole")
	for i := range rank {
		shape = append(shape, int(int32(binary.LittleEndian.Uint32(b[4+4*i:]))))
	}
	for i := head; i < len(b); i += 4 {
		data = append(data, math.Float32frombits(binary.LittleEndian.Uint32(b[i:])))
	}
	return shape, data
}

// shapeBlock puts shape, as int32s, in a new block of e.
func shapeBlock(t *testing.T, e *Engine, shape ...int) (uintptr, int32) {
	t.Helper()
	b := make([]byte, 4*len(shape))
	for i, d := range shape {
		binary.LittleEndian.PutUint32(b[4*i:], uint32(d))
	}
	p, _ := put(t, e, b)
	return p, int32(len(shape))
}

// TestPredictFloats_MatchesPredict: from a tensor handle or from floats in
// a block, with any batch size, the outputs are gonn_predict's bit for bit,
// and no handle is left behind.
func TestPredictFloats_MatchesPredict(t *testing.T) {
	e := NewEngine()
	h := newModel(t, e, dense(3, 4, `{"class_name": "Dense", "config": {"units": 5, "activation": "relu"}}`,
		`{"class_name": "Dense", "config": {"units": 3, "activation": "softmax"}}`))
	for _, n := range []int{1, 2, 7} {
		x := make([]float32, 4*n)
		for i := range x {
			x[i] = float32(i%5) - 1.5
		}
		xh := newTensor(t, e, x, n, 4)
		want := made(t, e, e.Predict(h, xh, 0))

		ok(t, e, e.PredictFloats(h, xh, 0, 0, 0, 0, 0))
		shape, got := decodeShapedFloats(t, result(e))
		assert.Equal(t, []int{n, 3}, shape, "n=%d, from the handle", n)
		assert.Equal(t, want.Data, got, "n=%d, from the handle", n)
		assert.Zero(t, e.ResultHandle(), "gonn_predict_floats made a handle")

		dp, nb := put(t, e, floatBytes(x))
		sp, rank := shapeBlock(t, e, n, 4)
		for _, batch := range []int32{0, 1, 3} {
			ok(t, e, e.PredictFloats(h, 0, dp, nb/4, sp, rank, batch))
			shape, got = decodeShapedFloats(t, result(e))
			assert.Equal(t, []int{n, 3}, shape, "n=%d batch=%d, from floats", n, batch)
			assert.Equal(t, want.Data, got, "n=%d batch=%d, from floats", n, batch)
		}
	}
}

// TestPredictFloats_Errors: bad arguments are errors naming what was
// wrong, and the engine stays usable.
func TestPredictFloats_Errors(t *testing.T) {
	e := NewEngine()
	h := newModel(t, e, dense(3, 4, `{"class_name": "Dense", "config": {"units": 2}}`))
	xh := newTensor(t, e, make([]float32, 8), 2, 4)
	dp, _ := put(t, e, make([]byte, 4*8))
	sp, _ := shapeBlock(t, e, 2, 4)
	bad, _ := shapeBlock(t, e, 2, 5)
	wide, _ := put(t, e, make([]byte, 4*10))
	checkErrors(t, e, []errorCase{
		{"unknown model", func() int32 { return e.PredictFloats(999, xh, 0, 0, 0, 0, 0) }, statusUnknownHandle, "handle 999"},
		{"unknown tensor", func() int32 { return e.PredictFloats(h, 999, 0, 0, 0, 0, 0) }, statusUnknownHandle, "gonn_predict_floats: x"},
		{"both inputs", func() int32 { return e.PredictFloats(h, xh, dp, 8, sp, 2, 0) }, statusBadArgument, "not both"},
		{"negative batch", func() int32 { return e.PredictFloats(h, 0, dp, 8, sp, 2, -1) }, statusBadArgument, "negative batch_size"},
		{"negative rank", func() int32 { return e.PredictFloats(h, 0, dp, 8, sp, -1, 0) }, statusBadArgument, "negative rank"},
		{"rank too large", func() int32 { return e.PredictFloats(h, 0, dp, 8, sp, 9, 0) }, statusTooLarge, "rank 9"},
		{"count", func() int32 { return e.PredictFloats(h, 0, dp, 6, sp, 2, 0) }, statusShape, "holds 8 floats, got 6"},
		{"shape outside a block", func() int32 { return e.PredictFloats(h, 0, dp, 8, 8, 2, 0) }, statusBadArgument, "shape"},
		{"data outside a block", func() int32 { return e.PredictFloats(h, 0, 8, 8, sp, 2, 0) }, statusBadArgument, "data"},
		{"wrong features", func() int32 { return e.PredictFloats(h, 0, wide, 10, bad, 2, 0) }, statusShape, "the model expects (None, 4)"},
	})
	ok(t, e, e.PredictFloats(h, 0, dp, 8, sp, 2, 0))
	shape, got := decodeShapedFloats(t, result(e))
	assert.Equal(t, []int{2, 2}, shape)
	assert.Len(t, got, 4)
}
