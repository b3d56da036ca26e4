package layers

import (
	"encoding/json"

	"gonn/nn/ag"
	"gonn/nn/imageops"
	"gonn/nn/rng"
)

func init() { register("RandomTranslation", randomTranslationFromConfig) }

// RandomTranslationConfig holds the arguments of RandomTranslation under
// their Keras keys.
type RandomTranslationConfig struct {
	// HeightFactor is the vertical shift as a fraction of the height, in
	// [-1, 1]: f draws from [−f, f], (lower, upper) from [lower, upper].
	// Positive moves the image down. Required.
	HeightFactor Factor `json:"height_factor"`
	// WidthFactor is the horizontal shift as a fraction of the width,
	// likewise; positive moves the image right. Required.
	WidthFactor Factor `json:"width_factor"`
	// AffineConfig holds fill_mode, interpolation, seed, fill_value and
	// data_format.
	AffineConfig
}

// DefaultRandomTranslationConfig returns Keras' defaults, with no factors
// yet.
func DefaultRandomTranslationConfig() RandomTranslationConfig {
	return RandomTranslationConfig{AffineConfig: defaultAffineConfig()}
}

// RandomTranslation is Keras' RandomTranslation: in training, each image
// moves by a vertical and a horizontal shift drawn uniformly from the
// factors' ranges times its height and width (two draws per image, height
// first; shifts need not be whole pixels), through imageops.Translation and
// imageops.Affine. At inference it passes its input through.
//
//	x: (batch, height, width, channels)   out: like x
type RandomTranslation struct {
	Base
	RandomTranslationConfig
	augmentation

	opts imageops.Options
}

// NewRandomTranslation returns a RandomTranslation layer shifting by up to
// ±heightFactor of the height and ±widthFactor of the width.
func NewRandomTranslation(heightFactor, widthFactor float64) *RandomTranslation {
	cfg := DefaultRandomTranslationConfig()
	cfg.HeightFactor, cfg.WidthFactor = Factor{heightFactor}, Factor{widthFactor}
	return NewRandomTranslationWith(cfg)
}

// NewRandomTranslationWith returns a RandomTranslation layer with the given
// config.
func NewRandomTranslationWith(cfg RandomTranslationConfig) *RandomTranslation {
	return &RandomTranslation{RandomTranslationConfig: cfg}
}

func randomTranslationFromConfig(config json.RawMessage) (Layer, error) {
	l := NewRandomTranslationWith(DefaultRandomTranslationConfig())
	if err := decodeConfig("RandomTranslation", config, &l.Base, &l.RandomTranslationConfig, "bounding_box_format"); err != nil {
		return nil, err
	}
	if err := l.check(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *RandomTranslation) ClassName() string { return "RandomTranslation" }

func (l *RandomTranslation) check() (err error) {
	if err := l.HeightFactor.check(&l.Base, "RandomTranslation", "height_factor", -1, 1); err != nil {
		return err
	}
	if err := l.WidthFactor.check(&l.Base, "RandomTranslation", "width_factor", -1, 1); err != nil {
		return err
	}
	l.opts, err = l.options(&l.Base, "RandomTranslation")
	return err
}

// Build checks the config and the input, (height, width, channels).
func (l *RandomTranslation) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := l.check(); err != nil {
		return nil, err
	}
	if err := l.build(&l.Base, "RandomTranslation", inputShape, l.Seed); err != nil {
		return nil, err
	}
	return append([]int{}, inputShape...), nil
}

// Call shifts each image of x by its drawn amounts in training; it returns
// x itself otherwise.
func (l *RandomTranslation) Call(ctx *Context, x *ag.Var) *ag.Var {
	r := l.source(&l.Base, "RandomTranslation", ctx, x)
	if r == nil {
		return x
	}
	hLower, hUpper := l.HeightFactor.bounds()
	wLower, wUpper := l.WidthFactor.bounds()
	h, w := float64(l.in[0]), float64(l.in[1])
	ts := make([]imageops.Transform, x.Shape()[0])
	for i := range ts {
		dy := float32(uniform(r, hLower, hUpper) * h)
		dx := float32(uniform(r, wLower, wUpper) * w)
		ts[i] = imageops.Translation(dx, dy)
	}
	return imageops.AffineVar(x, ts, l.opts)
}

func (l *RandomTranslation) Weights() []*ag.Var { return nil }

func (l *RandomTranslation) Config() map[string]any {
	c := l.baseConfig()
	c["height_factor"] = l.HeightFactor.value()
	c["width_factor"] = l.WidthFactor.value()
	l.putConfig(c)
	return c
}
