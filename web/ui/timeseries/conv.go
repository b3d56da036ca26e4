package main

import "gonn/nn/tensor"

// lastSteps keeps the last n steps of each window: x (N, W, F) → (N, n, F).
// A stack of valid Conv1D layers whose receptive field is n turns them
// into one output step: the prediction sees those n steps and no more.
func lastSteps(x *tensor.Tensor, n int) *tensor.Tensor {
	b, w, f := x.Shape[0], x.Shape[1], x.Shape[2]
	if n < 1 || n > w {
		tensor.Shapef("lastSteps: %d steps of windows %v", n, x.Shape)
	}
	out := tensor.New(b, n, f)
	for k := range b {
		copy(out.Data[k*n*f:(k+1)*n*f], x.Data[(k*w+w-n)*f:(k+1)*w*f])
	}
	return out
}
