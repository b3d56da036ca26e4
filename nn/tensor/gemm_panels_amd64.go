//go:build amd64 && !purego

package tensor

import (
	"runtime"
	"sync"
)

// bPanels shows op(B) (k, n) to the AVX2 kernel as panels of 16 columns:
// panel q holds the columns 16q..16q+15, and the kernel reads row p of a
// panel as 16 consecutive floats, row p+1 step floats further on. When B is
// not transposed its rows already hold the panels (step n), and only the last
// panel, when n is not a multiple of 16, is copied and zero-padded. A
// transposed B is packed whole.
type bPanels struct {
	k, n   int
	direct []float32 // B (k, n) itself, or nil when B is packed whole
	packed []float32 // panels (k, 16) one after the other, zero past column n; only the last one when direct
}

// newBPanels prepares op(B) (k, n) from B, which is (k, n) or, when transB,
// (n, k).
func newBPanels(transB bool, n, k int, b []float32) *bPanels {
	bp := &bPanels{k: k, n: n}
	if transB {
		bp.packed = packTransposed(n, k, b)
		return bp
	}
	bp.direct = b
	if j0 := n / tileCols * tileCols; j0 < n {
		bp.packed = make([]float32, k*tileCols)
		for p := range k {
			copy(bp.packed[p*tileCols:], b[p*n+j0:p*n+n])
		}
	}
	return bp
}

// at returns where row k0 of panel q starts and the step between its rows.
func (bp *bPanels) at(q, k0 int) (*float32, int) {
	switch j0 := q * tileCols; {
	case bp.direct == nil:
		return &bp.packed[q*bp.k*tileCols+k0*tileCols], tileCols
	case j0+tileCols <= bp.n:
		return &bp.direct[k0*bp.n+j0], bp.n
	default:
		return &bp.packed[k0*tileCols], tileCols
	}
}

// packTransposed copies op(B) (k, n) out of B (n, k) into panels (k, 16):
// panel q holds op(B)[p, 16q+c] = B[16q+c, p] at q·16k + 16p + c, zero
// past column n. Large copies share the panels out among goroutines.
func packTransposed(n, k int, b []float32) []float32 {
	panels := (n + tileCols - 1) / tileCols
	packed := make([]float32, panels*k*tileCols)
	pack := func(q0, q1 int) {
		for q := q0; q < q1; q++ {
			j0 := q * tileCols
			cols := min(tileCols, n-j0)
			packPanelTransposed(packed[q*k*tileCols:(q+1)*k*tileCols], b[j0*k:(j0+cols)*k], cols, k)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), panels)
	if workers == 1 || n*k < 1<<16 {
		pack(0, panels)
		return packed
	}
	var wg sync.WaitGroup
	for w := range workers {
		q0, q1 := panels*w/workers, panels*(w+1)/workers
		wg.Go(func() { pack(q0, q1) })
	}
	wg.Wait()
	return packed
}

// packPanelTransposed writes dst (k, 16)[p, c] = rows[c, p] for the
// cols ≤ 16 rows of rows (cols, k); dst is zero past those.
func packPanelTransposed(dst, rows []float32, cols, k int) {
	if cols < tileCols {
		for c := range cols {
			for p, v := range rows[c*k : (c+1)*k] {
				dst[p*tileCols+c] = v
			}
		}
		return
	}
	blocks := k / 8
	if blocks > 0 {
		transposeRows16(&dst[0], &rows[0], k, blocks)
	}
	for p := blocks * 8; p < k; p++ {
		d := (*[tileCols]float32)(dst[p*tileCols:])
		for c := range d {
			d[c] = rows[c*k+p]
		}
	}
}

// transposeRows16 writes dst[p*16 + c] = src[c*k + p] for c < 16 and
// p < 8·blocks (8×8 blocks transposed in YMM registers).
//
//go:noescape
func transposeRows16(dst, src *float32, k, blocks int)
