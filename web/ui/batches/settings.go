package main

import (
	"errors"
	"math"

	"gonn/web/ui/internal/format"
)

// Sizes are the batch sizes the user picks from.
var Sizes = []int{1, 4, 16, 32, 64, 128, 256, 512}

// colors are the sizes' colours in the charts and the table, in the order
// of Sizes, each at least 3:1 on white.
var colors = []string{"#b54708", "#9e165f", "#6941c6", "#1d4ed8", "#0e7490", "#067647", "#4d7c0f", "#101828"}

// The settings the page does not ask for.
const (
	hidden    = 64 // units of the hidden Dense layer
	evalBatch = 500
	// smoothing is the number of examples the thick curves average over.
	smoothing = 256
)

// settings are what the form asks for.
type settings struct {
	Sizes                   []int // in increasing order
	TrainSize, Epochs, Test int
	Optimizer               string
	LR                      float64
	Seed                    int
}

// defaults are the page's first settings; quick, those of ?quick=1 (a
// short run, for tests).
var (
	defaults = settings{Sizes: []int{1, 32, 512}, TrainSize: 2048, Epochs: 3, Test: 1000, Optimizer: "sgd", LR: 0.05, Seed: 1}
	quick    = settings{Sizes: []int{4, 32, 512}, TrainSize: 512, Epochs: 2, Test: 500, Optimizer: "sgd", LR: 0.05, Seed: 1}
)

// Limits of the settings, as the form states them.
const (
	maxTrain, maxTest, maxEpochs = 60000, 10000, 20
)

// check returns an error naming the first setting out of its range.
func (s settings) check() error {
	switch {
	case len(s.Sizes) == 0:
		return errors.New("pick at least one batch size")
	case s.TrainSize < 1 || s.TrainSize > maxTrain:
		return errors.New("the training images must be 1 to " + format.Thousands(maxTrain))
	case s.Epochs < 1 || s.Epochs > maxEpochs:
		return errors.New("the epochs must be 1 to " + format.Itoa(maxEpochs))
	case s.Test < 1 || s.Test > maxTest:
		return errors.New("the test images must be 1 to " + format.Thousands(maxTest))
	case s.Optimizer != "sgd" && s.Optimizer != "rmsprop":
		return errors.New("the optimiser must be sgd or rmsprop, not " + s.Optimizer)
	case !(s.LR > 0 && s.LR <= 10) || math.IsInf(s.LR, 0):
		return errors.New("the learning rate must be more than 0 and at most 10")
	case s.Seed < 0:
		return errors.New("the seed must be 0 or more")
	}
	for i, b := range s.Sizes {
		if colorOf(b) == "" {
			return errors.New("there is no batch size " + format.Itoa(b) + " to pick")
		}
		if i > 0 && b <= s.Sizes[i-1] {
			return errors.New("the batch sizes must be in increasing order")
		}
	}
	return nil
}

// colorOf is the colour of batch size b, or "" when b is not one of Sizes.
func colorOf(b int) string {
	for i, s := range Sizes {
		if s == b {
			return colors[i]
		}
	}
	return ""
}

// updates is the number of batches, hence weight updates, in an epoch of
// n examples in batches of b: the last one may be short.
func updates(n, b int) int { return (n + b - 1) / b }

// budget is the number of examples the whole comparison trains on: every
// size sees every example once per epoch.
func (s settings) budget() int { return len(s.Sizes) * s.Epochs * s.TrainSize }
