package layers_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func zoomWith(height, width layers.Factor, interpolation string) *layers.RandomZoom {
	cfg := layers.DefaultRandomZoomConfig()
	cfg.HeightFactor, cfg.WidthFactor, cfg.Interpolation = height, width, interpolation
	return layers.NewRandomZoomWith(cfg)
}

// TestRandomZoom_Double: a zoom factor of −0.5 samples half as far from
// the centre, doubling the middle 2×2 of a 4×4 image (nearest); with a
// width factor of 0 only the rows are doubled.
func TestRandomZoom_Double(t *testing.T) {
	x := tensor.New(1, 4, 4, 1)
	for i := range x.Data {
		x.Data[i] = float32(i)
	}
	both := zoomWith(layers.Factor{-0.5, -0.5}, nil, "nearest")
	build(t, both, 4, 4, 1)
	assert.Equal(t, []float32{5, 5, 6, 6, 5, 5, 6, 6, 9, 9, 10, 10, 9, 9, 10, 10}, both.Call(training(1), ag.Const(x)).Data())

	rows := zoomWith(layers.Factor{-0.5, -0.5}, layers.Factor{0}, "nearest")
	build(t, rows, 4, 4, 1)
	assert.Equal(t, []float32{4, 5, 6, 7, 4, 5, 6, 7, 8, 9, 10, 11, 8, 9, 10, 11}, rows.Call(training(1), ag.Const(x)).Data())
}

// TestRandomZoom_Statistics zooms the ramp x[r][c] = c + 100·r (bilinear
// reads it exactly): near the centre the output's step along a row is the
// drawn zoom zx, down a column 100·zy. Zooms fill [1−f, 1+f]; without a
// width factor zx = zy.
func TestRandomZoom_Statistics(t *testing.T) {
	const n = 1000
	x := tensor.New(n, 11, 11, 1)
	for i := range x.Data {
		x.Data[i] = float32(i%11 + 100*(i/11%11))
	}
	for _, tt := range []struct {
		width    layers.Factor
		lo, hi   float64 // of zx
		separate bool
	}{
		{nil, 0.7, 1.3, false},
		{layers.Factor{-0.5, 0}, 0.5, 1, true},
	} {
		l := zoomWith(layers.Factor{0.3}, tt.width, "bilinear")
		build(t, l, 11, 11, 1)
		y := l.Call(training(2), ag.Const(x)).Value
		var zxSum, zySum float64
		differ := 0
		for b := range n {
			zx := float64(y.At(b, 5, 6, 0) - y.At(b, 5, 5, 0))
			zy := float64(y.At(b, 6, 5, 0)-y.At(b, 5, 5, 0)) / 100
			require.True(t, zx >= tt.lo-1e-3 && zx <= tt.hi+1e-3, "image %d: zx %g", b, zx)
			require.True(t, zy >= 0.7-1e-3 && zy <= 1.3+1e-3, "image %d: zy %g", b, zy)
			if !tt.separate {
				require.InDelta(t, zy, zx, 1e-3, "image %d", b)
			}
			if zx-zy > 0.01 || zy-zx > 0.01 {
				differ++
			}
			zxSum, zySum = zxSum+zx, zySum+zy
		}
		if tt.separate {
			assert.Greater(t, differ, n/2, "zx and zy drawn apart")
		}
		assert.InDelta(t, (tt.lo+tt.hi)/2, zxSum/n, 0.02, "mean zx")
		assert.InDelta(t, 1, zySum/n, 0.02, "mean zy")
	}
}
