package layers

import (
	"encoding/json"
	"math"

	"gonn/nn/ag"
	"gonn/nn/rng"
)

func init() { register("LeakyReLU", leakyReLUFromConfig) }

// LeakyReLUConfig holds the argument of LeakyReLU under its Keras 3 key.
type LeakyReLUConfig struct {
	// NegativeSlope multiplies the inputs below 0; Keras' default is 0.3.
	// Keras 2 and TF.js call it alpha, which FromConfig reads too.
	NegativeSlope float64 `json:"negative_slope"`
}

// LeakyReLU is Keras' leaky rectifier layer: x for x > 0, else
// NegativeSlope·x, applied elementwise (ag.LeakyRelu). Any shape; no
// weights.
type LeakyReLU struct {
	Base
	LeakyReLUConfig

	built bool
}

// NewLeakyReLU returns Keras' LeakyReLU(negative_slope=slope); Keras'
// default slope is 0.3.
func NewLeakyReLU(slope float64) *LeakyReLU {
	return &LeakyReLU{LeakyReLUConfig: LeakyReLUConfig{NegativeSlope: slope}}
}

// leakyReLUKeys are the keys FromConfig reads: Keras 3's negative_slope and
// the alpha of Keras 2 and TF.js.
type leakyReLUKeys struct {
	NegativeSlope *float64 `json:"negative_slope"`
	Alpha         *float64 `json:"alpha"`
}

func leakyReLUFromConfig(config json.RawMessage) (Layer, error) {
	l := NewLeakyReLU(0.3)
	var keys leakyReLUKeys
	if err := decodeConfig("LeakyReLU", config, &l.Base, &keys); err != nil {
		return nil, err
	}
	switch a, s := keys.Alpha, keys.NegativeSlope; {
	case a != nil && s != nil && *a != *s:
		return nil, l.errorf("LeakyReLU", "negative_slope %g and alpha %g disagree", *s, *a)
	case s != nil:
		l.NegativeSlope = *s
	case a != nil:
		l.NegativeSlope = *a
	}
	if err := l.check(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *LeakyReLU) ClassName() string { return "LeakyReLU" }

func (l *LeakyReLU) check() error {
	if !(l.NegativeSlope >= 0) || math.IsInf(l.NegativeSlope, 0) {
		return l.errorf("LeakyReLU", "negative_slope must be a number >= 0, got %g", l.NegativeSlope)
	}
	return nil
}

func (l *LeakyReLU) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := l.checkInputShape("LeakyReLU", inputShape); err != nil {
		return nil, err
	}
	if err := l.check(); err != nil {
		return nil, err
	}
	l.built = true
	return append([]int{}, inputShape...), nil
}

// Call returns x where x > 0, else NegativeSlope·x: out has x's shape.
func (l *LeakyReLU) Call(_ *Context, x *ag.Var) *ag.Var {
	if !l.built {
		l.notBuilt("LeakyReLU")
	}
	return ag.LeakyRelu(x, float32(l.NegativeSlope))
}

func (l *LeakyReLU) Weights() []*ag.Var { return nil }

func (l *LeakyReLU) Config() map[string]any {
	c := l.baseConfig()
	c["negative_slope"] = l.NegativeSlope
	return c
}
