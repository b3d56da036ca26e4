package inspect

import (
	"fmt"

	"gonn/nn"
	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// Saliency returns, for each example of x (N, input shape…), the gradient of
// the model's output unit `class` with respect to the input:
//
//	s[n, …] = ∂ out[n, class] / ∂ x[n, …]        (shape of x)
//
// (Simonyan et al. 2013). The output is the model's last layer as it stands:
// a probability after a softmax. For a linear model out = x·W + b the saliency
// of class c is W[:, c] for every example. The model's output must be
// (N, classes).
func Saliency(m *nn.Sequential, x *tensor.Tensor, class int) (s *tensor.Tensor, err error) {
	defer catchShape("Saliency", &err)
	if err := prepare("Saliency", m, x); err != nil {
		return nil, err
	}
	outShape := m.OutputShape()
	if len(outShape) != 1 {
		return nil, fmt.Errorf("inspect: Saliency: the model's output is %v per example; want a vector of class scores", outShape)
	}
	if class < 0 || class >= outShape[0] {
		return nil, fmt.Errorf("inspect: Saliency: class %d out of range [0, %d)", class, outShape[0])
	}
	defer frozenWeights(m)()
	in := ag.Const(x.Clone())
	in.SetRequiresGrad(true)
	outs := forward(m, in, len(m.Layers))
	out := outs[len(outs)-1]
	seed := tensor.New(out.Shape()...)
	for n := range x.Shape[0] {
		seed.Set(1, n, class)
	}
	ag.BackwardFrom(out, seed)
	if in.Grad == nil { // the output does not depend on x (all-constant model)
		return tensor.New(x.Shape...), nil
	}
	return in.Grad, nil
}
