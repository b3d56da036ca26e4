package layers

import (
	"encoding/json"

	"gonn/nn/ag"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

func init() { register("Masking", maskingFromConfig) }

// MaskingConfig holds the argument of Masking under its Keras key.
type MaskingConfig struct {
	MaskValue float64 `json:"mask_value"` // 0
}

// Masking marks as padding every timestep whose features all equal
// MaskValue (Keras Masking): on x (batch, steps, features) its mask is
// (batch, steps), 0 where x[i, t, :] == MaskValue throughout. The output is
// x with those steps set to 0 (x times the mask, as Keras computes it); the
// layers after it skip them (see MaskConsumer). It has no weights.
//
// On inputs of other ranks it works on the last axis the same way: the mask
// has the input's shape less the last axis.
type Masking struct {
	Base
	MaskingConfig

	built bool
}

// NewMasking returns a Masking layer for the given mask value.
func NewMasking(maskValue float64) *Masking {
	return &Masking{MaskingConfig: MaskingConfig{MaskValue: maskValue}}
}

func maskingFromConfig(config json.RawMessage) (Layer, error) {
	m := NewMasking(0)
	if err := decodeConfig("Masking", config, &m.Base, &m.MaskingConfig); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *Masking) ClassName() string { return "Masking" }

// Build needs an input with a last (feature) axis.
func (m *Masking) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := m.checkInputShape("Masking", inputShape); err != nil {
		return nil, err
	}
	if len(inputShape) == 0 {
		return nil, m.errorf("Masking", "needs an input with a feature axis, such as (steps, features), got %s", shapeString(inputShape))
	}
	m.built = true
	return append([]int{}, inputShape...), nil
}

// Call returns x with the masked steps zeroed:
//
//	x: (batch, steps, features)   mask: (batch, steps, 1)   out: x·mask (batch, steps, features)
func (m *Masking) Call(_ *Context, x *ag.Var) *ag.Var {
	if !m.built {
		m.notBuilt("Masking")
	}
	if x.Value.Rank() < 2 {
		m.shapePanicf("Masking", "input of shape %v, want (batch, …, features)", x.Shape())
	}
	keep := m.ComputeMask(x, nil)
	if !hasZero(keep.Data) {
		return x
	}
	return ag.Mul(x, ag.Const(keep.Reshape(append(keep.Shape, 1)...)))
}

// ComputeMask returns the mask of x (batch, steps, features): (batch, steps),
// 1 where some feature differs from MaskValue. An incoming mask is replaced,
// as in Keras.
func (m *Masking) ComputeMask(x *ag.Var, _ *tensor.Tensor) *tensor.Tensor {
	s := x.Shape()
	if len(s) < 2 {
		m.shapePanicf("Masking", "input of shape %v, want (batch, …, features)", s)
	}
	f := s[len(s)-1]
	mask := tensor.New(s[:len(s)-1]...)
	v := float32(m.MaskValue)
	for i := range mask.Data {
		for _, e := range x.Data()[i*f : (i+1)*f] {
			if e != v {
				mask.Data[i] = 1
				break
			}
		}
	}
	return mask
}

func (m *Masking) Weights() []*ag.Var { return nil }

func (m *Masking) Config() map[string]any {
	c := m.baseConfig()
	c["mask_value"] = m.MaskValue
	return c
}

// hasZero reports whether some value of d is 0.
func hasZero(d []float32) bool {
	for _, v := range d {
		if v == 0 {
			return true
		}
	}
	return false
}
