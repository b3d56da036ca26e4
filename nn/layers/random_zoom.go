package layers

import (
	"encoding/json"

	"gonn/nn/ag"
	"gonn/nn/imageops"
	"gonn/nn/rng"
)

func init() { register("RandomZoom", randomZoomFromConfig) }

// RandomZoomConfig holds the arguments of RandomZoom under their Keras
// keys.
type RandomZoomConfig struct {
	// HeightFactor is the vertical zoom as a fraction, in [-1, 1]: f draws
	// z from [1−f, 1+f], (lower, upper) from [1+lower, 1+upper]. Positive
	// zooms out (the image shrinks), negative zooms in. Required.
	HeightFactor Factor `json:"height_factor"`
	// WidthFactor is the horizontal zoom, likewise; nil (the default, JSON
	// null) zooms both ways by the height's draw, keeping the aspect ratio.
	WidthFactor Factor `json:"width_factor"`
	// AffineConfig holds fill_mode, interpolation, seed, fill_value and
	// data_format.
	AffineConfig
}

// DefaultRandomZoomConfig returns Keras' defaults, with no height factor
// yet.
func DefaultRandomZoomConfig() RandomZoomConfig {
	return RandomZoomConfig{AffineConfig: defaultAffineConfig()}
}

// RandomZoom is Keras' RandomZoom: in training, each image is scaled about
// its centre by zooms drawn uniformly from the factors' ranges (per image a
// height draw, then a width draw unless WidthFactor is nil), through
// imageops.Zoom and imageops.Affine: a zoom z samples the input z times as
// far from the centre, so z = 0.5 doubles the image. At inference it
// passes its input through.
//
//	x: (batch, height, width, channels)   out: like x
type RandomZoom struct {
	Base
	RandomZoomConfig
	augmentation

	opts imageops.Options
}

// NewRandomZoom returns a RandomZoom layer zooming by up to ±factor both
// ways, keeping the aspect ratio.
func NewRandomZoom(factor float64) *RandomZoom {
	cfg := DefaultRandomZoomConfig()
	cfg.HeightFactor = Factor{factor}
	return NewRandomZoomWith(cfg)
}

// NewRandomZoomWith returns a RandomZoom layer with the given config.
func NewRandomZoomWith(cfg RandomZoomConfig) *RandomZoom { return &RandomZoom{RandomZoomConfig: cfg} }

func randomZoomFromConfig(config json.RawMessage) (Layer, error) {
	l := NewRandomZoomWith(DefaultRandomZoomConfig())
	if err := decodeConfig("RandomZoom", config, &l.Base, &l.RandomZoomConfig, "bounding_box_format"); err != nil {
		return nil, err
	}
	if err := l.check(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *RandomZoom) ClassName() string { return "RandomZoom" }

func (l *RandomZoom) check() (err error) {
	if err := l.HeightFactor.check(&l.Base, "RandomZoom", "height_factor", -1, 1); err != nil {
		return err
	}
	if l.WidthFactor != nil {
		if err := l.WidthFactor.check(&l.Base, "RandomZoom", "width_factor", -1, 1); err != nil {
			return err
		}
	}
	l.opts, err = l.options(&l.Base, "RandomZoom")
	return err
}

// Build checks the config and the input, (height, width, channels).
func (l *RandomZoom) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := l.check(); err != nil {
		return nil, err
	}
	if err := l.build(&l.Base, "RandomZoom", inputShape, l.Seed); err != nil {
		return nil, err
	}
	return append([]int{}, inputShape...), nil
}

// Call zooms each image of x by its drawn factors in training; it returns
// x itself otherwise.
func (l *RandomZoom) Call(ctx *Context, x *ag.Var) *ag.Var {
	r := l.source(&l.Base, "RandomZoom", ctx, x)
	if r == nil {
		return x
	}
	hLower, hUpper := l.HeightFactor.bounds()
	ts := make([]imageops.Transform, x.Shape()[0])
	for i := range ts {
		zy := float32(1 + uniform(r, hLower, hUpper))
		zx := zy
		if l.WidthFactor != nil {
			wLower, wUpper := l.WidthFactor.bounds()
			zx = float32(1 + uniform(r, wLower, wUpper))
		}
		ts[i] = imageops.Zoom(zx, zy, l.in[0], l.in[1])
	}
	return imageops.AffineVar(x, ts, l.opts)
}

func (l *RandomZoom) Weights() []*ag.Var { return nil }

func (l *RandomZoom) Config() map[string]any {
	c := l.baseConfig()
	c["height_factor"] = l.HeightFactor.value()
	c["width_factor"] = l.WidthFactor.value()
	l.putConfig(c)
	return c
}
