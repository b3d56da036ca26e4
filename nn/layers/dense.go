package layers

import (
	"encoding/json"

	"gonn/nn/ag"
	"gonn/nn/initializers"
	"gonn/nn/layers/activations"
	"gonn/nn/rng"
)

// DenseConfig holds the arguments of Dense under their Keras config keys.
// Start from DefaultDenseConfig: the zero value has no bias and no
// initializers.
type DenseConfig struct {
	Units             int                      `json:"units"`              // required
	Activation        string                   `json:"activation"`         // "linear"
	UseBias           bool                     `json:"use_bias"`           // true
	KernelInitializer initializers.Initializer `json:"kernel_initializer"` // glorot_uniform
	BiasInitializer   initializers.Initializer `json:"bias_initializer"`   // zeros
}

// DefaultDenseConfig returns Keras' defaults; Units must still be set.
func DefaultDenseConfig() DenseConfig {
	return DenseConfig{
		Activation:        "linear",
		UseBias:           true,
		KernelInitializer: initializers.GlorotUniform{},
		BiasInitializer:   initializers.Zeros{},
	}
}

// Dense is Keras' densely connected layer: activation(x·kernel + bias).
// On an input of more than one axis (per example) it acts on the last one,
// as Keras does: (batch, …, in) → (batch, …, units).
type Dense struct {
	Base
	DenseConfig

	act      activations.Func
	inferAct inferActivation // act as the inference op splits it
	in       int             // extent of the input's last axis
	kernel   *ag.Var         // (in, units)
	bias     *ag.Var         // (units); nil without UseBias
}

// NewDense returns a Dense layer of the given units and activation (a Keras
// name; "" is linear), with Keras' other defaults.
func NewDense(units int, activation string) *Dense {
	cfg := DefaultDenseConfig()
	cfg.Units, cfg.Activation = units, activation
	return NewDenseWith(cfg)
}

// NewDenseWith returns a Dense layer with the given config.
func NewDenseWith(cfg DenseConfig) *Dense { return &Dense{DenseConfig: cfg} }

func denseFromConfig(config json.RawMessage) (Layer, error) {
	d := NewDenseWith(DefaultDenseConfig())
	err := decodeConfig("Dense", config, &d.Base, &d.DenseConfig,
		"kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint")
	if err == nil {
		_, err = d.check()
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Dense) ClassName() string { return "Dense" }

// check validates the config and returns the activation.
func (d *Dense) check() (activations.Func, error) {
	if d.Units <= 0 {
		return nil, d.errorf("Dense", "units must be positive, got %d", d.Units)
	}
	if d.KernelInitializer == nil || (d.UseBias && d.BiasInitializer == nil) {
		return nil, d.errorf("Dense", "missing initializer (start from DefaultDenseConfig)")
	}
	act, err := activations.Get(d.Activation)
	if err != nil {
		return nil, d.errorf("Dense", "%v", err)
	}
	return act, nil
}

// Build makes the kernel (in, units) and the bias (units), in that order.
func (d *Dense) Build(inputShape []int, r *rng.Rand) ([]int, error) {
	if err := d.checkInputShape("Dense", inputShape); err != nil {
		return nil, err
	}
	act, err := d.check()
	if err != nil {
		return nil, err
	}
	if len(inputShape) == 0 || inputShape[len(inputShape)-1] == 0 {
		return nil, d.errorf("Dense", "needs an input whose last axis is not empty, got %s", shapeString(inputShape))
	}
	in := inputShape[len(inputShape)-1]
	kernel, err := d.newWeight("Dense", "kernel", d.KernelInitializer, r, in, d.Units)
	if err != nil {
		return nil, err
	}
	var bias *ag.Var
	if d.UseBias {
		if bias, err = d.newWeight("Dense", "bias", d.BiasInitializer, r, d.Units); err != nil {
			return nil, err
		}
	}
	d.act, d.in, d.kernel, d.bias = act, in, kernel, bias
	d.inferAct = splitActivation(d.Activation, act)
	return append(append([]int{}, inputShape[:len(inputShape)-1]...), d.Units), nil
}

// Call computes activation(x·kernel + bias) on the last axis of x:
//
//	x: (batch, …, in)   kernel: (in, units)   bias: (units)   out: (batch, …, units)
func (d *Dense) Call(_ *Context, x *ag.Var) *ag.Var {
	if d.kernel == nil {
		d.notBuilt("Dense")
	}
	s := x.Shape()
	if len(s) < 2 || s[len(s)-1] != d.in {
		d.shapePanicf("Dense", "input of shape %v, want (batch, …, %d)", s, d.in)
	}
	y := x
	if len(s) > 2 {
		y = ag.Reshape(x, -1, d.in) // (batch·…, in)
	}
	act := d.act
	if x.IsNoGrad() { // inference: product, bias and ReLU in one op
		y, act = ag.DenseInfer(y, d.kernel, d.bias, d.inferAct.fused), d.inferAct.rest
	} else {
		y = ag.MatMul(y, d.kernel, false, false)
		if d.bias != nil {
			y = ag.Add(y, d.bias)
		}
	}
	if len(s) > 2 {
		y = ag.Reshape(y, append(append([]int{}, s[:len(s)-1]...), d.Units)...)
	}
	return applyRest(y, act)
}

func (d *Dense) Weights() []*ag.Var {
	if d.kernel == nil {
		return nil
	}
	if d.bias == nil {
		return []*ag.Var{d.kernel}
	}
	return []*ag.Var{d.kernel, d.bias}
}

func (d *Dense) Config() map[string]any {
	c := d.baseConfig()
	act := d.Activation
	if act == "" {
		act = "linear"
	}
	c["units"] = d.Units
	c["activation"] = act
	c["use_bias"] = d.UseBias
	c["kernel_initializer"] = serializeInit(d.KernelInitializer)
	c["bias_initializer"] = serializeInit(d.BiasInitializer)
	for _, k := range []string{"kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint"} {
		c[k] = nil
	}
	return c
}
