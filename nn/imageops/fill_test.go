package imageops

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestMapCoord walks an axis of 4 pixels a b c d (0…3) out to two periods
// on each side: reflect is d c b a | a b c d | d c b a, wrap
// a b c d | a b c d, nearest a a | a b c d | d d, constant untouched.
func TestMapCoord(t *testing.T) {
	tests := []struct {
		mode FillMode
		in   []float32
		want []float32
	}{
		{FillReflect, []float32{-8, -5, -4, -3, -1, 0, 2, 3, 4, 5, 7, 8, 11, 12},
			[]float32{0, 3, 3, 2, 0, 0, 2, 3, 3, 2, 0, 0, 3, 3}},
		{FillReflect, []float32{-0.5, -1.5, 0.25, 3.5, 4.5, 7.75}, []float32{0, 0.5, 0.25, 3, 2.5, 0}},
		{FillWrap, []float32{-8, -5, -4, -3, -1, 0, 3, 4, 5, 9}, []float32{0, 3, 0, 1, 3, 0, 3, 0, 1, 1}},
		{FillWrap, []float32{-0.5, -1.5, 3.5, 4.25}, []float32{3, 2.5, 3, 0.25}},
		{FillNearest, []float32{-7, -0.5, 1.5, 3.5, 40}, []float32{0, 0, 1.5, 3, 3}},
		{FillConstant, []float32{-7, -0.5, 1.5, 3.5, 40}, []float32{-7, -0.5, 1.5, 3.5, 40}},
	}
	for _, tt := range tests {
		for i, c := range tt.in {
			assert.Equal(t, tt.want[i], mapCoord(tt.mode, c, 4), "%s of %g", tt.mode, c)
		}
	}
	for _, m := range []FillMode{FillReflect, FillWrap, FillNearest} {
		for _, c := range []float32{-3, -0.5, 0, 0.5, 7} {
			assert.Zero(t, mapCoord(m, c, 1), "%s of %g on a 1-pixel axis", m, c)
		}
	}
}

func TestParse(t *testing.T) {
	for _, m := range []FillMode{FillReflect, FillWrap, FillConstant, FillNearest} {
		got, err := ParseFillMode(m.String())
		assert.NoError(t, err)
		assert.Equal(t, m, got)
	}
	for _, i := range []Interpolation{Bilinear, NearestPixel} {
		got, err := ParseInterpolation(i.String())
		assert.NoError(t, err)
		assert.Equal(t, i, got)
	}
	_, err := ParseFillMode("mirror")
	assert.EqualError(t, err, `unknown fill_mode "mirror" (want "reflect", "wrap", "constant" or "nearest")`)
	_, err = ParseInterpolation("bicubic")
	assert.EqualError(t, err, `unknown interpolation "bicubic" (want "bilinear" or "nearest")`)
	assert.Equal(t, "FillMode(9)", FillMode(9).String())
	assert.Equal(t, Options{Interpolation: Bilinear, FillMode: FillReflect}, Options{}, "the zero value is Keras' default")
}
