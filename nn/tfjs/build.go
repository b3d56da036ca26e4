package tfjs

import (
	"fmt"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/rng"
)

// Building a model from a file allocates what the topology asks for, and a
// hostile topology may ask for a Dense layer of a billion units with a tiny
// manifest. So before each layer is built, the weights it will create are
// counted from its config and its input shape, and checked against
// MaxWeightBytes and against what the manifest holds: a model whose layers
// want more than the file holds fails before the allocation.

// buildChecked builds m for examples of inputShape, layer by layer, each
// only after the weights it will create are counted and known to fit in
// the manifest's manifestFloats values and the limit; then it builds m
// itself (building the layers again: the model's Build sets its shapes).
func buildChecked(m *nn.Sequential, inputShape []int, manifestFloats int64) error {
	shape := append([]int{}, inputShape...)
	r := rng.New(nn.DefaultSeed)
	var total int64
	for i, l := range m.Layers {
		label := fmt.Sprintf("layer %d (%s %q)", i, l.ClassName(), l.Name())
		count, ok := weightCount(l, shape)
		if !ok {
			return failf(ErrTooLarge, "%s on input %v would create more than %d bytes of weights (the limit)", label, shape, MaxWeightBytes)
		}
		if total += count; total > MaxWeightBytes/4 {
			return failf(ErrTooLarge, "the layers up to %s would create more than %d bytes of weights (the limit)", label, MaxWeightBytes)
		}
		if count > manifestFloats {
			return failf(ErrMismatch, "%s on input %v creates %d weight values, but the manifest holds only %d more", label, shape, count, manifestFloats)
		}
		manifestFloats -= count
		out, err := l.Build(shape, r)
		if err != nil {
			return failf(ErrUnsupported, "%s on input %v: %v", label, shape, err)
		}
		made := int64(0)
		for _, w := range l.Weights() {
			made += int64(w.Value.Size())
		}
		if made != count {
			return failf(ErrUnsupported, "%s made %d weight values where %d were counted: the loader does not know its class", label, made, count)
		}
		shape = out
	}
	if err := m.Build(inputShape...); err != nil {
		return failf(ErrUnsupported, "%v", err)
	}
	return nil
}

// weightCount is the number of weight values l creates when built on
// examples of shape in, computed from its config as its Build does; ok is
// false past the limit. A layer class not listed here must create no
// weights (checked after Build).
func weightCount(l layers.Layer, in []int) (n int64, ok bool) {
	last := int64(0) // the features of one step or pixel
	if len(in) > 0 {
		last = int64(in[len(in)-1])
	}
	switch l := l.(type) {
	case *layers.Dense:
		return mulAdd(last, int64(l.Units), l.UseBias, int64(l.Units))
	case *layers.Conv:
		k := int64(1)
		for _, d := range l.KernelSize {
			if k, ok = mul(k, int64(d)); !ok {
				return 0, false
			}
		}
		if len(l.KernelSize) == 1 && l.ClassName() != "Conv1D" {
			if k, ok = mul(k, k); !ok { // one size for both axes
				return 0, false
			}
		}
		if k, ok = mul(k, last); !ok {
			return 0, false
		}
		return mulAdd(k, int64(l.Filters), l.UseBias, int64(l.Filters))
	case *layers.Embedding:
		return mul(int64(l.InputDim), int64(l.OutputDim))
	case *layers.BatchNormalization:
		axis := l.Axis // Keras counts the batch axis: -1 is the last, 1 the first of an example
		if axis < 0 {
			axis += len(in) + 1
		}
		if axis < 1 || axis > len(in) {
			return 0, true // Build reports the bad axis
		}
		perChannel := int64(2) // the moving mean and variance
		for _, on := range []bool{l.Center, l.Scale} {
			if on {
				perChannel++
			}
		}
		return mul(int64(in[axis-1]), perChannel)
	case *layers.SimpleRNN:
		return rnnCount(last, int64(l.Units), 1, l.UseBias, 1)
	case *layers.LSTM:
		return rnnCount(last, int64(l.Units), 4, l.UseBias, 1)
	case *layers.GRU:
		biasRows := int64(1)
		if l.ResetAfter {
			biasRows = 2
		}
		return rnnCount(last, int64(l.Units), 3, l.UseBias, biasRows)
	case *layers.Bidirectional:
		f, okF := weightCount(l.Forward, in)
		b, okB := weightCount(l.Backward, in)
		return f + b, okF && okB && f+b <= MaxWeightBytes
	case *layers.TimeDistributed:
		if len(in) == 0 {
			return 0, true // Build reports the bad shape
		}
		return weightCount(l.Layer, in[1:])
	}
	return 0, true
}

// rnnCount counts a recurrent layer's weights: kernel (in, g·u), recurrent
// kernel (u, g·u) and, with a bias, biasRows·g·u.
func rnnCount(in, units, gates int64, useBias bool, biasRows int64) (int64, bool) {
	width, ok := mul(gates, units)
	if !ok {
		return 0, false
	}
	bias, ok := mul(biasRows, width)
	if !ok {
		return 0, false
	}
	return mulAdd(in+units, width, useBias, bias)
}

// mul multiplies counts; ok is false past MaxWeightBytes. A negative
// count (a bad config, which Build reports) counts as 0.
func mul(a, b int64) (int64, bool) {
	if a < 0 || b < 0 {
		return 0, true
	}
	if b != 0 && a > MaxWeightBytes/b {
		return 0, false
	}
	return a * b, true
}

// mulAdd is a·b, plus c if add.
func mulAdd(a, b int64, add bool, c int64) (int64, bool) {
	n, ok := mul(a, b)
	if !ok {
		return 0, false
	}
	if add && c > 0 {
		n += c
	}
	return n, n <= MaxWeightBytes
}
