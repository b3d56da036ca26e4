package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestProgram(t *testing.T) {
	s := defaults
	s.Layers, s.Units, s.Activation = 1, 8, "tanh"
	assert.Equal(t, []string{
		"def f(x):",
		"    h1 = tanh(np.dot(x, W1) + b1)    # W1: 1×8, b1: 8",
		"    return np.dot(h1, W2) + b2    # W2: 8×1, b2: 1",
	}, program(s))

	s.Layers, s.Units, s.Activation = 2, 16, "relu"
	assert.Equal(t, []string{
		"def f(x):",
		"    h1 = relu(np.dot(x, W1) + b1)    # W1: 1×16, b1: 16",
		"    h2 = relu(np.dot(h1, W2) + b2)    # W2: 16×16, b2: 16",
		"    return np.dot(h2, W3) + b3    # W3: 16×1, b3: 1",
	}, program(s))
}

func TestParameters(t *testing.T) {
	tests := []struct {
		layers, units, want int
	}{
		{1, 1, 4},                     // w, b, then w, b
		{1, 8, 8 + 8 + 8 + 1},         // 25
		{2, 16, 32 + 16*16 + 16 + 17}, // 321
	}
	for _, tt := range tests {
		s := defaults
		s.Layers, s.Units = tt.layers, tt.units
		assert.Equal(t, tt.want, parameters(s), "%d layers of %d", tt.layers, tt.units)
	}
}
