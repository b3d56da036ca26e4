package ag

import (
	"slices"

	"gonn/nn/tensor"
)

// SelectRows picks, for each row i (index along the first axis), row i of a
// where keep[i] and row i of b elsewhere. It is how a recurrent layer skips
// masked timesteps: a masked example keeps its previous state.
//
//	keep: (N) bools   a: (N, …)   b: (N, …)   out: (N, …)
//
// a and b must have the same shape with N = len(keep) rows; otherwise
// SelectRows panics with ErrShape. When every row is kept it returns a
// itself, and b when none is: no copy, and the same values as a copy would
// have. keep is copied.
//
// Backward: da += dout on kept rows, db += dout on the others.
func SelectRows(keep []bool, a, b *Var) *Var {
	s := a.Shape()
	if !tensor.SameShape(s, b.Shape()) || len(s) == 0 || s[0] != len(keep) {
		tensor.Shapef("SelectRows: %d flags, a %v, b %v: want a and b of one shape with %d rows", len(keep), s, b.Shape(), len(keep))
	}
	switch {
	case !slices.Contains(keep, false):
		return a
	case !slices.Contains(keep, true):
		return b
	}
	keep = slices.Clone(keep)
	row := tensor.NumElements(s[1:])
	out := tensor.New(s...)
	for i, k := range keep {
		src := b.Data()
		if k {
			src = a.Data()
		}
		copy(out.Data[i*row:(i+1)*row], src[i*row:(i+1)*row])
	}
	return record("select_rows", out, func(out *Var) {
		da, db, dout := gradOf(a), gradOf(b), out.Grad.Data
		for i, k := range keep {
			d := db
			if k {
				d = da
			}
			if d != nil {
				addInto(d[i*row:(i+1)*row], dout[i*row:(i+1)*row])
			}
		}
	}, a, b)
}
