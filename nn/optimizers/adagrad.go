package optimizers

import (
	"gonn/nn/ag"
	"gonn/nn/fmath"
)

// Adagrad divides each gradient by the root of the sum of all its squares so
// far (keras.optimizers.Adagrad, Keras 3 rule). For a weight w with gradient
// g, acc starting at InitialAccumulatorValue:
//
//	acc = acc + g²
//	w = w - lr*g / sqrt(acc + Epsilon)
//
// Epsilon is inside the square root, as in Keras 3 and tf.keras 2.11+
// (tf.keras 2.10 and earlier divided by sqrt(acc) + epsilon).
type Adagrad struct {
	Base
	// InitialAccumulatorValue is Keras's initial_accumulator_value: the
	// starting value of acc, >= 0.
	InitialAccumulatorValue float32
	// Epsilon is Keras's epsilon, added to acc.
	Epsilon float32

	state map[*ag.Var]*adagradSlots
}

type adagradSlots struct {
	accumulator []float32 // acc
}

// NewAdagrad returns Adagrad with Keras's defaults: learning_rate=0.001,
// initial_accumulator_value=0.1, epsilon=1e-7.
func NewAdagrad() *Adagrad {
	return &Adagrad{Base: Base{LR: 0.001}, InitialAccumulatorValue: 0.1, Epsilon: 1e-7}
}

// Name returns "adagrad", Keras's default name.
func (o *Adagrad) Name() string { return "adagrad" }

// ClassName returns "Adagrad".
func (o *Adagrad) ClassName() string { return "Adagrad" }

// Apply does one Adagrad step on every param with a gradient.
func (o *Adagrad) Apply(params []*ag.Var) {
	lr, eps := o.LR, o.Epsilon
	o.step(params, func(p *ag.Var, g []float32) {
		w := p.Value.Data
		g = g[:len(w)]
		acc := slot(&slotsOf(&o.state, p).accumulator, len(w), o.InitialAccumulatorValue)
		for i, gi := range g {
			acc[i] += float32(gi * gi)
			w[i] -= float32(lr*gi) / fmath.Sqrt(acc[i]+eps)
		}
	})
}

// Config returns the Keras config: name, learning_rate, the clip options,
// initial_accumulator_value and epsilon.
func (o *Adagrad) Config() map[string]any {
	c := o.config(o.Name())
	c["initial_accumulator_value"] = num(o.InitialAccumulatorValue)
	c["epsilon"] = num(o.Epsilon)
	return c
}
