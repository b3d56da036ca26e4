package nn

import (
	"errors"

	"gonn/nn/tensor"
)

// TestOnBatch returns the loss and metrics of the model on one batch (x, y)
// in inference mode, changing nothing: Keras' test_on_batch, for custom
// training loops. (TrainOnBatch is beside Fit.)
func (m *Sequential) TestOnBatch(x, y *tensor.Tensor) (logs Logs, err error) {
	if m.loss == nil {
		return nil, errors.New("nn: TestOnBatch: compile the model first")
	}
	if x == nil || x.Rank() < 1 {
		return nil, errors.New("nn: TestOnBatch: x must have a batch axis")
	}
	return m.Evaluate(x, y, max(x.Shape[0], 1))
}

// PredictOnBatch runs the model in inference mode on one batch x
// (N, inputShape…) and returns (N, outputShape…): Keras' predict_on_batch.
func (m *Sequential) PredictOnBatch(x *tensor.Tensor) (*tensor.Tensor, error) {
	if x == nil || x.Rank() < 1 {
		return nil, errors.New("nn: PredictOnBatch: x must have a batch axis")
	}
	return m.Predict(x, max(x.Shape[0], 1))
}
