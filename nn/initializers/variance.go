package initializers

import (
	"fmt"
	"math"

	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// truncatedStd is the deviation of a standard normal truncated to [-2, 2].
// Keras divides by it so that truncated samples keep the intended variance.
const truncatedStd = .87962566103423978

// VarianceScaling draws with a variance of Scale/n, where n is the fan-in,
// the fan-out or their mean as Mode says ("fan_in", "fan_out", "fan_avg"),
// and at least 1 (Keras "variance_scaling"; defaults scale 1, "fan_in",
// "truncated_normal"). Distribution is
//
//	"truncated_normal"   normal, redrawn beyond 2 deviations, stddev sqrt(Scale/n)/0.8796…
//	                     ("normal" is Keras' old name for it)
//	"untruncated_normal" normal, stddev sqrt(Scale/n)
//	"uniform"            uniform in [-limit, limit), limit sqrt(3·Scale/n)
//
// The Glorot, He and LeCun initializers are VarianceScaling with fixed
// arguments.
type VarianceScaling struct {
	Scale        float64 `json:"scale"`
	Mode         string  `json:"mode"`
	Distribution string  `json:"distribution"`
	Seed         *int64  `json:"seed"`
}

func (v VarianceScaling) Init(r *rng.Rand, shape []int, fanIn, fanOut int) *tensor.Tensor {
	if err := v.validate(); err != nil {
		panic("initializers: variance_scaling: " + err.Error())
	}
	r = source(r, v.Seed)
	n := float64(fanIn)
	switch v.Mode {
	case "fan_out":
		n = float64(fanOut)
	case "fan_avg":
		n = float64(fanIn+fanOut) / 2
	}
	scale := v.Scale / math.Max(1, n)
	switch v.Distribution {
	case "uniform":
		limit := math.Sqrt(3 * scale)
		return fill(shape, func() float64 { return uniform(r, -limit, limit) })
	case "untruncated_normal":
		std := math.Sqrt(scale)
		return fill(shape, func() float64 { return float64(std * r.Normal()) })
	default: // truncated_normal, normal
		std := math.Sqrt(scale) / truncatedStd
		return fill(shape, func() float64 { return float64(std * r.TruncatedNormal()) })
	}
}

func (v VarianceScaling) Config() map[string]any {
	return map[string]any{"scale": v.Scale, "mode": v.Mode, "distribution": v.Distribution, "seed": seedValue(v.Seed)}
}
func (VarianceScaling) Name() string { return "variance_scaling" }

func (v VarianceScaling) validate() error {
	if !(v.Scale > 0) {
		return fmt.Errorf("scale must be positive, got %g", v.Scale)
	}
	switch v.Mode {
	case "fan_in", "fan_out", "fan_avg":
	default:
		return fmt.Errorf("mode must be fan_in, fan_out or fan_avg, got %q", v.Mode)
	}
	switch v.Distribution {
	case "truncated_normal", "normal", "untruncated_normal", "uniform":
	default:
		return fmt.Errorf("distribution must be truncated_normal, untruncated_normal or uniform, got %q", v.Distribution)
	}
	return nil
}

// GlorotUniform is Glorot (Xavier) uniform: uniform in [-limit, limit),
// limit sqrt(6/(fanIn+fanOut)) (Keras "glorot_uniform", the default kernel
// initializer).
type GlorotUniform struct {
	Seed *int64 `json:"seed"`
}

func (g GlorotUniform) Init(r *rng.Rand, shape []int, fanIn, fanOut int) *tensor.Tensor {
	return VarianceScaling{1, "fan_avg", "uniform", g.Seed}.Init(r, shape, fanIn, fanOut)
}
func (g GlorotUniform) Config() map[string]any { return seedConfig(g.Seed) }
func (GlorotUniform) Name() string             { return "glorot_uniform" }

// GlorotNormal is Glorot (Xavier) normal: truncated normal with stddev
// sqrt(2/(fanIn+fanOut))/0.8796… (Keras "glorot_normal").
type GlorotNormal struct {
	Seed *int64 `json:"seed"`
}

func (g GlorotNormal) Init(r *rng.Rand, shape []int, fanIn, fanOut int) *tensor.Tensor {
	return VarianceScaling{1, "fan_avg", "truncated_normal", g.Seed}.Init(r, shape, fanIn, fanOut)
}
func (g GlorotNormal) Config() map[string]any { return seedConfig(g.Seed) }
func (GlorotNormal) Name() string             { return "glorot_normal" }

// HeNormal is truncated normal with stddev sqrt(2/fanIn)/0.8796… (Keras
// "he_normal").
type HeNormal struct {
	Seed *int64 `json:"seed"`
}

func (h HeNormal) Init(r *rng.Rand, shape []int, fanIn, fanOut int) *tensor.Tensor {
	return VarianceScaling{2, "fan_in", "truncated_normal", h.Seed}.Init(r, shape, fanIn, fanOut)
}
func (h HeNormal) Config() map[string]any { return seedConfig(h.Seed) }
func (HeNormal) Name() string             { return "he_normal" }

// HeUniform is uniform in [-limit, limit), limit sqrt(6/fanIn) (Keras
// "he_uniform").
type HeUniform struct {
	Seed *int64 `json:"seed"`
}

func (h HeUniform) Init(r *rng.Rand, shape []int, fanIn, fanOut int) *tensor.Tensor {
	return VarianceScaling{2, "fan_in", "uniform", h.Seed}.Init(r, shape, fanIn, fanOut)
}
func (h HeUniform) Config() map[string]any { return seedConfig(h.Seed) }
func (HeUniform) Name() string             { return "he_uniform" }

// LecunNormal is truncated normal with stddev sqrt(1/fanIn)/0.8796… (Keras
// "lecun_normal", the companion of selu).
type LecunNormal struct {
	Seed *int64 `json:"seed"`
}

func (l LecunNormal) Init(r *rng.Rand, shape []int, fanIn, fanOut int) *tensor.Tensor {
	return VarianceScaling{1, "fan_in", "truncated_normal", l.Seed}.Init(r, shape, fanIn, fanOut)
}
func (l LecunNormal) Config() map[string]any { return seedConfig(l.Seed) }
func (LecunNormal) Name() string             { return "lecun_normal" }

// LecunUniform is uniform in [-limit, limit), limit sqrt(3/fanIn) (Keras
// "lecun_uniform").
type LecunUniform struct {
	Seed *int64 `json:"seed"`
}

func (l LecunUniform) Init(r *rng.Rand, shape []int, fanIn, fanOut int) *tensor.Tensor {
	return VarianceScaling{1, "fan_in", "uniform", l.Seed}.Init(r, shape, fanIn, fanOut)
}
func (l LecunUniform) Config() map[string]any { return seedConfig(l.Seed) }
func (LecunUniform) Name() string             { return "lecun_uniform" }
