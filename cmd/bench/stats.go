package main

import (
	"math"
	"slices"
)

// Summary is the spread of a cell's repetitions.
type Summary struct {
	N              int
	Median, Lo, Hi float64
}

// summarize returns the median, the smallest and the largest sample; ok is
// false when there is none.
func summarize(samples []float64) (s Summary, ok bool) {
	if len(samples) == 0 {
		return Summary{}, false
	}
	sorted := slices.Clone(samples)
	slices.Sort(sorted)
	n := len(sorted)
	med := sorted[n/2]
	if n%2 == 0 {
		med = (sorted[n/2-1] + sorted[n/2]) / 2
	}
	return Summary{N: n, Median: med, Lo: sorted[0], Hi: sorted[n-1]}, true
}

// ratio is gonn's median over the peer's: above 1 gonn is faster for a
// throughput, below 1 it is faster (or smaller) for a time or a size. ok is
// false when either median is missing or the peer's is 0.
func ratio(gonn, peer Summary) (float64, bool) {
	if gonn.N == 0 || peer.N == 0 || peer.Median == 0 || math.IsNaN(gonn.Median) || math.IsNaN(peer.Median) {
		return 0, false
	}
	return gonn.Median / peer.Median, true
}
