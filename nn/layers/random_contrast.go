package layers

import (
	"encoding/json"
	"math"

	"gonn/nn/ag"
	"gonn/nn/imageops"
	"gonn/nn/rng"
)

func init() { register("RandomContrast", randomContrastFromConfig) }

// RandomContrastConfig holds the arguments of RandomContrast under their
// Keras keys.
type RandomContrastConfig struct {
	// Factor, in [0, 1], sets the range of the contrast factor: f draws
	// from [1−f, 1+f], (lower, upper) from [1−lower, 1+upper]. Required.
	Factor Factor `json:"factor"`
	// ValueRange is the range of the images' values, [low, high]; the
	// output is clipped to it. [0, 255].
	ValueRange []float64 `json:"value_range"`
	// Seed, if set, gives the layer its own generator (see Dropout).
	Seed       *int64 `json:"seed"`
	DataFormat string `json:"data_format"` // "channels_last" (the default; "" means it)
}

// DefaultRandomContrastConfig returns Keras' defaults, with no factor yet.
func DefaultRandomContrastConfig() RandomContrastConfig {
	return RandomContrastConfig{ValueRange: []float64{0, 255}, DataFormat: "channels_last"}
}

// RandomContrast is Keras' RandomContrast: in training, each image gets a
// contrast factor drawn uniformly from the factor's range (one draw per
// image), every value moves from the mean of its image and channel by that
// factor, (x − mean)·factor + mean (imageops.AdjustContrast), and the
// result is clipped to ValueRange. At inference it passes its input
// through.
//
// One number f reads as Keras documents it, [1−f, 1+f] (Keras 2's reading;
// Keras 3's code clamps the lower side of a single number to 0, drawing
// from [1, 1+f], and saves the factor as that pair, which gonn reads back
// to the same range).
//
//	x: (batch, height, width, channels)   out: like x
type RandomContrast struct {
	Base
	RandomContrastConfig
	augmentation
}

// NewRandomContrast returns a RandomContrast layer drawing contrast
// factors from [1−factor, 1+factor], for values in [0, 255].
func NewRandomContrast(factor float64) *RandomContrast {
	cfg := DefaultRandomContrastConfig()
	cfg.Factor = Factor{factor}
	return NewRandomContrastWith(cfg)
}

// NewRandomContrastWith returns a RandomContrast layer with the given
// config.
func NewRandomContrastWith(cfg RandomContrastConfig) *RandomContrast {
	return &RandomContrast{RandomContrastConfig: cfg}
}

func randomContrastFromConfig(config json.RawMessage) (Layer, error) {
	l := NewRandomContrastWith(DefaultRandomContrastConfig())
	if err := decodeConfig("RandomContrast", config, &l.Base, &l.RandomContrastConfig, "bounding_box_format"); err != nil {
		return nil, err
	}
	if err := l.check(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *RandomContrast) ClassName() string { return "RandomContrast" }

func (l *RandomContrast) check() error {
	if err := l.Factor.check(&l.Base, "RandomContrast", "factor", 0, 1); err != nil {
		return err
	}
	if v := l.ValueRange; len(v) != 2 || !(v[0] < v[1]) || math.IsInf(v[0], 0) || math.IsInf(v[1], 0) {
		return l.errorf("RandomContrast", "value_range must be [low, high] with low < high, got %v", v)
	}
	return poolCheckFormat(&l.Base, "RandomContrast", l.DataFormat)
}

// factorRange is the range of the contrast factor.
func (l *RandomContrast) factorRange() (lo, hi float64) {
	if len(l.Factor) == 1 {
		return 1 - l.Factor[0], 1 + l.Factor[0]
	}
	lower, upper := l.Factor.bounds()
	return 1 - lower, 1 + upper
}

// Build checks the config and the input, (height, width, channels).
func (l *RandomContrast) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := l.check(); err != nil {
		return nil, err
	}
	if err := l.build(&l.Base, "RandomContrast", inputShape, l.Seed); err != nil {
		return nil, err
	}
	return append([]int{}, inputShape...), nil
}

// Call adjusts the contrast of each image of x by its drawn factor and
// clips to ValueRange in training; it returns x itself otherwise.
//
// Backward: through imageops.AdjustContrastVar, and ag.Clip, which passes
// no gradient where a value was clipped.
func (l *RandomContrast) Call(ctx *Context, x *ag.Var) *ag.Var {
	r := l.source(&l.Base, "RandomContrast", ctx, x)
	if r == nil {
		return x
	}
	lo, hi := l.factorRange()
	factors := make([]float32, x.Shape()[0])
	for i := range factors {
		factors[i] = float32(uniform(r, lo, hi))
	}
	y := imageops.AdjustContrastVar(x, factors)
	return ag.Clip(y, float32(l.ValueRange[0]), float32(l.ValueRange[1]))
}

func (l *RandomContrast) Weights() []*ag.Var { return nil }

// Config holds Keras' keys: factor, value_range, seed (Keras writes no
// data_format for this layer).
func (l *RandomContrast) Config() map[string]any {
	c := l.baseConfig()
	c["factor"] = l.Factor.value()
	c["value_range"] = append([]float64{}, l.ValueRange...)
	c["seed"] = seedValue(l.Seed)
	return c
}
