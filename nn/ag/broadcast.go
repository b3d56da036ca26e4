package ag

import "gonn/nn/tensor"

// Broadcasting follows NumPy: shapes are aligned at their trailing axes, and
// an axis of extent 1 (or missing, on the left) is repeated to the other
// operand's extent. The helpers below move data between an operand's shape
// and the broadcast output shape one row (last output axis) at a time, so no
// per-element index arithmetic is done: an odometer over the outer axes keeps
// the operand's offset, and along a row the operand steps by 0 or 1.

// broadcastShape returns the shape of a op b, or panics with ErrShape.
func broadcastShape(op string, a, b []int) []int {
	n := max(len(a), len(b))
	out := make([]int, n)
	for i := 1; i <= n; i++ {
		da, db := 1, 1
		if i <= len(a) {
			da = a[len(a)-i]
		}
		if i <= len(b) {
			db = b[len(b)-i]
		}
		switch {
		case da == db || db == 1:
			out[n-i] = da
		case da == 1:
			out[n-i] = db
		default:
			tensor.Shapef("%s: shapes %v and %v do not broadcast", op, a, b)
		}
	}
	return out
}

// broadcastStrides returns, for each axis of outShape, the step in an operand
// of shape inShape (broadcastable to outShape) between neighbours along that
// axis: its row-major stride, or 0 where the operand is broadcast.
func broadcastStrides(inShape, outShape []int) []int {
	s := make([]int, len(outShape))
	lead := len(outShape) - len(inShape)
	step := 1
	for i := len(inShape) - 1; i >= 0; i-- {
		if inShape[i] != 1 {
			s[lead+i] = step
		}
		step *= inShape[i]
	}
	return s
}

// walker visits the rows of a shape in row-major order and tracks the offset
// of each row's first element in another array laid out with given strides
// (one per axis of shape). Rows are the last axis; a scalar is one row of 1.
type walker struct {
	rows, rowLen int // number of rows, and elements per row
	step         int // the other array's step along a row
	off          int // the other array's offset of the current row

	outer, strides, idx []int // extents, strides and odometer of the outer axes
}

func newWalker(shape, strides []int) *walker {
	w := &walker{rowLen: 1}
	if r := len(shape); r > 0 {
		w.rowLen, w.step = shape[r-1], strides[r-1]
		w.outer, w.strides = shape[:r-1], strides[:r-1]
		w.idx = make([]int, r-1)
	}
	if w.rowLen > 0 {
		w.rows = tensor.NumElements(shape) / w.rowLen
	}
	return w
}

// next moves to the following row.
func (w *walker) next() {
	for k := len(w.idx) - 1; k >= 0; k-- {
		w.idx[k]++
		w.off += w.strides[k]
		if w.idx[k] < w.outer[k] {
			return
		}
		w.off -= w.strides[k] * w.outer[k]
		w.idx[k] = 0
	}
}

// expand returns src (shape srcShape) broadcast to dstShape, materialised.
func expand(src []float32, srcShape, dstShape []int) []float32 {
	dst := make([]float32, tensor.NumElements(dstShape))
	w := newWalker(dstShape, broadcastStrides(srcShape, dstShape))
	for r := range w.rows {
		row := dst[r*w.rowLen : (r+1)*w.rowLen]
		if w.step == 0 {
			v := src[w.off]
			for j := range row {
				row[j] = v
			}
		} else {
			copy(row, src[w.off:])
		}
		w.next()
	}
	return dst
}

// expandAdd adds src (shape srcShape) broadcast to dstShape into dst.
func expandAdd(dst, src []float32, srcShape, dstShape []int) {
	w := newWalker(dstShape, broadcastStrides(srcShape, dstShape))
	for r := range w.rows {
		row := dst[r*w.rowLen : (r+1)*w.rowLen]
		if w.step == 0 {
			v := src[w.off]
			for j := range row {
				row[j] = row[j] + v
			}
		} else {
			s := src[w.off : w.off+len(row)]
			for j := range row {
				row[j] = row[j] + s[j]
			}
		}
		w.next()
	}
}

// sumTo reduces src (shape srcShape) to dstShape, which broadcasts to
// srcShape, by summing over the broadcast axes. Each result starts at 0 and
// adds its terms in increasing flat index of src: the fixed order that every
// broadcast backward and every reduction relies on.
func sumTo(src []float32, srcShape, dstShape []int) []float32 {
	dst := make([]float32, tensor.NumElements(dstShape))
	w := newWalker(srcShape, broadcastStrides(dstShape, srcShape))
	for r := range w.rows {
		row := src[r*w.rowLen : (r+1)*w.rowLen]
		if w.step == 0 {
			s := dst[w.off]
			for _, v := range row {
				s = s + v
			}
			dst[w.off] = s
		} else {
			d := dst[w.off : w.off+len(row)]
			for j, v := range row {
				d[j] = d[j] + v
			}
		}
		w.next()
	}
	return dst
}

// minChunk is the shortest trailing block of a broadcast operand that binary
// ops use in place (one kernel call per block); shorter ones are expanded.
const minChunk = 8

// operand returns the values of t as a binary op's kernels read them for an
// output of the given shape (size n): t.Data itself when t has n values or is
// a trailing block repeated along the leading axes (the bias of (N, D) + (D)),
// else t broadcast to shape.
func operand(t *tensor.Tensor, shape []int, n int) []float32 {
	if len(t.Data) == n || (len(t.Data) >= minChunk && isSuffix(t.Shape, shape)) {
		return t.Data
	}
	return expand(t.Data, t.Shape, shape)
}

// isSuffix reports whether in, without leading 1s, equals the trailing axes
// of out: then element i of out reads element i % size(in) of in.
func isSuffix(in, out []int) bool {
	for len(in) > 0 && in[0] == 1 {
		in = in[1:]
	}
	if len(in) > len(out) {
		return false
	}
	return tensor.SameShape(in, out[len(out)-len(in):])
}

// addInto adds src into dst elementwise.
func addInto(dst, src []float32) {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] = dst[i] + v
	}
}
