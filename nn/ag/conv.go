package ag

import "gonn/nn/tensor"

// Convolutions are channels-last, as in Keras and TensorFlow: an image batch
// is (N, H, W, C) and a kernel (KH, KW, C, F). Like every deep-learning
// library, "convolution" means cross-correlation (the kernel is not
// flipped):
//
//	out[n, oy, ox, f] = Σ_{ky, kx, c} xpad[n, oy·SH + ky·DH, ox·SW + kx·DW, c] · kernel[ky, kx, c, f]
//
// where xpad is x with PadTop rows of zeros above, PadBottom below, PadLeft
// columns on the left and PadRight on the right.
//
// The work is im2col + Gemm. For a few examples at a time, im2col gathers
// every receptive field into one row of a patch matrix (OH·OW rows per
// example, KH·KW·C columns, in the kernel's (ky, kx, c) order), so that the
// convolution is one product with the kernel viewed as (KH·KW·C, F). The
// patch buffer is bounded by im2colBudget, whatever the batch size.
//
// Determinism: every output element is one Gemm dot product over the
// (ky, kx, c) columns in increasing order; the kernel gradient is one Gemm
// accumulation over the rows (example, oy, ox) in increasing order, chunk
// after chunk, so the chunk size changes no bit; col2im adds into the input
// gradient in the fixed order (example, oy, ox, ky, kx, c). No goroutines
// other than Gemm's.

// ConvParams is the geometry of a 2-D convolution besides the shapes of
// its operands. The zero value is stride 1, dilation 1, no padding: a
// stride or dilation of 0 means 1.
type ConvParams struct {
	StrideH, StrideW     int // step between neighbouring outputs, in input pixels
	DilationH, DilationW int // step between neighbouring kernel taps, in input pixels
	// Rows or columns of zeros added on each side of the input.
	PadTop, PadBottom, PadLeft, PadRight int
}

// ConvOutLen is the extent of a convolution's output along one axis:
//
//	(in + padBefore + padAfter − ((k−1)·dilation + 1)) / stride + 1   (floor)
//
// or 0 when the dilated kernel is longer than the padded input.
func ConvOutLen(in, k, stride, dilation, padBefore, padAfter int) int {
	span := in + padBefore + padAfter - ((k-1)*dilation + 1)
	if span < 0 {
		return 0
	}
	return span/stride + 1
}

// SamePadding is TensorFlow's (and Keras') "same" padding along one axis:
// the output has ceil(in/stride) elements, and the zeros needed for that are
// split with the odd one after:
//
//	total = max((ceil(in/stride) − 1)·stride + (k−1)·dilation + 1 − in, 0)
//	before = total/2 (floor), after = total − before
func SamePadding(in, k, stride, dilation int) (before, after int) {
	out := (in + stride - 1) / stride
	total := max((out-1)*stride+(k-1)*dilation+1-in, 0)
	return total / 2, total - total/2
}

// Conv2D convolves x with kernel:
//
//	x: (N, H, W, C)   kernel: (KH, KW, C, F)   out: (N, OH, OW, F)
//	OH = ConvOutLen(H, KH, StrideH, DilationH, PadTop, PadBottom), OW likewise
//
// Backward, with dout (N, OH, OW, F):
//
//	dkernel (KH·KW·C, F) += Σ_n patches(x_n)ᵀ · dout_n       (n = 0, 1, … in order)
//	dx += col2im(dout_n · kernelᵀ)                              per example
//
// It panics with ErrShape unless both are 4-D, the channels agree and the
// dilated kernel fits in the padded input.
func Conv2D(x, kernel *Var, p ConvParams) *Var {
	xs, ks := x.Shape(), kernel.Shape()
	if len(xs) != 4 || len(ks) != 4 || xs[3] != ks[2] {
		tensor.Shapef("Conv2D: x %v and kernel %v, want (N, H, W, C) and (KH, KW, C, F)", xs, ks)
	}
	g := newConvGeom("Conv2D", xs[0], xs[1], xs[2], xs[3], ks[0], ks[1], ks[3], p)
	out := tensor.New(g.n, g.oh, g.ow, g.f)
	g.forward(x.Data(), kernel.Data(), out.Data, false)
	return record("conv2d", out, func(out *Var) {
		dout := out.Grad.Data
		if dx := gradOf(x); dx != nil {
			g.backwardInput(dout, kernel.Data(), dx)
		}
		if dk := gradOf(kernel); dk != nil {
			g.backwardKernel(x.Data(), dout, dk)
		}
	}, x, kernel)
}

