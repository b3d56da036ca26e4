package layers

import (
	"encoding/json"
	"math"

	"gonn/nn/ag"
	"gonn/nn/imageops"
	"gonn/nn/rng"
)

func init() { register("RandomRotation", randomRotationFromConfig) }

// RandomRotationConfig holds the arguments of RandomRotation under their
// Keras keys.
type RandomRotationConfig struct {
	// Factor is the angle as a fraction of a full turn, in [-1, 1]: f
	// draws from [−f·2π, f·2π], (lower, upper) from [lower·2π, upper·2π].
	// Positive turns counter-clockwise. Required.
	Factor Factor `json:"factor"`
	// AffineConfig holds fill_mode, interpolation, seed, fill_value and
	// data_format.
	AffineConfig
}

// DefaultRandomRotationConfig returns Keras' defaults, with no factor yet.
func DefaultRandomRotationConfig() RandomRotationConfig {
	return RandomRotationConfig{AffineConfig: defaultAffineConfig()}
}

// RandomRotation is Keras' RandomRotation: in training, each image turns
// about its centre by an angle drawn uniformly from the factor's range (one
// draw per image), through imageops.Rotation and imageops.Affine with the
// layer's fill mode and interpolation. At inference it passes its input
// through.
//
//	x: (batch, height, width, channels)   out: like x
type RandomRotation struct {
	Base
	RandomRotationConfig
	augmentation

	opts imageops.Options
}

// NewRandomRotation returns a RandomRotation layer turning by up to
// ±factor of a full turn.
func NewRandomRotation(factor float64) *RandomRotation {
	cfg := DefaultRandomRotationConfig()
	cfg.Factor = Factor{factor}
	return NewRandomRotationWith(cfg)
}

// NewRandomRotationWith returns a RandomRotation layer with the given
// config.
func NewRandomRotationWith(cfg RandomRotationConfig) *RandomRotation {
	return &RandomRotation{RandomRotationConfig: cfg}
}

func randomRotationFromConfig(config json.RawMessage) (Layer, error) {
	l := NewRandomRotationWith(DefaultRandomRotationConfig())
	if err := decodeConfig("RandomRotation", config, &l.Base, &l.RandomRotationConfig, "bounding_box_format"); err != nil {
		return nil, err
	}
	if err := l.check(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *RandomRotation) ClassName() string { return "RandomRotation" }

func (l *RandomRotation) check() (err error) {
	if err := l.Factor.check(&l.Base, "RandomRotation", "factor", -1, 1); err != nil {
		return err
	}
	l.opts, err = l.options(&l.Base, "RandomRotation")
	return err
}

// Build checks the config and the input, (height, width, channels).
func (l *RandomRotation) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := l.check(); err != nil {
		return nil, err
	}
	if err := l.build(&l.Base, "RandomRotation", inputShape, l.Seed); err != nil {
		return nil, err
	}
	return append([]int{}, inputShape...), nil
}

// Call turns each image of x by its drawn angle in training; it returns x
// itself otherwise.
func (l *RandomRotation) Call(ctx *Context, x *ag.Var) *ag.Var {
	r := l.source(&l.Base, "RandomRotation", ctx, x)
	if r == nil {
		return x
	}
	lower, upper := l.Factor.bounds()
	h, w := l.in[0], l.in[1]
	ts := make([]imageops.Transform, x.Shape()[0])
	for i := range ts {
		angle := uniform(r, lower*2*math.Pi, upper*2*math.Pi)
		ts[i] = imageops.Rotation(angle, h, w)
	}
	return imageops.AffineVar(x, ts, l.opts)
}

func (l *RandomRotation) Weights() []*ag.Var { return nil }

func (l *RandomRotation) Config() map[string]any {
	c := l.baseConfig()
	c["factor"] = l.Factor.value()
	l.putConfig(c)
	return c
}
