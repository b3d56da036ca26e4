package main

import (
	"errors"

	"gonn/web/ui/internal/format"
)

// The GAN's fixed settings: those of nn/gan's learning test.
const (
	latentDim  = 64
	gridImages = 16 // samples in the grid, from fixed noise
	// The classifier that judges the samples: a dense network trained for
	// one epoch in batches of 32, as in nn/gan's learning test.
	classifierBatch = 32
	classifierTest  = 1000 // test images that measure it
)

// settings are what the form asks for.
type settings struct {
	Steps, BatchSize, TrainSize int
	Samples                     int // generated samples the classifier labels
	MeasureEvery                int // steps between two measures (and grid updates)
	ClassifierSize              int // training images of the classifier
	Seed                        int
}

// defaults are the page's first settings (nn/gan's learning test: 300 steps
// of 64 real images, 1,000 samples judged); quick, those of ?quick=1.
var (
	defaults = settings{Steps: 300, BatchSize: 64, TrainSize: 19200, Samples: 1000, MeasureEvery: 50,
		ClassifierSize: 10000, Seed: 1}
	quick = settings{Steps: 4, BatchSize: 16, TrainSize: 256, Samples: 100, MeasureEvery: 2,
		ClassifierSize: 1000, Seed: 1}
)

// check returns an error naming the first setting out of its range.
func (s settings) check(trainMax int) error {
	switch {
	case s.Steps < 1 || s.Steps > 100000:
		return errors.New("the steps must be 1 to 100,000")
	case s.BatchSize < 1 || s.BatchSize > 512:
		return errors.New("the batch size must be 1 to 512")
	case s.TrainSize < s.BatchSize || s.TrainSize > trainMax:
		return errors.New("the real images must be the batch size to " + format.Thousands(trainMax))
	case s.Samples < 1 || s.Samples > 10000:
		return errors.New("the samples measured must be 1 to 10,000")
	case s.MeasureEvery < 1:
		return errors.New("measure every 1 step or more")
	case s.ClassifierSize < 1 || s.ClassifierSize > trainMax:
		return errors.New("the classifier's images must be 1 to " + format.Thousands(trainMax))
	case s.Seed < 0:
		return errors.New("the seed must be 0 or more")
	}
	return nil
}

// batchAt returns the positions in order (a permutation of the real
// images) of the real images of step (from 0): batches follow the order,
// wrapping around at its end.
func batchAt(order []int, step, size int) []int {
	out := make([]int, size)
	for i := range out {
		out[i] = order[(step*size+i)%len(order)]
	}
	return out
}

// measureAt reports whether the quality is measured after step done (from
// 1) of a run of steps.
func (s settings) measureAt(done, steps int) bool {
	return done%s.MeasureEvery == 0 || done == steps
}
