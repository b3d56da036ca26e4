package ag

import "gonn/nn/tensor"

// Gather picks rows of table by index, as an embedding lookup:
//
//	table: (V, D…)   indices: n ints, viewed as indexShape   out: indexShape + (D…)
//
// With no indexShape the indices are one axis, (n). Every index must be in
// [0, V); otherwise, or if indexShape does not hold n values, Gather panics
// with ErrShape. indices is copied.
//
// Backward: dtable[indices[p]] += dout[p] for p = 0, 1, … in that order, so a
// row picked several times adds its terms in increasing position.
func Gather(table *Var, indices []int, indexShape ...int) *Var {
	ts := table.Shape()
	if len(ts) == 0 {
		tensor.Shapef("Gather: table must have at least one axis, got a scalar")
	}
	if len(indexShape) == 0 {
		indexShape = []int{len(indices)}
	}
	if n := tensor.NumElements(indexShape); n != len(indices) {
		tensor.Shapef("Gather: index shape %v holds %d values, got %d indices", indexShape, n, len(indices))
	}
	v, d := ts[0], tensor.NumElements(ts[1:]) // table is (V, D) with D the row size
	for p, i := range indices {
		if i < 0 || i >= v {
			tensor.Shapef("Gather: index %d (position %d) out of range [0, %d)", i, p, v)
		}
	}
	idx := append([]int(nil), indices...)
	out := tensor.New(append(append([]int{}, indexShape...), ts[1:]...)...)
	x := table.Data()
	for p, i := range idx {
		copy(out.Data[p*d:(p+1)*d], x[i*d:(i+1)*d])
	}
	return record("gather", out, func(out *Var) {
		dt, dout := gradOf(table), out.Grad.Data
		if dt == nil {
			return
		}
		for p, i := range idx {
			addInto(dt[i*d:(i+1)*d], dout[p*d:(p+1)*d])
		}
	}, table)
}
