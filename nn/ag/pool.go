package ag

import "gonn/nn/tensor"

// Pooling over channels-last images, as Keras and TensorFlow do it:
//
//	x: (N, H, W, C)   window (kh, kw), strides (sh, sw)   out: (N, OH, OW, C)
//
// Each output element pools one channel over one window of the input. A 1-D
// pooling over (N, T, C) is this 2-D pooling of (N, 1, T, C) with a window
// (1, k): the layers reshape rather than keep a second copy of the loops.
//
// Padding follows TensorFlow. "valid" places windows inside the input only:
// OH = floor((H-kh)/sh) + 1. "same" gives OH = ceil(H/sh) and pads with
// pad = max((OH-1)·sh + kh - H, 0) positions, floor(pad/2) before the first
// row and the rest after the last (so an odd pad puts the extra row at the
// end). Padded positions never take part: a max ignores them, and an average
// divides by the number of real elements in its window, as Keras does. Under
// this rule every window holds at least one real element.

// Pool2D is the window of a 2-D pooling.
type Pool2D struct {
	Size    [2]int // window extent (height, width), at least 1 each
	Strides [2]int // step between neighbouring windows (height, width), at least 1 each
	Same    bool   // TensorFlow "same" padding if true, else "valid" (no padding)
}

// OutputSize returns the extents (OH, OW) of the pooling of an (h, w)
// image. Under valid padding an extent is 0 when the window is larger than
// the input.
func (p Pool2D) OutputSize(h, w int) (oh, ow int) {
	return poolOut(h, p.Size[0], p.Strides[0], p.Same), poolOut(w, p.Size[1], p.Strides[1], p.Same)
}

// poolOut is the number of windows along an axis of extent n.
func poolOut(n, k, s int, same bool) int {
	switch {
	case k < 1 || s < 1:
		return 0
	case same:
		return (n + s - 1) / s
	case n < k:
		return 0
	}
	return (n-k)/s + 1
}

// poolSpan is the part of the input [lo, hi) a window covers along one axis,
// padding left out.
type poolSpan struct{ lo, hi int }

// poolSpans lists the span of every window along an axis of extent n.
func poolSpans(n, k, s int, same bool) []poolSpan {
	out := poolOut(n, k, s, same)
	before := 0
	if same {
		before = max((out-1)*s+k-n, 0) / 2
	}
	spans := make([]poolSpan, out)
	for o := range spans {
		lo := o*s - before
		spans[o] = poolSpan{max(lo, 0), min(lo+k, n)}
	}
	return spans
}

// poolGeom is a pooling laid out on a given input.
type poolGeom struct {
	n, h, w, c int        // input (N, H, W, C)
	rows, cols []poolSpan // the windows' spans: len(rows) = OH, len(cols) = OW
	sw         int        // the stride along the width
}

// newPoolGeom checks x's shape and p, and lays the windows out.
func newPoolGeom(op string, shape []int, p Pool2D) poolGeom {
	if len(shape) != 4 {
		tensor.Shapef("%s: input of shape %v, want (N, H, W, C)", op, shape)
	}
	if p.Size[0] < 1 || p.Size[1] < 1 || p.Strides[0] < 1 || p.Strides[1] < 1 {
		tensor.Shapef("%s: window %v and strides %v must be positive", op, p.Size, p.Strides)
	}
	g := poolGeom{n: shape[0], h: shape[1], w: shape[2], c: shape[3], sw: p.Strides[1]}
	g.rows = poolSpans(g.h, p.Size[0], p.Strides[0], p.Same)
	g.cols = poolSpans(g.w, p.Size[1], p.Strides[1], p.Same)
	if !p.Same && (len(g.rows) == 0 || len(g.cols) == 0) {
		tensor.Shapef("%s: window %v is larger than the input's %v with valid padding", op, p.Size, shape[1:3])
	}
	return g
}

func (g poolGeom) outShape() []int { return []int{g.n, len(g.rows), len(g.cols), g.c} }

// each calls f for every output pixel, in output order, with the offset in
// the output of its C channels and its window. The window's rows are rows of
// the whole batch seen as one (N·H, W, C) stack of images, so the channels
// of input pixel (y, col) start at (y·W + col)·C.
func (g poolGeom) each(f func(o int, rows, cols poolSpan)) {
	o := 0
	for b := 0; b < g.n; b++ {
		for _, r := range g.rows {
			for _, cs := range g.cols {
				f(o, poolSpan{b*g.h + r.lo, b*g.h + r.hi}, cs)
				o += g.c
			}
		}
	}
}

