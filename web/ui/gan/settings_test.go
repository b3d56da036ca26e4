package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSettings_Check(t *testing.T) {
	require.NoError(t, defaults.check(60000))
	require.NoError(t, quick.check(60000))
	tests := []struct {
		name string
		edit func(*settings)
		want string
	}{
		{"no steps", func(s *settings) { s.Steps = 0 }, "steps"},
		{"batch too big", func(s *settings) { s.BatchSize = 1000 }, "batch size"},
		{"fewer images than a batch", func(s *settings) { s.TrainSize = 10 }, "real images must be the batch size to 60,000"},
		{"no samples", func(s *settings) { s.Samples = 0 }, "samples"},
		{"measure never", func(s *settings) { s.MeasureEvery = 0 }, "measure"},
		{"classifier", func(s *settings) { s.ClassifierSize = 60001 }, "classifier"},
		{"seed", func(s *settings) { s.Seed = -1 }, "seed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := defaults
			tt.edit(&s)
			err := s.check(60000)
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tt.want)
			}
		})
	}
}

func TestBatchAt(t *testing.T) {
	order := []int{4, 2, 0, 1, 3}
	tests := []struct {
		step, size int
		want       []int
	}{
		{0, 2, []int{4, 2}},
		{1, 2, []int{0, 1}},
		{2, 2, []int{3, 4}}, // wraps around
		{0, 5, []int{4, 2, 0, 1, 3}},
		{3, 3, []int{3, 4, 2}}, // positions 9, 10, 11 are 4, 0, 1
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, batchAt(order, tt.step, tt.size), "step %d of %d", tt.step, tt.size)
	}
}

func TestSettings_MeasureAt(t *testing.T) {
	s := settings{MeasureEvery: 50}
	assert.True(t, s.measureAt(50, 300))
	assert.False(t, s.measureAt(51, 300))
	assert.True(t, s.measureAt(120, 120), "the last step is always measured")
}

func TestMeasure(t *testing.T) {
	probs := []float32{
		0.1, 0.8, 0.1,
		0.6, 0.2, 0.2,
		0.3, 0.4, 0.3,
		0.5, 0.5, 0, // a tie: the first wins
	}
	q := measure(probs, 3)
	assert.Equal(t, []int{2, 2, 0}, q.Counts)
	assert.Equal(t, 2, q.Classes)
	assert.InDelta(t, (0.8+0.6+0.4+0.5)/4, q.MeanConfidence, 1e-7)
	empty := measure(nil, 10)
	assert.Zero(t, empty.MeanConfidence)
	assert.Zero(t, empty.Classes)
	assert.Len(t, empty.Counts, 10)
}

func TestToUnit(t *testing.T) {
	assert.Equal(t, []float32{0, 0.5, 1}, toUnit([]float32{-1, 0, 1}))
}

func TestDigitsPresent(t *testing.T) {
	assert.Equal(t, "0 3 9", digitsPresent([]int{2, 0, 0, 1, 0, 0, 0, 0, 0, 5}))
	assert.Equal(t, "", digitsPresent(make([]int, 10)))
}
