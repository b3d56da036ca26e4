package imageops

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSincos compares the package's own sine and cosine with Go's over
// the angles augmentation uses (±2π) and beyond.
func TestSincos(t *testing.T) {
	for i := -4000; i <= 4000; i++ {
		x := float64(i) * 0.0031 // -12.4 … 12.4
		s, c := sincos(x)
		assert.InDelta(t, math.Sin(x), s, 2e-16, "sin %g", x)
		assert.InDelta(t, math.Cos(x), c, 2e-16, "cos %g", x)
	}
	s, c := sincos(0)
	assert.Equal(t, [2]float64{0, 1}, [2]float64{s, c})
	s, c = sincos(math.Pi / 6)
	assert.InDelta(t, 0.5, s, 1e-16)
	assert.InDelta(t, math.Sqrt(3)/2, c, 1e-16)
}

func TestTransform_Map(t *testing.T) {
	x, y := Translation(2, -3).Map(1, 1)
	assert.Equal(t, [2]float32{-1, 4}, [2]float32{x, y}, "the image moves right and up: pixels sample left and below")
	x, y = Identity.Map(5, 7)
	assert.Equal(t, [2]float32{5, 7}, [2]float32{x, y})
	x, y = Transform{1, 0, 0, 0, 1, 0, 0.5, 0}.Map(2, 4) // projective: k = 2
	assert.Equal(t, [2]float32{1, 2}, [2]float32{x, y})

	// A rotation keeps the centre of a 5×7 image, (3, 2), in place; a zoom
	// too, and scales distances from it.
	cx, cy := Rotation(1.1, 5, 7).Map(3, 2)
	assert.InDelta(t, 3, cx, 1e-6)
	assert.InDelta(t, 2, cy, 1e-6)
	z := Zoom(2, 0.5, 5, 7)
	x, y = z.Map(3, 2)
	assert.Equal(t, [2]float32{3, 2}, [2]float32{x, y})
	x, y = z.Map(4, 4)
	assert.Equal(t, [2]float32{5, 3}, [2]float32{x, y})
}
