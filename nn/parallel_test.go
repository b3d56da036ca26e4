package nn_test

import (
	"math"
	"testing"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// replicas makes n compiled copies of smallMLP (Adam, accuracy); the
// leader has the seed, the others a different one, which FitParallel must
// overwrite.
func replicas(t *testing.T, n int, seed uint64) []*nn.Sequential {
	t.Helper()
	out := make([]*nn.Sequential, n)
	for i := range out {
		m := smallMLP(seed + uint64(i)*1000)
		require.NoError(t, m.Compile(optimizers.NewAdam(), mustLoss(t, "categorical_crossentropy"), "accuracy"))
		out[i] = m
	}
	return out
}

// TestFitParallel_OneReplicaIsFit: with one replica the sharded path
// (NextShards, ShardGradients, FinishShards) trains exactly as Fit: same
// weights, same history, validation included.
func TestFitParallel_OneReplicaIsFit(t *testing.T) {
	x, y := mnistXY(t, false, 300)
	cfg := nn.FitConfig{Epochs: 2, BatchSize: 32, ValidationSplit: 0.2}
	fit := replicas(t, 1, 7)[0]
	want, err := fit.Fit(x, y, cfg)
	require.NoError(t, err)
	par := replicas(t, 1, 7)
	got, err := nn.FitParallel(par, x, y, cfg)
	require.NoError(t, err)
	assert.Equal(t, fit.WeightsHash(), par[0].WeightsHash())
	assert.Equal(t, want.History, got.History)
}

// TestFitParallel_Deterministic: for a given number of replicas, two runs
// give the same bits (the goroutines finish in any order), the followers
// end with the leader's weights, and another count gives other weights.
func TestFitParallel_Deterministic(t *testing.T) {
	x, y := mnistXY(t, false, 200)
	cfg := nn.FitConfig{Epochs: 1, BatchSize: 25}
	hashes := map[int]uint64{}
	for _, n := range []int{2, 3} {
		var got []uint64
		for range 2 {
			rs := replicas(t, n, 11)
			_, err := nn.FitParallel(rs, x, y, cfg)
			require.NoError(t, err)
			for i, r := range rs {
				require.Equal(t, rs[0].WeightsHash(), r.WeightsHash(), "replica %d of %d", i, n)
			}
			got = append(got, rs[0].WeightsHash())
		}
		require.Equal(t, got[0], got[1], "%d replicas: two runs differ", n)
		hashes[n] = got[0]
	}
	assert.NotEqual(t, hashes[2], hashes[3])
}

// TestFitParallel_GradientIsTheBatchMean: without dropout, one SGD step
// with the batch shared among replicas (uneven shards: 7 = 3+2+2) moves
// the weights as one step on the whole batch does, up to rounding: the
// shards' gradients are weighted by their share of the batch.
func TestFitParallel_GradientIsTheBatchMean(t *testing.T) {
	x, y := mnistXY(t, false, 7)
	mk := func() *nn.Sequential {
		m := nn.NewSequential(layers.NewInput(784), layers.NewDense(16, "tanh"), layers.NewDense(10, "softmax"))
		m.SetSeed(3)
		require.NoError(t, m.Compile(optimizers.NewSGD(), mustLoss(t, "categorical_crossentropy")))
		return m
	}
	one := mk()
	_, err := one.Fit(x, y, nn.FitConfig{BatchSize: 7, NoShuffle: true})
	require.NoError(t, err)
	rs := []*nn.Sequential{mk(), mk(), mk()}
	hist, err := nn.FitParallel(rs, x, y, nn.FitConfig{BatchSize: 7, NoShuffle: true})
	require.NoError(t, err)
	for i, w := range one.Weights() {
		assert.InDeltaSlice(t, w.Value.Data, rs[0].Weights()[i].Value.Data, 1e-6, "weight %s", w.Name)
	}
	ref, err := mk().Evaluate(x, y, 7)
	require.NoError(t, err)
	assert.InDelta(t, ref["loss"], hist.History["loss"][0], 1e-6, "the logged loss is the batch mean before the step")
}

// TestFitParallel_Learns: two replicas learn MNIST digits as one does.
func TestFitParallel_Learns(t *testing.T) {
	x, y := mnistXY(t, false, 2000)
	xt, yt := mnistXY(t, true, 500)
	rs := replicas(t, 2, 5)
	_, err := nn.FitParallel(rs, x, y, nn.FitConfig{Epochs: 2, BatchSize: 32})
	require.NoError(t, err)
	logs, err := rs[0].Evaluate(xt, yt, 100)
	require.NoError(t, err)
	assert.Greater(t, logs["accuracy"], 0.8)
}

// TestFitParallel_Stop: a callback's Stop after batch 3 leaves the leader
// at batch 3, with a one-batch history entry marked by the callback count.
func TestFitParallel_Stop(t *testing.T) {
	x, y := mnistXY(t, false, 320)
	rs := replicas(t, 2, 9)
	batches := 0
	stop := nn.CallbackFuncs{BatchEnd: func(m *nn.Sequential, _, batch int, _ nn.Logs) {
		batches++
		if batch == 2 {
			m.Stop()
		}
	}}
	hist, err := nn.FitParallel(rs, x, y, nn.FitConfig{Epochs: 3, BatchSize: 32, Callbacks: []nn.Callback{stop}})
	require.NoError(t, err)
	assert.Equal(t, 3, batches)
	assert.Len(t, hist.History["loss"], 1)
}

// TestTrainer_ShardErrors: misuse of the sharded steps and bad results
// from a replica give errors, and the fit can go on where it makes sense.
func TestTrainer_ShardErrors(t *testing.T) {
	x, y := mnistXY(t, false, 64)
	m := replicas(t, 1, 1)[0]
	require.NoError(t, m.Build(784))
	tr, err := m.NewTrainer(x, y, nn.FitConfig{BatchSize: 32})
	require.NoError(t, err)

	require.ErrorContains(t, tr.FinishShards(nil), "no batch begun")
	_, err = tr.NextShards(0)
	require.ErrorContains(t, err, "0 replicas")
	shards, err := tr.NextShards(2)
	require.NoError(t, err)
	require.Len(t, shards, 2)
	_, err = tr.NextShards(2)
	require.ErrorContains(t, err, "not finished")

	r0, err := m.ShardGradients(shards[0].X, shards[0].Y)
	require.NoError(t, err)
	r1, err := m.ShardGradients(shards[1].X, shards[1].Y)
	require.NoError(t, err)
	require.ErrorContains(t, tr.FinishShards([]nn.ShardResult{r0}), "1 results for 2 shards")
	bad := r1
	bad.Grads = bad.Grads[:1]
	require.ErrorContains(t, tr.FinishShards([]nn.ShardResult{r0, bad}), "gradients for")
	bad = r1
	bad.Grads = append([]*tensor.Tensor{tensor.New(2, 2)}, r1.Grads[1:]...)
	require.ErrorContains(t, tr.FinishShards([]nn.ShardResult{r0, bad}), "has shape (2, 2)")
	bad = r1
	bad.Pred = tensor.New(3, 10)
	require.ErrorContains(t, tr.FinishShards([]nn.ShardResult{r0, bad}), "predictions of shape")

	before := m.WeightsHash()
	nan := r1
	nan.Loss = float32(math.NaN())
	err = tr.FinishShards([]nn.ShardResult{r0, nan})
	require.ErrorContains(t, err, "epoch 1, batch 1")
	require.ErrorContains(t, err, "NaN")
	assert.Equal(t, before, m.WeightsHash(), "a NaN shard changed the weights")
	assert.True(t, tr.Done())
}

// TestFitParallel_BadReplicas: replicas that cannot share the leader's
// weights are refused with the reason.
func TestFitParallel_BadReplicas(t *testing.T) {
	x, y := mnistXY(t, false, 32)
	cases := []struct {
		name     string
		follower func() *nn.Sequential
		want     string
	}{
		{"uncompiled", func() *nn.Sequential { return smallMLP(1) }, "compile the model first"},
		{"other layers", func() *nn.Sequential {
			m := nn.NewSequential(layers.NewInput(784), layers.NewDense(10, "softmax"))
			require.NoError(t, m.Compile(optimizers.NewAdam(), mustLoss(t, "categorical_crossentropy")))
			return m
		}, "weights, the leader has"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			leader := replicas(t, 1, 1)[0]
			_, err := nn.FitParallel([]*nn.Sequential{leader, tc.follower()}, x, y, nn.FitConfig{})
			require.ErrorContains(t, err, "replica 1")
			require.ErrorContains(t, err, tc.want)
		})
	}
	_, err := nn.FitParallel(nil, x, y, nn.FitConfig{})
	require.ErrorContains(t, err, "no replicas")
}

