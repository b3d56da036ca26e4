package initializers

import (
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// Zeros fills with 0 (Keras "zeros", the default bias initializer).
type Zeros struct{}

func (Zeros) Init(_ *rng.Rand, shape []int, _, _ int) *tensor.Tensor { return tensor.New(shape...) }
func (Zeros) Config() map[string]any                                 { return map[string]any{} }
func (Zeros) Name() string                                           { return "zeros" }

// Ones fills with 1 (Keras "ones").
type Ones struct{}

func (Ones) Init(_ *rng.Rand, shape []int, _, _ int) *tensor.Tensor { return tensor.Full(1, shape...) }
func (Ones) Config() map[string]any                                 { return map[string]any{} }
func (Ones) Name() string                                           { return "ones" }

// Constant fills with Value (Keras "constant", default value 0).
type Constant struct {
	Value float64 `json:"value"`
}

func (c Constant) Init(_ *rng.Rand, shape []int, _, _ int) *tensor.Tensor {
	return tensor.Full(float32(c.Value), shape...)
}
func (c Constant) Config() map[string]any { return map[string]any{"value": c.Value} }
func (Constant) Name() string             { return "constant" }

// Identity fills a matrix with Gain on its diagonal and 0 elsewhere (Keras
// "identity", default gain 1). The shape must be 2-D; it may be rectangular.
type Identity struct {
	Gain float64 `json:"gain"`
}

func (id Identity) Init(_ *rng.Rand, shape []int, _, _ int) *tensor.Tensor {
	if len(shape) != 2 {
		tensor.Shapef("identity initializer: want a 2-D shape, got %v", shape)
	}
	t := tensor.New(shape...)
	for i := range min(shape[0], shape[1]) {
		t.Data[i*shape[1]+i] = float32(id.Gain)
	}
	return t
}
func (id Identity) Config() map[string]any { return map[string]any{"gain": id.Gain} }
func (Identity) Name() string              { return "identity" }
