// Package activations holds the activation functions that layers apply to
// their outputs, by their Keras names ("relu", "softmax", …).
//
// The core type is Func, a function from one autodiff Var to another. Get
// returns the Func for a Keras name. Every Func is built from nn/ag ops, so
// its gradient comes from theirs and needs no code here. Softmax and Sigmoid
// are the single ops ag.Softmax (over the last axis) and ag.Sigmoid, so the
// losses package can recognise them (Op() "softmax" or "sigmoid") and work
// from the logits underneath, as Keras does.
package activations

import (
	"fmt"
	"strings"

	"gonn/nn/ag"
)

// Func is an activation: it maps x to a Var of the same shape.
type Func func(x *ag.Var) *ag.Var

// known lists the activations by Keras name, in the order error messages
// print them.
var known = []struct {
	name string
	f    Func
}{
	{"linear", Linear},
	{"relu", Relu},
	{"sigmoid", Sigmoid},
	{"tanh", Tanh},
	{"softmax", Softmax},
	{"log_softmax", LogSoftmax},
	{"elu", Elu},
	{"selu", Selu},
	{"softplus", Softplus},
	{"softsign", Softsign},
	{"exponential", Exponential},
	{"swish", Swish},
	{"silu", Swish},
	{"mish", Mish},
	{"relu6", Relu6},
	{"leaky_relu", LeakyRelu},
}

// Get returns the activation with the given Keras name. The empty name is
// "linear", as Python's None is in Keras.
func Get(name string) (Func, error) {
	if name == "" {
		return Linear, nil
	}
	for _, k := range known {
		if k.name == name {
			return k.f, nil
		}
	}
	names := make([]string, len(known))
	for i, k := range known {
		names[i] = k.name
	}
	return nil, fmt.Errorf("activations: unknown activation %q (known: %s)", name, strings.Join(names, ", "))
}

// Linear returns x itself (Keras "linear", the default of Dense).
func Linear(x *ag.Var) *ag.Var { return x }

// Relu returns max(x, 0).
func Relu(x *ag.Var) *ag.Var { return ag.Relu(x) }

// Sigmoid returns 1/(1+e^-x).
func Sigmoid(x *ag.Var) *ag.Var { return ag.Sigmoid(x) }

// Tanh returns tanh(x).
func Tanh(x *ag.Var) *ag.Var { return ag.Tanh(x) }

// Softmax normalises exp(x) over the last axis.
func Softmax(x *ag.Var) *ag.Var { return ag.Softmax(x, -1) }

// LogSoftmax is log(softmax(x)) over the last axis, computed stably.
func LogSoftmax(x *ag.Var) *ag.Var { return ag.LogSoftmax(x, -1) }

// Exponential returns e^x.
func Exponential(x *ag.Var) *ag.Var { return ag.Exp(x) }

// Elu returns x where x > 0, else e^x − 1 (alpha 1), written
// relu(x) + (e^min(x,0) − 1).
func Elu(x *ag.Var) *ag.Var { return ag.Add(ag.Relu(x), expm1Neg(x)) }

// SELU constants, as in Keras (Klambauer et al., 2017).
const (
	seluAlpha = 1.6732632423543772848170429916717
	seluScale = 1.0507009873554804934193349852946
)

// Selu returns scale·x where x > 0, else scale·alpha·(e^x − 1).
func Selu(x *ag.Var) *ag.Var {
	return ag.Add(ag.MulScalar(ag.Relu(x), seluScale), ag.MulScalar(expm1Neg(x), seluScale*seluAlpha))
}

// expm1Neg returns e^min(x,0) − 1: 0 where x > 0.
func expm1Neg(x *ag.Var) *ag.Var {
	return ag.AddScalar(ag.Exp(ag.Neg(ag.Relu(ag.Neg(x)))), -1)
}

// Softplus returns log(1 + e^x), written relu(x) + log(1 + e^−|x|) so that
// it cannot overflow. Below about −16.6 it gives 0 rather than e^x, which
// float32 cannot tell from 0 next to 1.
func Softplus(x *ag.Var) *ag.Var {
	return ag.Add(ag.Relu(x), ag.Log(ag.AddScalar(ag.Exp(ag.Neg(ag.Abs(x))), 1)))
}

// Softsign returns x / (1 + |x|).
func Softsign(x *ag.Var) *ag.Var { return ag.Div(x, ag.AddScalar(ag.Abs(x), 1)) }

// Swish returns x·sigmoid(x) (Keras "swish", also named "silu").
func Swish(x *ag.Var) *ag.Var { return ag.Mul(x, ag.Sigmoid(x)) }

// Mish returns x·tanh(softplus(x)).
func Mish(x *ag.Var) *ag.Var { return ag.Mul(x, ag.Tanh(Softplus(x))) }

// Relu6 returns min(max(x, 0), 6).
func Relu6(x *ag.Var) *ag.Var { return ag.Clip(x, 0, 6) }

// LeakyRelu returns x where x > 0, else 0.2·x (Keras' default negative
// slope for the "leaky_relu" activation).
func LeakyRelu(x *ag.Var) *ag.Var { return ag.LeakyRelu(x, 0.2) }
