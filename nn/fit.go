package nn

import (
	"errors"
	"fmt"
	"math"

	"gonn/nn/ag"
	"gonn/nn/metrics"
	"gonn/nn/tensor"
)

// FitConfig holds Fit's arguments, with Keras names. Zero values take
// Keras' defaults: 1 epoch, batches of 32, shuffled every epoch.
type FitConfig struct {
	Epochs    int
	BatchSize int
	// NoShuffle keeps the examples in order (Keras shuffle=False).
	NoShuffle bool
	// ValidationSplit sets apart this fraction of the examples, taken from
	// the end before any shuffling as in Keras, to validate on after each
	// epoch. Ignored when ValidationData is set.
	ValidationSplit float64
	// ValidationData is evaluated after each epoch: {x, y}.
	ValidationData *Dataset
	Callbacks      []Callback
	// InitialEpoch is the epoch to start counting from (to resume).
	InitialEpoch int
	// AllowNonFinite accepts NaN or ±Inf in x and y; by default Fit refuses
	// them with an error naming the first such value.
	AllowNonFinite bool
}

// Dataset is a pair of inputs and targets with the same first extent.
type Dataset struct{ X, Y *tensor.Tensor }

// Fit trains the model on x (N, inputShape…) and targets y (N, …), Keras
// style: per epoch, the training examples are shuffled with the model's PRNG
// and cut into mini-batches; each batch runs forward in training mode, the
// loss's gradient flows back, and the optimiser updates the weights of the
// trainable layers. The History holds the mean loss and metrics of every
// epoch, and val_ ones when there is validation data.
//
// Fit returns an error, not a panic, for bad input; if the loss becomes NaN
// or infinite it stops with an error naming the epoch and batch, and the
// weights are those after the last good batch.
func (m *Sequential) Fit(x, y *tensor.Tensor, cfg FitConfig) (hist *History, err error) {
	defer catchShape(&err)
	if m.optimizer == nil {
		return nil, errors.New("nn: Fit: compile the model first")
	}
	if err := m.checkData("Fit", x, y, cfg.AllowNonFinite); err != nil {
		return nil, err
	}
	epochs, batchSize := cfg.Epochs, cfg.BatchSize
	if epochs == 0 {
		epochs = 1
	}
	if batchSize == 0 {
		batchSize = 32
	}
	if epochs < 0 || batchSize < 0 || cfg.InitialEpoch < 0 {
		return nil, fmt.Errorf("nn: Fit: epochs %d, batch size %d and initial epoch %d must not be negative", cfg.Epochs, cfg.BatchSize, cfg.InitialEpoch)
	}
	train, val, err := splitValidation(x, y, cfg)
	if err != nil {
		return nil, err
	}
	if val != nil {
		if err := m.checkData("Fit (validation data)", val.X, val.Y, cfg.AllowNonFinite); err != nil {
			return nil, err
		}
	}
	if train.X.Shape[0] == 0 {
		return nil, errors.New("nn: Fit: no training examples")
	}
	ms, err := m.newMetrics()
	if err != nil {
		return nil, err
	}

	m.stop = false
	hist = &History{}
	for _, c := range cfg.Callbacks {
		c.OnTrainBegin(m)
	}
	var logs Logs
	for epoch := cfg.InitialEpoch; epoch < epochs && !m.stop; epoch++ {
		for _, c := range cfg.Callbacks {
			c.OnEpochBegin(m, epoch)
		}
		logs, err = m.fitEpoch(train, batchSize, !cfg.NoShuffle, epoch, ms, cfg.Callbacks)
		if err != nil {
			return hist, err
		}
		if val != nil {
			vlogs, err := m.Evaluate(val.X, val.Y, batchSize)
			if err != nil {
				return hist, err
			}
			for k, v := range vlogs {
				logs["val_"+k] = v
			}
		}
		hist.add(epoch, logs)
		for _, c := range cfg.Callbacks {
			c.OnEpochEnd(m, epoch, logs)
		}
	}
	for _, c := range cfg.Callbacks {
		c.OnTrainEnd(m, logs)
	}
	return hist, nil
}

// fitEpoch runs one epoch over train and returns its mean loss and metrics.
func (m *Sequential) fitEpoch(train *Dataset, batchSize int, shuffle bool, epoch int, ms []metrics.Metric, cbs []Callback) (Logs, error) {
	n := train.X.Shape[0]
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if shuffle {
		order = m.Rand().Perm(n)
	}
	for _, mt := range ms {
		mt.Reset()
	}
	var lossSum float64
	seen := 0
	logs := Logs{}
	for b, s := range batches(n, batchSize) {
		xb, yb := gatherRows(train.X, order[s.lo:s.hi]), gatherRows(train.Y, order[s.lo:s.hi])
		loss, pred, err := m.TrainOnBatch(xb, yb)
		if err != nil {
			return nil, fmt.Errorf("nn: Fit: epoch %d, batch %d: %w", epoch+1, b+1, err)
		}
		size := s.hi - s.lo
		lossSum += float64(loss) * float64(size)
		seen += size
		logs = Logs{"loss": lossSum / float64(seen)}
		for _, mt := range ms {
			mt.Update(yb, pred)
			logs[mt.Name()] = mt.Result()
		}
		for _, c := range cbs {
			c.OnBatchEnd(m, epoch, b, logs)
		}
		if m.stop {
			break
		}
	}
	return logs, nil
}

// TrainOnBatch runs one optimisation step on the batch (x, y) and returns
// the batch's loss (before the update) and the model's predictions. If the
// loss is not finite, the weights are left untouched and an error says so.
func (m *Sequential) TrainOnBatch(x, y *tensor.Tensor) (loss float32, pred *tensor.Tensor, err error) {
	defer catchShape(&err)
	if m.optimizer == nil {
		return 0, nil, errors.New("nn: TrainOnBatch: compile the model first")
	}
	if err := m.ensureBuilt(x); err != nil {
		return 0, nil, err
	}
	params := m.trainableWeights()
	out := m.forward(x, true)
	l := m.loss.Call(y, out)
	loss = l.Data()[0]
	if math.IsNaN(float64(loss)) || math.IsInf(float64(loss), 0) {
		return loss, nil, fmt.Errorf("the loss is %v; training stopped, the weights are those before this batch", loss)
	}
	for _, p := range params {
		p.ZeroGrad()
	}
	ag.Backward(l)
	m.optimizer.Apply(params)
	return loss, out.Value, nil
}
