package nn

import (
	"errors"
	"fmt"
	"math"

	"gonn/nn/metrics"
	"gonn/nn/tensor"
)

// Evaluate returns the loss and metrics of the model on (x, y), computed in
// inference mode (no dropout) in batches of batchSize (0 means 32). The loss
// is the mean over all examples, as Keras reports it.
func (m *Sequential) Evaluate(x, y *tensor.Tensor, batchSize int) (logs Logs, err error) {
	defer catchShape(&err)
	if m.loss == nil {
		return nil, errors.New("nn: Evaluate: compile the model first")
	}
	if err := m.checkData("Evaluate", x, y, true); err != nil {
		return nil, err
	}
	if batchSize <= 0 {
		batchSize = 32
	}
	ms, err := m.newMetrics()
	if err != nil {
		return nil, err
	}
	n := x.Shape[0]
	var lossSum float64
	for _, s := range batches(n, batchSize) {
		xb, yb := sliceRows(x, s.lo, s.hi), sliceRows(y, s.lo, s.hi)
		out := m.forward(xb, false)
		lossSum += float64(m.loss.Call(yb, out).Data()[0]) * float64(s.hi-s.lo)
		for _, mt := range ms {
			mt.Update(yb, out.Value)
		}
	}
	logs = Logs{"loss": lossSum / float64(max(n, 1))}
	for _, mt := range ms {
		logs[mt.Name()] = mt.Result()
	}
	return logs, nil
}

// Predict runs the model in inference mode on x (N, inputShape…) in batches
// of batchSize (0 means 32) and returns the outputs (N, outputShape…).
func (m *Sequential) Predict(x *tensor.Tensor, batchSize int) (out *tensor.Tensor, err error) {
	defer catchShape(&err)
	if len(m.Layers) == 0 {
		return nil, errors.New("nn: Predict: the model has no layers")
	}
	if err := m.ensureBuilt(x); err != nil {
		return nil, err
	}
	if batchSize <= 0 {
		batchSize = 32
	}
	n := x.Shape[0]
	out = tensor.New(append([]int{n}, m.OutputShape()...)...)
	row := out.Size() / max(n, 1)
	for _, s := range batches(n, batchSize) {
		pred := m.forward(sliceRows(x, s.lo, s.hi), false)
		copy(out.Data[s.lo*row:s.hi*row], pred.Data())
	}
	return out, nil
}

// newMetrics makes fresh metric accumulators for the compiled metric names.
func (m *Sequential) newMetrics() ([]metrics.Metric, error) {
	ms := make([]metrics.Metric, len(m.metricNames))
	for i, name := range m.metricNames {
		mt, err := metrics.Get(name, m.loss.Name())
		if err != nil {
			return nil, err
		}
		ms[i] = mt
	}
	return ms, nil
}

// checkData checks that x and y hold the same number of examples, that x's
// examples fit the model, and (unless allowed) that no value is NaN or Inf.
func (m *Sequential) checkData(op string, x, y *tensor.Tensor, allowNonFinite bool) error {
	if x == nil || y == nil {
		return fmt.Errorf("nn: %s: x and y are required", op)
	}
	if x.Rank() < 1 || y.Rank() < 1 || x.Shape[0] != y.Shape[0] {
		return fmt.Errorf("nn: %s: x has shape %v and y has shape %v: they must hold the same number of examples", op, x.Shape, y.Shape)
	}
	if err := m.ensureBuilt(x); err != nil {
		return fmt.Errorf("nn: %s: %w", op, err)
	}
	if allowNonFinite {
		return nil
	}
	for _, d := range []struct {
		name string
		t    *tensor.Tensor
	}{{"x", x}, {"y", y}} {
		name, t := d.name, d.t
		if i := firstNonFinite(t.Data); i >= 0 {
			return fmt.Errorf("nn: %s: %s holds %v at flat index %d (example %d); clean the data or set AllowNonFinite", op, name, t.Data[i], i, i/max(t.Strides[0], 1))
		}
	}
	return nil
}

// firstNonFinite returns the index of the first NaN or ±Inf, or -1.
func firstNonFinite(d []float32) int {
	for i, v := range d {
		if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
			return i
		}
	}
	return -1
}

// splitValidation returns the training part of (x, y) and the validation
// data: cfg.ValidationData, or the last ValidationSplit of the examples.
func splitValidation(x, y *tensor.Tensor, cfg FitConfig) (train, val *Dataset, err error) {
	train = &Dataset{x, y}
	if cfg.ValidationData != nil {
		return train, cfg.ValidationData, nil
	}
	if cfg.ValidationSplit == 0 {
		return train, nil, nil
	}
	if cfg.ValidationSplit < 0 || cfg.ValidationSplit >= 1 || math.IsNaN(cfg.ValidationSplit) {
		return nil, nil, fmt.Errorf("nn: Fit: validation split %v must be in [0, 1)", cfg.ValidationSplit)
	}
	n := x.Shape[0]
	cut := int(float64(n) * (1 - cfg.ValidationSplit)) // as Keras computes it
	if cut <= 0 || cut >= n {
		return nil, nil, fmt.Errorf("nn: Fit: validation split %v of %d examples leaves an empty part", cfg.ValidationSplit, n)
	}
	return &Dataset{sliceRows(x, 0, cut), sliceRows(y, 0, cut)},
		&Dataset{sliceRows(x, cut, n), sliceRows(y, cut, n)}, nil
}
