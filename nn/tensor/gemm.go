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

// gemmRows computes rows [lo, hi) of C.
func gemmRows(transA, transB bool, lo, hi, m, n, k int, a, b, c []float32, accumulate bool) {
	for i := lo; i < hi; i++ {
		crow := c[i*n : i*n+n]
		if !accumulate {
			clear(crow)
		}
		switch {
		case !transB:
			// c[i,:] += a(i,p) * B[p,:] for p = 0..k-1: each element still
			// gets its products in increasing p.
			for p := range k {
				var aip float32
				if transA {
					aip = a[p*m+i]
				} else {
					aip = a[i*k+p]
				}
				brow := b[p*n : p*n+n]
				for j, bv := range brow {
					crow[j] = crow[j] + float32(aip*bv)
				}
			}
		default:
			// B is (n, k): c[i,j] is a dot product of row i of op(A) and row j of B.
			for j := range n {
				brow := b[j*k : j*k+k]
				acc := crow[j]
				if transA {
					for p, bv := range brow {
						acc = acc + float32(a[p*m+i]*bv)
					}
				} else {
					arow := a[i*k : i*k+k]
					for p, bv := range brow {
						acc = acc + float32(arow[p]*bv)
					}
				}
				crow[j] = acc
			}
		}
	}
}
