package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSettings_Check(t *testing.T) {
	require.NoError(t, defaults.check(29000, 4800))
	require.NoError(t, quick.check(29000, 4800))
	tests := []struct {
		name string
		edit func(*settings)
		want string
	}{
		{"no training images", func(s *settings) { s.TrainSize = 0 }, "training images per phase must be 1 to 29,000"},
		{"too many test images", func(s *settings) { s.TestSize = 5000 }, "test images per phase must be 1 to 4,800"},
		{"no epochs", func(s *settings) { s.Epochs = 0 }, "epochs"},
		{"negative seed", func(s *settings) { s.Seed = -1 }, "seed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := defaults
			tt.edit(&s)
			err := s.check(29000, 4800)
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tt.want)
			}
		})
	}
}

func TestSettings_Batches(t *testing.T) {
	assert.Equal(t, 2, settings{TrainSize: 256}.batches())
	assert.Equal(t, 9, settings{TrainSize: 1025}.batches())
}

func TestCountDigits(t *testing.T) {
	low, high := countDigits([]byte{0, 4, 5, 9, 3, 7, 7})
	assert.Equal(t, 3, low)
	assert.Equal(t, 4, high)
}

func TestCheckWeights(t *testing.T) {
	w := func(name string, trainable bool, norm float64) weightStat {
		return weightStat{Name: name, Trainable: trainable, Mean: 0.1, Std: 0.2, Min: -1, Max: 1, Norm: norm}
	}
	before := []weightStat{w("conv/kernel", false, 3), w("dense/kernel", true, 5), w("dense/bias", true, 0), w("x", false, 1)}
	moved := w("x", false, 1)
	moved.Max = 1.0000001
	after := []weightStat{w("conv/kernel", false, 3), w("dense/kernel", true, 5.5), w("dense/bias", true, 0), moved}
	checks := checkWeights(before, after)
	require.Len(t, checks, 4)
	assert.Equal(t, []bool{false, true, false, true}, []bool{checks[0].Moved, checks[1].Moved, checks[2].Moved, checks[3].Moved})
	assert.Equal(t, []bool{true, true, false, false}, []bool{checks[0].OK, checks[1].OK, checks[2].OK, checks[3].OK},
		"frozen and still, trainable and moved: fine; a trainable weight that stayed, a frozen one that moved: not")
	fk, f, tm, tr := tally(checks)
	assert.Equal(t, []int{1, 2, 1, 2}, []int{fk, f, tm, tr})
	assert.Len(t, checkWeights(before, after[:2]), 2, "pairs as far as both go")
}
