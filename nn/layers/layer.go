// Package layers holds gonn's Keras layers, with Keras class names, config
// keys, defaults and semantics: the core ones (InputLayer, Dense,
// Activation, Dropout, Flatten, Reshape, LeakyReLU), convolution and pooling
// (Conv1D, Conv2D, Conv2DTranspose, ZeroPadding2D, UpSampling2D, max and
// average pooling, global pooling, BatchNormalization), sequences
// (Embedding, Masking, SimpleRNN, LSTM, GRU, RepeatVector, TimeDistributed,
// Bidirectional) and augmentation (RandomFlip, RandomRotation,
// RandomTranslation, RandomZoom, RandomContrast). The registry
// (FromConfig) knows them all by class name.
//
// The core type is Layer. A layer is made by a short constructor for the
// common case, NewDense(512, "relu"), by a config struct for the rest
// (cfg := DefaultDenseConfig(); cfg.UseBias = false; NewDenseWith(cfg)), or
// from Keras / TF.js layer JSON by FromConfig("Dense", config). Constructors
// never fail: a bad argument (zero units, an unknown activation) is reported
// by Build, and by FromConfig when it comes from JSON.
//
// Life of a layer: the model names it (SetName: "dense", "dense_1", …), then
// Build(inputShape, r) checks the shape of one example (the batch axis is
// never part of a shape given to or returned by Build), creates the weights,
// named "<layer name>/kernel", drawing their initial values from r in Keras
// order (kernel, then bias), and returns the shape of one output example.
// Call then maps a batch (batch, inputShape...) to (batch, outputShape...) on
// the autodiff graph, so gradients need no code here. A batch that comes as
// an ag.NoGrad Var (Predict, Evaluate) builds no graph: Dense and the
// convolutions then fuse product, bias and ReLU into one op, with the same
// bits (infer.go).
//
// Shape misuse in Call panics with an error wrapping tensor.ErrShape, like
// every graph-building function; Build and FromConfig return errors.
package layers

import (
	"fmt"
	"slices"

	"gonn/nn/ag"
	"gonn/nn/initializers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// Context is what a forward pass needs beyond its input.
type Context struct {
	// Training is true in Fit and false in Evaluate and Predict: Dropout
	// only drops in training.
	Training bool
	// Rand is the model's generator, for dropout masks and noise.
	Rand *rng.Rand
}

// Layer is one Keras layer.
type Layer interface {
	// Name is the layer's unique name in its model ("dense_1"); empty until
	// the model or SetName gives it one.
	Name() string
	SetName(string)
	// ClassName is the Keras class name: "Dense", "Dropout", …
	ClassName() string
	// Build checks the shape of one input example (without the batch axis),
	// creates the weights, drawing from r, and returns the shape of one
	// output example. Building again makes new weights (from new draws).
	// Weights are named after the layer's name at Build time.
	Build(inputShape []int, r *rng.Rand) (outputShape []int, err error)
	// Call maps x (batch, inputShape...) to (batch, outputShape...).
	Call(ctx *Context, x *ag.Var) *ag.Var
	// Weights lists the weights in Keras order (kernel, then bias); nil
	// before Build.
	Weights() []*ag.Var
	// Trainable reports whether the optimiser updates the weights (true
	// unless switched off, as in Keras).
	Trainable() bool
	SetTrainable(bool)
	// Config is the Keras config: name, trainable, dtype and the layer's
	// own arguments under their Keras keys. FromConfig reads it back.
	Config() map[string]any
}

// Base holds what every layer has: its name, its trainable flag and the
// input shape it was declared with, if any. Layers embed it; its zero value
// is an unnamed trainable layer.
type Base struct {
	name       string
	frozen     bool  // !trainable, so that the zero value is trainable
	inputShape []int // declared shape of one input example; nil if none
}

// Name, SetName, Trainable and SetTrainable implement Layer.
func (b *Base) Name() string         { return b.name }
func (b *Base) SetName(name string)  { b.name = name }
func (b *Base) Trainable() bool      { return !b.frozen }
func (b *Base) SetTrainable(on bool) { b.frozen = !on }

// InputShape is the shape of one input example the layer was declared with
// (Keras' input_shape argument, or batch_input_shape in its config), or nil.
// A model can build itself from its first layer's declared shape.
func (b *Base) InputShape() []int { return slices.Clone(b.inputShape) }

// SetInputShape declares the shape of one input example, like Keras'
// input_shape argument: Dense(512, input_shape=(784,)) is
// d := NewDense(512, "relu"); d.SetInputShape(784).
func (b *Base) SetInputShape(shape ...int) { b.inputShape = append([]int{}, shape...) }

// newWeight draws a weight of the given shape from init and r, named
// "<layer>/<weight>". A panicking initializer (an orthogonal bias, a nil r)
// becomes an error.
func (b *Base) newWeight(class, weight string, init initializers.Initializer, r *rng.Rand, shape ...int) (v *ag.Var, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = nil, b.errorf(class, "%s initializer %s: %v", weight, init.Name(), p)
		}
	}()
	fanIn, fanOut := initializers.Fans(shape)
	t := init.Init(r, shape, fanIn, fanOut)
	return ag.Param(t, fmt.Sprintf("%s/%s", b.name, weight)), nil
}

