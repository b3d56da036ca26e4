package inspect

import (
	"gonn/nn"
	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// LayerOutputs runs the batch x (N, input shape…) through m in inference mode
// and returns the output of every layer, in order: outs[i] has shape
// (N, output shape of layer i…). For a convolution the output is its feature
// maps (N, OH, OW, filters).
func LayerOutputs(m *nn.Sequential, x *tensor.Tensor) (outs []*tensor.Tensor, err error) {
	defer catchShape("LayerOutputs", &err)
	if err := prepare("LayerOutputs", m, x); err != nil {
		return nil, err
	}
	for _, v := range forward(m, ag.Const(x), len(m.Layers)) {
		outs = append(outs, v.Value)
	}
	return outs, nil
}
