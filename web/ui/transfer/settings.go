package main

import (
	"errors"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/mnistdata"
)

// The fixed settings of Keras' mnist_transfer_cnn.
const (
	batchSize = 128
	evalBatch = 500
	// features is the number of leading feature layers, frozen for phase 2.
	features = 5
)

// The two phases' digits: 0 to 4, then 5 to 9, five outputs each.
var (
	firstDigits  = mnistdata.Digits{First: 0, Count: 5}
	secondDigits = mnistdata.Digits{First: 5, Count: 5}
)

// settings are what the form asks for.
type settings struct {
	TrainSize int // training images per phase
	TestSize  int // test images per phase
	Epochs    int // per phase; Keras runs 5
	Seed      int
}

// defaults are the page's first settings; quick, those of ?quick=1.
var (
	defaults = settings{TrainSize: 1024, TestSize: 500, Epochs: 1, Seed: 1}
	quick    = settings{TrainSize: 512, TestSize: 200, Epochs: 1, Seed: 1}
)

// check returns an error naming the first setting out of its range;
// trainMax and testMax are the images of the rarer half of each set.
func (s settings) check(trainMax, testMax int) error {
	switch {
	case s.TrainSize < 1 || s.TrainSize > trainMax:
		return errors.New("the training images per phase must be 1 to " + format.Thousands(trainMax))
	case s.TestSize < 1 || s.TestSize > testMax:
		return errors.New("the test images per phase must be 1 to " + format.Thousands(testMax))
	case s.Epochs < 1 || s.Epochs > 50:
		return errors.New("the epochs must be 1 to 50")
	case s.Seed < 0:
		return errors.New("the seed must be 0 or more")
	}
	return nil
}

// batches is the number of batches of one epoch.
func (s settings) batches() int { return (s.TrainSize + batchSize - 1) / batchSize }

// countDigits counts the labels in each half: 0 to 4 and 5 to 9.
func countDigits(labels []byte) (low, high int) {
	for _, l := range labels {
		if firstDigits.Has(l) {
			low++
		} else if secondDigits.Has(l) {
			high++
		}
	}
	return low, high
}
