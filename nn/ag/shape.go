package ag

import "gonn/nn/tensor"

// Reshape returns a with a new shape holding the same number of values; one
// extent may be -1 (inferred). The output's Value shares a's Data, as values
// are never written after an op makes them.
//
// Backward: da += dout (same values, read in a's shape).
func Reshape(a *Var, shape ...int) *Var {
	out := a.Value.Reshape(shape...)
	return record("reshape", out, func(out *Var) {
		if dx := gradOf(a); dx != nil {
			addInto(dx, out.Grad.Data)
		}
	}, a)
}

// Transpose permutes the axes of a: axis i of the output is axis perm[i] of
// a. With no perm the axes are reversed, as in NumPy:
//
//	a: (N, T, D)   perm (0, 2, 1)   out: (N, D, T)
//
// Backward: da += dout transposed back (each element of da gets one term).
func Transpose(a *Var, perm ...int) *Var {
	in := a.Shape()
	if len(perm) == 0 {
		perm = make([]int, len(in))
		for i := range perm {
			perm[i] = len(in) - 1 - i
		}
	}
	checkPerm(in, perm)
	shape, strides := make([]int, len(in)), make([]int, len(in))
	for i, p := range perm {
		shape[i], strides[i] = in[p], a.Value.Strides[p]
	}
	x, out := a.Data(), tensor.New(shape...)
	w := newWalker(shape, strides)
	for r := range w.rows {
		row := out.Data[r*w.rowLen : (r+1)*w.rowLen]
		for j := range row {
			row[j] = x[w.off+j*w.step]
		}
		w.next()
	}
	return record("transpose", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		if dx == nil {
			return
		}
		w := newWalker(shape, strides)
		for r := range w.rows {
			row := dout[r*w.rowLen : (r+1)*w.rowLen]
			for j, g := range row {
				k := w.off + j*w.step
				dx[k] = dx[k] + g
			}
			w.next()
		}
	}, a)
}

// checkPerm panics with ErrShape unless perm is a permutation of a's axes.
func checkPerm(shape, perm []int) {
	seen := make([]bool, len(shape))
	ok := len(perm) == len(shape)
	for _, p := range perm {
		if !ok || p < 0 || p >= len(shape) || seen[p] {
			ok = false
			break
		}
		seen[p] = true
	}
	if !ok {
		tensor.Shapef("Transpose: %v is not a permutation of the axes of shape %v", perm, shape)
	}
}

// Concat joins vs along axis (negative counts from the end). They must have
// the same rank and the same extents on every other axis:
//
//	vs: (N, D1), (N, D2)   axis 1   out: (N, D1+D2)
//
// Backward: each input gets its own block of dout.
func Concat(axis int, vs ...*Var) *Var {
	if len(vs) == 0 {
		tensor.Shapef("Concat: no inputs")
	}
	vs = append([]*Var(nil), vs...) // the graph keeps its own list
	first := vs[0].Shape()
	axis = normAxis("Concat", axis, len(first))
	shape := append([]int{}, first...)
	shape[axis] = 0
	for _, v := range vs {
		s := v.Shape()
		if len(s) != len(first) || !tensor.SameShape(without(s, axis), without(first, axis)) {
			tensor.Shapef("Concat: shapes %v and %v differ off axis %d", first, s, axis)
		}
		shape[axis] += s[axis]
	}
	out := tensor.New(shape...)
	outer, n, inner := splitAt(shape, axis)
	pos := 0 // start of the current input's block within an output row
	for _, v := range vs {
		m := v.Shape()[axis] * inner
		for o := range outer {
			copy(out.Data[o*n*inner+pos:], v.Data()[o*m:(o+1)*m])
		}
		pos += m
	}
	return record("concat", out, func(out *Var) {
		dout := out.Grad.Data
		pos := 0
		for _, v := range vs {
			m := v.Shape()[axis] * inner
			if dx := gradOf(v); dx != nil {
				for o := range outer {
					addInto(dx[o*m:(o+1)*m], dout[o*n*inner+pos:][:m])
				}
			}
			pos += m
		}
	}, vs...)
}

// Slice returns the part of a with index start <= i < end along axis
// (negative counts from the end); 0 <= start <= end <= extent:
//
//	a: (N, T, D)   axis 1, [2, 5)   out: (N, 3, D)
//
// Backward: da += dout on the sliced part.
func Slice(a *Var, axis, start, end int) *Var {
	in := a.Shape()
	axis = normAxis("Slice", axis, len(in))
	if start < 0 || start > end || end > in[axis] {
		tensor.Shapef("Slice: [%d, %d) out of range for axis %d of shape %v", start, end, axis, in)
	}
	shape := append([]int{}, in...)
	shape[axis] = end - start
	out := tensor.New(shape...)
	outer, n, inner := splitAt(in, axis)
	m := (end - start) * inner
	x := a.Data()
	for o := range outer {
		copy(out.Data[o*m:(o+1)*m], x[(o*n+start)*inner:])
	}
	return record("slice", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		if dx == nil {
			return
		}
		for o := range outer {
			addInto(dx[(o*n+start)*inner:], dout[o*m:(o+1)*m])
		}
	}, a)
}
