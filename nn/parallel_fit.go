package nn

import (
	"errors"
	"fmt"
	"sync"

	"gonn/nn/tensor"
)

// FitParallel trains replicas[0], the leader, on (x, y) as Fit does, with
// every batch shared among the replicas, one goroutine each (see
// ShardGradients for the arithmetic). The other replicas must have the
// leader's layers and be compiled with its loss; FitParallel builds them,
// gives them the leader's weights and PRNG seeds from the leader's PRNG,
// and copies the leader's weights into them after every batch. The leader
// is built first if it is not yet, so an unbuilt leader's shuffles differ
// from Fit's. With one replica FitParallel is Fit, bit for bit.
func FitParallel(replicas []*Sequential, x, y *tensor.Tensor, cfg FitConfig) (hist *History, err error) {
	defer catchShape(&err)
	if len(replicas) == 0 {
		return nil, errors.New("nn: FitParallel: no replicas")
	}
	leader := replicas[0]
	if len(leader.Layers) == 0 {
		return nil, errors.New("nn: FitParallel: the model has no layers")
	}
	if x != nil && x.Rank() >= 1 {
		if err := leader.ensureBuilt(x); err != nil {
			return nil, err
		}
	}
	t, err := leader.NewTrainer(x, y, cfg)
	if err != nil {
		return nil, err
	}
	followers := replicas[1:]
	for i, f := range followers {
		if err := f.becomeReplicaOf(leader, x); err != nil {
			return t.History(), fmt.Errorf("nn: FitParallel: replica %d: %w", i+1, err)
		}
	}
	for i, seed := range t.ReplicaSeeds(len(replicas)) {
		followers[i].SetSeed(seed)
	}
	results := make([]ShardResult, len(replicas))
	errs := make([]error, len(replicas))
	for !t.Done() {
		shards, err := t.NextShards(len(replicas))
		if err != nil || len(shards) == 0 {
			return t.History(), err
		}
		var wg sync.WaitGroup
		for i := 1; i < len(shards); i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], errs[i] = replicas[i].ShardGradients(shards[i].X, shards[i].Y)
			}()
		}
		results[0], errs[0] = leader.ShardGradients(shards[0].X, shards[0].Y)
		wg.Wait()
		for i := range shards {
			if errs[i] != nil {
				return t.History(), fmt.Errorf("nn: FitParallel: replica %d: %w", i, errs[i])
			}
		}
		if err := t.FinishShards(results[:len(shards)]); err != nil {
			return t.History(), err
		}
		for _, f := range followers {
			copyWeights(f, leader)
		}
	}
	return t.History(), nil
}

// becomeReplicaOf builds m for x and gives it the leader's weights, after
// checking that they match in number and shape and that m is compiled.
func (m *Sequential) becomeReplicaOf(leader *Sequential, x *tensor.Tensor) error {
	if m == leader {
		return errors.New("the leader again; each replica must be its own model")
	}
	if m.loss == nil {
		return errors.New("compile the model first")
	}
	if err := m.ensureBuilt(x); err != nil {
		return err
	}
	lw, mw := leader.Weights(), m.Weights()
	if len(lw) != len(mw) {
		return fmt.Errorf("%d weights, the leader has %d", len(mw), len(lw))
	}
	for i := range lw {
		if !tensor.SameShape(lw[i].Shape(), mw[i].Shape()) {
			return fmt.Errorf("weight %d (%s) has shape %s, the leader's %s", i, mw[i].Name, shapeString(mw[i].Shape()), shapeString(lw[i].Shape()))
		}
	}
	copyWeights(m, leader)
	return nil
}

// copyWeights copies every weight of src (trainable or not) into dst,
// whose weights have the same shapes.
func copyWeights(dst, src *Sequential) {
	sw := src.Weights()
	for i, w := range dst.Weights() {
		copy(w.Value.Data, sw[i].Value.Data)
	}
}