// baseConfig is the part of Config every layer has.
func (b *Base) baseConfig() map[string]any {
	c := map[string]any{"name": b.name, "trainable": b.Trainable(), "dtype": "float32"}
	if b.inputShape != nil {
		c["batch_input_shape"] = batchShape(b.inputShape)
	}
	return c
}

// checkInputShape is the start of every Build: the shape must match a
// declared one and have no negative extent.
func (b *Base) checkInputShape(class string, shape []int) error {
	for _, d := range shape {
		if d < 0 {
			return b.errorf(class, "bad input shape %s", shapeString(shape))
		}
	}
	if b.inputShape != nil && !tensor.SameShape(shape, b.inputShape) {
		return b.errorf(class, "declared input shape %s, built on %s", shapeString(b.inputShape), shapeString(shape))
	}
	return nil
}

// errorf returns an error naming the layer: `layers: Dense "dense_1": …`.
func (b *Base) errorf(class, format string, args ...any) error {
	return fmt.Errorf("layers: %s: %s", b.label(class), fmt.Sprintf(format, args...))
}

// shapePanicf panics, wrapping tensor.ErrShape, with a message naming the
// layer: the Call-time counterpart of errorf.
func (b *Base) shapePanicf(class, format string, args ...any) {
	tensor.Shapef("layers: %s: %s", b.label(class), fmt.Sprintf(format, args...))
}

// label names the layer in messages: `Dense "dense_1"`, or `Dense` while it
// has no name.
func (b *Base) label(class string) string {
	if b.name == "" {
		return class
	}
	return fmt.Sprintf("%s %q", class, b.name)
}

// notBuilt panics: Call before Build is a programming error.
func (b *Base) notBuilt(class string) {
	panic(b.errorf(class, "Call before Build"))
}

// batchShape is shape with a null batch axis in front, as Keras writes
// batch_input_shape: (784) → [nil, 784].
func batchShape(shape []int) []any {
	s := []any{nil}
	for _, d := range shape {
		s = append(s, d)
	}
	return s
}

// shapeString prints a shape Keras-style: (28, 28, 1), (784,), ().
func shapeString(s []int) string {
	switch len(s) {
	case 0:
		return "()"
	case 1:
		return fmt.Sprintf("(%d,)", s[0])
	}
	out := "("
	for i, d := range s {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprint(d)
	}
	return out + ")"
}

// numElements is the product of shape (1 for a scalar); ok is false if an
// extent is negative or the product exceeds tensor.MaxElements.
func numElements(shape []int) (n int, ok bool) {
	n = 1
	for _, d := range shape {
		if d < 0 || (d != 0 && n > tensor.MaxElements/d) {
			return 0, false
		}
		n *= d
	}
	return n, true
}
