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
	rows := func(lo, hi int) { gemmRows(transA, transB, lo, hi, m, n, k, a, b, c, accumulate) }
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

// gemmRows computes rows [lo, hi) of C. Rows (or, for a transposed B,
// columns) are handled four at a time so each value loaded from B serves four
// products; every element still receives its products one by one in
// increasing p, as the contract says.
func gemmRows(transA, transB bool, lo, hi, m, n, k int, a, b, c []float32, accumulate bool) {
	if !accumulate {
		clear(c[lo*n : hi*n])
	}
	// aAt is element (i, p) of op(A).
	aAt := func(i, p int) float32 {
		if transA {
			return a[p*m+i]
		}
		return a[i*k+p]
	}
	if transB {
		for i := lo; i < hi; i++ {
			dotRow(i, n, k, aAt, b, c[i*n:i*n+n])
		}
		return
	}
	i := lo
	for ; i+4 <= hi; i += 4 {
		c0, c1, c2, c3 := c[i*n:i*n+n], c[(i+1)*n:(i+2)*n], c[(i+2)*n:(i+3)*n], c[(i+3)*n:(i+4)*n]
		for p := range k {
			a0, a1, a2, a3 := aAt(i, p), aAt(i+1, p), aAt(i+2, p), aAt(i+3, p)
			brow := b[p*n : p*n+n]
			c0, c1, c2, c3 := c0[:len(brow)], c1[:len(brow)], c2[:len(brow)], c3[:len(brow)]
			for j, bv := range brow {
				c0[j] = c0[j] + float32(a0*bv)
				c1[j] = c1[j] + float32(a1*bv)
				c2[j] = c2[j] + float32(a2*bv)
				c3[j] = c3[j] + float32(a3*bv)
			}
		}
	}
	for ; i < hi; i++ {
		crow := c[i*n : i*n+n]
		for p := range k {
			aip := aAt(i, p)
			brow := b[p*n : p*n+n]
			crow := crow[:len(brow)]
			for j, bv := range brow {
				crow[j] = crow[j] + float32(aip*bv)
			}
		}
	}
}

// dotRow computes row i of C when B is stored (n, k): each element is the
// dot product of row i of op(A) with a row of B, four rows of B at a time.
func dotRow(i, n, k int, aAt func(i, p int) float32, b, crow []float32) {
	arow := make([]float32, k) // row i of op(A), gathered once
	for p := range arow {
		arow[p] = aAt(i, p)
	}
	j := 0
	for ; j+4 <= n; j += 4 {
		b0, b1, b2, b3 := b[j*k:(j+1)*k], b[(j+1)*k:(j+2)*k], b[(j+2)*k:(j+3)*k], b[(j+3)*k:(j+4)*k]
		s0, s1, s2, s3 := crow[j], crow[j+1], crow[j+2], crow[j+3]
		for p, av := range arow {
			s0 = s0 + float32(av*b0[p])
			s1 = s1 + float32(av*b1[p])
			s2 = s2 + float32(av*b2[p])
			s3 = s3 + float32(av*b3[p])
		}
		crow[j], crow[j+1], crow[j+2], crow[j+3] = s0, s1, s2, s3
	}
	for ; j < n; j++ {
		brow := b[j*k : j*k+k]
		s := crow[j]
		for p, av := range arow {
			s = s + float32(av*brow[p])
		}
		crow[j] = s
	}
}
