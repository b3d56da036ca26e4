package ag

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// im2colRef is im2col written from its definition, one channel value at a
// time: row (e, oy, ox), column (ky, kx, c) holds
// x[e, oy·SH − PadTop + ky·DH, ox·SW − PadLeft + kx·DW, c], or 0 in the
// padding.
func im2colRef(g *convGeom, x []float32, nb int) []float32 {
	p := g.p
	cols := make([]float32, nb*g.rows()*g.kk)
	r := 0
	for e := range nb {
		for oy := range g.oh {
			for ox := range g.ow {
				for ky := range g.kh {
					for kx := range g.kw {
						iy := oy*p.StrideH - p.PadTop + ky*p.DilationH
						ix := ox*p.StrideW - p.PadLeft + kx*p.DilationW
						for ch := range g.c {
							if iy >= 0 && iy < g.h && ix >= 0 && ix < g.w {
								cols[r*g.kk+(ky*g.kw+kx)*g.c+ch] = x[((e*g.h+iy)*g.w+ix)*g.c+ch]
							}
						}
					}
				}
				r++
			}
		}
	}
	return cols
}

// col2imRef is col2im written from its definition: every element of cols
// added into the pixel it came from, one at a time in the order
// (e, oy, ox, ky, kx, c).
func col2imRef(g *convGeom, cols []float32, nb int, dx []float32) {
	p := g.p
	r := 0
	for e := range nb {
		for oy := range g.oh {
			for ox := range g.ow {
				for ky := range g.kh {
					for kx := range g.kw {
						iy := oy*p.StrideH - p.PadTop + ky*p.DilationH
						ix := ox*p.StrideW - p.PadLeft + kx*p.DilationW
						if iy < 0 || iy >= g.h || ix < 0 || ix >= g.w {
							continue
						}
						for ch := range g.c {
							at := ((e*g.h+iy)*g.w+ix)*g.c + ch
							dx[at] = dx[at] + cols[r*g.kk+(ky*g.kw+kx)*g.c+ch]
						}
					}
				}
				r++
			}
		}
	}
}

// TestIm2col_MatchesReference: the run-copying im2col and col2im give the
// bits of the per-value loops, over strides, dilations, paddings (wider
// than the kernel too), channel counts from 1 up and kernels wider than the
// image's padded edge. col2im's sums are checked on values whose order of
// addition shows in the rounding.
func TestIm2col_MatchesReference(t *testing.T) {
	tests := []struct {
		name               string
		n, h, w, c, kh, kw int
		p                  ConvParams
	}{
		{"mnist_cnn's first layer", 1, 28, 28, 1, 3, 3, ConvParams{}},
		{"mnist_cnn's second layer", 2, 26, 26, 32, 3, 3, ConvParams{}},
		{"same", 2, 7, 6, 3, 3, 3, ConvParams{PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1}},
		{"strided", 1, 9, 11, 2, 3, 5, ConvParams{StrideH: 2, StrideW: 3, PadLeft: 2, PadRight: 2}},
		{"dilated", 2, 8, 10, 3, 3, 3, ConvParams{DilationH: 2, DilationW: 3, PadLeft: 3, PadRight: 3}},
		{"causal Conv1D", 1, 1, 12, 4, 1, 4, ConvParams{DilationW: 2, PadLeft: 6}},
		{"rows all padding", 1, 3, 4, 2, 2, 3, ConvParams{PadTop: 3, PadBottom: 3, PadLeft: 5, PadRight: 5}},
		{"one pixel per patch at corners", 3, 5, 5, 1, 5, 5, ConvParams{PadLeft: 4, PadRight: 4, PadTop: 4, PadBottom: 4}},
		{"long runs, no overlap", 1, 6, 6, 17, 2, 2, ConvParams{StrideH: 2, StrideW: 2}},
		{"mixed", 1, 5, 7, 5, 3, 4, ConvParams{StrideW: 2, DilationH: 2, PadTop: 2, PadBottom: 1, PadLeft: 1}},
		{"kernel wider than the image: no column inside", 2, 4, 3, 2, 3, 5, ConvParams{PadLeft: 2, PadRight: 2}},
	}
	calls := 0
	for _, k := range []struct {
		name string
		k    Kernels
	}{{"go loops", Kernels{}}, {"kernels", specKernels(&calls)}} {
		SetKernels(k.k)
		t.Cleanup(func() { SetKernels(Kernels{}) })
		for _, tt := range tests {
			t.Run(k.name+"/"+tt.name, func(t *testing.T) { checkIm2col(t, tt.n, tt.h, tt.w, tt.c, tt.kh, tt.kw, tt.p) })
		}
	}
	assert.Positive(t, calls, "col2im called no kernel")
}

// checkIm2col is TestIm2col_MatchesReference's check of one geometry.
func checkIm2col(t *testing.T, n, h, w, c, kh, kw int, p ConvParams) {
	g := newConvGeom("test", n, h, w, c, kh, kw, 1, p)
	x := ramp(n, h, w, c).Data

	cols := make([]float32, n*g.rows()*g.kk)
	for i := range cols {
		cols[i] = float32(math.NaN()) // every value must be written
	}
	g.im2col(x, n, cols)
	require.Equal(t, bits(im2colRef(&g, x, n)), bits(cols), "im2col")

	dcols := ramp(n*g.rows(), g.kk).Data
	for i := range dcols {
		dcols[i] *= float32(1 + i%13*1000) // magnitudes whose sums round
	}
	want, got := ramp(n, h, w, c).Data, ramp(n, h, w, c).Data
	col2imRef(&g, dcols, n, want)
	g.col2im(dcols, n, got)
	require.Equal(t, bits(want), bits(got), "col2im")
}
