package ag_test

import (
	"fmt"
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// convCase is one convolution: an input (N, H, W, C), a kernel (KH, KW, ·, ·)
// and a geometry. For Conv2D the kernel is (KH, KW, C, F); for
// Conv2DTranspose it is (KH, KW, F, C) and the input is the (N, OH, OW, C)
// side, with H×W the transposed output.
type convCase struct {
	name       string
	n, h, w, c int
	kh, kw, f  int
	p          ag.ConvParams
}

// convCases cover odd shapes: strides 2, dilation 2, "same" padding on odd
// and even sizes (the extra zero after), non-square kernels, one and several
// channels, a kernel as large as the input, and 1×1 kernels.
var convCases = []convCase{
	{"1ch 3×3 valid", 2, 5, 5, 1, 3, 3, 2, ag.ConvParams{}},
	{"3ch 2×3 kernel", 2, 4, 6, 3, 2, 3, 4, ag.ConvParams{StrideH: 1, StrideW: 1}},
	{"stride 2 on odd", 1, 7, 7, 2, 3, 3, 3, ag.ConvParams{StrideH: 2, StrideW: 2}},
	{"stride 2 on even", 2, 6, 8, 2, 3, 2, 2, ag.ConvParams{StrideH: 2, StrideW: 2}},
	{"stride (2, 1)", 1, 7, 5, 2, 3, 1, 2, ag.ConvParams{StrideH: 2, StrideW: 1}},
	{"dilation 2", 2, 7, 6, 2, 3, 2, 3, ag.ConvParams{DilationH: 2, DilationW: 2}},
	{"same 3×3 odd", 2, 5, 5, 2, 3, 3, 2, ag.ConvParams{PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1}},
	{"same 2×4 even", 1, 6, 6, 3, 2, 4, 2, sameParams(6, 6, 2, 4, 1, 1, 1, 1)},
	{"same stride 2 on 7×7", 2, 7, 7, 1, 3, 3, 2, sameParams(7, 7, 3, 3, 2, 2, 1, 1)},
	{"same stride 2 on 6×5", 1, 6, 5, 2, 4, 3, 3, sameParams(6, 5, 4, 3, 2, 2, 1, 1)},
	{"same dilation 2", 1, 6, 7, 2, 3, 3, 2, sameParams(6, 7, 3, 3, 1, 1, 2, 2)},
	{"stride 2 dilation 2 padded", 2, 9, 8, 2, 3, 2, 2, ag.ConvParams{StrideH: 2, StrideW: 2, DilationH: 2, DilationW: 2, PadTop: 1, PadLeft: 2}},
	{"asymmetric padding", 1, 4, 5, 2, 3, 3, 2, ag.ConvParams{PadTop: 2, PadRight: 1}},
	{"kernel = input", 3, 3, 4, 2, 3, 4, 5, ag.ConvParams{}},
	{"1×1", 2, 3, 3, 4, 1, 1, 3, ag.ConvParams{}},
	{"causal 1-D", 2, 1, 9, 3, 1, 3, 2, ag.ConvParams{DilationW: 2, PadLeft: 4}},
}

// sameParams is Keras "same" padding for an h×w input.
func sameParams(h, w, kh, kw, sh, sw, dh, dw int) ag.ConvParams {
	p := ag.ConvParams{StrideH: sh, StrideW: sw, DilationH: dh, DilationW: dw}
	p.PadTop, p.PadBottom = ag.SamePadding(h, kh, sh, dh)
	p.PadLeft, p.PadRight = ag.SamePadding(w, kw, sw, dw)
	return p
}

// strides and dilations of p with the zero value read as 1.
func steps(p ag.ConvParams) (sh, sw, dh, dw int) {
	one := func(v int) int { return max(v, 1) }
	return one(p.StrideH), one(p.StrideW), one(p.DilationH), one(p.DilationW)
}

// naiveConv2D is the convolution straight from its definition, in float64:
// out[n,oy,ox,f] = Σ_{ky,kx,c} x[n, oy·sh−pt+ky·dh, ox·sw−pl+kx·dw, c]·k[ky,kx,c,f],
// terms outside x being zero. It returns the output and its shape.
func naiveConv2D(x, k *tensor.Tensor, p ag.ConvParams) ([]float64, []int) {
	n, h, w, c := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	kh, kw, f := k.Shape[0], k.Shape[1], k.Shape[3]
	sh, sw, dh, dw := steps(p)
	oh := (h+p.PadTop+p.PadBottom-(kh-1)*dh-1)/sh + 1
	ow := (w+p.PadLeft+p.PadRight-(kw-1)*dw-1)/sw + 1
	out := make([]float64, n*oh*ow*f)
	for b := range n {
		for oy := range oh {
			for ox := range ow {
				for o := range f {
					s := 0.0
					for ky := range kh {
						for kx := range kw {
							iy, ix := oy*sh-p.PadTop+ky*dh, ox*sw-p.PadLeft+kx*dw
							if iy < 0 || iy >= h || ix < 0 || ix >= w {
								continue
							}
							for ci := range c {
								s += float64(x.At(b, iy, ix, ci)) * float64(k.At(ky, kx, ci, o))
							}
						}
					}
					out[((b*oh+oy)*ow+ox)*f+o] = s
				}
			}
		}
	}
	return out, []int{n, oh, ow, f}
}

// naiveConv2DTranspose is the transposed convolution straight from its
// definition, in float64: every input pixel (iy, ix) scatters
// x[n,iy,ix,c]·k[ky,kx,f,c] to output pixel (iy·sh−pt+ky·dh, ix·sw−pl+kx·dw)
// when that pixel lies inside the oh×ow output.
func naiveConv2DTranspose(x, k *tensor.Tensor, p ag.ConvParams, oh, ow int) []float64 {
	n, h, w, c := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	kh, kw, f := k.Shape[0], k.Shape[1], k.Shape[2]
	sh, sw, dh, dw := steps(p)
	out := make([]float64, n*oh*ow*f)
	for b := range n {
		for iy := range h {
			for ix := range w {
				for ky := range kh {
					for kx := range kw {
						oy, ox := iy*sh-p.PadTop+ky*dh, ix*sw-p.PadLeft+kx*dw
						if oy < 0 || oy >= oh || ox < 0 || ox >= ow {
							continue
						}
						for o := range f {
							for ci := range c {
								out[((b*oh+oy)*ow+ox)*f+o] += float64(x.At(b, iy, ix, ci)) * float64(k.At(ky, kx, o, ci))
							}
						}
					}
				}
			}
		}
	}
	return out
}

// assertClose compares got with a float64 reference: a float32 sum of m
// products of values in [-1, 1] is within m·2⁻²⁴·m of the exact one, so
// 1e-6·m² (plus a floor) bounds it.
func assertClose(t *testing.T, want []float64, got []float32, m int) {
	t.Helper()
	require.Len(t, got, len(want))
	tol := 1e-6*float64(m*m) + 1e-6
	for i := range want {
		if math.Abs(want[i]-float64(got[i])) > tol {
			assert.Failf(t, "value differs", "element %d: got %g, want %g (tolerance %g)", i, got[i], want[i], tol)
			return
		}
	}
}

func TestConv2D_Forward(t *testing.T) {
	for i, tc := range convCases {
		t.Run(tc.name, func(t *testing.T) {
			x := agtest.Rand(uint64(2*i+1), -1, 1, tc.n, tc.h, tc.w, tc.c)
			k := agtest.Rand(uint64(2*i+2), -1, 1, tc.kh, tc.kw, tc.c, tc.f)
			got := ag.Conv2D(ag.Const(x), ag.Const(k), tc.p)
			want, shape := naiveConv2D(x, k, tc.p)
			require.Equal(t, shape, got.Shape())
			assertClose(t, want, got.Data(), tc.kh*tc.kw*tc.c)
		})
	}
}

// TestConv2D_ByHand: a 3×3 one-channel image and a 2×2 kernel, worked out
// on paper, with and without "same" padding (one zero row below, one zero
// column on the right).
func TestConv2D_ByHand(t *testing.T) {
	img := []float32{
		1, 2, 3,
		4, 5, 6,
		7, 8, 9,
	}
	kernel := []float32{ // (2, 2, 1, 2): filter 0 is [[1 0] [0 -1]], filter 1 is all ones
		1, 1, 0, 1,
		0, 1, -1, 1,
	}
	runForward(t, []forwardCase{
		{"valid", func() *ag.Var { return ag.Conv2D(c(img, 1, 3, 3, 1), c(kernel, 2, 2, 1, 2), ag.ConvParams{}) },
			[]int{1, 2, 2, 2}, []float32{1 - 5, 12, 2 - 6, 16, 4 - 8, 24, 5 - 9, 28}},
		{"same", func() *ag.Var {
			return ag.Conv2D(c(img, 1, 3, 3, 1), c(kernel, 2, 2, 1, 2), ag.ConvParams{PadBottom: 1, PadRight: 1})
		}, []int{1, 3, 3, 2}, []float32{-4, 12, -4, 16, 3, 9, -4, 24, -4, 28, 6, 15, 7, 15, 8, 17, 9, 9}},
		{"stride 2", func() *ag.Var {
			return ag.Conv2D(c(img, 1, 3, 3, 1), c(kernel, 2, 2, 1, 2), ag.ConvParams{StrideH: 2, StrideW: 2})
		}, []int{1, 1, 1, 2}, []float32{-4, 12}},
	})
}

// TestConv2D_ContractBits pins the accumulation order, which is the
// determinism contract: each output is 0 + float32(x·k) + … over the
// kernel taps in (ky, kx, c) order, padding taps included as zeros.
func TestConv2D_ContractBits(t *testing.T) {
	for i, tc := range convCases {
		x := agtest.Rand(uint64(2*i+1), -1, 1, tc.n, tc.h, tc.w, tc.c)
		k := agtest.Rand(uint64(2*i+2), -1, 1, tc.kh, tc.kw, tc.c, tc.f)
		got := ag.Conv2D(ag.Const(x), ag.Const(k), tc.p)
		oh, ow := got.Shape()[1], got.Shape()[2]
		sh, sw, dh, dw := steps(tc.p)
		for j, v := range got.Data() {
			o, ox, oy, b := j%tc.f, j/tc.f%ow, j/tc.f/ow%oh, j/tc.f/ow/oh
			s := float32(0)
			for ky := range tc.kh {
				for kx := range tc.kw {
					for ci := range tc.c {
						iy, ix := oy*sh-tc.p.PadTop+ky*dh, ox*sw-tc.p.PadLeft+kx*dw
						xv := float32(0)
						if iy >= 0 && iy < tc.h && ix >= 0 && ix < tc.w {
							xv = x.At(b, iy, ix, ci)
						}
						s = s + float32(xv*k.At(ky, kx, ci, o))
					}
				}
			}
			if math.Float32bits(s) != math.Float32bits(v) {
				t.Fatalf("%s: element %d is %v, the contract's order gives %v", tc.name, j, v, s)
			}
		}
	}
}

// transposeSize is the output extent of a transposed convolution that
// convolves back to in: the largest out with ConvOutLen(out) == in.
func transposeSize(in, k, s, d, pb, pa int) int {
	return (in-1)*s + (k-1)*d + 1 - pb - pa + (s - 1)
}

func TestConv2DTranspose_Forward(t *testing.T) {
	for i, tc := range convCases {
		t.Run(tc.name, func(t *testing.T) {
			// The transposed op goes from the Conv2D's output side (OH, OW, F
			// channels) back to an H×W image of C channels; kernel (KH, KW, C, F).
			sh, sw, dh, dw := steps(tc.p)
			oh := ag.ConvOutLen(tc.h, tc.kh, sh, dh, tc.p.PadTop, tc.p.PadBottom)
			ow := ag.ConvOutLen(tc.w, tc.kw, sw, dw, tc.p.PadLeft, tc.p.PadRight)
			x := agtest.Rand(uint64(2*i+1), -1, 1, tc.n, oh, ow, tc.f)
			k := agtest.Rand(uint64(2*i+2), -1, 1, tc.kh, tc.kw, tc.c, tc.f)
			for _, out := range [][2]int{
				{tc.h, tc.w},
				{transposeSize(oh, tc.kh, sh, dh, tc.p.PadTop, tc.p.PadBottom), transposeSize(ow, tc.kw, sw, dw, tc.p.PadLeft, tc.p.PadRight)},
			} {
				got := ag.Conv2DTranspose(ag.Const(x), ag.Const(k), tc.p, out[0], out[1])
				require.Equal(t, []int{tc.n, out[0], out[1], tc.c}, got.Shape())
				assertClose(t, naiveConv2DTranspose(x, k, tc.p, out[0], out[1]), got.Data(), tc.kh*tc.kw*tc.f)
			}
		})
	}
}

// TestConv2DTranspose_Adjoint: the transposed convolution is the adjoint
// of the convolution with the same kernel, <Conv2D(y), x> = <y, Conv2DTranspose(x)>.
func TestConv2DTranspose_Adjoint(t *testing.T) {
	for i, tc := range convCases {
		y := agtest.Rand(uint64(3*i+1), -1, 1, tc.n, tc.h, tc.w, tc.c)
		k := agtest.Rand(uint64(3*i+2), -1, 1, tc.kh, tc.kw, tc.c, tc.f)
		conv := ag.Conv2D(ag.Const(y), ag.Const(k), tc.p)
		x := agtest.Rand(uint64(3*i+3), -1, 1, conv.Shape()...)
		tr := ag.Conv2DTranspose(ag.Const(x), ag.Const(k), tc.p, tc.h, tc.w)
		assert.InDelta(t, dot(conv.Data(), x.Data), dot(y.Data, tr.Data()), 1e-4*float64(len(x.Data)), tc.name)
	}
}

func dot(a, b []float32) float64 {
	s := 0.0
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

// The finite-difference checks run in float32 with agtest.Default (h =
// 1e-2). The convolution is bilinear, so the central difference has no
// truncation error; what remains is float32 rounding of L = Σ w·y, about
// 6e-8·|L|/h ≈ 6e-6·|L|, with |L| below 20 on these small cases: ≤ 1.2e-4,
// well inside Atol 2e-3.
func TestConv2D_Grad(t *testing.T) {
	var tests []gradCase
	for i, tc := range convCases {
		tests = append(tests, gradCase{
			name:   tc.name,
			f:      func(in []*ag.Var) *ag.Var { return ag.Conv2D(in[0], in[1], tc.p) },
			inputs: []*tensor.Tensor{agtest.Rand(uint64(2*i+1), -1, 1, tc.n, tc.h, tc.w, tc.c), agtest.Rand(uint64(2*i+2), -1, 1, tc.kh, tc.kw, tc.c, tc.f)},
		})
	}
	tests = append(tests, gradCase{
		name:   "same tensor as image and kernel",
		f:      func(in []*ag.Var) *ag.Var { return ag.Conv2D(in[0], ag.Reshape(in[0], 3, 3, 1, 1), ag.ConvParams{}) },
		inputs: []*tensor.Tensor{agtest.Rand(5, -1, 1, 1, 3, 3, 1)},
	})
	runGrad(t, tests)
}

func TestConv2DTranspose_Grad(t *testing.T) {
	var tests []gradCase
	for i, tc := range convCases {
		sh, sw, dh, dw := steps(tc.p)
		oh := ag.ConvOutLen(tc.h, tc.kh, sh, dh, tc.p.PadTop, tc.p.PadBottom)
		ow := ag.ConvOutLen(tc.w, tc.kw, sw, dw, tc.p.PadLeft, tc.p.PadRight)
		outH := transposeSize(oh, tc.kh, sh, dh, tc.p.PadTop, tc.p.PadBottom)
		outW := transposeSize(ow, tc.kw, sw, dw, tc.p.PadLeft, tc.p.PadRight)
		tests = append(tests, gradCase{
			name:   tc.name,
			f:      func(in []*ag.Var) *ag.Var { return ag.Conv2DTranspose(in[0], in[1], tc.p, outH, outW) },
			inputs: []*tensor.Tensor{agtest.Rand(uint64(2*i+1), -1, 1, tc.n, oh, ow, tc.f), agtest.Rand(uint64(2*i+2), -1, 1, tc.kh, tc.kw, tc.c, tc.f)},
		})
	}
	runGrad(t, tests)
}

// Backward adds into gradients already there, like every op.
func TestConv2D_GradAccumulates(t *testing.T) {
	for _, transpose := range []bool{false, true} {
		x := ag.Param(agtest.Rand(1, -1, 1, 2, 5, 5, 2), "x")
		k := ag.Param(agtest.Rand(2, -1, 1, 3, 3, 2, 2), "k")
		p := ag.ConvParams{StrideH: 2, StrideW: 2}
		f := func() *ag.Var { return ag.SumAll(ag.Conv2D(x, k, p)) }
		if transpose {
			x = ag.Param(agtest.Rand(1, -1, 1, 2, 2, 2, 2), "x")
			f = func() *ag.Var { return ag.SumAll(ag.Conv2DTranspose(x, k, p, 5, 5)) }
		}
		ag.Backward(f())
		dx, dk := x.Grad.Clone(), k.Grad.Clone()
		ag.Backward(f())
		for i := range dx.Data {
			assert.InDelta(t, 2*dx.Data[i], x.Grad.Data[i], 1e-5)
		}
		for i := range dk.Data {
			assert.InDelta(t, 2*dk.Data[i], k.Grad.Data[i], 1e-5)
		}
	}
}

func TestConv2D_ShapePanics(t *testing.T) {
	x, k := c(make([]float32, 2*5*5*3), 2, 5, 5, 3), c(make([]float32, 3*3*3*4), 3, 3, 3, 4)
	for name, fn := range map[string]func(){
		"3-D input":          func() { ag.Conv2D(c(make([]float32, 75), 5, 5, 3), k, ag.ConvParams{}) },
		"3-D kernel":         func() { ag.Conv2D(x, c(make([]float32, 27), 3, 3, 3), ag.ConvParams{}) },
		"channels":           func() { ag.Conv2D(x, c(make([]float32, 3*3*2*4), 3, 3, 2, 4), ag.ConvParams{}) },
		"kernel too large":   func() { ag.Conv2D(x, c(make([]float32, 6*1*3*4), 6, 1, 3, 4), ag.ConvParams{}) },
		"dilated too large":  func() { ag.Conv2D(x, k, ag.ConvParams{DilationW: 3}) },
		"negative stride":    func() { ag.Conv2D(x, k, ag.ConvParams{StrideH: -1}) },
		"negative padding":   func() { ag.Conv2D(x, k, ag.ConvParams{PadLeft: -1}) },
		"transpose channels": func() { ag.Conv2DTranspose(x, k, ag.ConvParams{}, 7, 7) },
		"transpose size":     func() { ag.Conv2DTranspose(c(make([]float32, 2*5*5*4), 2, 5, 5, 4), k, ag.ConvParams{}, 8, 7) },
	} {
		t.Run(name, func(t *testing.T) { panicsShape(t, fn) })
	}
	// Padding makes room for a kernel larger than the image.
	assert.Equal(t, []int{2, 1, 5, 4}, ag.Conv2D(x, c(make([]float32, 6*1*3*4), 6, 1, 3, 4), ag.ConvParams{PadTop: 1}).Shape())
}

// TestConvOutLen_Keras: output sizes of Keras layers (model.summary()).
func TestConvOutLen_Keras(t *testing.T) {
	tests := []struct {
		name                string
		in, k, stride, dil  int
		same                bool
		want, before, after int
	}{
		{"mnist_cnn conv2d: 28, k3", 28, 3, 1, 1, false, 26, 0, 0},
		{"mnist_cnn conv2d_1: 26, k3", 26, 3, 1, 1, false, 24, 0, 0},
		{"same k3", 28, 3, 1, 1, true, 28, 1, 1},
		{"same k4: extra zero after", 28, 4, 1, 1, true, 28, 1, 2},
		{"same stride 2 on 7", 7, 3, 2, 1, true, 4, 1, 1},
		{"same stride 2 on 8", 8, 3, 2, 1, true, 4, 0, 1},
		{"same stride 2 on 6, k4", 6, 4, 2, 1, true, 3, 1, 1},
		{"same stride 3 on 7, k1", 7, 1, 3, 1, true, 3, 0, 0},
		{"valid stride 2 on 7", 7, 3, 2, 1, false, 3, 0, 0},
		{"valid dilation 2", 10, 3, 1, 2, false, 6, 0, 0},
		{"same dilation 2", 10, 3, 1, 2, true, 10, 2, 2},
		{"kernel too large", 2, 3, 1, 1, false, 0, 0, 0},
	}
	for _, tt := range tests {
		before, after := 0, 0
		if tt.same {
			before, after = ag.SamePadding(tt.in, tt.k, tt.stride, tt.dil)
		}
		assert.Equal(t, [2]int{tt.before, tt.after}, [2]int{before, after}, tt.name)
		assert.Equal(t, tt.want, ag.ConvOutLen(tt.in, tt.k, tt.stride, tt.dil, before, after), tt.name)
	}
}

// BenchmarkConv2D runs mnist_cnn's second convolution, (128, 26, 26, 32) →
// (128, 24, 24, 64) with a 3×3 kernel: forward alone, and forward plus
// backward (input and kernel gradients, twice the forward's work).
func BenchmarkConv2D(b *testing.B) {
	const n, h, w, c, k, f = 128, 26, 26, 32, 3, 64
	x := ag.Param(agtest.Rand(1, -1, 1, n, h, w, c), "x")
	kernel := ag.Param(agtest.Rand(2, -0.1, 0.1, k, k, c, f), "kernel")
	oh, ow := h-k+1, w-k+1
	flops := 2 * float64(n*oh*ow) * float64(f*k*k*c)
	seed := agtest.Rand(3, -1, 1, n, oh, ow, f)
	for _, tc := range []struct {
		name     string
		backward bool
	}{{"forward", false}, {"forward+backward", true}} {
		b.Run(tc.name, func(b *testing.B) {
			work := flops
			if tc.backward {
				work *= 3
			}
			for b.Loop() {
				out := ag.Conv2D(x, kernel, ag.ConvParams{})
				if tc.backward {
					ag.BackwardFrom(out, seed)
				}
			}
			b.ReportMetric(work*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

func ExampleConv2D() {
	// One 3×3 image, one 2×2 filter that takes the difference of diagonal
	// neighbours.
	x := ag.Const(tensor.From([]float32{1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1))
	kernel := ag.Const(tensor.From([]float32{1, 0, 0, -1}, 2, 2, 1, 1))
	y := ag.Conv2D(x, kernel, ag.ConvParams{})
	fmt.Println(y.Shape(), y.Data())
	// Output: [1 2 2 1] [-4 -4 -4 -4]
}
