package layers

import (
	"encoding/json"

	"gonn/nn/ag"
	"gonn/nn/rng"
)

// FlattenConfig holds the argument of Flatten under its Keras key.
type FlattenConfig struct {
	// DataFormat is "channels_last" (the default; "" means it) or
	// "channels_first", for which the channel axis (the first of an
	// example) is moved last before flattening, as Keras does, so that a
	// following Dense sees the order it would under channels_last.
	DataFormat string `json:"data_format"`
}

// Flatten reshapes each example to one axis: (batch, d1, …, dk) →
// (batch, d1·…·dk); (batch) → (batch, 1). It has no weights.
type Flatten struct {
	Base
	FlattenConfig

	built bool
}

// NewFlatten returns a Flatten layer (channels_last).
func NewFlatten() *Flatten { return &Flatten{} }

// NewFlattenWith returns a Flatten layer with the given config.
func NewFlattenWith(cfg FlattenConfig) *Flatten { return &Flatten{FlattenConfig: cfg} }

func flattenFromConfig(config json.RawMessage) (Layer, error) {
	f := &Flatten{}
	if err := decodeConfig("Flatten", config, &f.Base, &f.FlattenConfig); err != nil {
		return nil, err
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *Flatten) ClassName() string { return "Flatten" }

func (f *Flatten) check() error {
	switch f.DataFormat {
	case "", "channels_last", "channels_first":
		return nil
	}
	return f.errorf("Flatten", "data_format must be channels_last or channels_first, got %q", f.DataFormat)
}

func (f *Flatten) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := f.checkInputShape("Flatten", inputShape); err != nil {
		return nil, err
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	n, ok := numElements(inputShape)
	if !ok {
		return nil, f.errorf("Flatten", "input shape %s is too large", shapeString(inputShape))
	}
	f.built = true
	return []int{n}, nil
}

// Call reshapes x (batch, d1, …, dk) to (batch, d1·…·dk), first moving d1
// last under channels_first when k ≥ 2.
func (f *Flatten) Call(_ *Context, x *ag.Var) *ag.Var {
	if !f.built {
		f.notBuilt("Flatten")
	}
	s := x.Shape()
	if len(s) == 0 {
		f.shapePanicf("Flatten", "input has no batch axis")
	}
	if f.DataFormat == "channels_first" && len(s) > 2 {
		perm := []int{0}
		for i := 2; i < len(s); i++ {
			perm = append(perm, i)
		}
		x = ag.Transpose(x, append(perm, 1)...)
	}
	n := 1
	for _, d := range s[1:] {
		n *= d
	}
	return ag.Reshape(x, s[0], n)
}

func (f *Flatten) Weights() []*ag.Var { return nil }

func (f *Flatten) Config() map[string]any {
	c := f.baseConfig()
	c["data_format"] = f.DataFormat
	if f.DataFormat == "" {
		c["data_format"] = "channels_last"
	}
	return c
}
