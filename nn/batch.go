package nn

import "gonn/nn/tensor"

// gatherRows copies rows idx of t (shape (N, …)) into a new tensor of shape
// (len(idx), …): one mini-batch.
func gatherRows(t *tensor.Tensor, idx []int) *tensor.Tensor {
	shape := append([]int{len(idx)}, t.Shape[1:]...)
	out := tensor.New(shape...)
	row := t.Strides[0]
	for i, j := range idx {
		copy(out.Data[i*row:(i+1)*row], t.Data[j*row:(j+1)*row])
	}
	return out
}

// sliceRows returns rows [lo, hi) of t, sharing its data.
func sliceRows(t *tensor.Tensor, lo, hi int) *tensor.Tensor {
	row := t.Strides[0]
	shape := append([]int{hi - lo}, t.Shape[1:]...)
	return tensor.From(t.Data[lo*row:hi*row], shape...)
}

// span is the index range of one mini-batch: [lo, hi).
type span struct{ lo, hi int }

// batches splits n examples into mini-batches of size (the last may be
// smaller), as Keras does.
func batches(n, size int) []span {
	var out []span
	for lo := 0; lo < n; lo += size {
		out = append(out, span{lo, min(lo+size, n)})
	}
	return out
}
