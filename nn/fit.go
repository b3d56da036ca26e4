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
	// InitialEpoch is the epoch to start counting from (Keras
	// initial_epoch): epochs InitialEpoch to Epochs-1 run, each from its
	// start. After LoadCheckpoint of a checkpoint taken at an epoch's end,
	// InitialEpoch = the epochs it had done continues the run bit for bit.
	InitialEpoch int
	// Resume continues where the model's training stopped, as the last
	// Fit left it or LoadCheckpoint restored it (TrainingPosition), even in
	// the middle of an epoch: InitialEpoch is ignored, and an epoch stopped
	// after batch b runs again from batch b+1 in the same order. The data
	// and BatchSize must be those of the stopped run. See docs/checkpoint.md.
	Resume bool
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
// weights are those after the last good batch. Fit is NewTrainer followed by
// Step until done; hosts that report progress between batches use those.
func (m *Sequential) Fit(x, y *tensor.Tensor, cfg FitConfig) (*History, error) {
	t, err := m.NewTrainer(x, y, cfg)
	if err != nil {
		return nil, err
	}
	for !t.Done() {
		if err := t.Step(1 << 30); err != nil {
			return t.History(), err
		}
	}
	return t.History(), nil
}

// Trainer is a Fit in progress, run a few batches at a time by Step, so a
// host (the wasm engine, a UI) can report progress, pause between calls, or
// stop (Sequential.Stop) after any batch.
type Trainer struct {
	m          *Sequential
	cfg        FitConfig // defaults filled in
	train, val *Dataset
	metrics    []metrics.Metric

	epoch   int    // the epoch running or next to run
	batch   int    // the next batch of the epoch; 0 before the epoch begins
	order   []int  // the epoch's order of the training examples
	spans   []span // the epoch's batches
	lossSum float64
	seen    int // examples trained on this epoch
	logs    Logs
	resume  *trainingPosition // the stopped epoch to pick up, until it begins
	carried carriedLogs       // that epoch's metrics before it stopped
	hist    *History
	done    bool
	pending []Dataset // the shards of a batch NextShards began, until FinishShards
}

