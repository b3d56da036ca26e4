package optimizers

import (
	"errors"
	"fmt"
	"strings"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// Optimizer updates weights from their gradients.
type Optimizer interface {
	// Name is the Keras default name of the optimiser: "adam", "SGD", ….
	Name() string
	// ClassName is the Keras class name written beside Config in saved
	// models: "Adam", "SGD", "RMSprop", "Adagrad", "Adadelta".
	ClassName() string
	// Apply does one update step on every param whose Grad is non-nil,
	// changing Value.Data in place, in the order of params, and counts one
	// iteration. Params with a nil Grad are left alone; if all are nil,
	// Apply does nothing. A Grad whose shape differs from its Value's, or a
	// param whose size changed since an earlier step, panics with an error
	// wrapping tensor.ErrShape.
	Apply(params []*ag.Var)
	// Config is the Keras config: the keys of the optimiser's get_config
	// that gonn implements, numbers as float64, clip options nil when off.
	Config() map[string]any
	// LearningRate is the current learning rate.
	LearningRate() float32
	// SetLearningRate changes the learning rate used from the next Apply on.
	SetLearningRate(lr float32)
	// Iterations counts the steps applied so far (Keras's iterations).
	Iterations() int64
}

// Base holds what every optimiser has: the learning rate, Keras's gradient
// clipping options and the step counter. Each optimiser embeds it.
type Base struct {
	// LR is Keras's learning_rate (legacy name lr). It cannot be called
	// LearningRate: that is the method callbacks use.
	LR float32
	// ClipNorm is Keras's clipnorm: when > 0, each param's gradient g is
	// replaced by g*ClipNorm/max(‖g‖, ClipNorm).
	ClipNorm float32
	// GlobalClipNorm is Keras's global_clipnorm: when > 0, all gradients
	// are scaled by GlobalClipNorm*min(1/n, 1/GlobalClipNorm), n the norm
	// of all of them together.
	GlobalClipNorm float32
	// ClipValue is Keras's clipvalue: when > 0, each gradient value is
	// clamped to [-ClipValue, ClipValue].
	ClipValue float32

	iterations int64
	clipped    []float32 // the clipped gradient of the param being updated
}

// LearningRate returns LR.
func (b *Base) LearningRate() float32 { return b.LR }

// SetLearningRate sets LR.
func (b *Base) SetLearningRate(lr float32) { b.LR = lr }

// Iterations counts the steps applied so far.
func (b *Base) Iterations() int64 { return b.iterations }

// step is the part of Apply every optimiser shares: it calls update, in the
// order of params, for each param with a gradient, passing the gradient after
// Keras's clipping, then counts the step.
func (b *Base) step(params []*ag.Var, update func(p *ag.Var, g []float32)) {
	found := false
	for _, p := range params {
		if p.Grad != nil {
			if !tensor.SameShape(p.Grad.Shape, p.Value.Shape) {
				tensor.Shapef("optimizers: %q has shape %v, its gradient %v", p.Name, p.Value.Shape, p.Grad.Shape)
			}
			found = true
		}
	}
	if !found {
		return
	}
	scale := b.globalScale(params)
	for _, p := range params {
		if p.Grad != nil {
			update(p, b.clip(p.Grad.Data, scale))
		}
	}
	b.iterations++
}

// config returns the keys every Keras optimiser config has.
func (b *Base) config(name string) map[string]any {
	return map[string]any{
		"name":            name,
		"learning_rate":   num(b.LR),
		"clipnorm":        optional(b.ClipNorm),
		"global_clipnorm": optional(b.GlobalClipNorm),
		"clipvalue":       optional(b.ClipValue),
	}
}

// ErrUnknown is wrapped by the error Get and FromConfig return for a name
// that is not an optimiser.
var ErrUnknown = errors.New("optimizers: unknown optimizer")

// names lists the names Get accepts, in any case.
var names = []string{"adadelta", "adagrad", "adam", "rmsprop", "sgd"}

// Get returns the optimiser with the Keras name (any case: "adam", "SGD",
// "RMSprop", …) and Keras's default hyper-parameters.
func Get(name string) (Optimizer, error) {
	switch strings.ToLower(name) {
	case "sgd":
		return NewSGD(), nil
	case "rmsprop":
		return NewRMSprop(), nil
	case "adam":
		return NewAdam(), nil
	case "adagrad":
		return NewAdagrad(), nil
	case "adadelta":
		return NewAdadelta(), nil
	}
	return nil, fmt.Errorf("%w %q (valid: %s)", ErrUnknown, name, strings.Join(names, ", "))
}

// slotsOf returns p's state in m, made (empty) on first use. State is only
// ever reached this way, through the params given to Apply: maps of state are
// never ranged over, so their order cannot reach the results.
func slotsOf[S any](m *map[*ag.Var]*S, p *ag.Var) *S {
	if *m == nil {
		*m = make(map[*ag.Var]*S)
	}
	s := (*m)[p]
	if s == nil {
		s = new(S)
		(*m)[p] = s
	}
	return s
}

// slot returns *buf, one of a param's state vectors (a Keras optimizer
// variable), allocating n copies of init on first use.
func slot(buf *[]float32, n int, init float32) []float32 {
	if *buf == nil {
		*buf = make([]float32, n)
		if init != 0 {
			for i := range *buf {
				(*buf)[i] = init
			}
		}
	}
	if len(*buf) != n {
		tensor.Shapef("optimizers: a param had %d values at an earlier step, now %d", len(*buf), n)
	}
	return *buf
}