// Conv2DTranspose is the transposed convolution (Keras' Conv2DTranspose,
// sometimes called deconvolution): its forward is the gradient of Conv2D with
// respect to Conv2D's input. With the kernel laid out as Keras lays it out,
//
//	x: (N, H, W, C)   kernel: (KH, KW, F, C)   out: (N, outH, outW, F)
//
// out is the dx of a Conv2D with geometry p from (N, outH, outW, F) to
// (N, H, W, C) (that Conv2D's kernel is this one, F in and C out) taken at
// dout = x: each input pixel scatters kernel·x[n, iy, ix, :] into an outH×outW
// canvas whose padding is then cut away. Since several output sizes give
// the same H under a stride, outH and outW are given; it panics with
// ErrShape unless ConvOutLen(outH, KH, StrideH, DilationH, PadTop, PadBottom)
// is H (and likewise for W) and the channels agree.
//
// Backward, with dout (N, outH, outW, F), is that Conv2D's forward and
// kernel gradient:
//
//	dx += Conv2D(dout, kernel, p)
//	dkernel (KH·KW·F, C) += Σ_n patches(dout_n)ᵀ · x_n      (n = 0, 1, … in order)
func Conv2DTranspose(x, kernel *Var, p ConvParams, outH, outW int) *Var {
	xs, ks := x.Shape(), kernel.Shape()
	if len(xs) != 4 || len(ks) != 4 || xs[3] != ks[3] {
		tensor.Shapef("Conv2DTranspose: x %v and kernel %v, want (N, H, W, C) and (KH, KW, F, C)", xs, ks)
	}
	g := newConvGeom("Conv2DTranspose", xs[0], outH, outW, ks[2], ks[0], ks[1], ks[3], p)
	if g.oh != xs[1] || g.ow != xs[2] {
		tensor.Shapef("Conv2DTranspose: an output of %d×%d convolves back to %d×%d, not to the input's %d×%d",
			outH, outW, g.oh, g.ow, xs[1], xs[2])
	}
	out := tensor.New(g.n, outH, outW, g.c)
	g.backwardInput(x.Data(), kernel.Data(), out.Data)
	return record("conv2d_transpose", out, func(out *Var) {
		dout := out.Grad.Data
		if dx := gradOf(x); dx != nil {
			g.forward(dout, kernel.Data(), dx, true)
		}
		if dk := gradOf(kernel); dk != nil {
			g.backwardKernel(dout, x.Data(), dk)
		}
	}, x, kernel)
}

// im2colBudget bounds the patch matrix of one chunk of examples, in
// float32s (4 MiB, small for a browser's memory, which never shrinks). A
// chunk holds at least one example; mnist_cnn's second convolution gets 6
// per chunk, so each Gemm still has 3,456 rows to share out. Im2col and
// col2im take under 5% of that convolution's time; Gemm takes the rest.
var im2colBudget = 1 << 20

// convGeom is the shape of one convolution, input side and output side.
type convGeom struct {
	n, h, w, c int // input (N, H, W, C)
	kh, kw, f  int // kernel (KH, KW, C, F)
	oh, ow     int // output (N, OH, OW, F)
	p          ConvParams
	kk         int // KH·KW·C: columns of the patch matrix, rows of the kernel matrix
	chunk      int // examples per im2col chunk
}

// newConvGeom checks the geometry (op names the caller in panics) and
// computes the output size.
func newConvGeom(op string, n, h, w, c, kh, kw, f int, p ConvParams) convGeom {
	for _, v := range []*int{&p.StrideH, &p.StrideW, &p.DilationH, &p.DilationW} {
		if *v == 0 {
			*v = 1
		}
	}
	if p.StrideH < 1 || p.StrideW < 1 || p.DilationH < 1 || p.DilationW < 1 ||
		p.PadTop < 0 || p.PadBottom < 0 || p.PadLeft < 0 || p.PadRight < 0 {
		tensor.Shapef("%s: bad parameters %+v", op, p)
	}
	if h < 1 || w < 1 || c < 1 || kh < 1 || kw < 1 || f < 1 {
		tensor.Shapef("%s: empty extent in image %d×%d×%d or kernel %d×%d with %d filters", op, h, w, c, kh, kw, f)
	}
	g := convGeom{n: n, h: h, w: w, c: c, kh: kh, kw: kw, f: f, p: p, kk: kh * kw * c}
	g.oh = ConvOutLen(h, kh, p.StrideH, p.DilationH, p.PadTop, p.PadBottom)
	g.ow = ConvOutLen(w, kw, p.StrideW, p.DilationW, p.PadLeft, p.PadRight)
	if g.oh == 0 || g.ow == 0 {
		tensor.Shapef("%s: kernel %d×%d dilated by %d×%d is larger than the padded %d×%d input (%+v)",
			op, kh, kw, p.DilationH, p.DilationW, h, w, p)
	}
	g.chunk = max(1, min(n, im2colBudget/(g.oh*g.ow*g.kk)))
	return g
}

// rows is the number of output pixels per example: rows of the patch matrix.
func (g *convGeom) rows() int { return g.oh * g.ow }

