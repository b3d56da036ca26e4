package main

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSummarize(t *testing.T) {
	tests := []struct {
		name    string
		samples []float64
		want    Summary
	}{
		{"one", []float64{7}, Summary{N: 1, Median: 7, Lo: 7, Hi: 7}},
		{"odd, unsorted", []float64{5, 1, 9}, Summary{N: 3, Median: 5, Lo: 1, Hi: 9}},
		{"even: mean of the middle two", []float64{4, 1, 3, 10}, Summary{N: 4, Median: 3.5, Lo: 1, Hi: 10}},
		{"repeats", []float64{2, 2, 2, 8, 2}, Summary{N: 5, Median: 2, Lo: 2, Hi: 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			samples := append([]float64(nil), tt.samples...)
			got, ok := summarize(samples)
			require.True(t, ok)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.samples, samples, "the samples keep their order")
		})
	}
	_, ok := summarize(nil)
	assert.False(t, ok, "no samples, no summary")
}

func TestRatio(t *testing.T) {
	s := func(median float64) Summary { return Summary{N: 1, Median: median, Lo: median, Hi: median} }
	tests := []struct {
		name       string
		gonn, peer Summary
		want       float64
		ok         bool
	}{
		{"gonn faster", s(300), s(100), 3, true},
		{"gonn slower", s(50), s(200), 0.25, true},
		{"no gonn", Summary{}, s(1), 0, false},
		{"no peer", s(1), Summary{}, 0, false},
		{"peer zero", s(1), s(0), 0, false},
		{"NaN", s(math.NaN()), s(1), 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ratio(tt.gonn, tt.peer)
			assert.Equal(t, tt.ok, ok)
			assert.InDelta(t, tt.want, got, 1e-12)
		})
	}
}
