//go:build wasip1

package main

import (
	"unsafe"

	"gonn/nn/ag"
)

// gemmImport is kernels.wat's gemm, which the host forwards from
// gonn_kernels.gemm to the kernel instance (docs/abi.md, "Kernels").
// Pointers are addresses in the engine's memory; flags are 0 or 1.
//
//go:wasmimport gonn_kernels gemm
func gemmImport(transA, transB, m, n, k int32, a, b, c unsafe.Pointer, accumulate int32, scratch unsafe.Pointer)

// adamImport is kernels.wat's adam (optimizers.AdamUpdate on n weights).
//
//go:wasmimport gonn_kernels adam
func adamImport(w, g, m, v unsafe.Pointer, n int32, c1, c2, alpha, eps float32)

// reluImport, reluBackwardImport and addRunsImport are kernels.wat's relu,
// relu_backward and add_runs (ag.Kernels; strides in bytes).
//
//go:wasmimport gonn_kernels relu
func reluImport(y, x unsafe.Pointer, n int32)

//go:wasmimport gonn_kernels relu_backward
func reluBackwardImport(dx, dout, x unsafe.Pointer, n int32)

//go:wasmimport gonn_kernels add_runs
func addRunsImport(dst unsafe.Pointer, dstStride int32, src unsafe.Pointer, srcStride, n, count int32)

// copyRunsImport, maxPoolImport and maxPoolArgImport are kernels.wat's
// copy_runs, max_pool and max_pool_arg (ag.Kernels' CopyRuns and MaxPool;
// strides in bytes).
//
//go:wasmimport gonn_kernels copy_runs
func copyRunsImport(dst unsafe.Pointer, dstStride int32, src unsafe.Pointer, srcStride, n, count int32)

//go:wasmimport gonn_kernels max_pool
func maxPoolImport(dst, src unsafe.Pointer, n, kh, kw, rowStride, winStride, count int32)

//go:wasmimport gonn_kernels max_pool_arg
func maxPoolArgImport(dst, arg unsafe.Pointer, base int32, src unsafe.Pointer, n, kh, kw, rowStride, winStride, count int32)

// init sets variables only: it must not call an import.
func init() {
	moduleGemm, moduleAdam = kernelGemm, kernelAdam
	moduleAg = ag.Kernels{Relu: kernelRelu, ReluBackward: kernelReluBackward, AddRuns: kernelAddRuns,
		CopyRuns: kernelCopyRuns, MaxPool: kernelMaxPool}
}

// gemmScratch is kernelGemm's scratch memory.
var gemmScratch scratchBuffer

// kernelGemm is tensor.Gemm through the kernel module, with tensor.Gemm's
// arguments, already checked (m, n ≥ 1, the slices long enough). With
// k = 0 there is nothing to multiply and it declines: the Go loops clear
// or keep C.
func kernelGemm(transA, transB bool, m, n, k int, a, b, c []float32, accumulate bool) bool {
	if k == 0 {
		return false
	}
	scratch := gemmScratch.take(gemmScratchFloats(m, n, k))
	gemmImport(flag(transA), flag(transB), int32(m), int32(n), int32(k),
		unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0]), unsafe.Pointer(&c[0]), flag(accumulate), unsafe.Pointer(&scratch[0]))
	return true
}

func flag(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

// kernelAdam is optimizers.AdamUpdate through the kernel module; it
// declines empty weights.
func kernelAdam(w, g, m, v []float32, c1, c2, alpha, eps float32) bool {
	if len(w) == 0 {
		return false
	}
	g, m, v = g[:len(w)], m[:len(w)], v[:len(w)]
	adamImport(unsafe.Pointer(&w[0]), unsafe.Pointer(&g[0]), unsafe.Pointer(&m[0]), unsafe.Pointer(&v[0]), int32(len(w)), c1, c2, alpha, eps)
	return true
}

// kernelRelu, kernelReluBackward and kernelAddRuns call the kernel module
// for ag.Kernels, whose callers pass non-empty slices long enough for the
// call (ag checks the runs' extent).
func kernelRelu(y, x []float32) {
	if len(x) == 0 {
		return
	}
	y = y[:len(x)]
	reluImport(unsafe.Pointer(&y[0]), unsafe.Pointer(&x[0]), int32(len(x)))
}

func kernelReluBackward(dx, dout, x []float32) {
	if len(x) == 0 {
		return
	}
	dx, dout = dx[:len(x)], dout[:len(x)]
	reluBackwardImport(unsafe.Pointer(&dx[0]), unsafe.Pointer(&dout[0]), unsafe.Pointer(&x[0]), int32(len(x)))
}

func kernelAddRuns(dst []float32, dstStride int, src []float32, srcStride, n, count int) {
	callRuns(addRunsImport, dst, dstStride, src, srcStride, n, count)
}

func kernelCopyRuns(dst []float32, dstStride int, src []float32, srcStride, n, count int) {
	callRuns(copyRunsImport, dst, dstStride, src, srcStride, n, count)
}

// callRuns calls add_runs or copy_runs (import) on runs that the slices
// hold, strides in bytes.
func callRuns(import_ func(dst unsafe.Pointer, dstStride int32, src unsafe.Pointer, srcStride, n, count int32),
	dst []float32, dstStride int, src []float32, srcStride, n, count int) {
	if n <= 0 || count <= 0 {
		return
	}
	_ = dst[(count-1)*dstStride+n-1]
	_ = src[(count-1)*srcStride+n-1]
	import_(unsafe.Pointer(&dst[0]), int32(4*dstStride), unsafe.Pointer(&src[0]), int32(4*srcStride), int32(n), int32(count))
}

func kernelMaxPool(dst []float32, arg []int32, base int, src []float32, n, kh, kw, rowStride, winStride, count int) {
	if n <= 0 || count <= 0 || kh < 1 || kw < 1 {
		return
	}
	_ = dst[count*n-1]
	_ = src[(count-1)*winStride+(kh-1)*rowStride+kw*n-1]
	if arg == nil {
		maxPoolImport(unsafe.Pointer(&dst[0]), unsafe.Pointer(&src[0]), int32(n), int32(kh), int32(kw),
			int32(4*rowStride), int32(4*winStride), int32(count))
		return
	}
	_ = arg[count*n-1]
	maxPoolArgImport(unsafe.Pointer(&dst[0]), unsafe.Pointer(&arg[0]), int32(base), unsafe.Pointer(&src[0]), int32(n), int32(kh), int32(kw),
		int32(4*rowStride), int32(4*winStride), int32(count))
}
