package main

import (
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// formulaGemm is Gemm's contract written straight from the formula: a
// correct kernel. calls counts its calls.
func formulaGemm(calls *int) tensor.GemmKernel {
	return func(transA, transB bool, m, n, k int, a, b, c []float32, accumulate bool) bool {
		*calls++
		for i := range m {
			for j := range n {
				var sum float32
				if accumulate {
					sum = c[i*n+j]
				}
				for p := range k {
					x, y := a[i*k+p], b[p*n+j]
					if transA {
						x = a[p*m+i]
					}
					if transB {
						y = b[j*k+p]
					}
					sum = sum + float32(x*y)
				}
				c[i*n+j] = sum
			}
		}
		return true
	}
}

// fusedGemm sums in float64 and rounds once: close, but not the contract's
// bits.
func fusedGemm(transA, transB bool, m, n, k int, a, b, c []float32, accumulate bool) bool {
	for i := range m {
		for j := range n {
			var sum float64
			if accumulate {
				sum = float64(c[i*n+j])
			}
			for p := range k {
				x, y := a[i*k+p], b[p*n+j]
				if transA {
					x = a[p*m+i]
				}
				if transB {
					y = b[j*k+p]
				}
				sum += float64(x) * float64(y)
			}
			c[i*n+j] = float32(sum)
		}
	}
	return true
}

func decliningGemm(bool, bool, int, int, int, []float32, []float32, []float32, bool) bool {
	return false
}

// goAdam is optimizers.AdamUpdate as a kernel: a correct one. calls
// counts its calls.
func goAdam(calls *int) optimizers.AdamKernel {
	return func(w, g, m, v []float32, c1, c2, alpha, eps float32) bool {
		*calls++
		optimizers.AdamUpdate(w, g, m, v, c1, c2, alpha, eps)
		return true
	}
}

// wideAdam computes the step in float64: close, but not AdamUpdate's bits.
func wideAdam(w, g, m, v []float32, c1, c2, alpha, eps float32) bool {
	for i := range w {
		m[i] += (g[i] - m[i]) * c1
		v[i] += (g[i]*g[i] - v[i]) * c2
		w[i] = float32(float64(w[i]) - float64(m[i])*float64(alpha)/(math.Sqrt(float64(v[i]))+float64(eps)))
	}
	return true
}

func decliningAdam([]float32, []float32, []float32, []float32, float32, float32, float32, float32) bool {
	return false
}

// withModuleGemm runs the test with k as the kernel module's gemm (and a
// correct adam), and restores the Go loops after.
func withModuleGemm(t *testing.T, k tensor.GemmKernel) {
	var calls int
	withModuleKernels(t, k, goAdam(&calls))
}

// withModuleKernels runs the test with gemm and adam as the kernel
// module's, and restores the Go loops after.
func withModuleKernels(t *testing.T, gemm tensor.GemmKernel, adam optimizers.AdamKernel) {
	withAllModuleKernels(t, gemm, adam, ag.GoKernels())
}

// withAllModuleKernels also takes the elementwise kernels.
func withAllModuleKernels(t *testing.T, gemm tensor.GemmKernel, adam optimizers.AdamKernel, elementwise ag.Kernels) {
	oldGemm, oldAdam, oldAg := moduleGemm, moduleAdam, moduleAg
	moduleGemm, moduleAdam, moduleAg = gemm, adam, elementwise
	t.Cleanup(func() {
		moduleGemm, moduleAdam, moduleAg = oldGemm, oldAdam, oldAg
		useGoLoops()
	})
}

// adamOnce runs one Adam step on a weight of 5.
func adamOnce(t *testing.T) {
	p := ag.Param(tensor.New(5), "w")
	p.Grad = tensor.New(5)
	for i := range p.Grad.Data {
		p.Grad.Data[i] = float32(i) - 2
	}
	optimizers.NewAdam().Apply([]*ag.Var{p})
	assert.NotZero(t, p.Value.Data[0], "Adam changed nothing")
}

// gemmOnce runs one small product through tensor.Gemm.
func gemmOnce() {
	c := make([]float32, 4)
	tensor.Gemm(false, false, 2, 2, 2, []float32{1, 2, 3, 4}, []float32{5, 6, 7, 8}, c, false)
}

func TestUseKernels_InstallsACorrectKernel(t *testing.T) {
	calls := 0
	withModuleGemm(t, formulaGemm(&calls))
	e := NewEngine()
	ok(t, e, e.UseKernels(1))
	assert.JSONEq(t, `{"kernels": true}`, string(result(e)))
	assert.Positive(t, calls, "the check ran no product")

	before := calls
	gemmOnce()
	assert.Equal(t, before+1, calls, "tensor.Gemm did not use the installed kernel")

	ok(t, e, e.UseKernels(0))
	assert.JSONEq(t, `{"kernels": false}`, string(result(e)))
	gemmOnce()
	assert.Equal(t, before+1, calls, "the Go loops were not restored")

	ok(t, e, e.UseKernels(1)) // again: the check compares with the Go loops, not with itself
	ok(t, e, e.UseKernels(1))
}

func TestUseKernels_InstallsAdam(t *testing.T) {
	var gemmCalls, adamCalls int
	withModuleKernels(t, formulaGemm(&gemmCalls), goAdam(&adamCalls))
	e := NewEngine()
	ok(t, e, e.UseKernels(1))
	assert.Positive(t, adamCalls, "the check ran no Adam step")
	before := adamCalls
	adamOnce(t)
	assert.Equal(t, before+1, adamCalls, "Adam did not use the installed kernel")
	ok(t, e, e.UseKernels(0))
	adamOnce(t)
	assert.Equal(t, before+1, adamCalls, "AdamUpdate was not restored")
}

// TestUseKernels_RefusesAnotherAdam: an adam kernel with other bits, or
// one that declines, is not installed, nor is the gemm beside it.
func TestUseKernels_RefusesAnotherAdam(t *testing.T) {
	for _, tc := range []struct {
		name string
		adam optimizers.AdamKernel
		msg  string
	}{
		{"other bits", wideAdam, "adam gives"},
		{"declines", decliningAdam, "adam declined"},
		{"missing", nil, "no kernel imports"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var gemmCalls, adamCalls int
			adam := tc.adam
			if adam != nil {
				adam = func(w, g, m, v []float32, c1, c2, alpha, eps float32) bool {
					adamCalls++
					return tc.adam(w, g, m, v, c1, c2, alpha, eps)
				}
			}
			withModuleKernels(t, formulaGemm(&gemmCalls), adam)
			e := NewEngine()
			require.Equal(t, statusBadArgument, e.UseKernels(1))
			assert.Contains(t, string(e.errMsg), tc.msg)
			checked, gemmChecked := adamCalls, gemmCalls
			adamOnce(t)
			gemmOnce()
			assert.Equal(t, checked, adamCalls, "a refused adam was installed")
			assert.Equal(t, gemmChecked, gemmCalls, "the gemm beside a refused adam was installed")
			ok(t, e, e.Version())
		})
	}
}

