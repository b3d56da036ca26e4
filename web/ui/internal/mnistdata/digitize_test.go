package mnistdata

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// canvas is a w×h drawing for tests.
type canvas struct {
	w, h int
	ink  []uint8
}

func newCanvas(w, h int) *canvas { return &canvas{w, h, make([]uint8, w*h)} }

// rect inks [x0, x1)×[y0, y1) with v.
func (c *canvas) rect(x0, y0, x1, y1 int, v uint8) *canvas {
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			c.ink[y*c.w+x] = v
		}
	}
	return c
}

// block returns a Side×Side image holding v in [x0, x1)×[y0, y1).
func block(x0, y0, x1, y1 int, v float32) []float32 {
	img := make([]float32, Pixels)
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			img[y*Side+x] = v
		}
	}
	return img
}

// assertImage reports the first pixel where got and want differ by more than tol.
func assertImage(t *testing.T, want, got []float32, tol float64) {
	t.Helper()
	require.Len(t, got, Pixels)
	for i := range want {
		if math.Abs(float64(got[i]-want[i])) > tol {
			t.Fatalf("pixel (x %d, y %d) = %v, want %v", i%Side, i/Side, got[i], want[i])
		}
	}
}

func TestDigitize(t *testing.T) {
	tests := []struct {
		name   string
		canvas *canvas
		want   []float32
	}{
		// A square fills the 20×20 box; its center of mass (10, 10)
		// moves to (14, 14).
		{"square", newCanvas(280, 280).rect(100, 30, 200, 130, 255), block(4, 4, 24, 24, 1)},
		{"square in a corner", newCanvas(280, 280).rect(0, 0, 40, 40, 255), block(4, 4, 24, 24, 1)},
		{"square on a small canvas", newCanvas(28, 28).rect(3, 3, 8, 8, 255), block(4, 4, 24, 24, 1)},
		{"one dot", newCanvas(5, 5).rect(2, 2, 3, 3, 255), block(4, 4, 24, 24, 1)},
		{"half ink", newCanvas(50, 50).rect(5, 5, 45, 45, 128), block(4, 4, 24, 24, 128.0/255)},
		// A 200×20 bar becomes 20×2, centered: rows 13 and 14.
		{"wide bar", newCanvas(280, 280).rect(40, 200, 240, 220, 255), block(4, 13, 24, 15, 1)},
		// A 10×100 bar becomes 2×20.
		{"tall bar", newCanvas(280, 280).rect(10, 10, 20, 110, 255), block(13, 4, 15, 24, 1)},
		// A 30×200 bar becomes 3×20: x in [0, 3), center 1.5, moved by 12.5
		// rounded to 13 (half away from zero).
		{"odd width", newCanvas(280, 280).rect(0, 0, 30, 200, 255), block(13, 4, 16, 24, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Digitize(tt.canvas.ink, tt.canvas.w, tt.canvas.h)
			require.True(t, ok)
			assertImage(t, tt.want, got, 1e-6)
		})
	}
}

func TestDigitize_Empty(t *testing.T) {
	for _, c := range []*canvas{newCanvas(0, 0), newCanvas(280, 280), newCanvas(1, 1)} {
		img, ok := Digitize(c.ink, c.w, c.h)
		assert.False(t, ok)
		assert.Nil(t, img)
	}
}

func TestDigitize_BadSize(t *testing.T) {
	assert.Panics(t, func() { Digitize(make([]uint8, 10), 3, 3) })
	assert.Panics(t, func() { Digitize(nil, -1, 0) })
}

// An anti-aliased shape: the averaging keeps the ink's mass (times the area
// scale), the values stay in [0, 1], and the center of mass lands within
// half a pixel of the center.
func TestDigitize_MassAndCenter(t *testing.T) {
	c := newCanvas(280, 280)
	for y := range c.h { // a ring: an "0" of radius 80 and stroke 20
		for x := range c.w {
			d := math.Hypot(float64(x)-150, float64(y)-130)
			c.ink[y*c.w+x] = uint8(255 * math.Max(0, math.Min(1, 10-math.Abs(d-80))))
		}
	}
	x0, y0, x1, y1, ok := inkBounds(c.ink, c.w, c.h)
	require.True(t, ok)
	scale := float64(Box) / float64(max(x1-x0, y1-y0))
	var mass float64
	for _, v := range c.ink {
		mass += float64(v) / 255
	}

	img, ok := Digitize(c.ink, c.w, c.h)
	require.True(t, ok)
	var got, mx, my float64
	for i, v := range img {
		require.True(t, v >= 0 && v <= 1, "pixel %d = %v", i, v)
		got += float64(v)
		mx += float64(v) * (float64(i%Side) + 0.5)
		my += float64(v) * (float64(i/Side) + 0.5)
	}
	assert.InDelta(t, mass*scale*scale, got, 1e-3)
	assert.InDelta(t, Side/2, mx/got, 0.5)
	assert.InDelta(t, Side/2, my/got, 0.5)
}

// The same drawing at twice the size gives the same image.
func TestDigitize_ScaleInvariant(t *testing.T) {
	small := newCanvas(100, 100).rect(10, 20, 30, 60, 255).rect(30, 50, 50, 60, 255) // an "L"
	big := newCanvas(200, 200)
	for y := range big.h {
		for x := range big.w {
			big.ink[y*big.w+x] = small.ink[(y/2)*small.w+x/2]
		}
	}
	a, ok := Digitize(small.ink, small.w, small.h)
	require.True(t, ok)
	b, ok := Digitize(big.ink, big.w, big.h)
	require.True(t, ok)
	assertImage(t, a, b, 1e-6)
}

func TestOverlaps(t *testing.T) {
	tests := []struct {
		name  string
		n, m  int
		scale float64
		want  [][]overlap
	}{
		{"shrink by 2", 4, 2, 0.5, [][]overlap{{{0, 0.5}}, {{0, 0.5}}, {{1, 0.5}}, {{1, 0.5}}}},
		{"grow by 2", 2, 4, 2, [][]overlap{{{0, 1}, {1, 1}}, {{2, 1}, {3, 1}}}},
		{"shrink by 3/2", 3, 2, 2.0 / 3, [][]overlap{{{0, 2.0 / 3}}, {{0, 1.0 / 3}, {1, 1.0 / 3}}, {{1, 2.0 / 3}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := overlaps(tt.n, tt.m, tt.scale)
			require.Len(t, got, len(tt.want))
			for i := range tt.want {
				require.Len(t, got[i], len(tt.want[i]), "source pixel %d", i)
				for j, o := range tt.want[i] {
					assert.Equal(t, o.to, got[i][j].to)
					assert.InDelta(t, o.weight, got[i][j].weight, 1e-12)
				}
			}
		})
	}
}

func TestAlphaInk(t *testing.T) {
	assert.Equal(t, []uint8{4, 8}, AlphaInk([]byte{1, 2, 3, 4, 5, 6, 7, 8}))
	assert.Empty(t, AlphaInk(nil))
}
