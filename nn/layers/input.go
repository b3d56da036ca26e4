package layers

import (
	"encoding/json"
	"slices"

	"gonn/nn/ag"
	"gonn/nn/rng"
)

// InputLayer declares the shape of one input example (Keras InputLayer, what
// keras.Input makes). It has no weights and Call returns its input. A model
// that starts with one is built from its shape.
type InputLayer struct {
	Base
}

// NewInput returns an InputLayer for examples of the given shape (without
// the batch axis): NewInput(784), NewInput(28, 28, 1).
func NewInput(shape ...int) *InputLayer {
	l := &InputLayer{}
	l.SetInputShape(shape...)
	return l
}

func inputFromConfig(config json.RawMessage) (Layer, error) {
	l := &InputLayer{}
	if err := decodeConfig("InputLayer", config, &l.Base, &struct{}{}, "sparse", "ragged", "optional"); err != nil {
		return nil, err
	}
	if l.inputShape == nil {
		return nil, l.errorf("InputLayer", "config has no batch_input_shape")
	}
	return l, nil
}

func (l *InputLayer) ClassName() string { return "InputLayer" }

// Shape is the shape of one input example.
func (l *InputLayer) Shape() []int { return slices.Clone(l.inputShape) }

// Build checks that inputShape is the declared shape and returns it.
func (l *InputLayer) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := l.checkInputShape("InputLayer", inputShape); err != nil {
		return nil, err
	}
	if l.inputShape == nil {
		return nil, l.errorf("InputLayer", "no shape declared (use NewInput)")
	}
	return l.Shape(), nil
}

// Call returns x.
func (l *InputLayer) Call(_ *Context, x *ag.Var) *ag.Var { return x }

func (l *InputLayer) Weights() []*ag.Var { return nil }

// Config holds no trainable key: Keras' InputLayer takes none.
func (l *InputLayer) Config() map[string]any {
	c := l.baseConfig()
	delete(c, "trainable")
	c["sparse"] = false
	return c
}
