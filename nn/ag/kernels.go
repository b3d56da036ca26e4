package ag

import "math"

// Kernels are faster versions of ag's hottest elementwise loops, installed
// by a host that has them: the engine in a browser installs the f32x4
// kernel module's (wasm/kernels), where Go's own loops run without SIMD.
// Each must give the bits of the Go loop it replaces (GoKernels), which
// the host checks before installing them. A nil field keeps the Go loop.
type Kernels struct {
	// Relu sets y[i] = x[i] where x[i] > 0, else +0 (len(y) = len(x)).
	Relu func(y, x []float32)
	// ReluBackward adds dout[i] into dx[i] where x[i] > 0.
	ReluBackward func(dx, dout, x []float32)
	// AddRuns adds count runs of n floats, in order r = 0 … count−1:
	// dst[r·dstStride+j] += src[r·srcStride+j] for j < n. Runs of dst may
	// overlap; dstStride 0 sums every run into one.
	AddRuns func(dst []float32, dstStride int, src []float32, srcStride, n, count int)
	// CopyRuns copies count runs of n floats: dst[r·dstStride+j] =
	// src[r·srcStride+j] for j < n. Runs of dst overlap no run of src.
	CopyRuns func(dst []float32, dstStride int, src []float32, srcStride, n, count int)
	// MaxPool takes the maximum of count windows of kh×kw pixels of n
	// channels, pixel (y, x) of window w holding its channels at
	// src[w·winStride + y·rowStride + x·n:][:n]. dst[w·n+j] receives
	// channel j's maximum: the window's first pixel, replaced by each later
	// one in row-major window order that is greater, or a NaN over a number
	// (greater). With arg non-nil, arg[w·n+j] receives base + the index in
	// src of that maximum. kh, kw ≥ 1.
	MaxPool func(dst []float32, arg []int32, base int, src []float32, n, kh, kw, rowStride, winStride, count int)
}

// kernels are the installed kernels.
var kernels Kernels

// SetKernels installs k for every later call; the zero Kernels restores
// the Go loops. Not safe to call while a model runs.
func SetKernels(k Kernels) { kernels = k }

// minKernelFloats is the shortest loop handed to a kernel: a call into the
// kernel module costs about as much as this many floats in a Go loop.
const minKernelFloats = 64

// GoKernels are the Go loops themselves, in the form of Kernels: what an
// installed kernel must equal, bit for bit.
func GoKernels() Kernels {
	return Kernels{Relu: reluLoop, ReluBackward: reluBackwardLoop, AddRuns: addRunsLoop, CopyRuns: copyRunsLoop, MaxPool: maxPoolLoop}
}

// relu sets y to relu(x).
func relu(y, x []float32) {
	if kernels.Relu != nil && len(x) >= minKernelFloats {
		kernels.Relu(y, x)
		return
	}
	reluLoop(y, x)
}

// reluBackward adds dout into dx where x > 0.
func reluBackward(dx, dout, x []float32) {
	if kernels.ReluBackward != nil && len(x) >= minKernelFloats {
		kernels.ReluBackward(dx, dout, x)
		return
	}
	reluBackwardLoop(dx, dout, x)
}

// runsFunc is the form of AddRuns and CopyRuns.
type runsFunc func(dst []float32, dstStride int, src []float32, srcStride, n, count int)

// addRuns adds count runs of n floats of src into dst (Kernels.AddRuns).
func addRuns(dst []float32, dstStride int, src []float32, srcStride, n, count int) {
	runs(kernels.AddRuns, addRunsLoop, dst, dstStride, src, srcStride, n, count)
}

// copyRuns copies count runs of n floats of src into dst (Kernels.CopyRuns).
func copyRuns(dst []float32, dstStride int, src []float32, srcStride, n, count int) {
	runs(kernels.CopyRuns, copyRunsLoop, dst, dstStride, src, srcStride, n, count)
}

