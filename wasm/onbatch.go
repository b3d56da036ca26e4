package main

import (
	"math"

	"gonn/nn"
	"gonn/nn/metrics"
	"gonn/nn/tensor"
)

// Custom training loops: Keras' train_on_batch, test_on_batch,
// predict_on_batch and model(x, training=…), one batch per call.

// TrainOnBatch runs one optimisation step of the compiled model on the batch
// (x, y) and puts Keras' logs in the result: the batch's loss (before the
// update, in training mode) and the compiled metrics on the same
// predictions.
func (e *Engine) TrainOnBatch(h, x, y int32) int32 {
	return e.guard("gonn_train_on_batch", false, func() error {
		const op = "gonn_train_on_batch"
		m, xt, yt, err := e.batchArgs(op, h, x, y)
		if err != nil {
			return err
		}
		if err := m.notFitting(op); err != nil {
			return err
		}
		if err := checkData(op, "", m.seq, xt, yt, false); err != nil {
			return err
		}
		// The loss on the first example first: a y that does not fit fails
		// before the forward pass moves any BatchNormalization statistics.
		if err := checkTargets(op, m.seq, xt, yt); err != nil {
			return err
		}
		loss, pred, err := m.seq.TrainOnBatch(xt, yt)
		if err != nil {
			return trainError(op, err)
		}
		logs := nn.Logs{"loss": float64(loss)}
		for _, name := range m.seq.MetricNames() {
			mt, err := metrics.Get(name, m.seq.Loss().Name())
			if err != nil {
				return err
			}
			mt.Update(yt, pred)
			logs[mt.Name()] = mt.Result()
		}
		return e.setJSON(logsJSON(logs))
	})
}

// TestOnBatch puts the loss and metrics of the model on the batch (x, y),
// in inference mode, in the result. NaN/Inf in the data are allowed, as in
// Evaluate.
func (e *Engine) TestOnBatch(h, x, y int32) int32 {
	return e.guard("gonn_test_on_batch", false, func() error {
		const op = "gonn_test_on_batch"
		m, xt, yt, err := e.batchArgs(op, h, x, y)
		if err != nil {
			return err
		}
		if err := checkData(op, "", m.seq, xt, yt, true); err != nil {
			return err
		}
		logs, err := m.seq.TestOnBatch(xt, yt)
		if err != nil {
			return err
		}
		return e.setJSON(logsJSON(logs))
	})
}

// PredictOnBatch runs the model in inference mode on the batch x and makes
// the outputs a new tensor, whose handle is the result.
func (e *Engine) PredictOnBatch(h, x int32) int32 {
	return e.guard("gonn_predict_on_batch", false, func() error {
		const op = "gonn_predict_on_batch"
		m, xt, err := e.modelAndInput(op, h, x)
		if err != nil {
			return err
		}
		out, err := m.seq.PredictOnBatch(xt)
		if err != nil {
			return err
		}
		return e.addHandle(out)
	})
}

// ModelCall runs one forward pass of the model on x, in training mode
// (training 1: dropout, augmentation, BatchNormalization on the batch's
// statistics, which moves its moving ones) or not (0), and makes the
// outputs a new tensor. No trainable weight changes. In training mode it
// draws from the model's generator, so it is busy during a fit.
func (e *Engine) ModelCall(h, x, training int32) int32 {
	return e.guard("gonn_model_call", false, func() error {
		const op = "gonn_model_call"
		if training != 0 && training != 1 {
			return fail(statusBadArgument, "%s: training is %d, want 0 or 1", op, training)
		}
		m, xt, err := e.modelAndInput(op, h, x)
		if err != nil {
			return err
		}
		if training == 1 {
			if err := m.notFitting(op); err != nil {
				return err
			}
		}
		if err := checkFinite(op, "x", xt); err != nil {
			return err
		}
		out, err := m.seq.Call(xt, training == 1)
		if err != nil {
			return err
		}
		return e.addHandle(unshared(out, xt))
	})
}

// batchArgs returns the compiled model h and the tensors x and y.
func (e *Engine) batchArgs(op string, h, x, y int32) (*model, *tensor.Tensor, *tensor.Tensor, error) {
	m, err := e.compiledModel(op, h)
	if err != nil {
		return nil, nil, nil, err
	}
	xt, yt, err := e.tensorPair(op, x, y)
	if err != nil {
		return nil, nil, nil, err
	}
	if xt.Rank() >= 1 && xt.Shape[0] == 0 {
		return nil, nil, nil, fail(statusShape, "%s: x holds no examples", op)
	}
	return m, xt, yt, nil
}

// modelAndInput returns the model h and the batch x, checked against the
// model's input (which builds a model not built yet), with the output's
// size within the limits.
func (e *Engine) modelAndInput(op string, h, x int32) (*model, *tensor.Tensor, error) {
	m, err := e.handles.model(h)
	if err != nil {
		return nil, nil, err
	}
	xt, err := e.handles.tensor(op+": x", x)
	if err != nil {
		return nil, nil, err
	}
	if err := checkInput(op, "x", m.seq, xt); err != nil {
		return nil, nil, err
	}
	if _, err := checkShape(op+": output", append([]int{xt.Shape[0]}, m.seq.OutputShape()...)); err != nil {
		return nil, nil, err
	}
	return m, xt, nil
}

// checkFinite refuses a tensor holding NaN or ±Inf (non_finite), naming
// the first such value.
func checkFinite(op, name string, t *tensor.Tensor) error {
	for i, v := range t.Data {
		if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
			return fail(statusNonFinite, "%s: %s holds %v at flat index %d", op, name, v, i)
		}
	}
	return nil
}

// unshared returns out, or a copy of it when its storage is that of one of
// others (a layer may pass its input through: an InputLayer, Dropout in
// inference): two handles never share storage, which hosts write in place.
func unshared(out *tensor.Tensor, others ...*tensor.Tensor) *tensor.Tensor {
	if len(out.Data) == 0 {
		return out
	}
	for _, o := range others {
		if len(o.Data) > 0 && &o.Data[0] == &out.Data[0] {
			return out.Clone()
		}
	}
	return out
}
