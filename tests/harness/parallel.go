package harness

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
)

// Data-parallel training (docs/abi.md, "Data-parallel training"): the
// exports, and Parallel, a leader and its replicas, each an Engine, driven
// in the order the JavaScript host drives them.

// ParallelBegin is gonn_fit_begin's result for a fit with "workers" > 1.
type ParallelBegin struct {
	Workers int             `json:"workers"`
	Seeds   []string        `json:"seeds"`
	Replica json.RawMessage `json:"replica"`
}

// FitBeginParallel begins a fit whose config has "workers" > 1 and returns
// the replicas' spec and seeds.
func (e *Engine) FitBeginParallel(h, x, y int32, cfg string) (*ParallelBegin, error) {
	if err := e.FitBegin(h, x, y, cfg); err != nil {
		return nil, err
	}
	var pb ParallelBegin
	if err := json.Unmarshal(e.Result(), &pb); err != nil {
		return nil, fmt.Errorf("harness: gonn_fit_begin result %q: %w", e.Result(), err)
	}
	return &pb, nil
}

// ReplicaCreate makes a replica from the spec of FitBeginParallel and a
// seed.
func (e *Engine) ReplicaCreate(replica json.RawMessage, seed string) (int32, error) {
	var spec map[string]json.RawMessage
	if err := json.Unmarshal(replica, &spec); err != nil {
		return 0, err
	}
	spec["seed"], _ = json.Marshal(seed)
	b, err := json.Marshal(spec)
	if err != nil {
		return 0, err
	}
	return e.ReplicaCreateJSON(string(b))
}

// ReplicaCreateJSON calls gonn_replica_create with any JSON.
func (e *Engine) ReplicaCreateJSON(s string) (int32, error) {
	if err := e.withJSON("gonn_replica_create", s); err != nil {
		return 0, err
	}
	return e.ResultHandle(), nil
}

// FitShards begins the next batch: the shards for replicas 1 … k−1, and k
// (0 when the fit is over).
func (e *Engine) FitShards(h int32) (shards [][]byte, k int, err error) {
	if err := e.Status("gonn_fit_shards", I32(h)); err != nil {
		return nil, 0, err
	}
	b := e.Result()
	if len(b) < 4 {
		return nil, 0, fmt.Errorf("harness: gonn_fit_shards result of %d bytes", len(b))
	}
	k = int(binary.LittleEndian.Uint32(b))
	b = b[4:]
	for i := 1; i < k; i++ {
		if len(b) < 4 {
			return nil, 0, fmt.Errorf("harness: gonn_fit_shards: shard %d missing", i)
		}
		n := int(binary.LittleEndian.Uint32(b))
		if len(b) < 4+n {
			return nil, 0, fmt.Errorf("harness: gonn_fit_shards: shard %d of %d bytes, %d left", i, n, len(b)-4)
		}
		shards = append(shards, b[4:4+n])
		b = b[4+n:]
	}
	if len(b) > 0 {
		return nil, 0, fmt.Errorf("harness: gonn_fit_shards: %d bytes after the shards", len(b))
	}
	return shards, k, nil
}

// ShardGradients runs replica h on a shard and returns its result bytes.
func (e *Engine) ShardGradients(h int32, shard []byte) ([]byte, error) {
	err := e.withBytes(shard, func(p uint32) error {
		return e.Status("gonn_shard_gradients", I32(h), uint64(p), I32(int32(len(shard))))
	})
	if err != nil {
		return nil, err
	}
	return e.Result(), nil
}

// FitLeaderShard has the leader compute its own shard.
func (e *Engine) FitLeaderShard(h int32) error { return e.Status("gonn_fit_leader_shard", I32(h)) }

// FitFinish ends the batch with the replicas' results, concatenated.
func (e *Engine) FitFinish(h int32, results []byte) (*Progress, error) {
	if len(results) == 0 {
		if err := e.Status("gonn_fit_finish", I32(h), 0, 0); err != nil {
			return nil, err
		}
	} else {
		err := e.withBytes(results, func(p uint32) error {
			return e.Status("gonn_fit_finish", I32(h), uint64(p), I32(int32(len(results))))
		})
		if err != nil {
			return nil, err
		}
	}
	var p Progress
	if err := json.Unmarshal(e.Result(), &p); err != nil {
		return nil, fmt.Errorf("harness: gonn_fit_finish result %q: %w", e.Result(), err)
	}
	p.Raw = e.Result()
	return &p, nil
}

// FitAbort ends the model's fit at once.
func (e *Engine) FitAbort(h int32) error { return e.Status("gonn_fit_abort", I32(h)) }

// Parallel is a data-parallel fit in progress: the leader's engine and
// model, the replicas' engines and models.
type Parallel struct {
	Leader   *Engine
	Model    int32
	Replicas []*Engine
	Handles  []int32
}

// BeginParallel begins the fit of model h in leader on (x, y) with cfg
// (whose "workers" is len(replicas)+1) and makes a replica in each of
// replicas with the leader's weights.
func BeginParallel(leader *Engine, h, x, y int32, cfg string, replicas []*Engine) (*Parallel, error) {
	pb, err := leader.FitBeginParallel(h, x, y, cfg)
	if err != nil {
		return nil, err
	}
	if pb.Workers != len(replicas)+1 || len(pb.Seeds) != len(replicas) {
		return nil, fmt.Errorf("harness: %d workers and %d seeds for %d replicas", pb.Workers, len(pb.Seeds), len(replicas))
	}
	w, err := leader.Weights(h)
	if err != nil {
		return nil, err
	}
	p := &Parallel{Leader: leader, Model: h, Replicas: replicas}
	for i, r := range replicas {
		rh, err := r.ReplicaCreate(pb.Replica, pb.Seeds[i])
		if err != nil {
			return nil, err
		}
		if err := r.SetWeights(rh, w); err != nil {
			return nil, err
		}
		p.Handles = append(p.Handles, rh)
	}
	return p, nil
}

// Batch trains one batch and returns the progress (done, with no batch
// trained, when the fit was over).
func (p *Parallel) Batch() (*Progress, error) {
	shards, k, err := p.Leader.FitShards(p.Model)
	if err != nil {
		return nil, err
	}
	if k == 0 {
		return p.Leader.FitStep(p.Model, 0)
	}
	var results []byte
	for i, s := range shards {
		r, err := p.Replicas[i].ShardGradients(p.Handles[i], s)
		if err != nil {
			return nil, fmt.Errorf("replica %d: %w", i+1, err)
		}
		results = append(results, r...)
	}
	if err := p.Leader.FitLeaderShard(p.Model); err != nil {
		return nil, err
	}
	pr, err := p.Leader.FitFinish(p.Model, results)
	if err != nil || pr.Done {
		return pr, err
	}
	w, err := p.Leader.Weights(p.Model)
	if err != nil {
		return nil, err
	}
	for i, r := range p.Replicas {
		if err := r.SetWeights(p.Handles[i], w); err != nil {
			return nil, err
		}
	}
	return pr, nil
}

// Run trains to the end and returns the last progress.
func (p *Parallel) Run() (*Progress, error) {
	for {
		pr, err := p.Batch()
		if err != nil || pr.Done {
			return pr, err
		}
	}
}