// runs calls kernel, when installed and the runs are long enough to pay
// for the call, else loop.
func runs(kernel, loop runsFunc, dst []float32, dstStride int, src []float32, srcStride, n, count int) {
	if count <= 0 || n <= 0 {
		return
	}
	if kernel != nil && n*count >= minKernelFloats {
		// The slices must hold every run: the kernel reads raw memory.
		_ = dst[(count-1)*dstStride+n-1]
		_ = src[(count-1)*srcStride+n-1]
		kernel(dst, dstStride, src, srcStride, n, count)
		return
	}
	loop(dst, dstStride, src, srcStride, n, count)
}

// maxPool takes the maxima of count windows (Kernels.MaxPool).
func maxPool(dst []float32, arg []int32, base int, src []float32, n, kh, kw, rowStride, winStride, count int) {
	if count <= 0 || n <= 0 {
		return
	}
	// The slices must hold every window: the kernel reads raw memory.
	_ = dst[count*n-1]
	_ = src[(count-1)*winStride+(kh-1)*rowStride+kw*n-1]
	if arg != nil {
		_ = arg[count*n-1]
	}
	if kernels.MaxPool != nil && n*count >= minKernelFloats {
		kernels.MaxPool(dst, arg, base, src, n, kh, kw, rowStride, winStride, count)
		return
	}
	maxPoolLoop(dst, arg, base, src, n, kh, kw, rowStride, winStride, count)
}

func reluLoop(y, x []float32) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] = math.Float32frombits(math.Float32bits(v) & positiveMask(v))
	}
}

func reluBackwardLoop(dx, dout, x []float32) {
	dx, dout = dx[:len(x)], dout[:len(x)]
	for i, v := range x {
		// dx[i] + dout[i] where v > 0, else dx[i] as it is
		old := math.Float32bits(dx[i])
		sum := math.Float32bits(dx[i] + dout[i])
		dx[i] = math.Float32frombits(old ^ (old^sum)&positiveMask(v))
	}
}

func addRunsLoop(dst []float32, dstStride int, src []float32, srcStride, n, count int) {
	for r := range count {
		addInto(dst[r*dstStride:r*dstStride+n], src[r*srcStride:r*srcStride+n])
	}
}

func copyRunsLoop(dst []float32, dstStride int, src []float32, srcStride, n, count int) {
	for r := range count {
		copyRun(dst[r*dstStride:r*dstStride+n], src[r*srcStride:])
	}
}

func maxPoolLoop(dst []float32, arg []int32, base int, src []float32, n, kh, kw, rowStride, winStride, count int) {
	for w := range count {
		win := src[w*winStride:]
		best := dst[w*n : (w+1)*n]
		switch {
		case arg != nil:
			maxArgWindow(best, arg[w*n:(w+1)*n], base+w*winStride, win, n, kh, kw, rowStride)
		case kh == 2 && kw == 2:
			maxOf4(best, win, win[n:], win[rowStride:], win[rowStride+n:])
		default:
			maxWindow(best, win, n, kh, kw, rowStride)
		}
	}
}

// maxWindow is one window of maxPoolLoop: the first pixel, then each
// later one that is greater (greater).
func maxWindow(best, win []float32, n, kh, kw, rowStride int) {
	copy(best, win[:n])
	for y := range kh {
		for x := range kw {
			if at := y*rowStride + x*n; at > 0 {
				for j, v := range win[at : at+n] {
					if greater(v, best[j]) {
						best[j] = v
					}
				}
			}
		}
	}
}

// maxArgWindow is maxWindow with the argmax: from[j] gets base + the
// offset in win of channel j's maximum.
func maxArgWindow(best []float32, from []int32, base int, win []float32, n, kh, kw, rowStride int) {
	copy(best, win[:n])
	for j := range from {
		from[j] = int32(base + j)
	}
	for y := range kh {
		for x := range kw {
			if at := y*rowStride + x*n; at > 0 {
				for j, v := range win[at : at+n] {
					if greater(v, best[j]) {
						best[j], from[j] = v, int32(base+at+j)
					}
				}
			}
		}
	}
}