func TestUseKernels_RefusesAndKeepsTheGoLoops(t *testing.T) {
	for _, tc := range []struct {
		name   string
		kernel tensor.GemmKernel
		enable int32
		msg    string
	}{
		{"native build", nil, 1, "gonn_use_kernels: this engine has no kernel imports"},
		{"other bits", fusedGemm, 1, "gives"},
		{"declines", decliningGemm, 1, "declined"},
		{"bad flag", fusedGemm, 2, "gonn_use_kernels: enable must be 0 or 1, not 2"},
		{"negative flag", fusedGemm, -1, "not -1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			counted := tc.kernel
			if counted != nil {
				counted = func(transA, transB bool, m, n, k int, a, b, c []float32, accumulate bool) bool {
					calls++
					return tc.kernel(transA, transB, m, n, k, a, b, c, accumulate)
				}
			}
			withModuleGemm(t, counted)
			e := NewEngine()
			require.Equal(t, statusBadArgument, e.UseKernels(tc.enable))
			assert.Contains(t, string(e.errMsg), tc.msg)
			checked := calls
			gemmOnce()
			assert.Equal(t, checked, calls, "a refused kernel was installed")
			ok(t, e, e.Version()) // the engine stays usable
		})
	}
}

func TestScratchBuffer_GrowsAndKeeps(t *testing.T) {
	var s scratchBuffer
	a := s.take(gemmScratchFloats(6, 9, 5))
	assert.Len(t, a, 2*8*5+2*4*5+32)
	b := s.take(10)
	assert.Len(t, b, 10)
	assert.Same(t, &a[0], &b[0], "a smaller request reuses the buffer")
	c := s.take(1000)
	assert.Len(t, c, 1000)
}