// MaxPool2D returns the maximum of each window, per channel:
//
//	x: (N, H, W, C)   out: (N, OH, OW, C)
//
// The forward pass records, for every output element, which input element
// gave it. Ties go to the first maximal element in row-major window order
// (top row first, left to right), and that element alone receives the
// gradient: TensorFlow also routes a window's gradient to a single element.
// A NaN in a window wins over every number, so NaNs propagate.
//
// Backward: dx[argmax] += dout for every output element. When x takes no
// gradient there is nowhere to route one: the maxima are taken without
// recording where they came from (maxPoolValues), with the same values.
func MaxPool2D(x *Var, p Pool2D) *Var {
	g := newPoolGeom("MaxPool2D", x.Shape(), p)
	out := tensor.New(g.outShape()...)
	if !x.requiresGrad {
		g.maxPoolValues(x.Data(), out.Data)
		return record("max_pool2d", out, nil, x)
	}
	arg := make([]int32, out.Size()) // index into x of each output's maximum
	g.maxPool(x.Data(), out.Data, arg)
	return record("max_pool2d", out, func(out *Var) {
		dx := gradOf(x)
		for i, d := range out.Grad.Data {
			dx[arg[i]] = dx[arg[i]] + d
		}
	}, x)
}

// maxPoolValues writes into out the maximum of each window of x, as
// MaxPool2D does, without the argmax.
func (g poolGeom) maxPoolValues(x, out []float32) { g.maxPool(x, out, nil) }

// maxPool writes into out the maximum of each window of x and, with arg
// non-nil, the index in x it came from. Along an output row, windows of
// the same width that start sw pixels apart (all of them under valid
// padding, all but the clipped ones at the ends under same padding) go to
// the maxPool kernel in one call.
func (g poolGeom) maxPool(x, out []float32, arg []int32) {
	c, o := g.c, 0
	for b := range g.n {
		for _, r := range g.rows {
			y0 := b*g.h + r.lo // the window's top row in the (N·H, W, C) stack
			for i := 0; i < len(g.cols); {
				cs := g.cols[i]
				j := i + 1
				for j < len(g.cols) && g.cols[j].hi-g.cols[j].lo == cs.hi-cs.lo && g.cols[j].lo == cs.lo+(j-i)*g.sw {
					j++
				}
				at := (y0*g.w + cs.lo) * c
				var from []int32
				if arg != nil {
					from = arg[o:]
				}
				maxPool(out[o:], from, at, x[at:], c, r.hi-r.lo, cs.hi-cs.lo, g.w*c, g.sw*c, j-i)
				o += (j - i) * c
				i = j
			}
		}
	}
}

// maxOf4 writes into best the maximum of p0, p1, p2, p3, elementwise, in
// that order (see greater).
func maxOf4(best, p0, p1, p2, p3 []float32) {
	p0, p1, p2, p3 = p0[:len(best)], p1[:len(best)], p2[:len(best)], p3[:len(best)]
	for k := range best {
		b := p0[k]
		if v := p1[k]; greater(v, b) {
			b = v
		}
		if v := p2[k]; greater(v, b) {
			b = v
		}
		if v := p3[k]; greater(v, b) {
			b = v
		}
		best[k] = b
	}
}

// greater reports whether v takes the place of the running maximum b: it is
// greater, or a NaN while b is not.
func greater(v, b float32) bool { return v > b || (v != v && b == b) }

// AvgPool2D returns the mean of each window, per channel, over the real
// (non-padded) elements of the window:
//
//	x: (N, H, W, C)   out: (N, OH, OW, C)
//
// Each sum starts at 0 and adds the window's elements in row-major window
// order; it is then divided by their number.
//
// Backward: every element of a window gets dout/count added, windows taken
// in output order.
func AvgPool2D(x *Var, p Pool2D) *Var {
	g := newPoolGeom("AvgPool2D", x.Shape(), p)
	out := tensor.New(g.outShape()...)
	xs, c := x.Data(), g.c
	g.each(func(o int, rows, cols poolSpan) {
		sum := out.Data[o : o+c]
		for y := rows.lo; y < rows.hi; y++ {
			for col := cols.lo; col < cols.hi; col++ {
				at := (y*g.w + col) * c
				for k, v := range xs[at : at+c] {
					sum[k] = sum[k] + v
				}
			}
		}
		count := float32((rows.hi - rows.lo) * (cols.hi - cols.lo))
		for k := range sum {
			sum[k] = sum[k] / count
		}
	})
	return record("avg_pool2d", out, func(out *Var) {
		dx, dout := gradOf(x), out.Grad.Data
		share := make([]float32, c)
		g.each(func(o int, rows, cols poolSpan) {
			count := float32((rows.hi - rows.lo) * (cols.hi - cols.lo))
			for k, d := range dout[o : o+c] {
				share[k] = d / count
			}
			for y := rows.lo; y < rows.hi; y++ {
				for col := cols.lo; col < cols.hi; col++ {
					at := (y*g.w + col) * c
					d := dx[at : at+c]
					for k, s := range share {
						d[k] = d[k] + s
					}
				}
			}
		})
	}, x)
}
