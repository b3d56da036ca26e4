package layers

import (
	"encoding/json"

	"gonn/nn/ag"
	"gonn/nn/layers/activations"
	"gonn/nn/rng"
)

// ActivationConfig holds the argument of Activation under its Keras key.
type ActivationConfig struct {
	Activation string `json:"activation"` // a Keras name: "relu", "softmax", …
}

// Activation applies an activation function to its input (Keras
// Activation). It has no weights; the output has the input's shape.
type Activation struct {
	Base
	ActivationConfig

	f activations.Func
}

// NewActivation returns an Activation layer applying the named function.
func NewActivation(name string) *Activation {
	return &Activation{ActivationConfig: ActivationConfig{Activation: name}}
}

func activationFromConfig(config json.RawMessage) (Layer, error) {
	a := &Activation{}
	if err := decodeConfig("Activation", config, &a.Base, &a.ActivationConfig); err != nil {
		return nil, err
	}
	if _, err := a.check(); err != nil {
		return nil, err
	}
	return a, nil
}

func (a *Activation) ClassName() string { return "Activation" }

func (a *Activation) check() (activations.Func, error) {
	f, err := activations.Get(a.Activation)
	if err != nil {
		return nil, a.errorf("Activation", "%v", err)
	}
	return f, nil
}

func (a *Activation) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := a.checkInputShape("Activation", inputShape); err != nil {
		return nil, err
	}
	f, err := a.check()
	if err != nil {
		return nil, err
	}
	a.f = f
	return append([]int{}, inputShape...), nil
}

func (a *Activation) Call(_ *Context, x *ag.Var) *ag.Var {
	if a.f == nil {
		a.notBuilt("Activation")
	}
	return a.f(x)
}

func (a *Activation) Weights() []*ag.Var { return nil }

func (a *Activation) Config() map[string]any {
	c := a.baseConfig()
	c["activation"] = a.Activation
	if a.Activation == "" {
		c["activation"] = "linear"
	}
	return c
}
