package main

import "math"

// axisTop returns the top of an axis from 0 that shows values up to v in
// four round steps: v rounded up to a multiple of four times a power of ten
// (0.4, 0.8, 1.2, …, 4, 8, 12, …, 40, 80, …), at least 0.4.
func axisTop(v float64) float64 {
	unit := 0.1
	for v > 40*unit {
		unit *= 10
	}
	return max(4*unit, math.Ceil(v/(4*unit)-1e-9)*4*unit)
}

// axisLabel formats a value of such an axis without float noise: 0.6, not
// 0.6000000000000001.
func axisLabel(v float64) string {
	return shortest(math.Round(v*1000) / 1000)
}
