package losses

import (
	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// MeanSquaredError is Keras' mean_squared_error (alias "mse"): the
// per-sample loss is the mean over the last axis of (yTrue − yPred)².
type MeanSquaredError struct{}

// Name is "mean_squared_error".
func (MeanSquaredError) Name() string { return "mean_squared_error" }

// Call returns the mean over samples of mean((yTrue − yPred)²).
func (l MeanSquaredError) Call(yTrue *tensor.Tensor, yPred *ag.Var) *ag.Var {
	t := matchTrue(l.Name(), yTrue, yPred)
	return meanLastThenAll(ag.Square(ag.Sub(yPred, ag.Const(t))))
}

// MeanAbsoluteError is Keras' mean_absolute_error (alias "mae"): the
// per-sample loss is the mean over the last axis of |yTrue − yPred|.
type MeanAbsoluteError struct{}

// Name is "mean_absolute_error".
func (MeanAbsoluteError) Name() string { return "mean_absolute_error" }

// Call returns the mean over samples of mean(|yTrue − yPred|).
func (l MeanAbsoluteError) Call(yTrue *tensor.Tensor, yPred *ag.Var) *ag.Var {
	t := matchTrue(l.Name(), yTrue, yPred)
	return meanLastThenAll(ag.Abs(ag.Sub(yPred, ag.Const(t))))
}
