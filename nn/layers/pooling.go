package layers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"gonn/nn/ag"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

func init() {
	register("MaxPooling1D", poolingFromConfig("MaxPooling1D", 1, true))
	register("MaxPooling2D", poolingFromConfig("MaxPooling2D", 2, true))
	register("AveragePooling1D", poolingFromConfig("AveragePooling1D", 1, false))
	register("AveragePooling2D", poolingFromConfig("AveragePooling2D", 2, false))
}

// PoolingConfig holds the arguments of MaxPooling1D/2D and
// AveragePooling1D/2D under their Keras keys, one extent per spatial axis:
// two for the 2-D layers (rows, cols), one for the 1-D layers (steps). Keras
// JSON may give a single integer for every axis.
type PoolingConfig struct {
	PoolSize []int `json:"pool_size"` // (2, 2) or (2,)
	// Strides is the step between windows; nil means PoolSize (Keras'
	// strides=None), which Config writes out.
	Strides    []int  `json:"strides"`
	Padding    string `json:"padding"`     // "valid" (the default; "" means it) or "same"
	DataFormat string `json:"data_format"` // "channels_last" (the default; "" means it)
}

// DefaultPooling2DConfig returns Keras' defaults of the 2-D pooling layers:
// pool_size (2, 2), strides None, valid padding.
func DefaultPooling2DConfig() PoolingConfig {
	return PoolingConfig{PoolSize: []int{2, 2}, Padding: "valid", DataFormat: "channels_last"}
}

// DefaultPooling1DConfig returns Keras' defaults of the 1-D pooling layers:
// pool_size 2, strides None, valid padding.
func DefaultPooling1DConfig() PoolingConfig {
	return PoolingConfig{PoolSize: []int{2}, Padding: "valid", DataFormat: "channels_last"}
}

// Pooling is Keras' MaxPooling2D, AveragePooling2D, MaxPooling1D and
// AveragePooling1D, channels last:
//
//	2-D: (batch, rows, cols, channels) → (batch, pooled rows, pooled cols, channels)
//	1-D: (batch, steps, channels)      → (batch, pooled steps, channels)
//
// Each channel of each window is reduced to its maximum or its mean. Padding
// follows TensorFlow's rule (see ag.Pool2D): "same" gives ceil(n/stride)
// outputs per axis and an average over the real elements of a window only,
// as Keras does. Of equal maxima the first in row-major window order
// receives the gradient. A 1-D layer is the 2-D pooling of rows of one
// pixel. The layer has no weights.
type Pooling struct {
	Base
	PoolingConfig

	class  string // Keras class name
	dims   int    // spatial axes: 1 or 2
	max    bool   // max pooling, else average
	window ag.Pool2D
	in     []int // shape of one input example; nil before Build
}

// NewMaxPooling2D returns Keras' MaxPooling2D(pool_size=(rows, cols)),
// with strides equal to the pool size and valid padding.
func NewMaxPooling2D(rows, cols int) *Pooling {
	cfg := DefaultPooling2DConfig()
	cfg.PoolSize = []int{rows, cols}
	return NewMaxPooling2DWith(cfg)
}

// NewMaxPooling2DWith returns a MaxPooling2D layer with the given config.
func NewMaxPooling2DWith(cfg PoolingConfig) *Pooling { return newPooling("MaxPooling2D", 2, true, cfg) }

// NewAveragePooling2D returns Keras' AveragePooling2D(pool_size=(rows,
// cols)), with strides equal to the pool size and valid padding.
func NewAveragePooling2D(rows, cols int) *Pooling {
	cfg := DefaultPooling2DConfig()
	cfg.PoolSize = []int{rows, cols}
	return NewAveragePooling2DWith(cfg)
}

// NewAveragePooling2DWith returns an AveragePooling2D layer with the given
// config.
func NewAveragePooling2DWith(cfg PoolingConfig) *Pooling {
	return newPooling("AveragePooling2D", 2, false, cfg)
}

