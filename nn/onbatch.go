package nn

import (
	"errors"
	"fmt"

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

// Call runs the model on one batch x, in training mode (dropout on,
// BatchNormalization on the batch's statistics, updating its moving ones)
// or not: Keras' model(x, training=…). It changes no trainable weight.
func (m *Sequential) Call(x *tensor.Tensor, training bool) (out *tensor.Tensor, err error) {
	defer catchShape(&err)
	if len(m.Layers) == 0 {
		return nil, errors.New("nn: Call: the model has no layers")
	}
	if err := m.ensureBuilt(x); err != nil {
		return nil, err
	}
	if i := firstNonFinite(x.Data); i >= 0 {
		return nil, fmt.Errorf("nn: Call: x holds %v at flat index %d", x.Data[i], i)
	}
	return m.forward(x, training).Value, nil
}
