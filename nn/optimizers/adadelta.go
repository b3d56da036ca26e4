package optimizers

import (
	"gonn/nn/ag"
	"gonn/nn/fmath"
)

// Adadelta scales each gradient by the ratio of the running RMS of recent
// updates to the running RMS of recent gradients (keras.optimizers.Adadelta,
// Zeiler 2012). For a weight w with gradient g, both averages starting at 0:
//
//	accG = Rho*accG + (1-Rho)*g²
//	delta = -sqrt(accDelta + Epsilon) * g / sqrt(accG + Epsilon)
//	accDelta = Rho*accDelta + (1-Rho)*delta²
//	w = w + lr*delta
type Adadelta struct {
	Base
	// Rho is Keras's rho: the decay of the running averages.
	Rho float32
	// Epsilon is Keras's epsilon, added inside both square roots.
	Epsilon float32

	state map[*ag.Var]*adadeltaSlots
}

type adadeltaSlots struct {
	accumulatedGrad     []float32 // accG
	accumulatedDeltaVar []float32 // accDelta
}

// NewAdadelta returns Adadelta with Keras's defaults: learning_rate=0.001,
// rho=0.95, epsilon=1e-7. (Standalone Keras 2 and tf.keras before TF 2.0
// defaulted to lr=1.0, the paper's value, which the old Keras MNIST examples
// relied on.)
func NewAdadelta() *Adadelta {
	return &Adadelta{Base: Base{LR: 0.001}, Rho: 0.95, Epsilon: 1e-7}
}

// Name returns "adadelta", Keras's default name.
func (o *Adadelta) Name() string { return "adadelta" }

// ClassName returns "Adadelta".
func (o *Adadelta) ClassName() string { return "Adadelta" }

// Apply does one Adadelta step on every param with a gradient.
func (o *Adadelta) Apply(params []*ag.Var) {
	lr, rho, eps := o.LR, o.Rho, o.Epsilon
	oneMinusRho := 1 - rho
	o.step(params, func(p *ag.Var, g []float32) {
		w := p.Value.Data
		g = g[:len(w)]
		s := slotsOf(&o.state, p)
		accG := slot(&s.accumulatedGrad, len(w), 0)
		accDelta := slot(&s.accumulatedDeltaVar, len(w), 0)
		for i, gi := range g {
			accG[i] = float32(rho*accG[i]) + float32(oneMinusRho*float32(gi*gi))
			delta := -(float32(fmath.Sqrt(accDelta[i]+eps)*gi) / fmath.Sqrt(accG[i]+eps))
			accDelta[i] = float32(rho*accDelta[i]) + float32(oneMinusRho*float32(delta*delta))
			w[i] += float32(lr * delta)
		}
	})
}

// Config returns the Keras config: name, learning_rate, the clip options,
// rho and epsilon.
func (o *Adadelta) Config() map[string]any {
	c := o.config(o.Name())
	c["rho"] = num(o.Rho)
	c["epsilon"] = num(o.Epsilon)
	return c
}
