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
		{"target", func(s *settings) { s.Target = "cosine" }, "there is no target cosine"},
		{"no points", func(s *settings) { s.Points = 0 }, "the points must be 1 to 200"},
		{"too many points", func(s *settings) { s.Points = 201 }, "the points must be 1 to 200"},
		{"negative noise", func(s *settings) { s.Noise = -0.1 }, "the noise must be 0 to 1"},
		{"NaN noise", func(s *settings) { s.Noise = math.NaN() }, "the noise must be 0 to 1"},
		{"layers", func(s *settings) { s.Layers = 5 }, "the hidden layers must be 1 to 4"},
		{"units", func(s *settings) { s.Units = 0 }, "the units must be 1 to 128"},
		{"activation", func(s *settings) { s.Activation = "softmax" }, "the activation must be relu, tanh or sigmoid, not softmax"},
		{"epochs", func(s *settings) { s.Epochs = 0 }, "the epochs must be 1 to 5000"},
		{"learning rate 0", func(s *settings) { s.LR = 0 }, "the learning rate must be more than 0 and at most 1"},
		{"learning rate NaN", func(s *settings) { s.LR = math.NaN() }, "the learning rate must be more than 0 and at most 1"},
		{"seed", func(s *settings) { s.Seed = -1 }, "the seed must be 0 or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := defaults
			tt.change(&s)
			assert.EqualError(t, s.check(), tt.want)
		})
	}
}

func TestSettings_Chunk(t *testing.T) {
	tests := []struct{ epochs, want int }{{1, 1}, {60, 1}, {61, 2}, {300, 5}, {5000, 84}}
	for _, tt := range tests {
		s := defaults
		s.Epochs = tt.epochs
		assert.Equal(t, tt.want, s.chunk(), "%d epochs", tt.epochs)
	}
}
