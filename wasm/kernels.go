package main

import (
	"fmt"
	"math"

	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// The SIMD kernel module (wasm/kernels/, docs/abi.md "Kernels"): the engine
// imports its functions as gonn_kernels.*, the host forwards them to a
// kernel instance made on the engine's memory, and then calls
// gonn_use_kernels(1). Until that call the engine never touches an import,
// so a host without the module (stubs that trap) works with the Go loops.

// moduleGemm is the kernel module's gemm as a tensor.GemmKernel
// (kernels_wasip1.go), or nil in a native build, which has no kernel
// module. Tests swap it.
var moduleGemm tensor.GemmKernel

// UseKernels installs the kernel module's gemm as tensor.Gemm's kernel
// (enable 1) after checking that it gives the Go loops' bits, or restores
// the Go loops (enable 0). Its result is {"kernels": true|false}, what
// runs now. A kernel that fails the check is not installed.
func (e *Engine) UseKernels(enable int32) int32 {
	return e.guard("gonn_use_kernels", false, func() error {
		switch enable {
		case 0:
			tensor.SetGemmKernel(nil)
		case 1:
			if moduleGemm == nil {
				return fail(statusBadArgument, "gonn_use_kernels: this engine has no kernel imports (a native build)")
			}
			tensor.SetGemmKernel(nil) // the check compares with the Go loops
			if err := checkGemmKernel(moduleGemm); err != nil {
				return fail(statusBadArgument, "gonn_use_kernels: the kernel module is not the one this engine was built with: %v", err)
			}
			tensor.SetGemmKernel(moduleGemm)
		default:
			return fail(statusBadArgument, "gonn_use_kernels: enable must be 0 or 1, not %d", enable)
		}
		return e.setJSON(struct {
			Kernels bool `json:"kernels"`
		}{enable == 1})
	})
}

// checkGemmKernel runs kernel on a few small products that reach all its
// paths (full register tiles, row and column tails, every transA, transB
// and accumulate) and compares each element's bits with tensor.Gemm's,
// which must run the Go loops. It costs a few microseconds.
func checkGemmKernel(kernel tensor.GemmKernel) error {
	r := rng.New(1)
	fill := func(n int) []float32 {
		f := make([]float32, n)
		for i := range f {
			f[i] = float32(r.Normal()) * []float32{1, 1e-3, 1e3}[r.Intn(3)]
		}
		return f
	}
	for _, s := range [][3]int{{9, 19, 13}, {4, 8, 5}, {1, 3, 2}} {
		m, n, k := s[0], s[1], s[2]
		for flags := range 8 {
			transA, transB, accumulate := flags&1 != 0, flags&2 != 0, flags&4 != 0
			a, b, c := fill(m*k), fill(k*n), fill(m*n)
			want := append([]float32(nil), c...)
			tensor.Gemm(transA, transB, m, n, k, a, b, want, accumulate)
			if !kernel(transA, transB, m, n, k, a, b, c, accumulate) {
				return fmt.Errorf("gemm declined m=%d n=%d k=%d", m, n, k)
			}
			for i := range want {
				if math.Float32bits(c[i]) != math.Float32bits(want[i]) {
					return fmt.Errorf("gemm m=%d n=%d k=%d transA=%v transB=%v accumulate=%v gives %v at %d, the Go loops %v",
						m, n, k, transA, transB, accumulate, c[i], i, want[i])
				}
			}
		}
	}
	return nil
}

// gemmScratchFloats is the scratch the kernel module's gemm needs for an
// (m, n) result with inner extent k (kernels.wat): op(B) packed in panels
// of 8 columns, op(A) in blocks of 4 rows, then a 4×8 tile.
func gemmScratchFloats(m, n, k int) int { return 8*((n+7)/8)*k + 4*((m+3)/4)*k + 4*8 }

// scratchBuffer is the kernel module's scratch memory, grown as needed
// and kept: a kernel call runs to its end without yielding to another
// goroutine, and keeps nothing in it between calls.
type scratchBuffer struct{ f []float32 }

// take returns at least n floats.
func (s *scratchBuffer) take(n int) []float32 {
	if len(s.f) < n {
		s.f = make([]float32, n)
	}
	return s.f[:n]
}
