package main

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHeatLevels(t *testing.T) {
	got := heatLevels([]float32{-1, 9, -0.99})
	require.Len(t, got, 3)
	assert.InDelta(t, 0, got[0], 1e-12, "the lowest loss is 0")
	assert.InDelta(t, 1, got[1], 1e-12, "the highest 1")
	// δ is a thousandth of the range, 0.01: a loss δ above the lowest is at
	// (ln 2δ − ln δ) / (ln(10 + δ) − ln δ) = ln 2 / ln 1001.
	assert.InDelta(t, math.Log(2)/math.Log(1001), got[2], 1e-5)
}

func TestHeatColor(t *testing.T) {
	assert.Equal(t, heatStops[0], heatColor(0))
	assert.Equal(t, heatStops[1], heatColor(0.5))
	assert.Equal(t, heatStops[2], heatColor(1))
	assert.Equal(t, heatStops[2], heatColor(7), "clamped")
}

func TestHeatImage(t *testing.T) {
	// Two columns of one row each side of a level boundary, then a flat row.
	tl := []float64{0.01, 0.5, 0.01, 0.01}
	img := heatImage(tl, 2, 2)
	require.Len(t, img, 16)
	light := heatColor(0.01)
	assert.Equal(t, byte(math.Round(light[0]*contourShade)), img[0], "the pixel left of a level change is a contour")
	assert.Equal(t, byte(math.Round(light[0])), img[8], "a flat pixel is not")
	assert.Equal(t, byte(255), img[3], "opaque")
}
