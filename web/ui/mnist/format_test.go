package main

import (
	"errors"
	"io/fs"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{itoa(-12), "-12"},
		{fixed(0.51946, 4), "0.5195"},
		{fixed(2, 1), "2.0"},
		{percent(0.8726, 2), "87.26 %"},
		{percent(1, 1), "100.0 %"},
		{percent(math.NaN(), 2), "NaN %"},
		{shortest(0.1), "0.1"},
		{shortest(0.87260001), "0.87260001"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.got)
	}
}

func TestWrap(t *testing.T) {
	err := wrap("fetch data/x.gmn", fs.ErrNotExist)
	assert.EqualError(t, err, "fetch data/x.gmn: file does not exist")
	assert.True(t, errors.Is(err, fs.ErrNotExist))
}