// forward computes out (N, OH, OW, F) = conv(x (N, H, W, C), kernel), adding
// to out when accumulate is set.
func (g *convGeom) forward(x, kernel, out []float32, accumulate bool) {
	cols := getScratch(g.chunk * g.rows() * g.kk)
	defer putScratch(cols)
	for n0 := 0; n0 < g.n; n0 += g.chunk {
		nb := min(g.chunk, g.n-n0)
		m := nb * g.rows()
		g.im2col(x[n0*g.h*g.w*g.c:], nb, cols)
		// (m, kk)·(kk, F) → (m, F)
		tensor.Gemm(false, false, m, g.f, g.kk, cols, kernel, out[n0*g.rows()*g.f:], accumulate)
	}
}

// backwardInput adds into dx (N, H, W, C) the gradient of forward with
// respect to x, given dout (N, OH, OW, F).
func (g *convGeom) backwardInput(dout, kernel, dx []float32) {
	dcols := getScratch(g.chunk * g.rows() * g.kk)
	defer putScratch(dcols)
	for n0 := 0; n0 < g.n; n0 += g.chunk {
		nb := min(g.chunk, g.n-n0)
		m := nb * g.rows()
		// (m, F)·(kk, F)ᵀ → (m, kk), overwriting dcols
		tensor.Gemm(false, true, m, g.kk, g.f, dout[n0*g.rows()*g.f:], kernel, dcols, false)
		g.col2im(dcols, nb, dx[n0*g.h*g.w*g.c:])
	}
}

// backwardKernel adds into dkernel (KH, KW, C, F) the gradient of forward
// with respect to the kernel, given x and dout: Σ over every output pixel
// of every example, in order, of patch ⊗ dout.
func (g *convGeom) backwardKernel(x, dout, dkernel []float32) {
	cols := getScratch(g.chunk * g.rows() * g.kk)
	defer putScratch(cols)
	for n0 := 0; n0 < g.n; n0 += g.chunk {
		nb := min(g.chunk, g.n-n0)
		m := nb * g.rows()
		g.im2col(x[n0*g.h*g.w*g.c:], nb, cols)
		// (m, kk)ᵀ·(m, F) → (kk, F), accumulated over m in increasing order
		tensor.Gemm(true, false, g.kk, g.f, m, cols, dout[n0*g.rows()*g.f:], dkernel, true)
	}
}

// kxRange returns the kernel columns [lo, hi) whose input column
// ix0 + kx·DilationW falls inside the image, for a receptive field whose
// first column is ix0 (negative in the left padding); lo ≥ hi when none does.
func (g *convGeom) kxRange(ix0 int) (lo, hi int) {
	d := g.p.DilationW
	if ix0 < 0 {
		lo = (-ix0 + d - 1) / d
	}
	if last := g.w - 1 - ix0; last >= 0 {
		hi = min(g.kw, last/d+1)
	}
	return lo, hi
}

// im2col writes the patch matrix of nb examples of x into cols
// (nb·OH·OW, KH·KW·C): row (e, oy, ox) holds x's receptive field of output
// pixel (oy, ox) of example e, zeros where it falls in the padding. Without
// dilation along the width, a kernel row's columns inside the image are
// KW·C neighbouring input values, copied in one run, and for one (e, oy,
// ky) the runs of the output columns whose receptive field lies inside
// the image's width (fullColumns) go to copyRuns in one call.
func (g *convGeom) im2col(x []float32, nb int, cols []float32) {
	p, c := g.p, g.c
	run := g.kw * c // one kernel row of a patch row: (kx, c)
	full0, full1 := g.fullColumns()
	for e := range nb {
		img := x[e*g.h*g.w*c : (e+1)*g.h*g.w*c]
		for oy := range g.oh {
			r0 := (e*g.oh + oy) * g.ow // cols' row of (e, oy, 0)
			for ky := range g.kh {
				iy := oy*p.StrideH - p.PadTop + ky*p.DilationH
				if iy < 0 || iy >= g.h {
					for ox := range g.ow {
						clear(cols[(r0+ox)*g.kk+ky*run:][:run])
					}
					continue
				}
				src := img[iy*g.w*c : (iy+1)*g.w*c]
				for ox := range full0 {
					g.patchRun(cols[(r0+ox)*g.kk+ky*run:][:run], src, ox)
				}
				if full0 < full1 {
					copyRuns(cols[(r0+full0)*g.kk+ky*run:], g.kk, src[(full0*p.StrideW-p.PadLeft)*c:], p.StrideW*c, run, full1-full0)
				}
				for ox := full1; ox < g.ow; ox++ {
					g.patchRun(cols[(r0+ox)*g.kk+ky*run:][:run], src, ox)
				}
			}
		}
	}
}

