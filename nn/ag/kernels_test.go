package ag

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// specKernels are Kernels written straight from their contracts (not the
// Go loops' code); calls counts their calls.
func specKernels(calls *int) Kernels {
	return Kernels{
		Relu: func(y, x []float32) {
			*calls++
			for i, v := range x {
				y[i] = 0
				if v > 0 {
					y[i] = v
				}
			}
		},
		ReluBackward: func(dx, dout, x []float32) {
			*calls++
			for i, v := range x {
				if v > 0 {
					dx[i] = dx[i] + dout[i]
				}
			}
		},
		AddRuns: func(dst []float32, dstStride int, src []float32, srcStride, n, count int) {
			*calls++
			for r := range count {
				for j := range n {
					dst[r*dstStride+j] = dst[r*dstStride+j] + src[r*srcStride+j]
				}
			}
		},
		CopyRuns: func(dst []float32, dstStride int, src []float32, srcStride, n, count int) {
			*calls++
			for r := range count {
				for j := range n {
					dst[r*dstStride+j] = src[r*srcStride+j]
				}
			}
		},
		MaxPool: func(dst []float32, arg []int32, base int, src []float32, n, kh, kw, rowStride, winStride, count int) {
			*calls++
			for w := range count {
				for j := range n {
					at := w*winStride + j
					best, from := src[at], at
					for y := range kh {
						for x := range kw {
							i := w*winStride + y*rowStride + x*n + j
							isNaN, bestNaN := math.IsNaN(float64(src[i])), math.IsNaN(float64(best))
							if src[i] > best || isNaN && !bestNaN {
								best, from = src[i], i
							}
						}
					}
					dst[w*n+j] = best
					if arg != nil {
						arg[w*n+j] = int32(base + from)
					}
				}
			}
		},
	}
}

// specials are values whose handling a kernel could get wrong.
var specials = []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)),
	float32(math.NaN()), 1e-40, -1e-40, math.MaxFloat32, 1, -1}

// TestGoKernels_MatchTheirContracts: the Go loops equal the contracts, bit
// for bit, on ramps with ±0, ±Inf, NaN and subnormals in them.
func TestGoKernels_MatchTheirContracts(t *testing.T) {
	calls := 0
	spec, loops := specKernels(&calls), GoKernels()
	const n = 203
	x, d, o := ramp(n).Data, ramp(n).Data, ramp(n).Data
	for i := range x {
		x[i] = (x[i] - 100) * 0.37
		if i%7 == 0 {
			x[i] = specials[i/7%len(specials)]
		}
		o[i] = specials[i%len(specials)] // NaN and ±Inf reach dx too
	}
	want, got := make([]float32, n), make([]float32, n)
	spec.Relu(want, x)
	loops.Relu(got, x)
	require.Equal(t, bits(want), bits(got), "relu")

	want, got = append([]float32(nil), d...), append([]float32(nil), d...)
	spec.ReluBackward(want, o, x)
	loops.ReluBackward(got, o, x)
	require.Equal(t, bits(want), bits(got), "relu backward")

	for _, s := range []struct{ dstStride, srcStride, n, count int }{{0, 0, n, 1}, {5, 7, 9, 20}, {0, 10, 10, 20}, {3, 13, 13, 15}} {
		want, got = append([]float32(nil), d...), append([]float32(nil), d...)
		spec.AddRuns(want, s.dstStride, x, s.srcStride, s.n, s.count)
		loops.AddRuns(got, s.dstStride, x, s.srcStride, s.n, s.count)
		require.Equal(t, bits(want), bits(got), "add runs %+v", s)
	}

	for _, s := range []struct{ dstStride, srcStride, n, count int }{{0, 0, n, 1}, {9, 7, 9, 20}, {10, 10, 10, 20}, {13, 3, 3, 15}} {
		want, got = append([]float32(nil), d...), append([]float32(nil), d...)
		spec.CopyRuns(want, s.dstStride, x, s.srcStride, s.n, s.count)
		loops.CopyRuns(got, s.dstStride, x, s.srcStride, s.n, s.count)
		require.Equal(t, bits(want), bits(got), "copy runs %+v", s)
	}

	// Windows over x seen as pixels of n channels; rowStride is a row of
	// pixels. Ties of ±0 and of equal values, and NaNs, are in x.
	for _, s := range []struct{ n, kh, kw, rowStride, winStride, count int }{
		{5, 2, 2, 20, 10, 3}, {3, 3, 3, 12, 3, 4}, {7, 1, 2, 0, 14, 7}, {2, 4, 1, 8, 16, 3}, {1, 2, 3, 9, 3, 5},
	} {
		for _, withArg := range []bool{false, true} {
			dw, dg := make([]float32, s.n*s.count), make([]float32, s.n*s.count)
			var aw, ag []int32
			if withArg {
				aw, ag = make([]int32, s.n*s.count), make([]int32, s.n*s.count)
			}
			spec.MaxPool(dw, aw, 1000, x, s.n, s.kh, s.kw, s.rowStride, s.winStride, s.count)
			loops.MaxPool(dg, ag, 1000, x, s.n, s.kh, s.kw, s.rowStride, s.winStride, s.count)
			require.Equal(t, bits(dw), bits(dg), "max pool %+v", s)
			require.Equal(t, aw, ag, "max pool's argmax %+v", s)
		}
	}
}

