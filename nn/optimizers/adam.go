package optimizers

import (
	"gonn/nn/ag"
	"gonn/nn/fmath"
)

// Adam keeps running averages of each gradient and of its square and steps
// by their ratio (keras.optimizers.Adam, Keras 3 rule). For a weight w with
// gradient g at step t = Iterations()+1, every state starting at 0:
//
//	alpha = lr * sqrt(1 - Beta2^t) / (1 - Beta1^t)
//	m = m + (g - m)*(1 - Beta1)
//	v = v + (g² - v)*(1 - Beta2)
//	AMSGrad: vhat = max(vhat, v), and vhat replaces v below
//	w = w - alpha*m / (sqrt(v) + Epsilon)
//
// Beta^t is fmath.Pow(Beta, t), recomputed at every step as Keras's
// ops.power does (see the package comment).
type Adam struct {
	Base
	// Beta1 is Keras's beta_1: the decay of the running gradient average.
	Beta1 float32
	// Beta2 is Keras's beta_2: the decay of the running squared average.
	Beta2 float32
	// Epsilon is Keras's epsilon ("epsilon hat" of Kingma and Ba), added
	// to sqrt(v).
	Epsilon float32
	// AMSGrad is Keras's amsgrad: divide by the largest v seen so far.
	AMSGrad bool

	state map[*ag.Var]*adamSlots
}

type adamSlots struct {
	momentum     []float32 // m
	velocity     []float32 // v
	velocityHats []float32 // vhat, when AMSGrad
}

// NewAdam returns Adam with Keras's defaults: learning_rate=0.001,
// beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=false.
func NewAdam() *Adam {
	return &Adam{Base: Base{LR: 0.001}, Beta1: 0.9, Beta2: 0.999, Epsilon: 1e-7}
}

// Name returns "adam", Keras's default name.
func (o *Adam) Name() string { return "adam" }

// ClassName returns "Adam".
func (o *Adam) ClassName() string { return "Adam" }

// Apply does one Adam step on every param with a gradient.
func (o *Adam) Apply(params []*ag.Var) {
	b1, b2, eps := o.Beta1, o.Beta2, o.Epsilon
	t := float32(o.iterations + 1)
	alpha := o.LR * fmath.Sqrt(1-fmath.Pow(b2, t)) / (1 - fmath.Pow(b1, t))
	oneMinusB1, oneMinusB2 := 1-b1, 1-b2
	o.step(params, func(p *ag.Var, g []float32) {
		w := p.Value.Data
		g = g[:len(w)]
		s := slotsOf(&o.state, p)
		m := slot(&s.momentum, len(w), 0)
		v := slot(&s.velocity, len(w), 0)
		var vhat []float32
		if o.AMSGrad {
			vhat = slot(&s.velocityHats, len(w), 0)
		}
		if vhat == nil {
			if adamKernel == nil || !adamKernel(w, g, m, v, oneMinusB1, oneMinusB2, alpha, eps) {
				AdamUpdate(w, g, m, v, oneMinusB1, oneMinusB2, alpha, eps)
			}
			return
		}
		for i, gi := range g {
			m[i] += float32((gi - m[i]) * oneMinusB1)
			v[i] += float32((float32(gi*gi) - v[i]) * oneMinusB2)
			vhat[i] = max(vhat[i], v[i])
			w[i] -= float32(m[i]*alpha) / (fmath.Sqrt(vhat[i]) + eps)
		}
	})
}

// AdamUpdate is Adam's step without AMSGrad on weights w with gradient g
// and moments m, v (all of len(w)): c1 = 1 − β₁, c2 = 1 − β₂, alpha the
// bias-corrected learning rate. Every operation rounds to float32.
func AdamUpdate(w, g, m, v []float32, c1, c2, alpha, eps float32) {
	g, m, v = g[:len(w)], m[:len(w)], v[:len(w)]
	for i, gi := range g {
		m[i] += float32((gi - m[i]) * c1)
		v[i] += float32((float32(gi*gi) - v[i]) * c2)
		w[i] -= float32(m[i]*alpha) / (fmath.Sqrt(v[i]) + eps)
	}
}

// An AdamKernel is a faster AdamUpdate, installed by a host that has one
// (the engine in a browser installs the f32x4 kernel module's). It must
// give AdamUpdate's bits for finite values; it returns false when it
// declines, and AdamUpdate runs.
type AdamKernel func(w, g, m, v []float32, c1, c2, alpha, eps float32) bool

// adamKernel is the installed kernel, or nil.
var adamKernel AdamKernel

// SetAdamKernel installs k for every later Adam step without AMSGrad; nil
// restores AdamUpdate. Not safe to call while a step runs.
func SetAdamKernel(k AdamKernel) { adamKernel = k }

// Config returns the Keras config: name, learning_rate, the clip options,
// beta_1, beta_2, epsilon and amsgrad.
func (o *Adam) Config() map[string]any {
	c := o.config(o.Name())
	c["beta_1"] = num(o.Beta1)
	c["beta_2"] = num(o.Beta2)
	c["epsilon"] = num(o.Epsilon)
	c["amsgrad"] = o.AMSGrad
	return c
}
