package main

import (
	"errors"

	"gonn/web/ui/internal/format"
)

// The fixed settings of the training.
const (
	batchSize  = 64
	evalBatch  = 500
	statsBatch = 64 // test images of the gradient statistics
	// The occlusion patch: 4×4 pixels of black, every 2 pixels.
	occlusionSize, occlusionStride = 4, 2
	// The gradient ascent of the most-activating inputs: from a dim grey
	// image, steps of 1 with a small L2 penalty, pixels kept in [0, 1].
	ascentStart, ascentRate, ascentL2 = 0.1, 1.0, 0.01
)

// settings are what the form asks for.
type settings struct {
	TrainSize, Epochs, TestSize int
	MaxSteps                    int // gradient-ascent steps of the most-activating inputs
	Seed                        int
}

// defaults are the page's first settings; quick, those of ?quick=1.
var (
	defaults = settings{TrainSize: 8192, Epochs: 2, TestSize: 1000, MaxSteps: 100, Seed: 1}
	quick    = settings{TrainSize: 2048, Epochs: 2, TestSize: 200, MaxSteps: 10, Seed: 1}
)

// check returns an error naming the first setting out of its range.
func (s settings) check(trainMax, testMax int) error {
	switch {
	case s.TrainSize < 1 || s.TrainSize > trainMax:
		return errors.New("the training images must be 1 to " + format.Thousands(trainMax))
	case s.Epochs < 1 || s.Epochs > 50:
		return errors.New("the epochs must be 1 to 50")
	case s.TestSize < statsBatch || s.TestSize > testMax:
		return errors.New("the test images must be " + format.Itoa(statsBatch) + " to " + format.Thousands(testMax))
	case s.MaxSteps < 1 || s.MaxSteps > 1000:
		return errors.New("the ascent steps must be 1 to 1,000")
	case s.Seed < 0:
		return errors.New("the seed must be 0 or more")
	}
	return nil
}