// NewMaxPooling1D returns Keras' MaxPooling1D(pool_size=size), with strides
// equal to the pool size and valid padding.
func NewMaxPooling1D(size int) *Pooling {
	cfg := DefaultPooling1DConfig()
	cfg.PoolSize = []int{size}
	return NewMaxPooling1DWith(cfg)
}

// NewMaxPooling1DWith returns a MaxPooling1D layer with the given config.
func NewMaxPooling1DWith(cfg PoolingConfig) *Pooling { return newPooling("MaxPooling1D", 1, true, cfg) }

// NewAveragePooling1D returns Keras' AveragePooling1D(pool_size=size), with
// strides equal to the pool size and valid padding.
func NewAveragePooling1D(size int) *Pooling {
	cfg := DefaultPooling1DConfig()
	cfg.PoolSize = []int{size}
	return NewAveragePooling1DWith(cfg)
}

// NewAveragePooling1DWith returns an AveragePooling1D layer with the given
// config.
func NewAveragePooling1DWith(cfg PoolingConfig) *Pooling {
	return newPooling("AveragePooling1D", 1, false, cfg)
}

func newPooling(class string, dims int, max bool, cfg PoolingConfig) *Pooling {
	return &Pooling{PoolingConfig: cfg, class: class, dims: dims, max: max}
}

func poolingFromConfig(class string, dims int, max bool) func(json.RawMessage) (Layer, error) {
	return func(config json.RawMessage) (Layer, error) {
		def := DefaultPooling2DConfig()
		if dims == 1 {
			def = DefaultPooling1DConfig()
		}
		p := newPooling(class, dims, max, def)
		config, err := poolSpreadInts(class, config, dims, "pool_size", "strides")
		if err == nil {
			err = decodeConfig(class, config, &p.Base, &p.PoolingConfig)
		}
		if err == nil {
			_, err = p.check()
		}
		if err != nil {
			return nil, err
		}
		return p, nil
	}
}

func (p *Pooling) ClassName() string { return p.class }

// check validates the config and returns the window.
func (p *Pooling) check() (ag.Pool2D, error) {
	strides := p.Strides
	if strides == nil {
		strides = p.PoolSize
	}
	if err := p.checkExtents("pool_size", p.PoolSize); err != nil {
		return ag.Pool2D{}, err
	}
	if err := p.checkExtents("strides", strides); err != nil {
		return ag.Pool2D{}, err
	}
	same, err := poolCheckPadding(&p.Base, p.class, p.Padding)
	if err != nil {
		return ag.Pool2D{}, err
	}
	if err := poolCheckFormat(&p.Base, p.class, p.DataFormat); err != nil {
		return ag.Pool2D{}, err
	}
	if p.dims == 1 {
		return ag.Pool2D{Size: [2]int{1, p.PoolSize[0]}, Strides: [2]int{1, strides[0]}, Same: same}, nil
	}
	return ag.Pool2D{Size: [2]int(p.PoolSize), Strides: [2]int(strides), Same: same}, nil
}

// checkExtents checks that v holds one positive extent per spatial axis.
func (p *Pooling) checkExtents(key string, v []int) error {
	ok := len(v) == p.dims
	for _, d := range v {
		ok = ok && d > 0
	}
	if !ok {
		want := "2 positive integers"
		if p.dims == 1 {
			want = "one positive integer"
		}
		return p.errorf(p.class, "%s must be %s, got %v", key, want, v)
	}
	return nil
}

// Build checks the config and the input, (rows, cols, channels) for the
// 2-D layers and (steps, channels) for the 1-D ones, and returns the pooled
// shape: 24×24×64 → MaxPooling2D → 12×12×64.
func (p *Pooling) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := p.checkInputShape(p.class, inputShape); err != nil {
		return nil, err
	}
	w, err := p.check()
	if err != nil {
		return nil, err
	}
	if len(inputShape) != p.dims+1 {
		return nil, p.errorf(p.class, "needs inputs of shape %s, got %s", poolShapeName(p.dims), shapeString(inputShape))
	}
	h, wd := 1, inputShape[0]
	if p.dims == 2 {
		h, wd = inputShape[0], inputShape[1]
	}
	if h == 0 || wd == 0 {
		return nil, p.errorf(p.class, "cannot pool an empty input %s", shapeString(inputShape))
	}
	oh, ow := w.OutputSize(h, wd)
	if oh == 0 || ow == 0 {
		return nil, p.errorf(p.class, "pool_size %s is larger than the input %s with valid padding",
			shapeString(p.PoolSize), shapeString(inputShape[:p.dims]))
	}
	p.window, p.in = w, append([]int{}, inputShape...)
	c := inputShape[p.dims]
	if p.dims == 1 {
		return []int{ow, c}, nil
	}
	return []int{oh, ow, c}, nil
}

