package main

import "math"

// batchLoss recovers the loss of each batch from the running means that
// Keras' fit reports after each batch (the mean, weighted by examples,
// over the epoch so far). Start it at each epoch.
type batchLoss struct {
	n, size  int     // examples in the epoch, batch size
	seen     int     // examples of the epoch reported so far
	meanSeen float64 // their mean loss
}

func newBatchLoss(n, size int) *batchLoss { return &batchLoss{n: n, size: size} }

// add takes the running mean after batch b (from 0) of the epoch and
// returns the mean loss of the examples since the last report, and how many
// there were (one batch, or more if some reports were skipped).
func (l *batchLoss) add(b int, mean float64) (loss float64, examples int) {
	seen := min(l.n, (b+1)*l.size)
	examples = seen - l.seen
	if examples <= 0 {
		return math.NaN(), 0
	}
	loss = (mean*float64(seen) - l.meanSeen*float64(l.seen)) / float64(examples)
	l.seen, l.meanSeen = seen, mean
	return loss, examples
}

// smoother is an exponential moving average over examples: a batch of k
// examples weighs 1 − exp(−k/over), so every batch size is averaged over
// about the same number of examples.
type smoother struct {
	over  float64
	value float64
	set   bool
}

// add takes the loss of a batch of k examples and returns the average.
func (s *smoother) add(loss float64, k int) float64 {
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return s.value
	}
	if !s.set {
		s.value, s.set = loss, true
		return s.value
	}
	a := 1 - math.Exp(-float64(k)/s.over)
	s.value += a * (loss - s.value)
	return s.value
}
