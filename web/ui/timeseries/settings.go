package main

import (
	"errors"
	"math"

	"gonn/web/ui/internal/format"
)

// The settings the page does not ask for: the recipe's
// (cmd/recipes/timeseries.go), but for a shorter patience.
const (
	units     = 32 // of each recurrent layer, and filters of each Conv1D layer
	batchSize = 32
	patience  = 10 // epochs without a better validation loss before a model stops
	evalBatch = 256
)

// The ranges of the form's settings.
const (
	maxEpochs = 300
	maxDepth  = 4
)

// settings are what the form asks for.
type settings struct {
	Source string // a source's Key
	Epochs int    // at most; early stopping ends most models sooner
	Seed   int
	Kernel int // of each Conv1D layer
	Depth  int // Conv1D layers
}

// defaults is the page's first run: CO2, a Conv1D that sees 3 months.
var defaults = settings{Source: "co2", Epochs: 100, Seed: 1, Kernel: 3, Depth: 1}

// quick are the short settings of ?quick=1: two epochs per model.
var quick = settings{Source: "co2", Epochs: 2, Seed: 1, Kernel: 3, Depth: 1}

// check returns an error naming the first setting out of its range.
func (s settings) check() error {
	src, err := sourceByKey(s.Source)
	if err != nil {
		return err
	}
	switch {
	case s.Epochs < 1 || s.Epochs > maxEpochs:
		return errors.New("epochs must be 1 to " + format.Itoa(maxEpochs) + ", not " + format.Itoa(s.Epochs))
	case s.Seed < 0 || s.Seed > math.MaxInt32:
		return errors.New("the seed must be 0 to 2,147,483,647, not " + format.Itoa(s.Seed))
	}
	return checkConv(s.Kernel, s.Depth, src)
}

// receptiveField is how many steps a prediction of depth Conv1D layers of
// kernel size k (stride 1, no dilation) sees: each layer adds k−1 steps to
// the one step it starts from.
func receptiveField(kernel, depth int) int { return 1 + depth*(kernel-1) }

// checkConv checks a Conv1D of depth layers of kernel size k: it must see
// no more than the window holds.
func checkConv(kernel, depth int, src source) error {
	switch {
	case depth < 1 || depth > maxDepth:
		return errors.New("Conv1D layers must be 1 to " + format.Itoa(maxDepth) + ", not " + format.Itoa(depth))
	case kernel < 2 || kernel > src.Window:
		return errors.New("the kernel size must be 2 to " + format.Itoa(src.Window) + " (the window), not " + format.Itoa(kernel))
	case receptiveField(kernel, depth) > src.Window:
		return errors.New(format.Itoa(depth) + " layers of kernel " + format.Itoa(kernel) + " would see " +
			format.Itoa(receptiveField(kernel, depth)) + " " + src.Steps + ", more than the window of " + format.Itoa(src.Window))
	}
	return nil
}
