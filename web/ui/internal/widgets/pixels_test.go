package widgets

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestValueRange(t *testing.T) {
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	tests := []struct {
		name   string
		data   []float32
		lo, hi float32
	}{
		{"empty", nil, 0, 0},
		{"one", []float32{3}, 3, 3},
		{"mixed", []float32{0.5, -2, 7, 1}, -2, 7},
		{"skips NaN and Inf", []float32{nan, 1, inf, -1}, -1, 1},
		{"only NaN", []float32{nan}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := ValueRange(tt.data)
			assert.Equal(t, tt.lo, lo)
			assert.Equal(t, tt.hi, hi)
		})
	}
}

func TestGrayRGBA(t *testing.T) {
	got := GrayRGBA([]float32{0, 0.5, 1, 2, -1}, 0, 1)
	assert.Equal(t, []byte{0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255}, got,
		"lo black, hi white, clamped outside")
	assert.Equal(t, []byte{0, 0, 0, 255}, GrayRGBA([]float32{5}, 5, 5), "a flat range is black")
}

func TestHeatRGBA(t *testing.T) {
	got := HeatRGBA([]float32{0, 1}, 0, 1)
	assert.Equal(t, []byte{0, 0, 0, 255, 255, 236, 150, 255}, got, "the ends of the ramp")
	mid := HeatRGBA([]float32{1.0 / 3}, 0, 1)
	assert.Equal(t, []byte{128, 16, 24, 255}, mid, "a third of the way is the second stop")
	// Brightness grows with the value.
	prev := -1.0
	for v := float32(0); v <= 1; v += 0.05 {
		c := HeatRGBA([]float32{v}, 0, 1)
		light := 0.2126*float64(c[0]) + 0.7152*float64(c[1]) + 0.0722*float64(c[2])
		assert.GreaterOrEqual(t, light, prev, "value %v", v)
		prev = light
	}
}

func TestAbs(t *testing.T) {
	assert.Equal(t, []float32{1, 0, 2.5}, Abs([]float32{-1, 0, 2.5}))
}
