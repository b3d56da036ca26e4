package main

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBatchLoss(t *testing.T) {
	// 10 examples in batches of 4: losses 1.0 (4), 2.0 (4), 4.0 (2). Keras
	// reports the running means 1, 1.5 and (4 + 8 + 8)/10 = 2.
	l := newBatchLoss(10, 4)
	tests := []struct {
		batch    int
		mean     float64
		loss     float64
		examples int
	}{
		{0, 1, 1, 4},
		{1, 1.5, 2, 4},
		{2, 2, 4, 2},
	}
	for _, tt := range tests {
		loss, n := l.add(tt.batch, tt.mean)
		assert.InDelta(t, tt.loss, loss, 1e-12, "batch %d", tt.batch)
		assert.Equal(t, tt.examples, n, "batch %d", tt.batch)
	}
	// A report again for the same batch has no new examples.
	loss, n := l.add(2, 2)
	assert.True(t, math.IsNaN(loss))
	assert.Zero(t, n)

	// A skipped report: the mean of the two batches together.
	l = newBatchLoss(10, 4)
	loss, n = l.add(1, 1.5)
	assert.InDelta(t, 1.5, loss, 1e-12)
	assert.Equal(t, 8, n)
}

func TestSmoother(t *testing.T) {
	s := smoother{over: 100}
	assert.Equal(t, 2.0, s.add(2, 1), "the first loss as it is")
	want := 2 + (1-math.Exp(-0.5))*(1-2)
	assert.InDelta(t, want, s.add(1, 50), 1e-12, "a batch of 50 weighs 1 − e^(−1/2)")
	assert.InDelta(t, want, s.add(math.NaN(), 50), 1e-12, "a NaN changes nothing")

	// The same examples in batches of 1 or in one batch of 100 move the
	// average alike: 1 − e^(−1) of the way either way.
	one, many := smoother{over: 100}, smoother{over: 100}
	one.add(0, 1)
	many.add(0, 1)
	var got float64
	for range 100 {
		got = one.add(1, 1)
	}
	assert.InDelta(t, many.add(1, 100), got, 1e-9)
}
