// Package ag is gonn's reverse-mode automatic differentiation ("autograd").
//
// The core type is Var: a tensor value, the gradient of some scalar with
// respect to it, and (for values made by an op) the op's inputs and a rule to
// push its gradient back to them. Leaves are made with Param (trainable
// weights: gradients wanted) or Const (data: no gradients). Every op builds its
// output and defines its backward rule right below it, micrograd-style:
//
//	y := ag.Relu(ag.Add(ag.MatMul(x, w, false, false), b))
//	loss := ag.MeanAll(ag.Square(ag.Sub(y, target)))
//	ag.Backward(loss) // w.Grad and b.Grad now hold dloss/dw, dloss/db
//
// Backward accumulates: gradients are added (+=) into Grad, so call ZeroGrad
// on parameters between steps. An op whose inputs need no gradient records no
// backward rule.
//
// Inference starts from NoGrad instead of Const: every Var computed from a
// no-grad Var is no-grad too, whatever else it reads (the weights), so the
// whole pass records no backward rule and keeps nothing for one. Ops may then
// skip work only backward needs (MaxPool2D's argmax), and the inference ops
// of infer.go fuse a layer's bias add and activation into its product, with
// the same bits as the graph ops.
//
// Shapes are checked when the graph is built; misuse panics with an error
// wrapping tensor.ErrShape (graph building panics, the model API returns
// errors). Every reduction adds in a fixed order, so results have the same bits
// on every platform (docs/determinism.md).
package ag

import "gonn/nn/tensor"

// Var is a node of the computation graph.
type Var struct {
	// Value is the forward result.
	Value *tensor.Tensor
	// Grad has Value's shape and holds the accumulated gradient; it is nil
	// until Backward reaches this Var (for a Var that requires gradients).
	Grad *tensor.Tensor
	// Name labels parameters ("dense_1/kernel"); empty for intermediates.
	Name string

	op           string // the op that made this value; "" for leaves
	inputs       []*Var // the op's inputs
	backward     func() // adds this Var's Grad into its inputs' Grads
	requiresGrad bool
	noGrad       bool // made from a NoGrad Var: no gradient, ever
}

// Const wraps t as a leaf that needs no gradient (inputs, targets).
func Const(t *tensor.Tensor) *Var { return &Var{Value: t} }

// NoGrad wraps t as the input of an inference pass: a leaf that needs no
// gradient and whose descendants need none either, even those that read
// weights, so no op after it records a backward rule (as under PyTorch's
// no_grad). Predict and Evaluate start from it.
func NoGrad(t *tensor.Tensor) *Var { return &Var{Value: t, noGrad: true} }

// Param wraps t as a leaf whose gradient is wanted (weights).
func Param(t *tensor.Tensor, name string) *Var {
	return &Var{Value: t, Name: name, requiresGrad: true}
}

// Shape is the shape of Value.
func (v *Var) Shape() []int { return v.Value.Shape }

// Data is Value.Data.
func (v *Var) Data() []float32 { return v.Value.Data }

// Op names the op that made v ("matmul", "softmax", …), or "" for a leaf.
func (v *Var) Op() string { return v.op }

// Inputs are the Vars the op that made v read (nil for a leaf). Losses use it
// to find the logits under a softmax or sigmoid, as Keras does.
func (v *Var) Inputs() []*Var { return v.inputs }

// RequiresGrad reports whether Backward will compute a gradient for v.
func (v *Var) RequiresGrad() bool { return v.requiresGrad }

// SetRequiresGrad switches gradients of a leaf on or off (frozen weights).
// It does nothing on a no-grad Var.
func (v *Var) SetRequiresGrad(on bool) { v.requiresGrad = on && !v.noGrad }

// IsNoGrad reports whether v belongs to an inference pass (see NoGrad): it
// and everything computed from it take no gradient.
func (v *Var) IsNoGrad() bool { return v.noGrad }

// ZeroGrad drops the accumulated gradient.
func (v *Var) ZeroGrad() {
	if v.Grad != nil {
		v.Grad.Zero()
	}
}

// record makes the output Var of an op. The backward rule is kept only if
// some input requires a gradient and none is no-grad; the op and its inputs
// are kept either way (losses look under a softmax). backward is called with
// out.Grad filled.
func record(op string, value *tensor.Tensor, backward func(out *Var), inputs ...*Var) *Var {
	out := &Var{Value: value, op: op, inputs: inputs}
	for _, in := range inputs {
		out.requiresGrad = out.requiresGrad || in.requiresGrad
		out.noGrad = out.noGrad || in.noGrad
	}
	if out.noGrad {
		out.requiresGrad = false
	}
	if out.requiresGrad {
		out.backward = func() { backward(out) }
	}
	return out
}

// gradOf returns the gradient buffer of v to add into, allocating it on first
// use, or nil when v needs no gradient (callers skip the work).
func gradOf(v *Var) []float32 {
	if !v.requiresGrad {
		return nil
	}
	if v.Grad == nil {
		v.Grad = tensor.New(v.Value.Shape...)
	}
	return v.Grad.Data
}
