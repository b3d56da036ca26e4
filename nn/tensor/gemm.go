package tensor

import (
	"runtime"
	"sync"
)

// Gemm computes C = op(A)·op(B), or C += op(A)·op(B) when accumulate is set,
// where op(X) is X or its transpose. C is (m, n) and the inner extent is k:
//
//	op(A) is (m, k): A is (m, k) row-major, or (k, m) when transA
//	op(B) is (k, n): B is (k, n) row-major, or (n, k) when transB
//
// The accumulation order is part of gonn's contract (docs/determinism.md):
// every element is c = c0 + float32(a(i,0)*b(0,j)) + float32(a(i,1)*b(1,j)) + …,
// added one product at a time in increasing k, starting from c0 = 0 (or the old
// C when accumulate). Multiply and add are separate roundings: the explicit
// float32 conversion forbids the compiler from fusing them. Any faster kernel
// (the SIMD module) must keep this order, so the bits are the same everywhere.
// (A NaN result stays a NaN, but which NaN's payload it carries is not part
// of the contract: IEEE 754, Go's compiler and wasm all leave it open.)
//
// Three kernels keep that order:
//
//   - a GemmKernel installed with SetGemmKernel (the engine module in a
//     browser installs the f32x4 kernel module), tried first;
//   - the native kernel: on amd64 with AVX2, a Go-assembly micro-kernel
//     (gemm_amd64.s, assembled by the Go toolchain, so the build still needs
//     nothing but Go). It computes 6×16 tiles of C with eight float32 lanes
//     per YMM register, one lane per column j, so each element still sums
//     its products alone and in increasing k; it multiplies with VMULPS and
//     adds with VADDPS, never a fused multiply-add (a test reads the .s files
//     to keep it so). Splitting k into slices changes no bit: the running
//     sums are float32 either way, stored in C between slices;
//   - the Go loops (gemm_loops.go) everywhere else: wasm, arm64, amd64
//     without AVX2 (CPUID and XGETBV decide at start-up), and any build with
//     the purego tag.
//
// Tests check that the native kernel gives the Go loops' bits and those of a
// triple loop written from the formula, over odd shapes and special values.
//
// Rows of C are shared out among goroutines when the product is large; each
// element is still computed by one goroutine in the order above.
func Gemm(transA, transB bool, m, n, k int, a, b, c []float32, accumulate bool) {
	if len(a) < m*k || len(b) < k*n || len(c) < m*n {
		Shapef("Gemm: m=%d n=%d k=%d with len(a)=%d len(b)=%d len(c)=%d", m, n, k, len(a), len(b), len(c))
	}
	if m == 0 || n == 0 {
		return
	}
	if gemmKernel != nil && gemmKernel(transA, transB, m, n, k, a, b, c, accumulate) {
		return
	}
	rows := nativeGemmRows(transA, transB, m, n, k, a, b, c, accumulate)
	if rows == nil {
		rows = goGemmRows(transA, transB, m, n, k, a, b, c, accumulate)
	}
	workers := runtime.GOMAXPROCS(0)
	if workers == 1 || m < 2 || m*n*k < 1<<16 {
		rows(0, m)
		return
	}
	workers = min(workers, m)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := m*w/workers, m*(w+1)/workers
		wg.Go(func() { rows(lo, hi) })
	}
	wg.Wait()
}
