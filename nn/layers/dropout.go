package layers

import (
	"encoding/json"

	"gonn/nn/ag"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// DropoutConfig holds the arguments of Dropout under their Keras keys.
type DropoutConfig struct {
	Rate float64 `json:"rate"` // the fraction of inputs dropped, in [0, 1)
	// Seed, if set, gives the layer its own generator, made from the seed
	// at Build, so its masks do not depend on the model's generator.
	Seed *int64 `json:"seed"`
}

// Dropout is Keras' inverted dropout. In training, each input element is
// kept with probability 1-Rate and scaled by 1/(1-Rate), or set to 0; so the
// expected output is the input, and inference (Training false) passes the
// input through unchanged. The mask is drawn from Context.Rand (or the
// layer's own generator when Seed is set), one uniform draw per element in
// row-major order: an element is kept when its draw is at least Rate.
type Dropout struct {
	Base
	DropoutConfig

	built bool
	rand  *rng.Rand // from Seed; nil without
}

// NewDropout returns a Dropout layer dropping the given fraction of inputs.
func NewDropout(rate float64) *Dropout { return NewDropoutWith(DropoutConfig{Rate: rate}) }

// NewDropoutWith returns a Dropout layer with the given config.
func NewDropoutWith(cfg DropoutConfig) *Dropout { return &Dropout{DropoutConfig: cfg} }

func dropoutFromConfig(config json.RawMessage) (Layer, error) {
	d := &Dropout{}
	if err := decodeConfig("Dropout", config, &d.Base, &d.DropoutConfig, "noise_shape"); err != nil {
		return nil, err
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Dropout) ClassName() string { return "Dropout" }

func (d *Dropout) check() error {
	if !(d.Rate >= 0 && d.Rate < 1) {
		return d.errorf("Dropout", "rate must be in [0, 1), got %g", d.Rate)
	}
	return nil
}

// Build checks the rate and, with a Seed, makes the layer's generator
// afresh.
func (d *Dropout) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := d.checkInputShape("Dropout", inputShape); err != nil {
		return nil, err
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	d.rand = nil
	if d.Seed != nil {
		d.rand = rng.New(uint64(*d.Seed))
	}
	d.built = true
	return append([]int{}, inputShape...), nil
}

// Call returns x·mask in training, x otherwise:
//
//	x: (batch, …)   mask: like x, each element 1/(1-Rate) or 0   out: like x
func (d *Dropout) Call(ctx *Context, x *ag.Var) *ag.Var {
	if !d.built {
		d.notBuilt("Dropout")
	}
	if ctx == nil || !ctx.Training || d.Rate == 0 {
		return x
	}
	r := d.rand
	if r == nil {
		r = ctx.Rand
	}
	if r == nil {
		panic(d.errorf("Dropout", "training needs Context.Rand (or a Seed)"))
	}
	mask := tensor.New(x.Shape()...)
	scale := float32(1 / (1 - d.Rate))
	for i := range mask.Data {
		if r.Float64() >= d.Rate {
			mask.Data[i] = scale
		}
	}
	return ag.Mul(x, ag.Const(mask))
}

func (d *Dropout) Weights() []*ag.Var { return nil }

func (d *Dropout) Config() map[string]any {
	c := d.baseConfig()
	c["rate"] = d.Rate
	c["noise_shape"] = nil
	c["seed"] = nil
	if d.Seed != nil {
		c["seed"] = *d.Seed
	}
	return c
}
