package inspect

import (
	"errors"
	"fmt"
	"math"

	"gonn/nn"
	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/tensor"
)

// prepare builds m for examples shaped like x's rows, if it is not built,
// and checks x: a batch of finite examples of the model's input shape.
func prepare(op string, m *nn.Sequential, x *tensor.Tensor) error {
	if m == nil || len(m.Layers) == 0 {
		return fmt.Errorf("inspect: %s: the model has no layers", op)
	}
	if x == nil || x.Rank() < 2 || x.Shape[0] < 1 {
		return fmt.Errorf("inspect: %s: x must be a batch (N, example shape…) with N ≥ 1", op)
	}
	if !m.Built() {
		if err := m.Build(x.Shape[1:]...); err != nil {
			return fmt.Errorf("inspect: %s: %w", op, err)
		}
	}
	if !tensor.SameShape(x.Shape[1:], m.InputShape()) {
		return fmt.Errorf("inspect: %s: examples have shape %v, the model expects %v", op, x.Shape[1:], m.InputShape())
	}
	for i, v := range x.Data {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return fmt.Errorf("inspect: %s: x holds %v at flat index %d", op, v, i)
		}
	}
	return nil
}

// forward runs x through the first upTo layers of m in inference mode and
// returns every layer's output on the graph (outs[i] is layer i's output).
// When x requires a gradient, the graph keeps backward rules to it.
func forward(m *nn.Sequential, x *ag.Var, upTo int) (outs []*ag.Var) {
	ctx := &layers.Context{Training: false, Rand: m.Rand()}
	v := x
	var mask *tensor.Tensor
	for _, l := range m.Layers[:upTo] {
		v, mask = layers.CallWithMask(ctx, l, v, mask)
		outs = append(outs, v)
	}
	return outs
}

// frozenWeights switches gradients off on every weight of m and returns a
// function that restores each weight's flag, so that a backward pass to the
// input leaves the weights' gradients untouched.
func frozenWeights(m *nn.Sequential) (restore func()) {
	ws := m.Weights()
	flags := make([]bool, len(ws))
	for i, w := range ws {
		flags[i] = w.RequiresGrad()
		w.SetRequiresGrad(false)
	}
	return func() {
		for i, w := range ws {
			w.SetRequiresGrad(flags[i])
		}
	}
}

// catchShape turns a panic wrapping tensor.ErrShape (graph building) into an
// error.
func catchShape(op string, err *error) {
	if r := recover(); r != nil {
		if e, ok := r.(error); ok && errors.Is(e, tensor.ErrShape) {
			*err = fmt.Errorf("inspect: %s: %w", op, e)
			return
		}
		panic(r)
	}
}

// checkLayer checks a layer index of m.
func checkLayer(op string, m *nn.Sequential, layer int) error {
	if layer < 0 || layer >= len(m.Layers) {
		return fmt.Errorf("inspect: %s: layer %d out of range: the model has %d layers", op, layer, len(m.Layers))
	}
	return nil
}