// NewTrainer checks the data and the arguments, as Fit does, and calls the
// callbacks' OnTrainBegin. Nothing is trained until Step.
func (m *Sequential) NewTrainer(x, y *tensor.Tensor, cfg FitConfig) (t *Trainer, err error) {
	defer catchShape(&err)
	if m.optimizer == nil {
		return nil, errors.New("nn: Fit: compile the model first")
	}
	if err := m.checkData("Fit", x, y, cfg.AllowNonFinite); err != nil {
		return nil, err
	}
	if cfg.Epochs < 0 || cfg.BatchSize < 0 || cfg.InitialEpoch < 0 {
		return nil, fmt.Errorf("nn: Fit: epochs %d, batch size %d and initial epoch %d must not be negative", cfg.Epochs, cfg.BatchSize, cfg.InitialEpoch)
	}
	if cfg.Epochs == 0 {
		cfg.Epochs = 1
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = 32
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
	var resume *trainingPosition
	if cfg.Resume {
		if resume, err = m.position.resumeAt(train.X.Shape[0], cfg.BatchSize); err != nil {
			return nil, err
		}
		cfg.InitialEpoch = m.position.epoch
	}
	m.stop = false
	t = &Trainer{m: m, cfg: cfg, train: train, val: val, metrics: ms, epoch: cfg.InitialEpoch, hist: &History{},
		spans: batches(train.X.Shape[0], cfg.BatchSize), resume: resume}
	for _, c := range cfg.Callbacks {
		c.OnTrainBegin(m)
	}
	if t.epoch >= cfg.Epochs {
		t.finish()
	}
	return t, nil
}

// Step trains up to n batches, crossing epoch boundaries as needed (shuffle
// at the start of an epoch; validation, History and callbacks at its end).
// If Sequential.Stop was called since the last Step, Step trains nothing: it
// closes the epoch in progress (even with n = 0) and the Trainer is done.
// After an error the Trainer is done; the weights are those after the last
// good batch.
func (t *Trainer) Step(n int) (err error) {
	defer catchShape(&err)
	defer func() {
		if err != nil {
			t.done = true
		}
	}()
	if t.m.stop && !t.done {
		// Stop came between two Steps: end after the last completed batch,
		// closing the epoch in progress, rather than run one more.
		if t.batch > 0 {
			return t.endEpoch()
		}
		t.finish()
		return nil
	}
	for i := 0; i < n && !t.done; i++ {
		if t.batch == 0 {
			t.beginEpoch()
		}
		if err := t.runBatch(); err != nil {
			return err
		}
		if t.batch == len(t.spans) || t.m.stop {
			if err := t.endEpoch(); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *Trainer) beginEpoch() {
	for _, c := range t.cfg.Callbacks {
		c.OnEpochBegin(t.m, t.epoch)
	}
	for _, mt := range t.metrics {
		mt.Reset()
	}
	t.lossSum, t.seen, t.carried = 0, 0, carriedLogs{}
	if t.resume != nil {
		t.pickUp(*t.resume)
		t.resume = nil
		return
	}
	n := t.train.X.Shape[0]
	if t.cfg.NoShuffle {
		t.order = make([]int, n)
		for i := range t.order {
			t.order[i] = i
		}
	} else {
		t.order = t.m.Rand().Perm(n)
	}
}

// runBatch trains on the next batch and updates the running logs.
func (t *Trainer) runBatch() error {
	xb, yb := t.nextBatch()
	loss, pred, err := t.m.TrainOnBatch(xb, yb)
	if err != nil {
		return t.batchError(err)
	}
	t.recordBatch(float64(loss), []targetsAndPredictions{{yb, pred}})
	return nil
}

// nextBatch gathers the examples of the epoch's next batch.
func (t *Trainer) nextBatch() (xb, yb *tensor.Tensor) {
	s := t.spans[t.batch]
	idx := t.order[s.lo:s.hi]
	return gatherRows(t.train.X, idx), gatherRows(t.train.Y, idx)
}

// batchError names the epoch and batch (from 1) an error happened in.
func (t *Trainer) batchError(err error) error {
	return fmt.Errorf("nn: Fit: epoch %d, batch %d: %w", t.epoch+1, t.batch+1, err)
}

// targetsAndPredictions are a batch's (or a shard's) targets y (n, …) and
// the model's predictions for them (n, outputShape…).
type targetsAndPredictions struct{ y, pred *tensor.Tensor }

// recordBatch adds a trained batch to the running logs: its mean loss, and
// its targets and predictions, {y, pred} per shard in order, to the
// metrics; then it tells the callbacks and moves to the next batch.
func (t *Trainer) recordBatch(loss float64, outs []targetsAndPredictions) {
	n := 0
	for _, o := range outs {
		n += o.y.Shape[0]
	}
	t.lossSum += loss * float64(n)
	t.seen += n
	t.logs = Logs{"loss": t.lossSum / float64(t.seen)}
	for _, mt := range t.metrics {
		for _, o := range outs {
			mt.Update(o.y, o.pred)
		}
		t.logs[mt.Name()] = t.carried.result(mt, t.seen)
	}
	t.m.position = t.midEpoch()
	for _, c := range t.cfg.Callbacks {
		c.OnBatchEnd(t.m, t.epoch, t.batch, t.logs)
	}
	t.batch++
}

// endEpoch validates, records the epoch and moves to the next one.
func (t *Trainer) endEpoch() error {
	if t.val != nil {
		vlogs, err := t.m.Evaluate(t.val.X, t.val.Y, t.cfg.BatchSize)
		if err != nil {
			return err
		}
		for k, v := range vlogs {
			t.logs["val_"+k] = v
		}
	}
	if t.batch == len(t.spans) {
		t.m.position = trainingPosition{epoch: t.epoch + 1}
	}
	t.hist.add(t.epoch, t.logs)
	for _, c := range t.cfg.Callbacks {
		c.OnEpochEnd(t.m, t.epoch, t.logs)
	}
	t.epoch++
	t.batch = 0
	if t.epoch >= t.cfg.Epochs || t.m.stop {
		t.finish()
	}
	return nil
}

func (t *Trainer) finish() {
	t.done = true
	for _, c := range t.cfg.Callbacks {
		c.OnTrainEnd(t.m, t.logs)
	}
}

// Done reports whether training has ended: all epochs run, stopped, or failed.
func (t *Trainer) Done() bool { return t.done }

// History is the record of the epochs completed so far.
func (t *Trainer) History() *History { return t.hist }

// Progress tells where training stands: the current epoch (from 0), the
// number of batches of it done, the batches per epoch, and the running logs
// of the epoch (or the last epoch's logs, validation included, between
// epochs).
func (t *Trainer) Progress() (epoch, batch, batchesPerEpoch int, logs Logs) {
	return t.epoch, t.batch, len(t.spans), t.logs
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
