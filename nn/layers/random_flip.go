package layers

import (
	"encoding/json"

	"gonn/nn/ag"
	"gonn/nn/imageops"
	"gonn/nn/rng"
)

func init() { register("RandomFlip", randomFlipFromConfig) }

// RandomFlipConfig holds the arguments of RandomFlip under their Keras
// keys.
type RandomFlipConfig struct {
	// Mode is "horizontal" (left-right), "vertical" (upside down) or
	// "horizontal_and_vertical" (the default).
	Mode string `json:"mode"`
	// Seed, if set, gives the layer its own generator (see Dropout).
	Seed       *int64 `json:"seed"`
	DataFormat string `json:"data_format"` // "channels_last" (the default; "" means it)
}

// DefaultRandomFlipConfig returns Keras' defaults: both flips.
func DefaultRandomFlipConfig() RandomFlipConfig {
	return RandomFlipConfig{Mode: "horizontal_and_vertical", DataFormat: "channels_last"}
}

// RandomFlip is Keras' RandomFlip: in training, each image is mirrored
// left-right with probability ½ (mode horizontal) and, independently,
// upside down with probability ½ (mode vertical); with both, each of the
// four orientations comes a quarter of the time, a half turn being both
// flips. Draws, per image: one for left-right, then one for upside down,
// each flipping when below ½. (Keras 2 and the first Keras 3 releases draw this way;
// later Keras 3 releases draw once and flip both axes together, which never
// mirrors only one way.) At inference it passes its input through.
//
//	x: (batch, height, width, channels)   out: like x
type RandomFlip struct {
	Base
	RandomFlipConfig
	augmentation

	leftRight, upDown bool
}

// NewRandomFlip returns a RandomFlip layer with the given mode.
func NewRandomFlip(mode string) *RandomFlip {
	cfg := DefaultRandomFlipConfig()
	cfg.Mode = mode
	return NewRandomFlipWith(cfg)
}

// NewRandomFlipWith returns a RandomFlip layer with the given config.
func NewRandomFlipWith(cfg RandomFlipConfig) *RandomFlip { return &RandomFlip{RandomFlipConfig: cfg} }

func randomFlipFromConfig(config json.RawMessage) (Layer, error) {
	l := NewRandomFlipWith(DefaultRandomFlipConfig())
	if err := decodeConfig("RandomFlip", config, &l.Base, &l.RandomFlipConfig, "bounding_box_format"); err != nil {
		return nil, err
	}
	if err := l.check(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *RandomFlip) ClassName() string { return "RandomFlip" }

func (l *RandomFlip) check() error {
	switch l.Mode {
	case "horizontal":
		l.leftRight, l.upDown = true, false
	case "vertical":
		l.leftRight, l.upDown = false, true
	case "horizontal_and_vertical":
		l.leftRight, l.upDown = true, true
	default:
		return l.errorf("RandomFlip", `mode must be "horizontal", "vertical" or "horizontal_and_vertical", got %q`, l.Mode)
	}
	return poolCheckFormat(&l.Base, "RandomFlip", l.DataFormat)
}

// Build checks the config and the input, (height, width, channels).
func (l *RandomFlip) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := l.check(); err != nil {
		return nil, err
	}
	if err := l.build(&l.Base, "RandomFlip", inputShape, l.Seed); err != nil {
		return nil, err
	}
	return append([]int{}, inputShape...), nil
}

// Call flips each image of x as its draws say in training; it returns x
// itself otherwise.
func (l *RandomFlip) Call(ctx *Context, x *ag.Var) *ag.Var {
	r := l.source(&l.Base, "RandomFlip", ctx, x)
	if r == nil {
		return x
	}
	flips := make([]imageops.Flip, x.Shape()[0])
	for i := range flips {
		if l.leftRight {
			flips[i].LeftRight = r.Float64() < 0.5
		}
		if l.upDown {
			flips[i].UpDown = r.Float64() < 0.5
		}
	}
	return imageops.FlipImagesVar(x, flips)
}

func (l *RandomFlip) Weights() []*ag.Var { return nil }

func (l *RandomFlip) Config() map[string]any {
	c := l.baseConfig()
	c["mode"] = l.Mode
	c["seed"] = seedValue(l.Seed)
	c["data_format"] = poolOrDefault(l.DataFormat, "channels_last")
	return c
}
