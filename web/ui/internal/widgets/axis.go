package widgets

import (
	"math"

	"gonn/web/ui/internal/format"
)

// AxisTop returns the top of an axis from 0 that shows values up to v in
// four round steps: v rounded up to a multiple of four times a power of ten
// (0.4, 0.8, 1.2, …, 4, 8, 12, …, 40, 80, …), at least 0.4.
func AxisTop(v float64) float64 {
	unit := 0.1
	for v > 40*unit {
		unit *= 10
	}
	return max(4*unit, math.Ceil(v/(4*unit)-1e-9)*4*unit)
}

// AxisLabel formats a value of such an axis without float noise: 0.6, not
// 0.6000000000000001.
func AxisLabel(v float64) string {
	return format.Shortest(math.Round(v*1000) / 1000)
}

// EpochTicks returns the ticks of an axis of epochs from 0 to epochs: every
// epoch up to 10, then at most about ten round steps; quarters of an epoch
// for a single one.
func EpochTicks(epochs int) []float64 {
	if epochs <= 1 {
		return []float64{0, 0.25, 0.5, 0.75, 1}
	}
	step := max(1, epochs/10)
	var ticks []float64
	for e := 0; e <= epochs; e += step {
		ticks = append(ticks, float64(e))
	}
	return ticks
}
