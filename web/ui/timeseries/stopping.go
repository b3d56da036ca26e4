package main

import "math"

// earlyStop is Keras' EarlyStopping on the validation loss with
// restore_best_weights: a model trains until patience epochs in a row bring
// no lower validation loss, then goes back to the weights of its best
// epoch.
type earlyStop struct {
	patience int
	best     float64 // the lowest validation loss so far
	bestAt   int     // its epoch, from 0; -1 before any
	waited   int     // epochs since
}

func newEarlyStop(patience int) *earlyStop {
	return &earlyStop{patience: patience, best: math.Inf(1), bestAt: -1}
}

// epoch records the validation loss of epoch e: better says that the
// weights are the best so far (keep them), stop that training should end.
// A loss that is not a number is never better.
func (s *earlyStop) epoch(e int, loss float64) (better, stop bool) {
	if loss < s.best {
		s.best, s.bestAt, s.waited = loss, e, 0
		return true, false
	}
	s.waited++
	return false, s.waited >= s.patience
}
