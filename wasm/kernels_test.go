package main

import (
	"testing"

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

// withModuleGemm runs the test with k as the kernel module's gemm, and
// restores the Go loops after.
func withModuleGemm(t *testing.T, k tensor.GemmKernel) {
	old := moduleGemm
	moduleGemm = k
	t.Cleanup(func() {
		moduleGemm = old
		tensor.SetGemmKernel(nil)
	})
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
