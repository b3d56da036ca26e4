package main

import (
	"strconv"
	"strings"

	"gonn/nn/tensor"
)

// Tensor limits (docs/abi.md).
const (
	maxElements = 1 << 28
	maxRank     = 8
)

// TensorCreate makes a tensor of the given shape (rank int32s at shapePtr)
// from nFloats float32s at dataPtr, or of zeros when dataPtr is 0. The
// handle is the result.
func (e *Engine) TensorCreate(dataPtr uintptr, nFloats int32, shapePtr uintptr, rank int32) int32 {
	return e.guard("gonn_tensor_create", false, func() error {
		const op = "gonn_tensor_create"
		if rank < 0 {
			return fail(statusBadArgument, "%s: negative rank %d", op, rank)
		}
		if nFloats < 0 {
			return fail(statusBadArgument, "%s: negative length %d", op, nFloats)
		}
		if rank > maxRank {
			return fail(statusTooLarge, "%s: rank %d is more than the limit of %d", op, rank, maxRank)
		}
		raw, err := e.blocks.bytes(op+": shape", shapePtr, 4*rank)
		if err != nil {
			return err
		}
		shape := readInt32s(raw)
		n, err := checkShape(op, shape)
		if err != nil {
			return err
		}
		if int(nFloats) != n {
			return fail(statusShape, "%s: shape %s holds %d floats, got %d", op, shapeString(shape), n, nFloats)
		}
		t := tensor.New(shape...)
		if dataPtr != 0 {
			data, err := e.blocks.bytes(op+": data", dataPtr, 4*nFloats)
			if err != nil {
				return err
			}
			readFloats(t.Data, data)
		}
		return e.addHandle(t)
	})
}

// checkShape checks a tensor shape against the limits and returns its
// number of elements.
func checkShape(op string, shape []int) (int, error) {
	n := 1
	for _, d := range shape {
		if d < 0 {
			return 0, fail(statusBadArgument, "%s: shape %s has a negative dimension", op, shapeString(shape))
		}
		if d > maxElements || (d > 0 && n > maxElements/d) {
			return 0, fail(statusTooLarge, "%s: shape %s has more than %d elements, the limit", op, shapeString(shape), maxElements)
		}
		n *= d
	}
	return n, nil
}

// TensorShape puts the tensor's shape, as a JSON array, in the result.
func (e *Engine) TensorShape(h int32) int32 {
	return e.guard("gonn_tensor_shape", false, func() error {
		t, err := e.handles.tensor("gonn_tensor_shape", h)
		if err != nil {
			return err
		}
		return e.setJSON(t.Shape)
	})
}

// TensorData makes the tensor's own storage the result (zero-copy: the host
// may read and write it until the tensor is disposed).
func (e *Engine) TensorData(h int32) int32 {
	return e.guard("gonn_tensor_data", false, func() error {
		t, err := e.handles.tensor("gonn_tensor_data", h)
		if err != nil {
			return err
		}
		e.setResult(floatBytes(t.Data))
		return nil
	})
}

// addHandle stores v under a new handle, made the result.
func (e *Engine) addHandle(v any) error {
	h, err := e.handles.add(v)
	if err != nil {
		return err
	}
	e.resultHandle = h
	return nil
}

// shapeString prints a shape Keras-style: (10, 784), (784,), ().
func shapeString(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// batchShape prints the shape of a batch of examples of the given shape:
// (None, 784).
func batchShape(example []int) string {
	s := "(None"
	for _, d := range example {
		s += ", " + strconv.Itoa(d)
	}
	if len(example) == 0 {
		s += ","
	}
	return s + ")"
}
