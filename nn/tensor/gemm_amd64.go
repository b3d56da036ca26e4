//go:build amd64 && !purego

package tensor

// The native amd64 kernel: Go-assembly AVX2 tiles (gemm_amd64.s) driven by
// the loops below. Each element keeps the contract's order (see Gemm); the
// tiles only decide which elements are computed side by side.

// useAVX2 selects the AVX2 kernel. It is set once at start-up from CPUID and
// XGETBV; tests turn it off to run the Go loops on the same machine.
var useAVX2 = cpuHasAVX2()

// Sizes of the AVX2 kernel's tiles and blocks.
const (
	tileRows  = 6   // rows of a C tile: 6×2 YMM accumulators
	tileCols  = 16  // columns of a C tile (two YMM of 8 lanes), and the width of B's panels
	sliceK    = 256 // most products per pass over a tile: B's panel slice (256×16 floats, 16 KiB) stays in L1
	blockCols = 256 // most columns per block: the block's slice of B (256×256 floats, 256 KiB) stays in L2
)

// gemmTile6x16 computes one 6×16 tile of C from k products:
//
//	c[r*ldc+j] = c0 + float32(a(r,0)*b(0,j)) + float32(a(r,1)*b(1,j)) + …   (r < 6, j < 16)
//
// where a(r, p) = a[r*aRow + p*aStep] and b(p, j) = b[p*bStep + j] (strides
// in floats), and c0 is the tile's value when load is set, +0 otherwise.
//
//go:noescape
func gemmTile6x16(k int, a *float32, aRow, aStep int, b *float32, bStep int, c *float32, ldc int, load bool)

// nativeGemmRows prepares op(B) once and returns the function that computes
// rows [lo, hi) of C with the AVX2 kernel, or nil when the CPU or OS lacks
// AVX2.
func nativeGemmRows(transA, transB bool, m, n, k int, a, b, c []float32, accumulate bool) func(lo, hi int) {
	if !useAVX2 {
		return nil
	}
	g := &avx2Gemm{n: n, k: k, a: a, aRow: k, aStep: 1, b: newBPanels(transB, n, k, b), c: c, accumulate: accumulate}
	if transA {
		g.aRow, g.aStep = 1, m
	}
	return g.rows
}

// avx2Gemm is one Gemm call on the AVX2 kernel: C (m, n) from op(A) (m, k)
// and op(B) (k, n).
type avx2Gemm struct {
	n, k        int
	a           []float32 // op(A)(i, p) = a[i*aRow + p*aStep]
	aRow, aStep int
	b           *bPanels
	c           []float32 // C (m, n)
	accumulate  bool
}

// rows computes rows [lo, hi) of C. The k products are cut into slices of
// at most sliceK and the columns into blocks of at most blockCols; between
// slices the float32 sums wait in C, which changes no bit. Within a block,
// each 6-row tile of A stays in L1 while the 16-column panels of B go by
// (the block's slice of B stays in L2).
func (g *avx2Gemm) rows(lo, hi int) {
	if g.k == 0 {
		if !g.accumulate {
			clear(g.c[lo*g.n : hi*g.n])
		}
		return
	}
	var edge avx2Edges
	slices := (g.k + sliceK - 1) / sliceK
	kc := (g.k + slices - 1) / slices
	for k0 := 0; k0 < g.k; k0 += kc {
		for j0 := 0; j0 < g.n; j0 += blockCols {
			g.block(lo, hi, k0, min(kc, g.k-k0), j0, min(j0+blockCols, g.n), &edge)
		}
	}
}

// avx2Edges holds the zero-padded copies through which tiles cut by the
// bottom or right edge of C go.
type avx2Edges struct {
	a [sliceK * tileRows]float32   // (kn, 6): the last rows of op(A), zero-padded
	c [tileRows * tileCols]float32 // (6, 16): a tile of C cut by an edge
}

// block adds products k0..k0+kn-1 into rows [lo, hi) and columns [j0, j1)
// of C (j0 a multiple of 16), starting from zero on the first slice unless
// accumulating.
func (g *avx2Gemm) block(lo, hi, k0, kn, j0, j1 int, edge *avx2Edges) {
	n, load := g.n, g.accumulate || k0 > 0
	for i0 := lo; i0 < hi; i0 += tileRows {
		rows := min(tileRows, hi-i0)
		at, atRow, atStep := &g.a[i0*g.aRow+k0*g.aStep], g.aRow, g.aStep
		if rows < tileRows {
			gatherRows(g.a, g.aRow, g.aStep, i0, rows, k0, kn, edge.a[:kn*tileRows])
			at, atRow, atStep = &edge.a[0], 1, tileRows
		}
		for j := j0; j < j1; j += tileCols {
			cols := min(tileCols, j1-j)
			panel, bStep := g.b.at(j/tileCols, k0)
			if rows == tileRows && cols == tileCols {
				gemmTile6x16(kn, at, atRow, atStep, panel, bStep, &g.c[i0*n+j], n, load)
				continue
			}
			if load {
				copyTile(edge.c[:], tileCols, g.c[i0*n+j:], n, rows, cols)
			}
			gemmTile6x16(kn, at, atRow, atStep, panel, bStep, &edge.c[0], tileCols, load)
			copyTile(g.c[i0*n+j:], n, edge.c[:], tileCols, rows, cols)
		}
	}
}

// gatherRows writes op(A)[i0+r, k0+p] for r < rows, p < kn into dst
// (kn, 6) at p*6 + r, and zeros for the rows from rows to 5.
func gatherRows(a []float32, aRow, aStep, i0, rows, k0, kn int, dst []float32) {
	for p := range kn {
		d := dst[p*tileRows : p*tileRows+tileRows]
		for r := range d {
			if r < rows {
				d[r] = a[(i0+r)*aRow+(k0+p)*aStep]
			} else {
				d[r] = 0
			}
		}
	}
}

// copyTile copies a rows×cols block from src (rows srcStride apart) to dst
// (rows dstStride apart).
func copyTile(dst []float32, dstStride int, src []float32, srcStride, rows, cols int) {
	for r := range rows {
		copy(dst[r*dstStride:r*dstStride+cols], src[r*srcStride:r*srcStride+cols])
	}
}
