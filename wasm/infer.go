package main

import (
	"math"

	"gonn/nn"
	"gonn/nn/tensor"
)

// Evaluate puts the loss and metrics of the model on (x, y) in the result,
// as JSON logs.
func (e *Engine) Evaluate(h, x, y, batchSize int32) int32 {
	return e.guard("gonn_evaluate", false, func() error {
		const op = "gonn_evaluate"
		m, err := e.compiledModel(op, h)
		if err != nil {
			return err
		}
		if batchSize < 0 {
			return fail(statusBadArgument, "%s: negative batch_size %d", op, batchSize)
		}
		xt, yt, err := e.tensorPair(op, x, y)
		if err != nil {
			return err
		}
		if err := checkData(op, "", m.seq, xt, yt, true); err != nil {
			return err
		}
		logs, err := m.seq.Evaluate(xt, yt, int(batchSize))
		if err != nil {
			return err
		}
		return e.setJSON(logsJSON(logs))
	})
}

// Predict runs the model on x and makes the outputs a new tensor, whose
// handle is the result.
func (e *Engine) Predict(h, x, batchSize int32) int32 {
	return e.guard("gonn_predict", false, func() error {
		const op = "gonn_predict"
		m, err := e.handles.model(h)
		if err != nil {
			return err
		}
		if batchSize < 0 {
			return fail(statusBadArgument, "%s: negative batch_size %d", op, batchSize)
		}
		xt, err := e.handles.tensor(op+": x", x)
		if err != nil {
			return err
		}
		if err := checkInput(op, "x", m.seq, xt); err != nil {
			return err
		}
		shape := append([]int{xt.Shape[0]}, m.seq.OutputShape()...)
		if _, err := checkShape(op+": output", shape); err != nil {
			return err
		}
		out, err := m.seq.Predict(xt, int(batchSize))
		if err != nil {
			return err
		}
		return e.addHandle(out)
	})
}

// compiledModel returns the model with handle h, which must be compiled.
func (e *Engine) compiledModel(op string, h int32) (*model, error) {
	m, err := e.handles.model(h)
	if err != nil {
		return nil, err
	}
	if !m.compiled {
		return nil, fail(statusNotReady, "%s: the model is not compiled: call gonn_model_compile first", op)
	}
	return m, nil
}

// tensorPair returns the tensors x and y.
func (e *Engine) tensorPair(op string, x, y int32) (xt, yt *tensor.Tensor, err error) {
	if xt, err = e.handles.tensor(op+": x", x); err != nil {
		return nil, nil, err
	}
	if yt, err = e.handles.tensor(op+": y", y); err != nil {
		return nil, nil, err
	}
	return xt, yt, nil
}

// checkInput checks that x is a batch of examples the model takes,
// building the model from x's examples if it is not built yet.
func checkInput(op, name string, m *nn.Sequential, x *tensor.Tensor) error {
	if x.Rank() < 1 {
		return fail(statusShape, "%s: %s is a scalar: it needs a batch axis", op, name)
	}
	if !m.Built() {
		if err := m.Build(x.Shape[1:]...); err != nil {
			return fail(statusShape, "%s: building the model for %s of shape %s: %v", op, name, shapeString(x.Shape), err)
		}
	}
	if !tensor.SameShape(x.Shape[1:], m.InputShape()) {
		return fail(statusShape, "%s: %s has shape %s, the model expects %s",
			op, name, shapeString(x.Shape), batchShape(m.InputShape()))
	}
	return nil
}

// checkData checks x and y (the kind is "" or "validation "): x's examples
// fit the model, y has as many, and (unless allowed) neither holds NaN or
// ±Inf.
func checkData(op, kind string, m *nn.Sequential, x, y *tensor.Tensor, allowNonFinite bool) error {
	if err := checkInput(op, kind+"x", m, x); err != nil {
		return err
	}
	if y.Rank() < 1 || y.Shape[0] != x.Shape[0] {
		return fail(statusShape, "%s: %sx has shape %s and %sy has shape %s: they must hold the same number of examples",
			op, kind, shapeString(x.Shape), kind, shapeString(y.Shape))
	}
	if allowNonFinite {
		return nil
	}
	for _, d := range []struct {
		name string
		t    *tensor.Tensor
	}{{kind + "x", x}, {kind + "y", y}} {
		for i, v := range d.t.Data {
			if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
				return fail(statusNonFinite, `%s: %s holds %v at flat index %d (example %d); clean the data or set "allow_non_finite": true`,
					op, d.name, v, i, i/max(d.t.Strides[0], 1))
			}
		}
	}
	return nil
}

// checkTargets runs the loss on the first example, so that a y which does
// not fit the model's output is an error before training starts. It draws
// nothing from the model's PRNG (inference mode).
func checkTargets(op string, m *nn.Sequential, x, y *tensor.Tensor) error {
	if x.Shape[0] == 0 {
		return nil
	}
	if _, err := m.Evaluate(firstRow(x), firstRow(y), 1); err != nil {
		return fail(statusShape, "%s: y of shape %s does not fit the model's output %s (checked on the first example): %v",
			op, shapeString(y.Shape), batchShape(m.OutputShape()), err)
	}
	return nil
}

// firstRow is the first example of t as a batch of one, sharing its data.
func firstRow(t *tensor.Tensor) *tensor.Tensor {
	return tensor.From(t.Data[:t.Strides[0]], append([]int{1}, t.Shape[1:]...)...)
}
