package optimizers

import "gonn/nn/ag"

// SGD is gradient descent, with optional momentum and Nesterov momentum
// (keras.optimizers.SGD). For a weight w with gradient g:
//
//	Momentum == 0:  w = w - lr*g
//	otherwise:      v = Momentum*v - lr*g           (v starts at 0)
//	                w = w + v                       (Nesterov false)
//	                w = w + Momentum*v - lr*g       (Nesterov true)
type SGD struct {
	Base
	// Momentum is Keras's momentum, in [0, 1]; 0 is plain gradient descent.
	Momentum float32
	// Nesterov is Keras's nesterov; it matters only when Momentum > 0.
	Nesterov bool

	state map[*ag.Var]*sgdSlots
}

type sgdSlots struct {
	momentum []float32 // v
}

// NewSGD returns SGD with Keras's defaults: learning_rate=0.01,
// momentum=0, nesterov=false.
func NewSGD() *SGD { return &SGD{Base: Base{LR: 0.01}} }

// Name returns "SGD", Keras's default name.
func (o *SGD) Name() string { return "SGD" }

// ClassName returns "SGD".
func (o *SGD) ClassName() string { return "SGD" }

// Apply does one SGD step on every param with a gradient.
func (o *SGD) Apply(params []*ag.Var) {
	lr, mom := o.LR, o.Momentum
	o.step(params, func(p *ag.Var, g []float32) {
		w := p.Value.Data
		g = g[:len(w)]
		if mom == 0 {
			for i := range w {
				w[i] -= float32(g[i] * lr)
			}
			return
		}
		v := slot(&slotsOf(&o.state, p).momentum, len(w), 0)
		for i := range w {
			v[i] = float32(v[i]*mom) - float32(g[i]*lr)
		}
		if o.Nesterov {
			for i := range w {
				w[i] += float32(v[i]*mom) - float32(g[i]*lr)
			}
			return
		}
		for i := range w {
			w[i] += v[i]
		}
	})
}

// Config returns the Keras config: name, learning_rate, the clip options,
// momentum and nesterov.
func (o *SGD) Config() map[string]any {
	c := o.config(o.Name())
	c["momentum"] = num(o.Momentum)
	c["nesterov"] = o.Nesterov
	return c
}
