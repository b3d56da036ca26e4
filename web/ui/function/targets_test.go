package main

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTargets(t *testing.T) {
	tests := []struct {
		key  string
		x    float64
		want float64
	}{
		{"sine", 0.25, 1},
		{"sine", -0.25, -1},
		{"sine", 0.5, 0},
		{"step", -0.01, 0},
		{"step", 0, 1},
		{"abs", -0.7, 0.7},
		{"abs", 0.3, 0.3},
	}
	for _, tt := range tests {
		tg, err := targetOf(tt.key)
		require.NoError(t, err)
		assert.InDelta(t, tt.want, tg.F(tt.x), 1e-12, "%s(%v)", tt.key, tt.x)
	}
	own, err := targetOf("points")
	require.NoError(t, err)
	assert.Nil(t, own.F, "the user's own points have no function")
	_, err = targetOf("cosine")
	assert.EqualError(t, err, "there is no target cosine")
}

func TestSample(t *testing.T) {
	sine, _ := targetOf("sine")
	clean := sample(sine, 100, 0, 7)
	require.Len(t, clean, 100)
	for _, p := range clean {
		assert.True(t, p.X >= XMin && p.X <= XMax, "x %v in the window", p.X)
		assert.InDelta(t, math.Sin(2*math.Pi*p.X), p.Y, 1e-12, "no noise: on the curve")
	}

	noisy := sample(sine, 2000, 0.1, 7)
	var sum, sq float64
	for _, p := range noisy {
		d := p.Y - math.Sin(2*math.Pi*p.X)
		sum += d
		sq += d * d
	}
	mean := sum / 2000
	sd := math.Sqrt(sq/2000 - mean*mean)
	assert.InDelta(t, 0, mean, 0.01, "the noise has mean 0")
	assert.InDelta(t, 0.1, sd, 0.01, "and the standard deviation asked for")

	assert.Equal(t, sample(sine, 20, 0.1, 3), sample(sine, 20, 0.1, 3), "the same seed, the same sample")
	assert.NotEqual(t, sample(sine, 20, 0.1, 3), sample(sine, 20, 0.1, 4), "another seed, another sample")
	own, _ := targetOf("points")
	assert.Nil(t, sample(own, 20, 0.1, 3), "nothing to draw from the user's own points")
}

func TestInWindow(t *testing.T) {
	assert.True(t, inWindow(point{0, 0}))
	assert.True(t, inWindow(point{XMax, YMin}))
	assert.False(t, inWindow(point{1.01, 0}))
	assert.False(t, inWindow(point{0, -1.6}))
	assert.False(t, inWindow(point{math.NaN(), 0}))
}

func TestGrid(t *testing.T) {
	assert.Equal(t, []float64{-1, -0.5, 0, 0.5, 1}, grid(5))
	g := grid(gridSize)
	assert.Len(t, g, gridSize)
	assert.Equal(t, XMin, g[0])
	assert.Equal(t, XMax, g[gridSize-1])
}
