package main

import (
	"encoding/binary"
	"fmt"

	"gonn/nn"
)

// Data-parallel training over engine instances (nn/parallel.go has the
// arithmetic, docs/abi.md "Data-parallel training" the protocol). The
// leader's fit is begun with {"workers": N}; gonn_fit_begin returns the
// replicas' spec and seeds, and the host makes N−1 replicas in other
// instances (gonn_replica_create, gonn_weights_set). Then, per batch:
//
//	leader:   gonn_fit_shards          → shards 1 … k−1 (k ≤ N), shard 0 kept
//	replicas: gonn_shard_gradients     ← shard i, → result i
//	leader:   gonn_fit_leader_shard    (shard 0, while the replicas work)
//	leader:   gonn_fit_finish          ← results 1 … k−1, → progress
//	replicas: gonn_weights_set         ← the leader's weights (gonn_weights_get)
//
// which is nn.FitParallel's sequence, so the bits are the same wherever and
// however fast the replicas run.

// parallelFit returns the model h and its data-parallel fit in progress.
func (e *Engine) parallelFit(op string, h int32) (*model, *fit, error) {
	m, err := e.handles.model(h)
	if err != nil {
		return nil, nil, err
	}
	f := m.fit
	switch {
	case f == nil:
		return nil, nil, fail(statusNotReady, "%s: no fit begun: call gonn_fit_begin with \"workers\" first", op)
	case f.workers < 2:
		return nil, nil, fail(statusNotReady, "%s: the fit was begun with workers 1: step it with gonn_fit_step", op)
	}
	return m, f, nil
}

// FitShards begins the next batch of the model's data-parallel fit and puts
// its shards for the replicas in the result:
//
//	u32 k, then for i = 1 … k−1: u32 nbytes, nbytes of shard i
//
// k is the number of shards (the batch's examples, if fewer than the
// workers), 0 when the fit is over (all epochs run, or stopped: it is
// then closed as gonn_fit_step closes it). Shard 0 stays with the leader.
func (e *Engine) FitShards(h int32) int32 {
	return e.guard("gonn_fit_shards", false, func() error {
		const op = "gonn_fit_shards"
		_, f, err := e.parallelFit(op, h)
		if err != nil {
			return err
		}
		if f.done() {
			e.setResult(binary.LittleEndian.AppendUint32(nil, 0))
			return nil
		}
		if f.shards != nil {
			return fail(statusNotReady, "%s: the last batch's shards are out: finish it with gonn_fit_finish (or end the fit with gonn_fit_abort)", op)
		}
		shards, err := f.trainer.NextShards(f.workers)
		if err != nil {
			return trainError(op, err)
		}
		out := binary.LittleEndian.AppendUint32(nil, uint32(len(shards)))
		for _, s := range shards[min(1, len(shards)):] {
			at := len(out)
			out = appendShard(binary.LittleEndian.AppendUint32(out, 0), s)
			binary.LittleEndian.PutUint32(out[at:], uint32(len(out)-at-4))
		}
		if len(shards) > 0 {
			f.shards, f.own = shards, nil
		}
		e.setResult(out)
		return nil
	})
}

// FitLeaderShard computes the leader's own gradients on shard 0 of the
// batch begun (nn's ShardGradients) and keeps them for FitFinish. Hosts
// call it after sending the other shards out, so that the leader works
// while the replicas do.
func (e *Engine) FitLeaderShard(h int32) int32 {
	return e.guard("gonn_fit_leader_shard", false, func() error {
		const op = "gonn_fit_leader_shard"
		m, f, err := e.parallelFit(op, h)
		if err != nil {
			return err
		}
		switch {
		case f.shards == nil:
			return fail(statusNotReady, "%s: no batch begun: call gonn_fit_shards first", op)
		case f.own != nil:
			return fail(statusNotReady, "%s: the leader's shard of this batch is done: call gonn_fit_finish", op)
		}
		r, err := m.seq.ShardGradients(f.shards[0].X, f.shards[0].Y)
		if err != nil {
			f.abort()
			return trainError(op, err)
		}
		f.own = &r
		return nil
	})
}

// FitFinish ends the batch: it reads the replicas' results for shards
// 1 … k−1 at (ptr, n), each in the result form, one after the other, and
// combines them with the leader's (nn's FinishShards: Σ n_i/B · g_i in
// shard order, the leader's optimiser, logs, metrics). The result is
// gonn_fit_step's progress JSON. A result that cannot be read or does not
// fit the shard or the model ends the fit (bad_argument, shape), as does a
// loss that is not finite (non_finite): no weight changes, and the next
// gonn_fit_step reports done with the history so far.
func (e *Engine) FitFinish(h int32, ptr uintptr, n int32) int32 {
	return e.guard("gonn_fit_finish", false, func() error {
		const op = "gonn_fit_finish"
		_, f, err := e.parallelFit(op, h)
		if err != nil {
			return err
		}
		switch {
		case f.shards == nil:
			return fail(statusNotReady, "%s: no batch begun: call gonn_fit_shards first", op)
		case f.own == nil:
			return fail(statusNotReady, "%s: the leader's shard is not done: call gonn_fit_leader_shard first", op)
		}
		b, err := e.blocks.bytes(op+": results", ptr, n)
		if err != nil {
			return err
		}
		results, err := readResults(op, b, len(f.shards))
		if err != nil {
			f.abort()
			return err
		}
		results[0] = *f.own
		f.shards, f.own = nil, nil
		if err := f.trainer.FinishShards(results); err != nil {
			if !f.trainer.Done() {
				f.abort() // a result nn refused: it does not fit its shard or the model
				return fail(statusShape, "%s: %v", op, err)
			}
			return trainError(op, err)
		}
		return e.setJSON(f.progress())
	})
}

// readResults reads the results of shards 1 … k−1 from b, leaving
// results[0] for the leader's.
func readResults(op string, b []byte, k int) ([]nn.ShardResult, error) {
	r := &wireReader{op: op, b: b}
	results := make([]nn.ShardResult, k)
	for i := 1; i < k; i++ {
		res, err := r.result(fmt.Sprintf("result %d", i))
		if err != nil {
			return nil, err
		}
		results[i] = res
	}
	if err := r.end("the results"); err != nil {
		return nil, err
	}
	return results, nil
}

// FitAbort ends the model's data-parallel fit at once, leaving the weights
// as they are (those after the last finished batch) and the epoch in
// progress unrecorded: what a host does when a replica fails. The next
// gonn_fit_step reports done with the history so far. With no fit in
// progress it does nothing.
func (e *Engine) FitAbort(h int32) int32 {
	return e.guard("gonn_fit_abort", false, func() error {
		m, err := e.handles.model(h)
		if err != nil || !m.fitting() {
			return err
		}
		m.fit.abort()
		return nil
	})
}

// abort ends the fit without closing its epoch.
func (f *fit) abort() {
	f.aborted = true
	f.shards, f.own = nil, nil
}
