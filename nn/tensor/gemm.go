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
	bp := packB(transB, n, k, b)
	rows := func(lo, hi int) { gemmRows(transA, lo, hi, m, n, k, a, bp, c, accumulate) }
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

// panel is the number of columns of C computed together: four sums stay in
// registers while p runs, sharing each load of op(A). (Measured with
// BenchmarkGemm: this beat 2×4 and 4×4 register tiles, which the Go
// compiler spills.)
const panel = 4

// packB copies op(B) (k, n) into panels of 4 columns: panel q holds, for each
// p, the 4 values op(B)[p, 4q..4q+3], zero past column n. The kernel then
// reads B contiguously whatever transB is.
func packB(transB bool, n, k int, b []float32) []float32 {
	panels := (n + panel - 1) / panel
	bp := make([]float32, panels*k*panel)
	for q := range panels {
		dst := bp[q*k*panel : (q+1)*k*panel]
		for col := range panel {
			j := q*panel + col
			if j >= n {
				break
			}
			for p := range k {
				if transB {
					dst[p*panel+col] = b[j*k+p]
				} else {
					dst[p*panel+col] = b[p*n+j]
				}
			}
		}
	}
	return bp
}

// gemmRows computes rows [lo, hi) of C from op(A) and the packed panels of
// op(B), four elements of a row at a time.
func gemmRows(transA bool, lo, hi, m, n, k int, a, bp, c []float32, accumulate bool) {
	var gathered []float32
	if transA {
		gathered = make([]float32, k)
	}
	for i := lo; i < hi; i++ {
		arow := gathered // row i of op(A)
		if transA {
			for p := range arow {
				arow[p] = a[p*m+i]
			}
		} else {
			arow = a[i*k : i*k+k]
		}
		for q := 0; q*panel < n; q++ {
			cols := min(panel, n-q*panel)
			kernel1x4(arow, bp[q*k*panel:(q+1)*k*panel], c[i*n+q*panel:i*n+q*panel+cols], accumulate)
		}
	}
}

// kernel1x4 computes up to 4 neighbouring elements of one row of C (crow)
// from that row of op(A) and one packed panel of op(B): each sum starts at
// c0 (0, or crow's value when accumulating) and adds float32(a[p]·b[p]) for
// p = 0, 1, …, k-1, the order of the contract.
func kernel1x4(arow, bp, crow []float32, accumulate bool) {
	var acc [panel]float32
	if accumulate {
		copy(acc[:], crow)
	}
	c0, c1, c2, c3 := acc[0], acc[1], acc[2], acc[3]
	bp = bp[:len(arow)*panel]
	for p, av := range arow {
		b := bp[p*panel : p*panel+panel : p*panel+panel]
		c0, c1, c2, c3 = c0+float32(av*b[0]), c1+float32(av*b[1]), c2+float32(av*b[2]), c3+float32(av*b[3])
	}
	acc = [panel]float32{c0, c1, c2, c3}
	copy(crow, acc[:])
}
