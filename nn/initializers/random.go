package initializers

import (
	"fmt"

	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// RandomNormal draws from a normal distribution (Keras "random_normal";
// defaults mean 0, stddev 0.05).
type RandomNormal struct {
	Mean   float64 `json:"mean"`
	Stddev float64 `json:"stddev"`
	Seed   *int64  `json:"seed"`
}

func (n RandomNormal) Init(r *rng.Rand, shape []int, _, _ int) *tensor.Tensor {
	r = source(r, n.Seed)
	return fill(shape, func() float64 { return n.Mean + float64(n.Stddev*r.Normal()) })
}
func (n RandomNormal) Config() map[string]any {
	return map[string]any{"mean": n.Mean, "stddev": n.Stddev, "seed": seedValue(n.Seed)}
}
func (RandomNormal) Name() string { return "random_normal" }

// TruncatedNormal draws from a normal distribution, redrawing any value
// more than two deviations from the mean (Keras "truncated_normal"; defaults
// mean 0, stddev 0.05). Stddev is the deviation before truncation: the
// values' own deviation is about 0.88 times it.
type TruncatedNormal struct {
	Mean   float64 `json:"mean"`
	Stddev float64 `json:"stddev"`
	Seed   *int64  `json:"seed"`
}

func (n TruncatedNormal) Init(r *rng.Rand, shape []int, _, _ int) *tensor.Tensor {
	r = source(r, n.Seed)
	return fill(shape, func() float64 { return n.Mean + float64(n.Stddev*r.TruncatedNormal()) })
}
func (n TruncatedNormal) Config() map[string]any {
	return map[string]any{"mean": n.Mean, "stddev": n.Stddev, "seed": seedValue(n.Seed)}
}
func (TruncatedNormal) Name() string { return "truncated_normal" }

// RandomUniform draws uniformly from [Minval, Maxval) (Keras
// "random_uniform"; defaults -0.05 and 0.05).
type RandomUniform struct {
	Minval float64 `json:"minval"`
	Maxval float64 `json:"maxval"`
	Seed   *int64  `json:"seed"`
}

func (u RandomUniform) Init(r *rng.Rand, shape []int, _, _ int) *tensor.Tensor {
	r = source(r, u.Seed)
	return fill(shape, func() float64 { return uniform(r, u.Minval, u.Maxval) })
}
func (u RandomUniform) Config() map[string]any {
	return map[string]any{"minval": u.Minval, "maxval": u.Maxval, "seed": seedValue(u.Seed)}
}
func (RandomUniform) Name() string { return "random_uniform" }

func (u RandomUniform) validate() error {
	if u.Minval > u.Maxval {
		return fmt.Errorf("minval %g is above maxval %g", u.Minval, u.Maxval)
	}
	return nil
}

// uniform draws from [lo, hi).
func uniform(r *rng.Rand, lo, hi float64) float64 {
	return lo + float64((hi-lo)*r.Float64())
}
