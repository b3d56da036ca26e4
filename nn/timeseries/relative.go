package timeseries

import (
	"fmt"
	"math"

	"gonn/nn/tensor"
)

// Relative rewrites one-step forecasting examples relative to the last
// value of their window, divided by one global scale, as the lecture's
// time-series section does: a model then predicts the change to the next
// step, whatever the level. Held-out parts that lie above every training
// window (CO2 keeps rising) stay in the range the model trained on, where
// tanh units do not saturate, and the naive forecast (the last value)
// becomes a change of 0.
//
// For a window x[k] of W steps and its target y[k], with last = x[k, W−1]:
//
//	x[k, i] ← (x[k, i] − last) / Sigma     y[k] ← (y[k] − last) / Sigma
//
// and back: a model's output z[k] is the value last + z[k]·Sigma.
type Relative struct {
	// Sigma is the population standard deviation (divided by N) of the
	// one-step change y[k] − x[k, W−1] over the windows FitRelative saw,
	// in the series' units: units per unit of the model's inputs and
	// targets.
	Sigma float32
}

// FitRelative measures Sigma on windows x (N, W, 1) and their targets
// y (N, 1): fit it on the training part only. Sums run in float64 in
// window order. It fails if the shapes are wrong, or if the change has no
// spread (a series that does not change, or changes by the same amount at
// every step): there is then nothing to divide by.
func FitRelative(x, y *tensor.Tensor) (Relative, error) {
	if err := checkRelative(x, y); err != nil {
		return Relative{}, err
	}
	n, w := x.Shape[0], x.Shape[1]
	if n == 0 {
		return Relative{}, fmt.Errorf("timeseries: FitRelative: no window to measure the one-step change on")
	}
	var sum float64
	for k := range n {
		sum += float64(y.Data[k] - x.Data[k*w+w-1])
	}
	mean := sum / float64(n)
	var ss float64
	for k := range n {
		d := float64(y.Data[k]-x.Data[k*w+w-1]) - mean
		ss += float64(d * d) // rounded before the add: no fused multiply-add
	}
	r := Relative{Sigma: float32(math.Sqrt(ss / float64(n)))}
	if r.check() != nil {
		return Relative{}, fmt.Errorf("timeseries: FitRelative: the one-step change (target − the window's last value) "+
			"has a spread of %g over the %d windows: nothing to divide by", r.Sigma, n)
	}
	return r, nil
}

// Apply rewrites windows x (N, W, 1) and targets y (N, 1) in place,
// relative to each window's last value and divided by Sigma. It returns
// those last values (N), in the series' units: the naive forecast, and
// what Inverse adds back. On an error nothing is changed.
func (r Relative) Apply(x, y *tensor.Tensor) (last []float32, err error) {
	if err := checkRelative(x, y); err != nil {
		return nil, err
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	n, w := x.Shape[0], x.Shape[1]
	last = make([]float32, n)
	for k := range n {
		l := x.Data[k*w+w-1]
		for i := range w {
			x.Data[k*w+i] = (x.Data[k*w+i] - l) / r.Sigma
		}
		y.Data[k] = (y.Data[k] - l) / r.Sigma
		last[k] = l
	}
	return last, nil
}

// Inverse turns relative values z (one per window, a model's outputs or
// targets) back into the series' units: last[k] + z[k]·Sigma, with last
// the values Apply returned. It returns a new slice.
func (r Relative) Inverse(last, z []float32) ([]float32, error) {
	if len(last) != len(z) {
		return nil, fmt.Errorf("timeseries: Relative.Inverse: %d last values for %d relative values: want one per window", len(last), len(z))
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	out := make([]float32, len(z))
	for k, v := range z {
		out[k] = last[k] + float32(v*r.Sigma)
	}
	return out, nil
}

// check reports a Sigma that cannot scale: not positive, or not finite.
func (r Relative) check() error {
	s := float64(r.Sigma)
	if !(s > 0) || math.IsInf(s, 0) {
		return fmt.Errorf("timeseries: the one-step change has a spread (Sigma) of %g: want a positive finite number to divide by", s)
	}
	return nil
}

// checkRelative reports windows x that are not (N, W, 1) with W ≥ 1, or
// targets y that are not (N, 1).
func checkRelative(x, y *tensor.Tensor) error {
	if x == nil || y == nil {
		return fmt.Errorf("timeseries: relative windows: want windows x (N, W, 1) and targets y (N, 1), got a nil tensor")
	}
	if x.Rank() != 3 || x.Shape[1] < 1 || x.Shape[2] != 1 {
		return fmt.Errorf("timeseries: relative windows: x has the shape %v: want (N, W, 1), one column and W ≥ 1", x.Shape)
	}
	if y.Rank() != 2 || y.Shape[0] != x.Shape[0] || y.Shape[1] != 1 {
		return fmt.Errorf("timeseries: relative windows: y has the shape %v: want (%d, 1), one next value per window of x %v", y.Shape, x.Shape[0], x.Shape)
	}
	return nil
}

// MakeRelative fits a Relative on d's training windows and applies it, in
// place, to every part of d that holds windows (a part may be nil). It
// returns the Relative and the last values of the test windows (nil
// without a test part): the naive forecast there, and what Inverse adds
// back to a model's outputs. d must hold one column and a horizon of 1. On
// an error d is left as it was.
func (d *Dataset) MakeRelative() (r Relative, testLast []float32, err error) {
	names := [3]string{"training", "validation", "test"}
	parts := [3][2]*tensor.Tensor{{d.TrainX, d.TrainY}, {d.ValX, d.ValY}, {d.TestX, d.TestY}}
	var held []int // the parts with windows: training always
	for i, p := range parts {
		if i == 0 || p[0] != nil || p[1] != nil {
			if err := checkRelative(p[0], p[1]); err != nil {
				return Relative{}, nil, fmt.Errorf("%w (the %s part)", err, names[i])
			}
			held = append(held, i)
		}
	}
	if r, err = FitRelative(d.TrainX, d.TrainY); err != nil {
		return Relative{}, nil, fmt.Errorf("%w (the training part)", err)
	}
	for _, i := range held {
		last, _ := r.Apply(parts[i][0], parts[i][1]) // the shapes and Sigma are checked
		if i == 2 {
			testLast = last
		}
	}
	return r, testLast, nil
}
