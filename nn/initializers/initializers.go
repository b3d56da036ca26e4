// Package initializers makes the starting values of weights, with Keras
// names, arguments, defaults and semantics.
//
// The core type is Initializer: Init(r, shape, fanIn, fanOut) returns a new
// tensor of the given shape. Initializers are small values, written as Keras
// writes them: GlorotUniform{}, RandomNormal{Mean: 0, Stddev: 0.01},
// VarianceScaling{Scale: 2, Mode: "fan_in", Distribution: "truncated_normal"}.
// The zero value of a struct is not always its Keras default (RandomNormal{}
// has Stddev 0): Get("random_normal") gives the defaults, and FromConfig reads
// a Keras or TF.js name or {"class_name", "config"} object, filling absent
// arguments with Keras defaults. Serialize writes the object back.
//
// Determinism: random initializers draw from r (the model's generator), one
// draw per element in row-major order, compute in float64 with every
// multiply-add written a + float64(b*c) (so no platform fuses it), and round
// to float32 once at the end. An initializer with a Seed ignores r and draws
// from a generator made from its seed at each call, so it gives the same
// values every time (as seeded initializers did in Keras 2).
//
// Fan sizes are computed by the caller, as Fans does it for Keras kernels.
package initializers

import (
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// Initializer makes the starting value of a weight.
type Initializer interface {
	// Init returns a new tensor of the given shape. fanIn and fanOut are the
	// numbers of inputs and outputs a unit of the layer sees (see Fans); only
	// the variance-scaling initializers use them.
	Init(r *rng.Rand, shape []int, fanIn, fanOut int) *tensor.Tensor
	// Config is the Keras config: the constructor arguments by their Keras
	// names ({"mean": 0, "stddev": 0.05, "seed": nil}).
	Config() map[string]any
	// Name is the Keras identifier: "glorot_uniform", "zeros", …
	Name() string
}

// Fans returns the fan-in and fan-out Keras computes for a weight of the
// given shape: a vector (n) has n of each; a matrix (in, out) has in and out;
// a convolution kernel (k1, …, kd, in, out) multiplies in and out by the
// receptive field k1·…·kd. A scalar has 1 of each.
func Fans(shape []int) (fanIn, fanOut int) {
	switch len(shape) {
	case 0:
		return 1, 1
	case 1:
		return shape[0], shape[0]
	}
	receptive := 1
	for _, d := range shape[:len(shape)-2] {
		receptive *= d
	}
	return shape[len(shape)-2] * receptive, shape[len(shape)-1] * receptive
}

// fill returns a tensor of the given shape whose elements are draw()'s
// results in row-major order, rounded to float32.
func fill(shape []int, draw func() float64) *tensor.Tensor {
	t := tensor.New(shape...)
	for i := range t.Data {
		t.Data[i] = float32(draw())
	}
	return t
}

// source is the generator a random initializer draws from: its own,
// made afresh from seed, or the caller's.
func source(r *rng.Rand, seed *int64) *rng.Rand {
	if seed != nil {
		return rng.New(uint64(*seed))
	}
	if r == nil {
		panic("initializers: a random initializer needs a *rng.Rand or a Seed")
	}
	return r
}

// seedConfig is the config of an initializer whose only argument is seed.
func seedConfig(seed *int64) map[string]any {
	return map[string]any{"seed": seedValue(seed)}
}

// seedValue is seed as a config value: nil (JSON null) or the number.
func seedValue(seed *int64) any {
	if seed == nil {
		return nil
	}
	return *seed
}
