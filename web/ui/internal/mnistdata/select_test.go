package mnistdata

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSelectDigits(t *testing.T) {
	labels := []byte{5, 0, 4, 1, 9, 2, 1, 3, 1, 4}
	tests := []struct {
		name string
		d    Digits
		n    int
		want []int
	}{
		{"0 to 4, all", Digits{0, 5}, 100, []int{1, 2, 3, 5, 6, 7, 8, 9}},
		{"0 to 4, first three", Digits{0, 5}, 3, []int{1, 2, 3}},
		{"5 to 9", Digits{5, 5}, 10, []int{0, 4}},
		{"all ten", AllDigits, 4, []int{0, 1, 2, 3}},
		{"none asked", Digits{0, 5}, 0, nil},
		{"no such digit", Digits{6, 3}, 5, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, SelectDigits(labels, tt.d, tt.n))
		})
	}
}

func TestScaledPixelFloats(t *testing.T) {
	px := []byte{0, 51, 255}
	dst := make([]byte, 12)
	ScaledPixelFloats(dst, px, -1, 1)
	assert.InDeltaSlice(t, []float32{-1, -0.6, 1}, floats(dst), 1e-6)
	ScaledPixelFloats(dst, px, 0, 1)
	want := make([]byte, 12)
	PixelFloats(want, px)
	assert.Equal(t, want, dst, "0 … 1 is PixelFloats, bit for bit")
	assert.Panics(t, func() { ScaledPixelFloats(dst[:4], px, 0, 1) })
}

func TestOneHotDigits(t *testing.T) {
	d := Digits{5, 5}
	dst := make([]byte, 4*5*2)
	require.NoError(t, OneHotDigits(dst, []byte{5, 9}, d))
	assert.Equal(t, []float32{1, 0, 0, 0, 0, 0, 0, 0, 0, 1}, floats(dst), "label − 5")
	err := OneHotDigits(dst, []byte{7, 3}, d)
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), "label 1 is 3, not in 5 … 9")
	}
}
