package nn

import (
	"errors"
	"fmt"
	"math"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// Data-parallel training: N replicas of one model, each with the same
// weights, share every batch. The batch is cut into N contiguous shards;
// replica i computes the gradient of its shard's mean loss
// (ShardGradients); the gradients are combined in the fixed order 0…N-1,
// each weighted by its share of the batch, n_i/B, which is the gradient of
// the batch's mean loss; replica 0, the leader, whose Trainer runs the fit,
// applies it with its optimiser (FinishShards) and its weights are copied
// to the others. The result depends on N but, for a given N, not on where
// or how fast the replicas run: the same bits natively (FitParallel, with
// goroutines), in wazero and in a browser's pool of workers.
//
// Each replica draws dropout masks from its own PRNG, seeded from the
// leader's (ReplicaSeeds). BatchNormalization normalises each shard by its
// own statistics, as in Keras' MirroredStrategy without synchronised
// batch norm, and the moving statistics are the leader's.

// ShardResult is what a replica computed on its shard of a batch.
type ShardResult struct {
	// Loss is the mean loss over the shard's examples, before the update.
	Loss float32
	// Pred holds the predictions (n, outputShape…), for the metrics.
	Pred *tensor.Tensor
	// Grads holds, for each trainable weight in the order of
	// TrainableWeights, the gradient of Loss with the weight's shape, or
	// nil where the loss does not depend on the weight. Empty when the loss
	// is not finite.
	Grads []*tensor.Tensor
}

// ShardGradients runs the model forward in training mode on a shard (x, y)
// and back from its loss, and returns the loss, predictions and gradients
// without changing a weight (dropout draws and BatchNormalization's moving
// statistics change, as in training). A non-finite loss is returned with no
// gradients and no error: FinishShards reports it with the epoch and batch.
func (m *Sequential) ShardGradients(x, y *tensor.Tensor) (r ShardResult, err error) {
	defer catchShape(&err)
	if m.optimizer == nil {
		return r, errors.New("nn: ShardGradients: compile the model first")
	}
	if err := m.ensureBuilt(x); err != nil {
		return r, err
	}
	params := m.trainableWeights()
	out := m.forward(x, true)
	l := m.loss.Call(y, out)
	r.Loss, r.Pred = l.Data()[0], out.Value
	if !finite(r.Loss) {
		return r, nil
	}
	for _, p := range params {
		p.ZeroGrad()
	}
	ag.Backward(l)
	r.Grads = make([]*tensor.Tensor, len(params))
	for i, p := range params {
		if p.Grad != nil {
			r.Grads[i] = p.Grad.Clone()
		}
	}
	return r, nil
}

// ReplicaSeeds draws seeds for the PRNGs of replicas 1…n-1 from the
// leader's PRNG (none for n = 1, so one replica trains exactly as Fit).
func (t *Trainer) ReplicaSeeds(n int) []uint64 {
	seeds := make([]uint64, max(n-1, 0))
	for i := range seeds {
		seeds[i] = t.m.Rand().Uint64()
	}
	return seeds
}

// NextShards begins the next batch of a data-parallel fit over replicas
// replicas and returns its shards, (x_i, y_i) for replica i: the batch's
// rows cut in order into parts whose sizes differ by at most one, larger
// first; a batch smaller than replicas gives fewer shards. The host runs
// ShardGradients of replica i on shard i and passes the results, in order,
// to FinishShards. If the fit was stopped (Sequential.Stop) or is done,
// NextShards closes it as Step does and returns no shards.
func (t *Trainer) NextShards(replicas int) (shards []Dataset, err error) {
	defer catchShape(&err)
	if replicas < 1 {
		return nil, fmt.Errorf("nn: NextShards: %d replicas; want at least 1", replicas)
	}
	if t.pending != nil {
		return nil, errors.New("nn: NextShards: the shards of the last batch are not finished (FinishShards)")
	}
	if t.m.stop && !t.done {
		if t.batch > 0 {
			return nil, t.failed(t.endEpoch())
		}
		t.finish()
	}
	if t.done {
		return nil, nil
	}
	if t.batch == 0 {
		t.beginEpoch()
	}
	xb, yb := t.nextBatch()
	b := xb.Shape[0]
	for i, lo := 0, 0; i < replicas && lo < b; i++ {
		hi := lo + b/replicas
		if i < b%replicas {
			hi++
		}
		shards = append(shards, Dataset{sliceRows(xb, lo, hi), sliceRows(yb, lo, hi)})
		lo = hi
	}
	t.pending = shards
	return shards, nil
}

// FinishShards ends the batch NextShards began: it combines the replicas'
// gradients, Σ_i (n_i/B)·g_i in the order of the shards, applies them with
// the leader's optimiser, and records the loss Σ_i (n_i/B)·loss_i and the
// metrics, as Step does for one batch (callbacks and the end of the epoch
// included). If a shard's loss is not finite, no weight changes and the fit
// ends with an error naming the epoch and batch.
func (t *Trainer) FinishShards(results []ShardResult) (err error) {
	defer catchShape(&err)
	shards := t.pending
	if shards == nil {
		return errors.New("nn: FinishShards: no batch begun (NextShards)")
	}
	if len(results) != len(shards) {
		return fmt.Errorf("nn: FinishShards: %d results for %d shards", len(results), len(shards))
	}
	params := t.m.trainableWeights()
	for i, r := range results {
		if err := checkShardResult(r, shards[i], params, t.m.OutputShape()); err != nil {
			return fmt.Errorf("nn: FinishShards: shard %d: %w", i, err)
		}
	}
	t.pending = nil
	b := 0
	for _, s := range shards {
		b += s.X.Shape[0]
	}
	var loss float64
	outs := make([]targetsAndPredictions, len(shards))
	for i, r := range results {
		if !finite(r.Loss) {
			err := fmt.Errorf("the loss is %v (shard %d); training stopped, the weights are those before this batch", r.Loss, i)
			return t.failed(t.batchError(err))
		}
		loss += float64(shards[i].X.Shape[0]) / float64(b) * float64(r.Loss)
		outs[i] = targetsAndPredictions{shards[i].Y, r.Pred}
	}
	for j, p := range params {
		g := combineGradients(results, shards, b, j)
		if g == nil {
			p.ZeroGrad()
			continue
		}
		p.Grad = g
	}
	t.m.optimizer.Apply(params)
	t.recordBatch(loss, outs)
	if t.batch == len(t.spans) || t.m.stop {
		return t.failed(t.endEpoch())
	}
	return nil
}

// combineGradients is Σ_i (n_i/B)·g_i for trainable weight j, in shard
// order, skipping shards without a gradient for it; nil if none has one.
// With one shard it is that shard's gradient, bit for bit.
func combineGradients(results []ShardResult, shards []Dataset, b, j int) *tensor.Tensor {
	var sum *tensor.Tensor
	for i, r := range results {
		g := r.Grads[j]
		if g == nil {
			continue
		}
		w := float32(shards[i].X.Shape[0]) / float32(b)
		if sum == nil {
			sum = tensor.New(g.Shape...)
			for k, v := range g.Data {
				sum.Data[k] = w * v
			}
			continue
		}
		for k, v := range g.Data {
			sum.Data[k] += float32(w * v)
		}
	}
	return sum
}

// checkShardResult checks that a result fits its shard and the model: the
// predictions' shape, and one gradient of the right shape per trainable
// weight (results come from other instances, over a wire).
func checkShardResult(r ShardResult, s Dataset, params []*ag.Var, outShape []int) error {
	want := append([]int{s.X.Shape[0]}, outShape...)
	if r.Pred == nil || !tensor.SameShape(r.Pred.Shape, want) {
		got := "none"
		if r.Pred != nil {
			got = shapeString(r.Pred.Shape)
		}
		return fmt.Errorf("predictions of shape %s, want %s", got, shapeString(want))
	}
	if !finite(r.Loss) {
		return nil
	}
	if len(r.Grads) != len(params) {
		return fmt.Errorf("%d gradients for %d trainable weights", len(r.Grads), len(params))
	}
	for j, g := range r.Grads {
		if g != nil && !tensor.SameShape(g.Shape, params[j].Shape()) {
			return fmt.Errorf("gradient %d (%s) has shape %s, want %s", j, params[j].Name, shapeString(g.Shape), shapeString(params[j].Shape()))
		}
	}
	return nil
}

// failed marks the Trainer done when err is not nil, as Step does.
func (t *Trainer) failed(err error) error {
	if err != nil {
		t.done = true
	}
	return err
}

func finite(v float32) bool { return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) }
