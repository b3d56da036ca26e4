package timeseries

import (
	"math"

	"gonn/nn/tensor"
)

// NaiveForecast is the last-value baseline: it predicts every one of the
// horizon steps as the target column's last value in the window.
// x is (N, Window, F); the result is (N, horizon). It panics, wrapping
// tensor.ErrShape, if x is not 3-D or target is not one of its columns.
func NaiveForecast(x *tensor.Tensor, target, horizon int) *tensor.Tensor {
	if x.Rank() != 3 || target < 0 || target >= x.Shape[2] || horizon <= 0 {
		tensor.Shapef("NaiveForecast: x %v (want (N, window, features)), target %d, horizon %d", x.Shape, target, horizon)
	}
	n, w, f := x.Shape[0], x.Shape[1], x.Shape[2]
	out := tensor.New(n, horizon)
	for k := range n {
		last := x.Data[(k*w+w-1)*f+target]
		for h := range horizon {
			out.Data[k*horizon+h] = last
		}
	}
	return out
}

// MAE is the mean absolute error between two tensors of the same shape,
// summed in float64 in index order. It panics, wrapping tensor.ErrShape, if
// the shapes differ, and returns NaN for empty tensors.
func MAE(yTrue, yPred *tensor.Tensor) float64 {
	if !tensor.SameShape(yTrue.Shape, yPred.Shape) {
		tensor.Shapef("MAE: yTrue %v, yPred %v", yTrue.Shape, yPred.Shape)
	}
	if len(yTrue.Data) == 0 {
		return math.NaN()
	}
	var sum float64
	for i, t := range yTrue.Data {
		sum += math.Abs(float64(t) - float64(yPred.Data[i]))
	}
	return sum / float64(len(yTrue.Data))
}
