package widgets

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAxisTop(t *testing.T) {
	tests := []struct {
		v, want float64
	}{
		{0, 0.4},
		{0.1, 0.4},
		{0.4, 0.4},
		{0.41, 0.8},
		{2.302585, 2.4}, // ln 10, the loss of a uniform guess over 10 classes
		{2.55, 2.8},
		{4, 4},
		{4.1, 8},
		{39, 40},
		{41, 80},
		{123, 160},
	}
	for _, tt := range tests {
		assert.InDelta(t, tt.want, AxisTop(tt.v), 1e-9, "AxisTop(%v)", tt.v)
	}
}

func TestAxisLabel(t *testing.T) {
	assert.Equal(t, "0.6", AxisLabel(2.4/4))
	assert.Equal(t, "1.8", AxisLabel(3*2.4/4))
	assert.Equal(t, "0", AxisLabel(0))
	assert.Equal(t, "20", AxisLabel(20))
}

func TestEpochTicks(t *testing.T) {
	tests := []struct {
		epochs int
		want   []float64
	}{
		{0, []float64{0, 0.25, 0.5, 0.75, 1}},
		{1, []float64{0, 0.25, 0.5, 0.75, 1}},
		{2, []float64{0, 1, 2}},
		{5, []float64{0, 1, 2, 3, 4, 5}},
		{20, []float64{0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20}},
		{25, []float64{0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, EpochTicks(tt.epochs), "EpochTicks(%d)", tt.epochs)
	}
}
