package main

import (
	"encoding/binary"
	"fmt"
	"math"

	"gonn/nn"
	"gonn/nn/tensor"
)

// The binary forms in which a data-parallel fit's shards go from the
// leader to the replicas and their results come back (docs/abi.md, "Data-
// parallel training"), all little-endian, every field 4 bytes, so a
// Float32Array can view the floats of any part that starts 4-byte aligned:
//
//	tensor:  i32 rank, rank × i32 dims, size float32s; rank −1 is "none"
//	         (a weight without a gradient) and nothing follows it
//	shard:   tensor x (n, input…), tensor y (n, target…)
//	result:  f32 loss, i32 g, tensor predictions (n, output…), g tensors,
//	         the gradients of the trainable weights in order (g is 0 when
//	         the loss is not finite)

// noTensor is the rank that marks a missing tensor.
const noTensor int32 = -1

// appendTensor appends t (nil: none) in the tensor form.
func appendTensor(b []byte, t *tensor.Tensor) []byte {
	if t == nil {
		return binary.LittleEndian.AppendUint32(b, 0xFFFFFFFF) // rank −1 (noTensor)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(t.Shape)))
	for _, d := range t.Shape {
		b = binary.LittleEndian.AppendUint32(b, uint32(d))
	}
	return append(b, floatBytes(t.Data)...)
}

// appendShard appends a shard (x, y).
func appendShard(b []byte, s nn.Dataset) []byte {
	return appendTensor(appendTensor(b, s.X), s.Y)
}

// appendResult appends a replica's result.
func appendResult(b []byte, r nn.ShardResult) []byte {
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(r.Loss))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(r.Grads)))
	b = appendTensor(b, r.Pred)
	for _, g := range r.Grads {
		b = appendTensor(b, g)
	}
	return b
}

// wireReader reads the forms above from bytes a host sent, checking every
// length against what is left before it allocates, so that no input can
// make the engine allocate more than the bytes it holds.
type wireReader struct {
	op string // the export, for errors
	b  []byte
}

// word reads one 4-byte field; what names it in the error.
func (r *wireReader) word(what string) (uint32, error) {
	if len(r.b) < 4 {
		return 0, fail(statusBadArgument, "%s: %s: the data ends (%d bytes left, want 4)", r.op, what, len(r.b))
	}
	v := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v, nil
}

// tensor reads a tensor; nil for none when allowNone, else an error.
func (r *wireReader) tensor(what string, allowNone bool) (*tensor.Tensor, error) {
	w, err := r.word(what + ": rank")
	if err != nil {
		return nil, err
	}
	rank := int32(w)
	switch {
	case rank == noTensor && allowNone:
		return nil, nil
	case rank < 0 || rank > maxRank:
		return nil, fail(statusBadArgument, "%s: %s: rank %d: want 0 … %d", r.op, what, rank, maxRank)
	}
	shape := make([]int, rank)
	for i := range shape {
		d, err := r.word(what + ": dims")
		if err != nil {
			return nil, err
		}
		shape[i] = int(int32(d))
	}
	n, err := checkShape(r.op+": "+what, shape)
	if err != nil {
		return nil, err
	}
	if len(r.b)/4 < n {
		return nil, fail(statusBadArgument, "%s: %s: shape %s needs %d bytes of floats, %d are left", r.op, what, shapeString(shape), 4*n, len(r.b))
	}
	t := tensor.New(shape...)
	readFloats(t.Data, r.b[:4*n])
	r.b = r.b[4*n:]
	return t, nil
}

// shard reads a shard (x, y).
func (r *wireReader) shard() (s nn.Dataset, err error) {
	if s.X, err = r.tensor("x", false); err != nil {
		return s, err
	}
	s.Y, err = r.tensor("y", false)
	return s, err
}

// result reads a replica's result; what names it in errors.
func (r *wireReader) result(what string) (res nn.ShardResult, err error) {
	loss, err := r.word(what + ": loss")
	if err != nil {
		return res, err
	}
	res.Loss = math.Float32frombits(loss)
	g, err := r.word(what + ": gradient count")
	if err != nil {
		return res, err
	}
	// Each gradient takes at least its rank's 4 bytes: a count beyond that
	// is refused before anything is allocated for it.
	if n := int(int32(g)); n < 0 || n > len(r.b)/4 {
		return res, fail(statusBadArgument, "%s: %s: %d gradients in %d bytes", r.op, what, n, len(r.b))
	}
	if res.Pred, err = r.tensor(what+": predictions", false); err != nil {
		return res, err
	}
	res.Grads = make([]*tensor.Tensor, int(g))
	for i := range res.Grads {
		if res.Grads[i], err = r.tensor(fmt.Sprintf("%s: gradient %d", what, i), true); err != nil {
			return res, err
		}
	}
	return res, nil
}

// end checks that every byte was read.
func (r *wireReader) end(what string) error {
	if len(r.b) > 0 {
		return fail(statusBadArgument, "%s: %d bytes after %s", r.op, len(r.b), what)
	}
	return nil
}
