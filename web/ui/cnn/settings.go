package main

import (
	"errors"

	"gonn/web/ui/internal/format"
)

// The settings of Keras' mnist_cnn that the page does not ask for.
const (
	batchSize = 128
	// evalBatch is the batch size of the test evaluation (inference only).
	evalBatch = 500
)

// settings are what the form asks for.
type settings struct {
	TrainSize, Epochs, TestSize, Seed int
}

// check returns an error naming the first setting out of its range (the
// form's own checks run first; this guards against what they let through).
func (s settings) check(trainMax, testMax int) error {
	switch {
	case s.TrainSize < 1 || s.TrainSize > trainMax:
		return errors.New("the training images must be 1 to " + format.Thousands(trainMax))
	case s.Epochs < 1:
		return errors.New("the epochs must be 1 or more")
	case s.TestSize < 1 || s.TestSize > testMax:
		return errors.New("the test images must be 1 to " + format.Thousands(testMax))
	case s.Seed < 0:
		return errors.New("the seed must be 0 or more")
	}
	return nil
}

// batches is the number of batches of one epoch.
func (s settings) batches() int { return (s.TrainSize + batchSize - 1) / batchSize }

// imagesDone is the number of training images seen after done batches of
// the run, counting a last, short batch of each epoch as it is.
func (s settings) imagesDone(done int) int {
	b := s.batches()
	full, rest := done/b, done%b
	return full*s.TrainSize + min(rest*batchSize, s.TrainSize)
}
