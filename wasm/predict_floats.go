package main

import (
	"encoding/binary"

	"gonn/nn/tensor"
)

// PredictFloats is gonn_predict in one call, for single-example
// inference: the input is the tensor handle x, or (x = 0) the nFloats
// float32s at dataPtr with the rank int32s at shapePtr as its shape, read
// as gonn_tensor_create reads them; the outputs come back in the result,
// with no handle made on either side:
//
//	u32 rank, rank × i32 dims (N, output shape…), then N·size float32s
//
// The floats start 4·(1+rank) bytes in, so a Float32Array can view them.
func (e *Engine) PredictFloats(h, x int32, dataPtr uintptr, nFloats int32, shapePtr uintptr, rank, batchSize int32) int32 {
	return e.guard("gonn_predict_floats", false, func() error {
		const op = "gonn_predict_floats"
		m, err := e.handles.model(h)
		if err != nil {
			return err
		}
		if batchSize < 0 {
			return fail(statusBadArgument, "%s: negative batch_size %d", op, batchSize)
		}
		xt, err := e.predictInput(op, x, dataPtr, nFloats, shapePtr, rank)
		if err != nil {
			return err
		}
		if err := checkInput(op, "x", m.seq, xt); err != nil {
			return err
		}
		if _, err := checkShape(op+": output", append([]int{xt.Shape[0]}, m.seq.OutputShape()...)); err != nil {
			return err
		}
		out, err := m.seq.Predict(xt, int(batchSize))
		if err != nil {
			return err
		}
		e.setResult(shapedFloats(out))
		return nil
	})
}

// predictInput is the tensor x names, or a new one (no handle) copied from
// the floats at dataPtr in the shape at shapePtr when x is 0.
func (e *Engine) predictInput(op string, x int32, dataPtr uintptr, nFloats int32, shapePtr uintptr, rank int32) (*tensor.Tensor, error) {
	if x != 0 {
		if dataPtr != 0 || nFloats != 0 || shapePtr != 0 || rank != 0 {
			return nil, fail(statusBadArgument, "%s: give the tensor x or the data and shape, not both", op)
		}
		return e.handles.tensor(op+": x", x)
	}
	switch {
	case rank < 0:
		return nil, fail(statusBadArgument, "%s: negative rank %d", op, rank)
	case nFloats < 0:
		return nil, fail(statusBadArgument, "%s: negative length %d", op, nFloats)
	case rank > maxRank:
		return nil, fail(statusTooLarge, "%s: rank %d is more than the limit of %d", op, rank, maxRank)
	}
	raw, err := e.blocks.bytes(op+": shape", shapePtr, 4*rank)
	if err != nil {
		return nil, err
	}
	shape := readInt32s(raw)
	n, err := checkShape(op, shape)
	if err != nil {
		return nil, err
	}
	if int(nFloats) != n {
		return nil, fail(statusShape, "%s: shape %s holds %d floats, got %d", op, shapeString(shape), n, nFloats)
	}
	data, err := e.blocks.bytes(op+": data", dataPtr, 4*nFloats)
	if err != nil {
		return nil, err
	}
	t := tensor.New(shape...)
	readFloats(t.Data, data)
	return t, nil
}

// shapedFloats is t as PredictFloats' result: its rank, its dims, then its
// data, all little-endian.
func shapedFloats(t *tensor.Tensor) []byte {
	head := 4 * (1 + len(t.Shape))
	b := make([]byte, head+4*len(t.Data))
	binary.LittleEndian.PutUint32(b, uint32(len(t.Shape)))
	for i, d := range t.Shape {
		binary.LittleEndian.PutUint32(b[4+4*i:], uint32(d))
	}
	copy(b[head:], floatBytes(t.Data)) // little-endian, as readFloats
	return b
}
