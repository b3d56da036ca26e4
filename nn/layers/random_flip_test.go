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

// orientation tells how image b of out is x's image b mirrored (each image
// of x must be asymmetric): its imageops.Flip.
func orientation(t *testing.T, x, out *tensor.Tensor, b int) imageops.Flip {
	t.Helper()
	n := x.Size() / x.Shape[0]
	img := tensor.From(x.Data[b*n:(b+1)*n], append([]int{1}, x.Shape[1:]...)...)
	got := out.Data[b*n : (b+1)*n]
	for _, f := range []imageops.Flip{{}, {LeftRight: true}, {UpDown: true}, {LeftRight: true, UpDown: true}} {
		if assert.ObjectsAreEqual(imageops.FlipImages(img, []imageops.Flip{f}).Data, got) {
			return f
		}
	}
	require.Fail(t, "not a flip", "image %d", b)
	return imageops.Flip{}
}

// TestRandomFlip_Statistics: over 4000 images each orientation a mode
// allows comes as often as the others (binomial: 4 deviations of the
// fraction are under 0.032), and the draws are, per image, left-right
// then upside down, each flipping below ½.
func TestRandomFlip_Statistics(t *testing.T) {
	const n = 4000
	x := image(n, 3, 2, 1)
	tests := []struct {
		mode   string
		counts map[imageops.Flip]float64 // expected fractions
	}{
		{"horizontal", map[imageops.Flip]float64{{}: 0.5, {LeftRight: true}: 0.5}},
		{"vertical", map[imageops.Flip]float64{{}: 0.5, {UpDown: true}: 0.5}},
		{"horizontal_and_vertical", map[imageops.Flip]float64{{}: 0.25, {LeftRight: true}: 0.25, {UpDown: true}: 0.25, {LeftRight: true, UpDown: true}: 0.25}},
	}
	for _, tt := range tests {
		l := layers.NewRandomFlip(tt.mode)
		build(t, l, 3, 2, 1)
		out := l.Call(training(11), ag.Const(x)).Value
		replay := rng.New(11)
		got := map[imageops.Flip]int{}
		for b := range n {
			f := orientation(t, x, out, b)
			got[f]++
			var want imageops.Flip
			if tt.mode != "vertical" {
				want.LeftRight = replay.Float64() < 0.5
			}
			if tt.mode != "horizontal" {
				want.UpDown = replay.Float64() < 0.5
			}
			require.Equal(t, want, f, "%s, image %d", tt.mode, b)
		}
		assert.Len(t, got, len(tt.counts), tt.mode)
		for f, p := range tt.counts {
			assert.InDelta(t, p, float64(got[f])/n, 0.032, "%s: %+v", tt.mode, f)
		}
	}
}
