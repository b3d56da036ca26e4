package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSettings_Check(t *testing.T) {
	require.NoError(t, defaults.check(60000, 10000))
	require.NoError(t, quick.check(60000, 10000))
	tests := []struct {
		name string
		edit func(*settings)
		want string
	}{
		{"no training images", func(s *settings) { s.TrainSize = 0 }, "training images must be 1 to 60,000"},
		{"no epochs", func(s *settings) { s.Epochs = 0 }, "epochs"},
		{"fewer test images than the statistics need", func(s *settings) { s.TestSize = 10 }, "test images must be 64 to 10,000"},
		{"no ascent", func(s *settings) { s.MaxSteps = 0 }, "ascent steps"},
		{"negative seed", func(s *settings) { s.Seed = -1 }, "seed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := defaults
			tt.edit(&s)
			err := s.check(60000, 10000)
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tt.want)
			}
		})
	}
}

func TestArgmax(t *testing.T) {
	assert.Equal(t, []int{1, 0, 2}, argmax([]float32{0.1, 0.9, 0, 0.5, 0.5, 0, 0, 0.2, 0.8}, 3), "the first of equals")
	assert.Empty(t, argmax(nil, 10))
}

func TestTotalAndDiagonal(t *testing.T) {
	m := [][]int{{5, 1, 0}, {0, 3, 2}, {1, 0, 4}}
	assert.Equal(t, 16, total(m))
	assert.Equal(t, 12, diagonal(m))
}

func TestPositive(t *testing.T) {
	assert.Equal(t, []float32{0.5, 0, 0}, positive([]float32{0.5, 0, -0.25}), "a patch whose hiding helps draws as no effect")
}

func TestChannel(t *testing.T) {
	// A 2×2 map of 3 channels: value = 10·pixel + channel.
	data := []float32{0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32}
	assert.Equal(t, []float32{1, 11, 21, 31}, channel(data, 2, 2, 3, 1))
}

func TestTile(t *testing.T) {
	// A 2×2 filter of 2 channels: value = 10·pixel + channel.
	data := []float32{0, 1, 10, 11, 20, 21, 30, 31}
	assert.Equal(t, []float32{
		0, 10, 1, 11,
		20, 30, 21, 31,
	}, tile(data, 2, 2, 2), "channel 0, then channel 1, side by side")
}