// TestUseKernels_RefusesOtherElementwiseKernels: a relu that keeps −0, a
// relu_backward that adds where x ≥ 0, add_runs that sum in another order,
// copy_runs one float short, a max_pool that loses NaNs, one whose argmax
// is off by one:
// each is refused, naming itself, and nothing is installed.
func TestUseKernels_RefusesOtherElementwiseKernels(t *testing.T) {
	goLoops := ag.GoKernels()
	for _, tc := range []struct {
		name string
		edit func(k *ag.Kernels)
	}{
		{"relu", func(k *ag.Kernels) {
			k.Relu = func(y, x []float32) {
				for i, v := range x {
					y[i] = min(v, 0)*0 + max(v, 0) // −0 for negatives
				}
			}
		}},
		{"relu_backward", func(k *ag.Kernels) {
			k.ReluBackward = func(dx, dout, x []float32) {
				for i, v := range x {
					if v >= 0 {
						dx[i] += dout[i]
					}
				}
			}
		}},
		{"add_runs", func(k *ag.Kernels) {
			k.AddRuns = func(dst []float32, dstStride int, src []float32, srcStride, n, count int) {
				for r := count - 1; r >= 0; r-- {
					for j := range n {
						dst[r*dstStride+j] += src[r*srcStride+j]
					}
				}
			}
		}},
		{"copy_runs", func(k *ag.Kernels) {
			k.CopyRuns = func(dst []float32, dstStride int, src []float32, srcStride, n, count int) {
				for r := range count {
					copy(dst[r*dstStride:r*dstStride+n-1], src[r*srcStride:]) // one float short
				}
			}
		}},
		{"max_pool", func(k *ag.Kernels) {
			k.MaxPool = func(dst []float32, arg []int32, base int, src []float32, n, kh, kw, rowStride, winStride, count int) {
				goLoops.MaxPool(dst, arg, base, src, n, kh, kw, rowStride, winStride, count)
				for i, v := range dst {
					dst[i] = max(v, 0) // loses the NaNs and the negative maxima
				}
			}
		}},
		{"max_pool_arg", func(k *ag.Kernels) {
			k.MaxPool = func(dst []float32, arg []int32, base int, src []float32, n, kh, kw, rowStride, winStride, count int) {
				goLoops.MaxPool(dst, arg, base, src, n, kh, kw, rowStride, winStride, count)
				for i := range arg {
					arg[i]++ // the right values from the wrong places
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := goLoops
			tc.edit(&k)
			var gemmCalls, adamCalls int
			withAllModuleKernels(t, formulaGemm(&gemmCalls), goAdam(&adamCalls), k)
			e := NewEngine()
			require.Equal(t, statusBadArgument, e.UseKernels(1))
			assert.Contains(t, string(e.errMsg), tc.name+" ")
			assert.Contains(t, string(e.errMsg), " gives ")
			before := gemmCalls
			gemmOnce()
			assert.Equal(t, before, gemmCalls, "a gemm was installed beside a refused kernel")
			ok(t, e, e.Version())
		})
	}
}
