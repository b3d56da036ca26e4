package main

import "math"

// niceScale returns an axis covering lo … hi in round steps (1, 2 or 5
// times a power of ten), the step whose number over the range is closest
// to ticks: its ends, multiples of step, and step. An empty range (lo = hi)
// is widened by one unit either side.
func niceScale(lo, hi float64, ticks int) (from, to, step float64) {
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi == lo {
		lo, hi = lo-1, hi+1
	}
	span := hi - lo
	pow := math.Pow(10, math.Floor(math.Log10(span/float64(max(1, ticks)))))
	best := math.Inf(1)
	for _, m := range []float64{1, 2, 5, 10} {
		if d := math.Abs(span/(m*pow) - float64(ticks)); d < best {
			best, step = d, m*pow
		}
	}
	// 1e-9: 0.3/0.1 is 2.9999…, which must not floor to 2.
	return math.Floor(lo/step+1e-9) * step, math.Ceil(hi/step-1e-9) * step, step
}

// timeTicks returns the points of a time axis to label: those whose label
// differs from the previous point's (the first of each year, say), every
// k-th of them so that there are at most most.
func timeTicks(labels []string, most int) []int {
	var starts []int
	for i, l := range labels {
		if i == 0 || l != labels[i-1] {
			starts = append(starts, i)
		}
	}
	k := (len(starts) + most - 1) / max(1, most)
	var ticks []int
	for i := 0; i < len(starts); i += max(1, k) {
		ticks = append(ticks, starts[i])
	}
	return ticks
}
