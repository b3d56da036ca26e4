package main

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
		assert.InDelta(t, tt.want, axisTop(tt.v), 1e-9, "axisTop(%v)", tt.v)
	}
}

func TestAxisLabel(t *testing.T) {
	assert.Equal(t, "0.6", axisLabel(2.4/4))
	assert.Equal(t, "1.8", axisLabel(3*2.4/4))
	assert.Equal(t, "0", axisLabel(0))
	assert.Equal(t, "20", axisLabel(20))
}
