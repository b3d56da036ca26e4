package nn

import (
	"fmt"
	"maps"
	"slices"

	"gonn/nn/metrics"
)

// trainingPosition is where Fit stands. The Trainer keeps it on the model
// after every batch and every epoch, so a checkpoint taken in any callback,
// or after Fit returns (stopped or not), records it.
type trainingPosition struct {
	epoch int // epochs completed
	batch int // batches of epoch `epoch` completed; 0 at an epoch boundary

	// The epoch in progress, when batch > 0:
	batchSize int
	order     []int   // its order of the training examples (len: the examples)
	lossSum   float64 // Σ batch loss × batch length over its completed batches
	seen      int     // examples trained on in it
	logs      Logs    // its running logs after batch `batch`
}

// TrainingPosition reports where training stands: the epochs completed, and
// the batches completed of the next epoch when training stopped inside it
// (0 at an epoch boundary). Fit keeps it up to date; LoadCheckpoint restores
// it. Fit with FitConfig.Resume continues from it, and after a checkpoint
// taken at an epoch's end, FitConfig.InitialEpoch = epochs does too.
func (m *Sequential) TrainingPosition() (epochs, batches int) {
	return m.position.epoch, m.position.batch
}

// midEpoch is the position after the batch just run (t.batch not counted
// yet). The order is shared, not copied: the Trainer never writes it after
// the epoch began, and a checkpoint copies it as it writes.
func (t *Trainer) midEpoch() trainingPosition {
	return trainingPosition{
		epoch: t.epoch, batch: t.batch + 1, batchSize: t.cfg.BatchSize,
		order: t.order, lossSum: t.lossSum, seen: t.seen, logs: maps.Clone(t.logs),
	}
}

// resumeAt checks that the stopped epoch, if any, can go on with n training
// examples in batches of batchSize, and returns it (nil at an epoch
// boundary: the next epoch starts afresh).
func (p trainingPosition) resumeAt(n, batchSize int) (*trainingPosition, error) {
	if p.batch == 0 {
		return nil, nil
	}
	if len(p.order) != n || p.batchSize != batchSize {
		return nil, fmt.Errorf("nn: Fit: Resume: epoch %d stopped after batch %d with %d training examples in batches of %d; "+
			"this Fit has %d examples in batches of %d", p.epoch+1, p.batch, len(p.order), p.batchSize, n, batchSize)
	}
	return &p, nil
}

// pickUp starts the Trainer's epoch at the stopped position p, in its order,
// after its completed batches, with its running loss and metrics.
func (t *Trainer) pickUp(p trainingPosition) {
	t.order = slices.Clone(p.order)
	t.batch = p.batch
	t.lossSum, t.seen = p.lossSum, p.seen
	t.carried = carriedLogs{logs: p.logs, seen: p.seen}
	t.logs = maps.Clone(p.logs)
}

// carriedLogs are the running metrics of an epoch's batches run before it
// stopped, to be combined with those of the batches run after resuming.
type carriedLogs struct {
	logs Logs
	seen int // examples behind logs
}

// result is mt's running value over the whole epoch, seen examples in all:
// mt's own result when nothing was carried, else the mean of the carried
// and the new values weighted by their examples. Metrics are means over
// examples, so this is the uninterrupted epoch's value up to float64
// rounding (the training loss is carried as an exact sum instead).
func (c carriedLogs) result(mt metrics.Metric, seen int) float64 {
	if c.seen == 0 {
		return mt.Result()
	}
	before := c.logs[mt.Name()] * float64(c.seen)
	return (before + mt.Result()*float64(seen-c.seen)) / float64(seen)
}
