package format

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{Itoa(-12), "-12"},
		{Fixed(0.51946, 4), "0.5195"},
		{Fixed(2, 1), "2.0"},
		{Percent(0.8726, 2), "87.26 %"},
		{Percent(1, 1), "100.0 %"},
		{Percent(math.NaN(), 2), "NaN %"},
		{Shortest(0.1), "0.1"},
		{Shortest(0.87260001), "0.87260001"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.got)
	}
}

func TestThousands(t *testing.T) {
	tests := []struct {
		in   int
		want string
	}{
		{0, "0"},
		{999, "999"},
		{1000, "1,000"},
		{60000, "60,000"},
		{1234567, "1,234,567"},
		{-2000, "-2,000"},
		{-999, "-999"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Thousands(tt.in), "Thousands(%d)", tt.in)
	}
}
