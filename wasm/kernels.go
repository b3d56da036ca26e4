package main

import (
	"fmt"
	"math"
	"slices"

	"gonn/nn/ag"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// The SIMD kernel module (wasm/kernels/, docs/abi.md "Kernels"): the engine
// imports its functions as gonn_kernels.*, the host forwards them to a
// kernel instance made on the engine's memory, and then calls
// gonn_use_kernels(1). Until that call the engine never touches an import,
// so a host without the module (stubs that trap) works with the Go loops.

// moduleGemm, moduleAdam and moduleAg are the kernel module's gemm, adam
// and elementwise kernels as tensor's, optimizers' and ag's kernels (kernels_wasip1.go), or nil in a native
// build, which has no kernel module. Tests swap them.
var (
	moduleGemm tensor.GemmKernel
	moduleAdam optimizers.AdamKernel
	moduleAg   ag.Kernels // the elementwise kernels, nil fields in a native build
)

// UseKernels installs the kernel module's gemm as tensor.Gemm's kernel and
// its adam as Adam's (enable 1) after checking that they give the Go
// loops' bits, or restores the Go loops (enable 0). Its result is {"kernels": true|false}, what
// runs now. A kernel that fails the check is not installed.
func (e *Engine) UseKernels(enable int32) int32 {
	return e.guard("gonn_use_kernels", false, func() error {
		switch enable {
		case 0:
			useGoLoops()
		case 1:
			if moduleGemm == nil || moduleAdam == nil || moduleAg.Relu == nil || moduleAg.MaxPool == nil {
				return fail(statusBadArgument, "gonn_use_kernels: this engine has no kernel imports (a native build)")
			}
			useGoLoops() // the checks compare with the Go loops
			err := checkGemmKernel(moduleGemm)
			if err == nil {
				err = checkAdamKernel(moduleAdam)
			}
			if err == nil {
				err = checkAgKernels(moduleAg)
			}
			if err != nil {
				return fail(statusBadArgument, "gonn_use_kernels: the kernel module is not the one this engine was built with: %v", err)
			}
			tensor.SetGemmKernel(moduleGemm)
			optimizers.SetAdamKernel(moduleAdam)
			ag.SetKernels(moduleAg)
		default:
			return fail(statusBadArgument, "gonn_use_kernels: enable must be 0 or 1, not %d", enable)
		}
		return e.setJSON(struct {
			Kernels bool `json:"kernels"`
		}{enable == 1})
	})
}

// useGoLoops uninstalls every kernel.
func useGoLoops() {
	tensor.SetGemmKernel(nil)
	optimizers.SetAdamKernel(nil)
	ag.SetKernels(ag.Kernels{})
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

// checkAdamKernel runs kernel on 67 weights (both its 4-wide and its
// one-at-a-time loops) with gradients and moments of several scales and
// compares every bit of w, m and v with optimizers.AdamUpdate's.
func checkAdamKernel(kernel optimizers.AdamKernel) error {
	r := rng.New(2)
	const n = 67
	var in [4][]float32 // w, g, m, v
	for k := range in {
		in[k] = make([]float32, n)
		for i := range in[k] {
			in[k][i] = float32(r.Normal()) * []float32{1, 1e-3, 1e3}[r.Intn(3)]
		}
	}
	for i, v := range in[3] {
		in[3][i] = v * v // a second moment is ≥ 0
	}
	want, got := cloneAll(in), cloneAll(in)
	optimizers.AdamUpdate(want[0], want[1], want[2], want[3], 0.1, 0.001, 0.37, 1e-7)
	if !kernel(got[0], got[1], got[2], got[3], 0.1, 0.001, 0.37, 1e-7) {
		return fmt.Errorf("adam declined %d weights", n)
	}
	for k, name := range []string{"w", "g", "m", "v"} {
		for i := range want[k] {
			if math.Float32bits(got[k][i]) != math.Float32bits(want[k][i]) {
				return fmt.Errorf("adam gives %s[%d] = %v, the Go loop %v", name, i, got[k][i], want[k][i])
			}
		}
	}
	return nil
}

// checkAgKernels runs the elementwise kernels on 67 values with ±0, ±Inf,
// NaN and subnormals among them (and on overlapping, summed and strided
// runs) and compares every bit with ag's Go loops.
func checkAgKernels(k ag.Kernels) error {
	r := rng.New(3)
	const n = 67
	specials := []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)),
		float32(math.NaN()), 1e-40, -1e-40}
	fill := func() []float32 {
		f := make([]float32, n)
		for i := range f {
			f[i] = float32(r.Normal()) * []float32{1, 1e-3, 1e3}[r.Intn(3)]
			if i%5 == 0 {
				f[i] = specials[r.Intn(len(specials))]
			}
		}
		return f
	}
	x, d, o := fill(), fill(), fill()
	same := func(what string, want, got []float32) error {
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				return fmt.Errorf("%s gives %v at %d, the Go loop %v", what, got[i], i, want[i])
			}
		}
		return nil
	}
	loops := ag.GoKernels()
	want, got := make([]float32, n), make([]float32, n)
	loops.Relu(want, x)
	k.Relu(got, x)
	if err := same("relu", want, got); err != nil {
		return err
	}
	want, got = slices.Clone(d), slices.Clone(d)
	loops.ReluBackward(want, o, x)
	k.ReluBackward(got, o, x)
	if err := same("relu_backward", want, got); err != nil {
		return err
	}
	for _, c := range []struct {
		name         string
		loop, kernel func(dst []float32, dstStride int, src []float32, srcStride, n, count int)
		runs         [][4]int // dstStride, srcStride, n, count
	}{
		{"add_runs", loops.AddRuns, k.AddRuns, [][4]int{{0, 0, n, 1}, {2, 5, 9, 11}, {0, 6, 6, 11}}},
		{"copy_runs", loops.CopyRuns, k.CopyRuns, [][4]int{{0, 0, n, 1}, {9, 5, 9, 7}, {6, 11, 6, 6}}},
	} {
		for _, s := range c.runs {
			want, got = slices.Clone(d), slices.Clone(d)
			c.loop(want, s[0], x, s[1], s[2], s[3])
			c.kernel(got, s[0], x, s[1], s[2], s[3])
			if err := same(fmt.Sprintf("%s %v", c.name, s), want, got); err != nil {
				return err
			}
		}
	}
	// Windows of pixels of n channels over a copy of x with ties (x's
	// values rounded to few levels) beside its ±0, ±Inf and NaNs; 4-wide
	// and one-at-a-time channels, with and without the argmax.
	ties := slices.Clone(x)
	for i, v := range ties {
		if !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) && v != 0 {
			ties[i] = float32(math.Round(float64(v)))
		}
	}
	for _, s := range [][6]int{{6, 2, 2, 18, 12, 2}, {5, 3, 3, 15, 5, 3}, {4, 1, 3, 0, 12, 5}} { // n, kh, kw, rowStride, winStride, count
		for _, withArg := range []bool{false, true} {
			m := s[0] * s[5]
			want, got := make([]float32, m), make([]float32, m)
			var wantArg, gotArg []int32
			if withArg {
				wantArg, gotArg = make([]int32, m), make([]int32, m)
			}
			loops.MaxPool(want, wantArg, 7, ties, s[0], s[1], s[2], s[3], s[4], s[5])
			k.MaxPool(got, gotArg, 7, ties, s[0], s[1], s[2], s[3], s[4], s[5])
			name := fmt.Sprintf("max_pool %v", s)
			if withArg {
				name = fmt.Sprintf("max_pool_arg %v", s)
			}
			if err := same(name, want, got); err != nil {
				return err
			}
			for i := range wantArg {
				if gotArg[i] != wantArg[i] {
					return fmt.Errorf("%s gives argmax %d at %d, the Go loop %d", name, gotArg[i], i, wantArg[i])
				}
			}
		}
	}
	return nil
}

func cloneAll(in [4][]float32) (out [4][]float32) {
	for k := range in {
		out[k] = append([]float32(nil), in[k]...)
	}
	return out
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
