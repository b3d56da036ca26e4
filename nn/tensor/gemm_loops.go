package tensor

// The Go loops: Gemm's portable kernel, used on every platform without the
// native kernel (wasm, arm64, the purego build tag, amd64 without AVX2) and
// the reference the native kernel is tested against.

// goGemmRows packs op(B) once and returns the function that computes rows
// [lo, hi) of C with the Go loops; Gemm shares rows out among goroutines.
func goGemmRows(transA, transB bool, m, n, k int, a, b, c []float32, accumulate bool) func(lo, hi int) {
	bp := packB(transB, n, k, b)
	return func(lo, hi int) { gemmRows(transA, lo, hi, m, n, k, a, bp, c, accumulate) }
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
