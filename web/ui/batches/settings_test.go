package main

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSettings_Check(t *testing.T) {
	assert.NoError(t, defaults.check())
	assert.NoError(t, quick.check())
	tests := []struct {
		name   string
		change func(*settings)
		want   string
	}{
		{"no sizes", func(s *settings) { s.Sizes = nil }, "pick at least one batch size"},
		{"size not offered", func(s *settings) { s.Sizes = []int{1, 3} }, "there is no batch size 3 to pick"},
		{"sizes out of order", func(s *settings) { s.Sizes = []int{32, 1} }, "the batch sizes must be in increasing order"},
		{"training images", func(s *settings) { s.TrainSize = 0 }, "the training images must be 1 to 60,000"},
		{"epochs", func(s *settings) { s.Epochs = 21 }, "the epochs must be 1 to 20"},
		{"test images", func(s *settings) { s.Test = 10001 }, "the test images must be 1 to 10,000"},
		{"optimiser", func(s *settings) { s.Optimizer = "adam" }, "the optimiser must be sgd or rmsprop, not adam"},
		{"learning rate", func(s *settings) { s.LR = math.NaN() }, "the learning rate must be more than 0 and at most 10"},
		{"seed", func(s *settings) { s.Seed = -2 }, "the seed must be 0 or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := defaults
			tt.change(&s)
			assert.EqualError(t, s.check(), tt.want)
		})
	}
}

func TestUpdates(t *testing.T) {
	tests := []struct{ n, b, want int }{{2048, 1, 2048}, {2048, 32, 64}, {2048, 512, 4}, {1000, 512, 2}, {10, 32, 1}}
	for _, tt := range tests {
		assert.Equal(t, tt.want, updates(tt.n, tt.b), "%d examples in batches of %d", tt.n, tt.b)
	}
}

func TestBudget(t *testing.T) {
	assert.Equal(t, 3*3*2048, defaults.budget())
}

func TestColors(t *testing.T) {
	assert.Len(t, colors, len(Sizes))
	seen := map[string]bool{}
	for _, b := range Sizes {
		c := colorOf(b)
		assert.NotEmpty(t, c)
		assert.False(t, seen[c], "each size its own colour")
		seen[c] = true
	}
	assert.Empty(t, colorOf(3))
}
