package layers_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func translationWith(height, width layers.Factor, interpolation, fillMode string) *layers.RandomTranslation {
	cfg := layers.DefaultRandomTranslationConfig()
	cfg.HeightFactor, cfg.WidthFactor, cfg.Interpolation, cfg.FillMode = height, width, interpolation, fillMode
	return layers.NewRandomTranslationWith(cfg)
}

// TestRandomTranslation_OnePixel: width factor (0.25, 0.25) of a 4-pixel
// row is one pixel right, height (-0.5, -0.5) of 2 rows one row up; the
// default reflect fill repeats the edge.
func TestRandomTranslation_OnePixel(t *testing.T) {
	x := tensor.From([]float32{1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 4, 1)
	right := translationWith(layers.Factor{0, 0}, layers.Factor{0.25, 0.25}, "bilinear", "reflect")
	build(t, right, 2, 4, 1)
	assert.Equal(t, []float32{1, 1, 2, 3, 5, 5, 6, 7}, right.Call(training(1), ag.Const(x)).Data())

	up := translationWith(layers.Factor{-0.5, -0.5}, layers.Factor{0}, "nearest", "constant")
	build(t, up, 2, 4, 1)
	assert.Equal(t, []float32{5, 6, 7, 8, 0, 0, 0, 0}, up.Call(training(1), ag.Const(x)).Data())
}

// TestRandomTranslation_Statistics moves a dot at the centre of 11×11
// images by up to ±0.3 of the height (rows) and width factor (-0.1, 0.4)
// of the width (nearest): shifts fill those ranges, rounded.
func TestRandomTranslation_Statistics(t *testing.T) {
	const n = 2000
	x := tensor.New(n, 11, 11, 1)
	for b := range n {
		x.Set(1, b, 5, 5, 0)
	}
	l := translationWith(layers.Factor{0.3}, layers.Factor{0.4, -0.1}, "nearest", "constant")
	build(t, l, 11, 11, 1)
	y := l.Call(training(9), ag.Const(x)).Value
	var dySum, dxSum float64
	seen := map[[2]int]bool{}
	for b := range n {
		at := -1
		for i := range 121 {
			if y.Data[b*121+i] == 1 {
				require.Equal(t, -1, at, "image %d has two dots", b)
				at = i
			}
		}
		require.NotEqual(t, -1, at, "image %d lost its dot", b)
		dy, dx := at/11-5, at%11-5
		require.True(t, dy >= -3 && dy <= 3, "image %d: %d rows", b, dy)
		require.True(t, dx >= -1 && dx <= 4, "image %d: %d columns", b, dx) // −1.1 … 4.4 rounded
		dySum, dxSum = dySum+float64(dy), dxSum+float64(dx)
		seen[[2]int{dy, dx}] = true
	}
	assert.InDelta(t, 0, dySum/n, 0.15, "mean vertical shift")
	assert.InDelta(t, 1.65, dxSum/n, 0.15, "mean horizontal shift")
	assert.Len(t, seen, 7*6, "every reachable shift comes")
}