// TestKernels_PoolingAndIm2colGiveTheSameBits: MaxPool2D (its values, and
// the gradient its argmax routes) and a convolution's forward and backward
// passes give the Go loops' bits with kernels installed, over paddings
// whose clipped windows split a row's runs, with NaNs and ties in x.
func TestKernels_PoolingAndIm2colGiveTheSameBits(t *testing.T) {
	tests := []struct {
		name  string
		shape []int
		p     Pool2D
	}{
		// Each has a run of full windows of at least minKernelFloats, so
		// the kernel takes it; the clipped windows of same padding go to
		// the Go loop.
		{"2x2 stride 2", []int{2, 8, 12, 16}, Pool2D{Size: [2]int{2, 2}, Strides: [2]int{2, 2}}},
		{"3x3 stride 2 same", []int{1, 9, 9, 29}, Pool2D{Size: [2]int{3, 3}, Strides: [2]int{2, 2}, Same: true}},
		{"3x2 stride 1 same", []int{2, 5, 7, 11}, Pool2D{Size: [2]int{3, 2}, Strides: [2]int{1, 1}, Same: true}},
		{"1-D", []int{3, 1, 20, 8}, Pool2D{Size: [2]int{1, 3}, Strides: [2]int{1, 2}}},
	}
	run := func(shape []int, p Pool2D) (values, dx, conv, dconv []float32) {
		x := Param(ramp(shape...), "x")
		for i := range x.Value.Data {
			x.Value.Data[i] = float32(i%11-5) * 0.25 // ties
			if i%17 == 0 {
				x.Value.Data[i] = specials[i/17%len(specials)]
			}
		}
		y := MaxPool2D(x, p)
		BackwardFrom(y, ramp(y.Shape()...))
		values, dx = y.Data(), x.Grad.Data
		x2 := Param(ramp(shape...), "x")
		k := Param(ramp(min(3, shape[1]), 3, shape[3], 4), "k")
		c := Conv2D(x2, k, ConvParams{PadLeft: 1, PadRight: 1})
		BackwardFrom(c, ramp(c.Shape()...))
		return values, dx, c.Data(), append(x2.Grad.Data, k.Grad.Data...)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v1, d1, c1, dc1 := run(tt.shape, tt.p)
			calls, pools, copies := 0, 0, 0
			k := specKernels(&calls)
			maxPool, copyRuns := k.MaxPool, k.CopyRuns
			k.MaxPool = func(dst []float32, arg []int32, base int, src []float32, n, kh, kw, rowStride, winStride, count int) {
				pools++
				maxPool(dst, arg, base, src, n, kh, kw, rowStride, winStride, count)
			}
			k.CopyRuns = func(dst []float32, dstStride int, src []float32, srcStride, n, count int) {
				copies++
				copyRuns(dst, dstStride, src, srcStride, n, count)
			}
			SetKernels(k)
			t.Cleanup(func() { SetKernels(Kernels{}) })
			v2, d2, c2, dc2 := run(tt.shape, tt.p)
			SetKernels(Kernels{})
			v3 := MaxPool2D(Const(ramp(tt.shape...)), tt.p).Data() // the values-only path, kernels off
			SetKernels(k)
			before := pools
			v4 := MaxPool2D(Const(ramp(tt.shape...)), tt.p).Data()
			assert.Greater(t, before, 0, "MaxPool2D with its argmax called no max_pool kernel")
			assert.Greater(t, pools, before, "MaxPool2D without its argmax called no max_pool kernel")
			assert.Positive(t, copies, "im2col called no copy_runs kernel")
			assert.Equal(t, bits(v1), bits(v2), "max pool")
			assert.Equal(t, bits(d1), bits(d2), "max pool's gradient")
			assert.Equal(t, bits(v3), bits(v4), "max pool without its argmax")
			assert.Equal(t, bits(c1), bits(c2), "conv")
			assert.Equal(t, bits(dc1), bits(dc2), "conv's gradients")
		})
	}
}

// TestKernels_InstalledGiveTheSameBits: a dense layer with a bias and ReLU
// trained one step with kernels installed ends with the Go loops' values
// and gradients, and the kernels were called.
func TestKernels_InstalledGiveTheSameBits(t *testing.T) {
	run := func() (out, dx, dw, db []float32) {
		x := Param(ramp(12, 40), "x")
		w := Param(ramp(40, 70), "w")
		b := Param(ramp(70), "b")
		for i := range x.Value.Data {
			x.Value.Data[i] = float32(i%17-8) * 0.13
		}
		for i := range w.Value.Data {
			w.Value.Data[i] = float32(i%23-11) * 0.011
		}
		for i := range b.Value.Data {
			b.Value.Data[i] = float32(i%5-2) * 0.3
		}
		y := Relu(Add(MatMul(x, w, false, false), b))
		seed := ramp(y.Shape()...)
		for i := range seed.Data {
			seed.Data[i] = float32(i%9-4) * 0.7
		}
		BackwardFrom(y, seed)
		return y.Data(), x.Grad.Data, w.Grad.Data, b.Grad.Data
	}
	o1, dx1, dw1, db1 := run()
	calls := 0
	SetKernels(specKernels(&calls))
	t.Cleanup(func() { SetKernels(Kernels{}) })
	o2, dx2, dw2, db2 := run()
	assert.Positive(t, calls, "no kernel was called")
	assert.Equal(t, bits(o1), bits(o2), "relu(x·w + b)")
	assert.Equal(t, bits(dx1), bits(dx2), "dx")
	assert.Equal(t, bits(dw1), bits(dw2), "dw")
	assert.Equal(t, bits(db1), bits(db2), "db")
}
