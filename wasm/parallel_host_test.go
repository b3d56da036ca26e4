package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"testing"

	"gonn/nn"
	"gonn/nn/mnist"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/require"
)

// A host of a data-parallel fit for the tests: one Engine per replica,
// driven through the exports in the order docs/abi.md gives (the order of
// wasm/js/engine.js and tests/parallel_test.go), natively.

// parallelHost is a data-parallel fit in progress: the leader's engine and
// model, the replicas' engines and models.
type parallelHost struct {
	t        testing.TB
	leader   *Engine
	lh       int32
	replicas []*Engine
	rh       []int32
}

// beginParallel begins the fit of model lh on (x, y) with cfg (which holds
// "workers": len(replicas)+1) and makes the replicas.
func beginParallel(t testing.TB, leader *Engine, lh, x, y int32, cfg string, replicas []*Engine) *parallelHost {
	return beginParallelReusing(t, leader, lh, x, y, cfg, replicas, nil)
}

// beginParallelReusing is beginParallel with replica i made by
// gonn_replica_create with "reuse": reuse[i] when reuse is not nil.
func beginParallelReusing(t testing.TB, leader *Engine, lh, x, y int32, cfg string, replicas []*Engine, reuse []int32) *parallelHost {
	t.Helper()
	pb := decodeResult[parallelBegin](t, leader, fitBegin(t, leader, lh, x, y, cfg))
	require.Equal(t, len(replicas)+1, pb.Workers)
	require.Len(t, pb.Seeds, len(replicas))
	p := &parallelHost{t: t, leader: leader, lh: lh, replicas: replicas}
	w := weightsOf(t, leader, lh)
	for i, r := range replicas {
		args := replicaArgs{replicaSpec: pb.Replica}
		args.Seed = pb.Seeds[i]
		if reuse != nil {
			args.Reuse = reuse[i]
		}
		b, err := json.Marshal(args)
		require.NoError(t, err)
		ok(t, r, r.ReplicaCreate(put(t, r, b)))
		p.rh = append(p.rh, r.ResultHandle())
		setWeights(t, r, p.rh[i], w)
	}
	return p
}

// shards calls gonn_fit_shards and splits its result: the shards for
// replicas 1 … k−1, and k.
func (p *parallelHost) shards() (out [][]byte, k int) {
	p.t.Helper()
	ok(p.t, p.leader, p.leader.FitShards(p.lh))
	return splitShards(p.t, result(p.leader))
}

// splitShards splits gonn_fit_shards' result.
func splitShards(t testing.TB, b []byte) (out [][]byte, k int) {
	t.Helper()
	require.GreaterOrEqual(t, len(b), 4)
	k = int(binary.LittleEndian.Uint32(b))
	b = b[4:]
	for range max(k-1, 0) {
		n := int(binary.LittleEndian.Uint32(b))
		out = append(out, b[4:4+n])
		b = b[4+n:]
	}
	require.Empty(t, b, "bytes after the shards")
	return out, k
}

// gradients runs the replicas on their shards and returns their results,
// concatenated as gonn_fit_finish reads them.
func (p *parallelHost) gradients(shards [][]byte) []byte {
	p.t.Helper()
	var all []byte
	for i, s := range shards {
		r := p.replicas[i]
		ptr, n := put(p.t, r, s)
		ok(p.t, r, r.ShardGradients(p.rh[i], ptr, n))
		all = append(all, result(r)...)
	}
	return all
}

// finish passes the results to gonn_fit_finish and returns its status.
func (p *parallelHost) finish(results []byte) int32 {
	p.t.Helper()
	if len(results) == 0 {
		return p.leader.FitFinish(p.lh, 0, 0)
	}
	ptr, n := put(p.t, p.leader, results)
	return p.leader.FitFinish(p.lh, ptr, n)
}

// batch trains one batch and returns the progress (done, with no batch
// trained, when the fit was over).
func (p *parallelHost) batch() progress {
	p.t.Helper()
	shards, k := p.shards()
	if k == 0 {
		return decodeResult[progress](p.t, p.leader, p.leader.FitStep(p.lh, 0))
	}
	results := p.gradients(shards)
	ok(p.t, p.leader, p.leader.FitLeaderShard(p.lh))
	pr := decodeResult[progress](p.t, p.leader, p.finish(results))
	if !pr.Done {
		w := weightsOf(p.t, p.leader, p.lh)
		for i, r := range p.replicas {
			setWeights(p.t, r, p.rh[i], w)
		}
	}
	return pr
}

// run trains to the end and returns the last progress.
func (p *parallelHost) run() progress {
	p.t.Helper()
	for {
		if pr := p.batch(); pr.Done {
			return pr
		}
	}
}

// engines makes n fresh engines.
func engines(n int) []*Engine {
	out := make([]*Engine, n)
	for i := range out {
		out[i] = NewEngine()
	}
	return out
}

// nativeParallel trains spec's model (compiled with Adam, the loss and
// accuracy) with nn.FitParallel over n replicas built natively, the
// followers from another seed, and returns the leader and the history.
// A reseed, like fit_begin's "seed", reseeds the leader before the fit.
func nativeParallel(t testing.TB, spec, loss string, n int, x, y *tensor.Tensor, cfg nn.FitConfig, reseed ...uint64) (*nn.Sequential, *nn.History) {
	t.Helper()
	reps := nativeReplicas(t, spec, loss, n)
	for _, s := range reseed {
		reps[0].SetSeed(s)
	}
	h, err := nn.FitParallel(reps, x, y, cfg)
	require.NoError(t, err)
	return reps[0], h
}

// nativeReplicas builds n models of spec natively, compiled with Adam,
// the loss and accuracy, the followers from other seeds (their own
// weights and seeds must not matter).
func nativeReplicas(t testing.TB, spec, loss string, n int) []*nn.Sequential {
	t.Helper()
	reps := make([]*nn.Sequential, n)
	for i := range reps {
		ms, err := parseModelSpec([]byte(spec))
		require.NoError(t, err)
		ms.seed += uint64(i) * 1000
		seq, err := ms.build()
		require.NoError(t, err)
		l, err := lossFrom(json.RawMessage(fmt.Sprintf("%q", loss)))
		require.NoError(t, err)
		require.NoError(t, seq.Compile(optimizers.NewAdam(), l, "accuracy"))
		reps[i] = seq
	}
	return reps
}

// historyOf is h as gonn_fit_step writes it.
func historyOf(h *nn.History) historyJSON {
	out := historyJSON{Epoch: append([]int{}, h.Epoch...), History: map[string][]jsonFloat{}}
	for k, vs := range h.History {
		out.History[k] = floatsJSON(vs)
	}
	return out
}

// jsonOf is v as JSON text, to compare values holding NaN.
func jsonOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// mnistData is the first n MNIST training images (n, 784) and one-hot
// labels (n, 10).
func mnistData(t testing.TB, n int) (x, y *tensor.Tensor) {
	t.Helper()
	train, _, err := mnist.Default()
	require.NoError(t, err)
	s := train.Subset(n)
	return tensor.From(s.Images, n, 784), tensor.From(s.OneHot(), n, 10)
}

// randomImages is n seeded random images (n, 8, 8, 1) in [0, 1) with
// one-hot labels (n, 10).
func randomImages(n int, seed uint64) (x, y *tensor.Tensor) {
	r := rng.New(seed)
	x, y = tensor.New(n, 8, 8, 1), tensor.New(n, 10)
	for i := range x.Data {
		x.Data[i] = r.Float32()
	}
	for i := range n {
		y.Data[i*10+r.Intn(10)] = 1
	}
	return x, y
}