// TestFitParallel_ConvDeterministic: a small CNN (convolution scratch
// buffers, pooling, dropout) over three replicas on goroutines gives the
// same bits twice; run under -race it checks that the replicas share no
// state but the pools meant for it.
func TestFitParallel_ConvDeterministic(t *testing.T) {
	x, y := mnistXY(t, false, 96)
	x = tensor.From(x.Data, 96, 28, 28, 1)
	mk := func() *nn.Sequential {
		m := nn.NewSequential(layers.NewInput(28, 28, 1), layers.NewConv2D(4, 3, "relu"), layers.NewMaxPooling2D(2, 2),
			layers.NewDropout(0.25), layers.NewFlatten(), layers.NewDense(10, "softmax"))
		m.SetSeed(21)
		require.NoError(t, m.Compile(optimizers.NewAdam(), mustLoss(t, "categorical_crossentropy"), "accuracy"))
		return m
	}
	var hashes []uint64
	for range 2 {
		rs := []*nn.Sequential{mk(), mk(), mk()}
		_, err := nn.FitParallel(rs, x, y, nn.FitConfig{BatchSize: 32})
		require.NoError(t, err)
		hashes = append(hashes, rs[0].WeightsHash())
	}
	assert.Equal(t, hashes[0], hashes[1])
}
