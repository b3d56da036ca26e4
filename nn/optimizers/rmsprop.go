package optimizers

import (
	"gonn/nn/ag"
	"gonn/nn/fmath"
)

// RMSprop divides each gradient by a running root mean square of its recent
// values (keras.optimizers.RMSprop, Keras 3 rule). For a weight w with
// gradient g, every state starting at 0:
//
//	ms = Rho*ms + (1-Rho)*g²
//	Centered:  mg = Rho*mg + (1-Rho)*g;  d = ms - mg² + Epsilon
//	otherwise: d = ms + Epsilon
//	inc = lr*g / sqrt(d)
//	Momentum > 0:  mom = Momentum*mom + inc;  w = w - mom
//	otherwise:     w = w - inc
//
// Epsilon is inside the square root, as in Keras 3 and tf.keras 2.11+
// (tf.keras 2.10 and earlier put it outside when Momentum was 0).
type RMSprop struct {
	Base
	// Rho is Keras's rho: the decay of the running averages, in [0, 1].
	Rho float32
	// Momentum is Keras's momentum, in [0, 1]; 0 means no momentum.
	Momentum float32
	// Epsilon is Keras's epsilon, added to the mean square.
	Epsilon float32
	// Centered is Keras's centered: divide by an estimate of the variance
	// of the gradient instead of its mean square.
	Centered bool

	state map[*ag.Var]*rmspropSlots
}

type rmspropSlots struct {
	velocity        []float32 // ms
	momentum        []float32 // mom, when Momentum > 0
	averageGradient []float32 // mg, when Centered
}

// NewRMSprop returns RMSprop with Keras's defaults: learning_rate=0.001,
// rho=0.9, momentum=0, epsilon=1e-7, centered=false.
func NewRMSprop() *RMSprop {
	return &RMSprop{Base: Base{LR: 0.001}, Rho: 0.9, Epsilon: 1e-7}
}

// Name returns "rmsprop", Keras's default name.
func (o *RMSprop) Name() string { return "rmsprop" }

// ClassName returns "RMSprop".
func (o *RMSprop) ClassName() string { return "RMSprop" }

// Apply does one RMSprop step on every param with a gradient.
func (o *RMSprop) Apply(params []*ag.Var) {
	lr, rho, eps, mom := o.LR, o.Rho, o.Epsilon, o.Momentum
	oneMinusRho := 1 - rho
	o.step(params, func(p *ag.Var, g []float32) {
		w := p.Value.Data
		g = g[:len(w)]
		s := slotsOf(&o.state, p)
		ms := slot(&s.velocity, len(w), 0)
		var mg, m []float32
		if o.Centered {
			mg = slot(&s.averageGradient, len(w), 0)
		}
		if mom > 0 {
			m = slot(&s.momentum, len(w), 0)
		}
		for i, gi := range g {
			ms[i] = float32(rho*ms[i]) + float32(oneMinusRho*float32(gi*gi))
			d := ms[i] + eps
			if mg != nil {
				mg[i] = float32(rho*mg[i]) + float32(oneMinusRho*gi)
				d = ms[i] - float32(mg[i]*mg[i]) + eps
			}
			inc := float32(lr*gi) / fmath.Sqrt(d)
			if m != nil {
				m[i] = float32(mom*m[i]) + inc
				inc = m[i]
			}
			w[i] -= inc
		}
	})
}

// Config returns the Keras config: name, learning_rate, the clip options,
// rho, momentum, epsilon and centered.
func (o *RMSprop) Config() map[string]any {
	c := o.config(o.Name())
	c["rho"] = num(o.Rho)
	c["momentum"] = num(o.Momentum)
	c["epsilon"] = num(o.Epsilon)
	c["centered"] = o.Centered
	return c
}
