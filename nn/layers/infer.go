package layers

import (
	"gonn/nn/ag"
	"gonn/nn/layers/activations"
)

// Inference. A batch that comes as an ag.NoGrad Var (Predict, Evaluate,
// Call with training off) takes no gradient, so Dense and the convolutions
// run it through the fused inference ops of nn/ag (product, bias and ReLU in
// one pass, in place, with the graph's bits) instead of three graph ops; the
// other layers run their usual ops, which build no backward rule on a
// no-grad input.

// inferActivation is a layer's activation split for the inference ops: the
// part they apply in place (ReLU, or nothing) and the Func still to apply to
// their output (nil when none is left).
type inferActivation struct {
	fused ag.Act
	rest  activations.Func
}

// splitActivation splits the activation named name, whose Func (from Build)
// is f.
func splitActivation(name string, f activations.Func) inferActivation {
	switch name {
	case "relu":
		return inferActivation{fused: ag.ActRelu}
	case "", "linear":
		return inferActivation{fused: ag.ActLinear}
	}
	return inferActivation{fused: ag.ActLinear, rest: f}
}

// applyRest applies the activation left over by fusedActivation, if any.
func applyRest(y *ag.Var, rest activations.Func) *ag.Var {
	if rest == nil {
		return y
	}
	return rest(y)
}
