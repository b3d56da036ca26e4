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
	return Kernels{Relu: reluLoop, ReluBackward: reluBackwardLoop, AddRuns: addRunsLoop}
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

// addRuns adds count runs of n floats of src into dst (Kernels.AddRuns).
func addRuns(dst []float32, dstStride int, src []float32, srcStride, n, count int) {
	if count <= 0 || n <= 0 {
		return
	}
	if kernels.AddRuns != nil && n*count >= minKernelFloats {
		// The slices must hold every run: the kernel reads raw memory.
		_ = dst[(count-1)*dstStride+n-1]
		_ = src[(count-1)*srcStride+n-1]
		kernels.AddRuns(dst, dstStride, src, srcStride, n, count)
		return
	}
	addRunsLoop(dst, dstStride, src, srcStride, n, count)
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
