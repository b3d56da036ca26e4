package layers

import (
	"encoding/json"
	"strings"

	"gonn/nn/ag"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

func init() {
	register("GlobalMaxPooling1D", globalPoolingFromConfig("GlobalMaxPooling1D", 1, true))
	register("GlobalMaxPooling2D", globalPoolingFromConfig("GlobalMaxPooling2D", 2, true))
	register("GlobalAveragePooling1D", globalPoolingFromConfig("GlobalAveragePooling1D", 1, false))
	register("GlobalAveragePooling2D", globalPoolingFromConfig("GlobalAveragePooling2D", 2, false))
}

// GlobalPoolingConfig holds the arguments of the global pooling layers
// under their Keras keys.
type GlobalPoolingConfig struct {
	DataFormat string `json:"data_format"` // "channels_last" (the default; "" means it)
	// KeepDims keeps the pooled axes with extent 1: (1, 1, channels) for
	// the 2-D layers, (1, channels) for the 1-D ones. Keras' default is
	// false: (channels).
	KeepDims bool `json:"keepdims"`
}

// GlobalPooling is Keras' GlobalMaxPooling2D, GlobalAveragePooling2D,
// GlobalMaxPooling1D and GlobalAveragePooling1D, channels last: the maximum
// or the mean of each channel over all positions of an example.
//
//	2-D: (batch, rows, cols, channels) → (batch, channels)
//	1-D: (batch, steps, channels)      → (batch, channels)
//
// The maximum is a max pooling whose one window is the whole example (same
// ties rule: the first maximum in row-major order gets the gradient); the
// mean is ag.Mean over the spatial axes. The layer has no weights.
type GlobalPooling struct {
	Base
	GlobalPoolingConfig

	class string // Keras class name
	dims  int    // spatial axes: 1 or 2
	max   bool   // max pooling, else average
	in    []int  // shape of one input example; nil before Build
}

// NewGlobalMaxPooling2D returns Keras' GlobalMaxPooling2D().
func NewGlobalMaxPooling2D() *GlobalPooling {
	return NewGlobalMaxPooling2DWith(GlobalPoolingConfig{})
}

// NewGlobalMaxPooling2DWith returns a GlobalMaxPooling2D layer with the
// given config.
func NewGlobalMaxPooling2DWith(cfg GlobalPoolingConfig) *GlobalPooling {
	return &GlobalPooling{GlobalPoolingConfig: cfg, class: "GlobalMaxPooling2D", dims: 2, max: true}
}

// NewGlobalAveragePooling2D returns Keras' GlobalAveragePooling2D().
func NewGlobalAveragePooling2D() *GlobalPooling {
	return NewGlobalAveragePooling2DWith(GlobalPoolingConfig{})
}

// NewGlobalAveragePooling2DWith returns a GlobalAveragePooling2D layer with
// the given config.
func NewGlobalAveragePooling2DWith(cfg GlobalPoolingConfig) *GlobalPooling {
	return &GlobalPooling{GlobalPoolingConfig: cfg, class: "GlobalAveragePooling2D", dims: 2}
}

// NewGlobalMaxPooling1D returns Keras' GlobalMaxPooling1D().
func NewGlobalMaxPooling1D() *GlobalPooling {
	return NewGlobalMaxPooling1DWith(GlobalPoolingConfig{})
}

// NewGlobalMaxPooling1DWith returns a GlobalMaxPooling1D layer with the
// given config.
func NewGlobalMaxPooling1DWith(cfg GlobalPoolingConfig) *GlobalPooling {
	return &GlobalPooling{GlobalPoolingConfig: cfg, class: "GlobalMaxPooling1D", dims: 1, max: true}
}

// NewGlobalAveragePooling1D returns Keras' GlobalAveragePooling1D().
func NewGlobalAveragePooling1D() *GlobalPooling {
	return NewGlobalAveragePooling1DWith(GlobalPoolingConfig{})
}

// NewGlobalAveragePooling1DWith returns a GlobalAveragePooling1D layer with
// the given config.
func NewGlobalAveragePooling1DWith(cfg GlobalPoolingConfig) *GlobalPooling {
	return &GlobalPooling{GlobalPoolingConfig: cfg, class: "GlobalAveragePooling1D", dims: 1}
}

func globalPoolingFromConfig(class string, dims int, max bool) func(json.RawMessage) (Layer, error) {
	return func(config json.RawMessage) (Layer, error) {
		g := &GlobalPooling{class: class, dims: dims, max: max}
		if err := decodeConfig(class, config, &g.Base, &g.GlobalPoolingConfig); err != nil {
			return nil, err
		}
		if err := poolCheckFormat(&g.Base, class, g.DataFormat); err != nil {
			return nil, err
		}
		return g, nil
	}
}

func (g *GlobalPooling) ClassName() string { return g.class }

// Build checks the input, (rows, cols, channels) or (steps, channels), and
// returns (channels), or the input's rank of ones and channels with
// KeepDims.
func (g *GlobalPooling) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := g.checkInputShape(g.class, inputShape); err != nil {
		return nil, err
	}
	if err := poolCheckFormat(&g.Base, g.class, g.DataFormat); err != nil {
		return nil, err
	}
	if len(inputShape) != g.dims+1 {
		return nil, g.errorf(g.class, "needs inputs of shape %s, got %s", poolShapeName(g.dims), shapeString(inputShape))
	}
	for _, d := range inputShape[:g.dims] {
		if d == 0 && g.max {
			return nil, g.errorf(g.class, "cannot take the maximum of an empty input %s", shapeString(inputShape))
		}
	}
	g.in = append([]int{}, inputShape...)
	return g.outShape(), nil
}

// outShape is the shape of one output example.
func (g *GlobalPooling) outShape() []int {
	c := g.in[g.dims]
	if !g.KeepDims {
		return []int{c}
	}
	if g.dims == 1 {
		return []int{1, c}
	}
	return []int{1, 1, c}
}

// Call pools each example of x to one value per channel:
//
//	2-D: x (batch, rows, cols, C) → (batch, C), or (batch, 1, 1, C)
//	1-D: x (batch, steps, C)      → (batch, C), or (batch, 1, C)
func (g *GlobalPooling) Call(_ *Context, x *ag.Var) *ag.Var {
	if g.in == nil {
		g.notBuilt(g.class)
	}
	s := x.Shape()
	if len(s) != len(g.in)+1 || !tensor.SameShape(s[1:], g.in) {
		g.shapePanicf(g.class, "input of shape %v, want (batch, %s)", s, strings.Trim(shapeString(g.in), "(,)"))
	}
	var y *ag.Var
	switch {
	case g.max && g.dims == 1: // (N, T, C) as (N, 1, T, C), one window (1, T)
		w := ag.Pool2D{Size: [2]int{1, s[1]}, Strides: [2]int{1, 1}}
		y = ag.MaxPool2D(ag.Reshape(x, s[0], 1, s[1], s[2]), w)
	case g.max:
		w := ag.Pool2D{Size: [2]int{s[1], s[2]}, Strides: [2]int{1, 1}}
		y = ag.MaxPool2D(x, w)
	case g.dims == 1:
		y = ag.Mean(x, []int{1}, true)
	default:
		y = ag.Mean(x, []int{1, 2}, true)
	}
	return ag.Reshape(y, append([]int{s[0]}, g.outShape()...)...)
}

func (g *GlobalPooling) Weights() []*ag.Var { return nil }

func (g *GlobalPooling) Config() map[string]any {
	c := g.baseConfig()
	c["data_format"] = poolOrDefault(g.DataFormat, "channels_last")
	c["keepdims"] = g.KeepDims
	return c
}
