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
