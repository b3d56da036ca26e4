package layers_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/imageops"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRandomContrast_Clips: the factor (1, 1) draws from [0, 2]; values
// leaving the value range [0, 10] are clipped to it.
func TestRandomContrast_Clips(t *testing.T) {
	l := layers.NewRandomContrastWith(layers.RandomContrastConfig{Factor: layers.Factor{1, 1}, ValueRange: []float64{0, 10}})
	build(t, l, 2, 2, 1)
	x := tensor.From([]float32{0, 2, 4, 10}, 1, 2, 2, 1) // mean 4
	y := l.Call(training(6), ag.Const(x)).Data()
	f := float32(2 * rng.New(6).Float64()) // the one draw
	for i, v := range x.Data {
		assert.Equal(t, min(max(float32((v-4)*f)+4, 0), 10), y[i], "value %d, factor %g", i, f)
	}
}

// TestRandomContrast_Statistics recovers each image's factor as the ratio
// of its spread to the input's: factors fill [1−f, 1+f] for one number f,
// [1−lower, 1+upper] for a pair, and the layer's output is AdjustContrast
// with those factors.
func TestRandomContrast_Statistics(t *testing.T) {
	const n = 1000
	x := image(n, 4, 4, 2)
	for _, tt := range []struct {
		factor layers.Factor
		lo, hi float64
	}{
		{layers.Factor{0.5}, 0.5, 1.5},
		{layers.Factor{0.2, 0.6}, 0.8, 1.6},
		{layers.Factor{0, 0}, 1, 1},
	} {
		l := layers.NewRandomContrastWith(layers.RandomContrastConfig{Factor: tt.factor, ValueRange: []float64{-1e6, 1e6}})
		build(t, l, 4, 4, 2)
		y := l.Call(training(4), ag.Const(x)).Value
		factors := make([]float32, n)
		var sum float64
		for b := range n {
			// Pixels 0 and 1 of channel 0 differ: their distance scales by the factor.
			f := (y.At(b, 0, 1, 0) - y.At(b, 0, 0, 0)) / (x.At(b, 0, 1, 0) - x.At(b, 0, 0, 0))
			require.True(t, float64(f) >= tt.lo-1e-4 && float64(f) <= tt.hi+1e-4, "%v, image %d: factor %g", tt.factor, b, f)
			factors[b] = f
			sum += float64(f)
		}
		assert.InDelta(t, (tt.lo+tt.hi)/2, sum/n, 0.02, "%v: mean factor", tt.factor)
		// Recompute with the exact draws and compare the whole batch.
		r, lo, hi := rng.New(4), tt.lo, tt.hi
		for b := range factors {
			factors[b] = float32(lo + float64((hi-lo)*r.Float64()))
		}
		assert.Equal(t, imageops.AdjustContrast(x, factors).Data, y.Data, "%v", tt.factor)
	}
}