// patchRun writes into dst (KW·C) one kernel row of output column ox's
// receptive field, taken from src, the input row it lies on: zeros where
// it falls in the padding.
func (g *convGeom) patchRun(dst, src []float32, ox int) {
	p, c := g.p, g.c
	ix0 := ox*p.StrideW - p.PadLeft
	lo, hi := g.kxRange(ix0)
	if lo >= hi {
		clear(dst)
		return
	}
	clear(dst[:lo*c])
	clear(dst[hi*c:])
	if p.DilationW == 1 {
		copyRun(dst[lo*c:hi*c], src[(ix0+lo)*c:])
		return
	}
	for kx := lo; kx < hi; kx++ {
		ix := ix0 + kx*p.DilationW
		copyRun(dst[kx*c:(kx+1)*c], src[ix*c:])
	}
}

// fullColumns returns the output columns [lo, hi) whose receptive field
// lies inside the image's width with no dilation along it, so that its
// kernel rows are whole runs of KW·C input values; lo = hi when there are
// none (or the kernel is dilated along the width).
func (g *convGeom) fullColumns() (lo, hi int) {
	if g.p.DilationW != 1 {
		return 0, 0
	}
	lo = g.ow
	for ox := range g.ow {
		ix0 := ox*g.p.StrideW - g.p.PadLeft
		if ix0 >= 0 && ix0+g.kw <= g.w {
			lo = min(lo, ox)
			hi = ox + 1
		}
	}
	return lo, max(lo, hi)
}

// col2im is im2col's adjoint: it adds each element of cols
// (nb·OH·OW, KH·KW·C) into the pixel of dx it was gathered from, in the
// order (e, oy, ox, ky, kx, c); padding positions are dropped. Without
// dilation along the width a kernel row's (kx, c) run lands on neighbouring
// pixels: for one (e, oy, ky) the runs of successive ox with the same kx
// range go to addRuns in one call. A pixel of dx gets its terms in the
// same order either way: for a given (e, oy) and input row, ky is fixed,
// so only ox and kx vary, both increasing.
func (g *convGeom) col2im(cols []float32, nb int, dx []float32) {
	if g.p.DilationW != 1 {
		g.col2imDilated(cols, nb, dx)
		return
	}
	p, c := g.p, g.c
	run := g.kw * c
	for e := range nb {
		img := dx[e*g.h*g.w*c : (e+1)*g.h*g.w*c]
		for oy := range g.oh {
			r0 := (e*g.oh + oy) * g.ow // cols' row of (e, oy, 0)
			for ky := range g.kh {
				iy := oy*p.StrideH - p.PadTop + ky*p.DilationH
				if iy < 0 || iy >= g.h {
					continue
				}
				dst := img[iy*g.w*c : (iy+1)*g.w*c]
				for ox := 0; ox < g.ow; {
					ix0 := ox*p.StrideW - p.PadLeft
					lo, hi := g.kxRange(ix0)
					end := ox + 1
					for end < g.ow {
						if l, h := g.kxRange(end*p.StrideW - p.PadLeft); l != lo || h != hi {
							break
						}
						end++
					}
					if lo < hi {
						addRuns(dst[(ix0+lo)*c:], p.StrideW*c, cols[(r0+ox)*g.kk+ky*run+lo*c:], g.kk, (hi-lo)*c, end-ox)
					}
					ox = end
				}
			}
		}
	}
}

// col2imDilated is col2im for a dilation along the width: one pixel's c
// values at a time.
func (g *convGeom) col2imDilated(cols []float32, nb int, dx []float32) {
	p, c := g.p, g.c
	run := g.kw * c
	r := 0
	for e := range nb {
		img := dx[e*g.h*g.w*c : (e+1)*g.h*g.w*c]
		for oy := range g.oh {
			for ox := range g.ow {
				row := cols[r*g.kk : (r+1)*g.kk]
				r++
				ix0 := ox*p.StrideW - p.PadLeft
				lo, hi := g.kxRange(ix0)
				for ky := range g.kh {
					iy := oy*p.StrideH - p.PadTop + ky*p.DilationH
					if iy < 0 || iy >= g.h {
						continue
					}
					src := row[ky*run : (ky+1)*run]
					dst := img[iy*g.w*c : (iy+1)*g.w*c]
					for kx := lo; kx < hi; kx++ {
						ix := ix0 + kx*p.DilationW
						addInto(dst[ix*c:], src[kx*c:(kx+1)*c])
					}
				}
			}
		}
	}
}

// copyRun copies src into dst (len(dst) values): a plain loop for the short
// runs of few-channel images (a 3×3 kernel on a grey image copies 3 values),
// where a call to memmove would cost more than the copy.
func copyRun(dst, src []float32) {
	if len(dst) > 16 {
		copy(dst, src)
		return
	}
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] = v
	}
}
