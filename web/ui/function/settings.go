package main

import (
	"errors"
	"math"

	"gonn/web/ui/internal/format"
)

// The settings the page does not ask for.
const (
	batchSize = 16
	gridSize  = 201 // points of the drawn curve
	// redraws is about how many times a run draws the curve: it trains in
	// fits of epochs/redraws epochs.
	redraws = 60
)

// activations are the hidden layers' choices (Keras names).
var activations = []string{"relu", "tanh", "sigmoid"}

// settings are what the form asks for.
type settings struct {
	Target     string
	Points     int     // drawn from the target
	Noise      float64 // standard deviation added to each y
	Layers     int     // hidden Dense layers
	Units      int     // in each hidden layer
	Activation string
	Epochs     int
	LR         float64 // Adam's learning rate
	Seed       int
}

// defaults are the page's first settings; quick, those of ?quick=1 (a
// short run, for tests).
var (
	defaults = settings{Target: "sine", Points: 48, Noise: 0.05, Layers: 2, Units: 16, Activation: "relu",
		Epochs: 300, LR: 0.01, Seed: 1}
	quick = settings{Target: "sine", Points: 48, Noise: 0.05, Layers: 2, Units: 16, Activation: "relu",
		Epochs: 150, LR: 0.01, Seed: 1}
)

// Limits of the settings, as the form states them.
const (
	maxPoints, maxLayers, maxUnits, maxEpochs = 200, 4, 128, 5000
	maxNoise                                  = 1.0
)

// check returns an error naming the first setting out of its range (the
// form's own checks run first; this guards against what they let through).
func (s settings) check() error {
	if _, err := targetOf(s.Target); err != nil {
		return err
	}
	switch {
	case s.Points < 1 || s.Points > maxPoints:
		return errors.New("the points must be 1 to " + format.Itoa(maxPoints))
	case !(s.Noise >= 0 && s.Noise <= maxNoise):
		return errors.New("the noise must be 0 to " + format.Shortest(maxNoise))
	case s.Layers < 1 || s.Layers > maxLayers:
		return errors.New("the hidden layers must be 1 to " + format.Itoa(maxLayers))
	case s.Units < 1 || s.Units > maxUnits:
		return errors.New("the units must be 1 to " + format.Itoa(maxUnits))
	case !known(s.Activation):
		return errors.New("the activation must be relu, tanh or sigmoid, not " + s.Activation)
	case s.Epochs < 1 || s.Epochs > maxEpochs:
		return errors.New("the epochs must be 1 to " + format.Itoa(maxEpochs))
	case !(s.LR > 0 && s.LR <= 1) || math.IsInf(s.LR, 0):
		return errors.New("the learning rate must be more than 0 and at most 1")
	case s.Seed < 0:
		return errors.New("the seed must be 0 or more")
	}
	return nil
}

func known(activation string) bool {
	for _, a := range activations {
		if a == activation {
			return true
		}
	}
	return false
}

// chunk is the number of epochs of each fit between two drawings.
func (s settings) chunk() int { return max(1, (s.Epochs+redraws-1)/redraws) }
