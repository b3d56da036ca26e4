package tensor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randSlice returns n values uniform in [-1, 1) from a seeded PCG.
func randSlice(seed uint64, n int) []float32 {
	r := rand.New(rand.NewPCG(seed, 1))
	s := make([]float32, n)
	for i := range s {
		s[i] = r.Float32()*2 - 1
	}
	return s
}

// at reads element (i, j) of op(X) for X stored row-major as (rows, cols) of
// op(X), or transposed.
func at(x []float32, trans bool, i, j, rows, cols int) float32 {
	if trans {
		return x[j*rows+i]
	}
	return x[i*cols+j]
}

// naive64 is C = op(A)·op(B) straight from the formula, in float64.
func naive64(transA, transB bool, m, n, k int, a, b []float32) []float64 {
	c := make([]float64, m*n)
	for i := range m {
		for j := range n {
			s := 0.0
			for p := range k {
				s += float64(at(a, transA, i, p, m, k)) * float64(at(b, transB, p, j, k, n))
			}
			c[i*n+j] = s
		}
	}
	return c
}

// naive32 is the contract's order written out: c = c0 + float32(a·b) + … in
// increasing p, every product and sum rounded to float32.
func naive32(transA, transB bool, m, n, k int, a, b, c0 []float32) []float32 {
	c := make([]float32, m*n)
	for i := range m {
		for j := range n {
			s := float32(0)
			if c0 != nil {
				s = c0[i*n+j]
			}
			for p := range k {
				s = s + float32(at(a, transA, i, p, m, k)*at(b, transB, p, j, k, n))
			}
			c[i*n+j] = s
		}
	}
	return c
}

// firstDiff returns the index of the first element whose bits differ, or -1.
func firstDiff(x, y []float32) int {
	for i := range x {
		if math.Float32bits(x[i]) != math.Float32bits(y[i]) {
			return i
		}
	}
	return -1
}

var gemmSizes = [][3]int{ // m, n, k: odd sizes, degenerate ones, and some large enough to run in parallel
	{1, 1, 1}, {1, 7, 1}, {7, 1, 5}, {3, 5, 7}, {17, 13, 11}, {2, 3, 0}, {33, 65, 129}, {64, 96, 48},
}

func TestGemm_Reference(t *testing.T) {
	for _, sz := range gemmSizes {
		m, n, k := sz[0], sz[1], sz[2]
		for _, transA := range []bool{false, true} {
			for _, transB := range []bool{false, true} {
				for _, accumulate := range []bool{false, true} {
					name := fmt.Sprintf("m=%d n=%d k=%d transA=%v transB=%v acc=%v", m, n, k, transA, transB, accumulate)
					t.Run(name, func(t *testing.T) {
						seed := uint64(m*10000 + n*100 + k)
						a, b := randSlice(seed, m*k), randSlice(seed+1, k*n)
						c0 := randSlice(seed+2, m*n)
						c := append([]float32(nil), c0...)
						Gemm(transA, transB, m, n, k, a, b, c, accumulate)

						var start []float32
						if accumulate {
							start = c0
						}
						want := naive32(transA, transB, m, n, k, a, b, start)
						require.Equal(t, -1, firstDiff(want, c), "bits differ from the contract's order")

						ref := naive64(transA, transB, m, n, k, a, b)
						for i := range ref {
							if accumulate {
								ref[i] += float64(c0[i])
							}
							// Sequential float32 sums of k terms of size <= 1: error <= k·ε·k.
							tol := 1e-6 * float64(k*k+1)
							require.InDelta(t, ref[i], float64(c[i]), tol, "element %d", i)
						}
					})
				}
			}
		}
	}
}

// The rows shared out among goroutines give the same bits as one goroutine.
func TestGemm_ParallelBits(t *testing.T) {
	const m, n, k = 67, 45, 129 // m·n·k above the parallel threshold
	require.GreaterOrEqual(t, m*n*k, 1<<16)
	prev := runtime.GOMAXPROCS(8)
	defer runtime.GOMAXPROCS(prev)
	for _, transA := range []bool{false, true} {
		for _, transB := range []bool{false, true} {
			a, b := randSlice(1, m*k), randSlice(2, k*n)
			serial := make([]float32, m*n)
			gemmRows(transA, 0, m, m, n, k, a, packB(transB, n, k, b), serial, false)

			parallel := make([]float32, m*n)
			Gemm(transA, transB, m, n, k, a, b, parallel, false)
			assert.Equal(t, -1, firstDiff(serial, parallel), "GOMAXPROCS=8 transA=%v transB=%v", transA, transB)

			runtime.GOMAXPROCS(1)
			one := make([]float32, m*n)
			Gemm(transA, transB, m, n, k, a, b, one, false)
			runtime.GOMAXPROCS(8)
			assert.Equal(t, -1, firstDiff(serial, one), "GOMAXPROCS=1 transA=%v transB=%v", transA, transB)
		}
	}
}

func TestGemm_ShapePanics(t *testing.T) {
	for name, fn := range map[string]func(){
		"short a": func() { Gemm(false, false, 2, 2, 2, make([]float32, 3), make([]float32, 4), make([]float32, 4), false) },
		"short b": func() { Gemm(false, true, 2, 2, 2, make([]float32, 4), make([]float32, 3), make([]float32, 4), false) },
		"short c": func() { Gemm(true, false, 2, 2, 2, make([]float32, 4), make([]float32, 4), make([]float32, 3), true) },
	} {
		t.Run(name, func(t *testing.T) { panicsShape(t, fn) })
	}
}

// BenchmarkGemm measures the products of a 784-512-10 Dense net's training
// step at batch 128: forward (NN), input gradient (NT), weight gradient (TN).
func BenchmarkGemm(b *testing.B) {
	cases := []struct {
		name           string
		transA, transB bool
		m, n, k        int
	}{
		{"forward_NN_128x512x784", false, false, 128, 512, 784},
		{"dx_NT_128x784x512", false, true, 128, 784, 512},
		{"dw_TN_784x512x128", true, false, 784, 512, 128},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			a, bb := randSlice(1, tc.m*tc.k), randSlice(2, tc.k*tc.n)
			c := make([]float32, tc.m*tc.n)
			for b.Loop() {
				Gemm(tc.transA, tc.transB, tc.m, tc.n, tc.k, a, bb, c, false)
			}
			b.ReportMetric(2*float64(tc.m*tc.n*tc.k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