// Call pools x:
//
//	2-D: x (batch, rows, cols, C) → (batch, OH, OW, C)
//	1-D: x (batch, steps, C) as (batch, 1, steps, C) → (batch, OW, C)
func (p *Pooling) Call(_ *Context, x *ag.Var) *ag.Var {
	if p.in == nil {
		p.notBuilt(p.class)
	}
	s := x.Shape()
	if len(s) != len(p.in)+1 || !tensor.SameShape(s[1:], p.in) {
		p.shapePanicf(p.class, "input of shape %v, want (batch, %s)", s, strings.Trim(shapeString(p.in), "(,)"))
	}
	if p.dims == 1 {
		x = ag.Reshape(x, s[0], 1, s[1], s[2])
	}
	var y *ag.Var
	if p.max {
		y = ag.MaxPool2D(x, p.window)
	} else {
		y = ag.AvgPool2D(x, p.window)
	}
	if p.dims == 1 {
		ys := y.Shape()
		y = ag.Reshape(y, ys[0], ys[2], ys[3])
	}
	return y
}

func (p *Pooling) Weights() []*ag.Var { return nil }

func (p *Pooling) Config() map[string]any {
	c := p.baseConfig()
	strides := p.Strides
	if strides == nil {
		strides = p.PoolSize
	}
	c["pool_size"] = append([]int{}, p.PoolSize...)
	c["strides"] = append([]int{}, strides...)
	c["padding"] = poolOrDefault(p.Padding, "valid")
	c["data_format"] = poolOrDefault(p.DataFormat, "channels_last")
	return c
}

// poolSpreadInts rewrites the given keys of a layer config from a single
// integer to a list of n copies of it, as Keras reads pool_size=2 for a
// 2-D layer as (2, 2). Lists and null are left as they are.
func poolSpreadInts(class string, config json.RawMessage, n int, keys ...string) (json.RawMessage, error) {
	if len(bytes.TrimSpace(config)) == 0 {
		return config, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(config, &m); err != nil {
		return nil, fmt.Errorf("layers: %s config: %v", class, err)
	}
	changed := false
	for _, k := range keys {
		var v *int // nil for null
		if raw, ok := m[k]; ok && json.Unmarshal(raw, &v) == nil && v != nil {
			list := make([]int, n)
			for i := range list {
				list[i] = *v
			}
			m[k], _ = json.Marshal(list)
			changed = true
		}
	}
	if !changed {
		return config, nil
	}
	return json.Marshal(m)
}

// poolCheckPadding accepts Keras' padding names and reports whether it is
// "same".
func poolCheckPadding(b *Base, class, padding string) (same bool, err error) {
	switch padding {
	case "", "valid":
		return false, nil
	case "same":
		return true, nil
	}
	return false, b.errorf(class, `padding must be "valid" or "same", got %q`, padding)
}

// poolCheckFormat accepts the channels_last data format only.
func poolCheckFormat(b *Base, class, format string) error {
	if format == "" || format == "channels_last" {
		return nil
	}
	return b.errorf(class, `data_format must be "channels_last" (gonn's image layout), got %q`, format)
}

// poolShapeName names the example shape a layer of dims spatial axes
// takes.
func poolShapeName(dims int) string {
	if dims == 1 {
		return "(steps, channels)"
	}
	return "(rows, cols, channels)"
}

// poolOrDefault is s, or def when s is empty.
func poolOrDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
