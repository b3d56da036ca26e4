package widgets

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPlotScale_PxValue(t *testing.T) {
	tests := []struct {
		name  string
		s     PlotScale
		v, px float64
	}{
		{"linear, low end", PlotScale{Lo: -1, Hi: 1, From: 40, To: 240}, -1, 40},
		{"linear, middle", PlotScale{Lo: -1, Hi: 1, From: 40, To: 240}, 0, 140},
		{"linear, upside down (y)", PlotScale{Lo: 0, Hi: 10, From: 300, To: 20}, 2.5, 230},
		{"log, a decade of three", PlotScale{Lo: 0.01, Hi: 10, From: 0, To: 300, Log: true}, 0.1, 100},
		{"log, top", PlotScale{Lo: 0.01, Hi: 10, From: 0, To: 300, Log: true}, 10, 300},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.px, tt.s.Px(tt.v), 1e-9)
			assert.InDelta(t, tt.v, tt.s.Value(tt.px), 1e-9*math.Max(1, math.Abs(tt.v)), "Value inverts Px")
		})
	}
}

func TestPlotScale_Drawable(t *testing.T) {
	lin, log := PlotScale{Lo: 0, Hi: 1}, PlotScale{Lo: 1, Hi: 10, Log: true}
	assert.True(t, lin.Drawable(-3))
	assert.False(t, lin.Drawable(math.NaN()))
	assert.False(t, lin.Drawable(math.Inf(1)))
	assert.True(t, log.Drawable(0.5))
	assert.False(t, log.Drawable(0))
	assert.False(t, log.Drawable(-1))
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		n      int
		want   []float64
	}{
		{0, 1, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{-1, 1, 4, []float64{-1, -0.5, 0, 0.5, 1}},
		{0.13, 2.4, 5, []float64{0, 0.5, 1, 1.5, 2, 2.5}},
		{0, 6000, 4, []float64{0, 2000, 4000, 6000}},
		{0, 0.3, 3, []float64{0, 0.1, 0.2, 0.3}},
		{3, 3, 2, []float64{2, 3, 4}},              // an empty range is widened
		{1, -1, 4, []float64{-1, -0.5, 0, 0.5, 1}}, // reversed
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, NiceTicks(tt.lo, tt.hi, tt.n), "NiceTicks(%v, %v, %d)", tt.lo, tt.hi, tt.n)
	}
}

func TestLogTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []float64
	}{
		{0.03, 2.3, []float64{0.01, 0.1, 1, 10}},
		{0.1, 10, []float64{0.1, 1, 10}},
		{5, 7, []float64{1, 10}},
		{1, 1, []float64{1, 10}},
	}
	for _, tt := range tests {
		got := LogTicks(tt.lo, tt.hi)
		assert.Len(t, got, len(tt.want), "LogTicks(%v, %v)", tt.lo, tt.hi)
		for i := range min(len(got), len(tt.want)) {
			assert.InDelta(t, tt.want[i], got[i], 1e-12*tt.want[i])
		}
	}
}

func TestDataRange(t *testing.T) {
	lo, hi, ok := DataRange(false, []float64{3, math.NaN(), -2}, []float64{math.Inf(1), 7})
	assert.True(t, ok)
	assert.Equal(t, []float64{-2, 7}, []float64{lo, hi})
	lo, hi, ok = DataRange(true, []float64{0, -1, 0.5, 4})
	assert.True(t, ok)
	assert.Equal(t, []float64{0.5, 4}, []float64{lo, hi}, "a log axis skips values ≤ 0")
	_, _, ok = DataRange(false, nil, []float64{math.NaN()})
	assert.False(t, ok)
}

func TestTickLabel(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{0.6000000000000001, "0.6"},
		{2.4 / 4, "0.6"},
		{-0.5, "-0.5"},
		{12000, "12,000"},
		{512, "512"},
		{1e-5, "1e-05"},
		{0.001, "0.001"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, TickLabel(tt.v), "TickLabel(%v)", tt.v)
	}
}

func TestThin(t *testing.T) {
	sx := PlotScale{Lo: 0, Hi: 4, From: 0, To: 4} // one pixel per unit
	x := []float64{0, 0.2, 0.5, 0.7, 1, 1.5, 2, 2.1, 2.2, 3}
	y := []float64{5, 1, 9, 4, 2, 2, 7, 7, 3, 0}
	assert.Equal(t, []int{0, 1, 2, 3, 4}, thin(x[:5], y[:5], sx, 5), "within the budget: every point")
	// Columns: [0, 0.2, 0.5, 0.7] → low 1, high 2; [1, 1.5] → 4 (the first
	// of equal values); [2, 2.1, 2.2] → high 6, low 8; [3] → 9.
	assert.Equal(t, []int{1, 2, 4, 6, 8, 9}, thin(x, y, sx, 3))
}

func TestLogGridTicks(t *testing.T) {
	assert.Equal(t, []float64{0.1, 0.2, 0.5, 1}, LogGridTicks(0.1, 1))
	assert.Equal(t, []float64{0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1}, LogGridTicks(0.01, 1))
	assert.Equal(t, []float64{0.001, 0.01, 0.1, 1}, LogGridTicks(0.001, 1), "three decades: powers of ten alone")
}
