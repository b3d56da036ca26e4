package main

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"testing"

	"gonn/nn"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// smallMLPSpec is nn's determinism net: dropout and every op of a Dense
// classifier.
const smallMLPSpec = `{"seed": 42, "layers": [
	{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 784]}},
	{"class_name": "Dense", "config": {"units": 64, "activation": "relu"}},
	{"class_name": "Dropout", "config": {"rate": 0.2}},
	{"class_name": "Dense", "config": {"units": 32, "activation": "tanh"}},
	{"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}}]}`

// smallConvSpec is a small CNN on 8×8 images, its input shape left to the
// data (the leader is built by fit_begin).
const smallConvSpec = `{"seed": 5, "layers": [
	{"class_name": "Conv2D", "config": {"filters": 4, "kernel_size": 3, "activation": "relu", "padding": "same"}},
	{"class_name": "MaxPooling2D", "config": {"pool_size": 2}},
	{"class_name": "Dropout", "config": {"rate": 0.25}},
	{"class_name": "Flatten", "config": {}},
	{"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}}]}`

const adamCompile = `{"optimizer": "adam", "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`

// TestParallelFit_MatchesFitParallel: a leader and N−1 replicas, each in
// its own engine, driven through the exports, end with nn.FitParallel's
// weights and history, bit for bit, and every replica with the leader's
// weights.
func TestParallelFit_MatchesFitParallel(t *testing.T) {
	mx, my := mnistData(t, 230)
	cx, cy := randomImages(90, 3)
	for _, tc := range []struct {
		name    string
		spec    string
		x, y    *tensor.Tensor
		workers int
		fitJSON string
		cfg     nn.FitConfig
		reseed  []uint64 // fit_begin's seed
	}{
		{"mlp, 2 workers, validation", smallMLPSpec, mx, my, 2,
			`{"epochs": 2, "batch_size": 25, "validation_split": 0.2, "workers": 2}`, nn.FitConfig{Epochs: 2, BatchSize: 25, ValidationSplit: 0.2}, nil},
		{"mlp, 3 workers, seeded", smallMLPSpec, mx, my, 3,
			`{"epochs": 1, "batch_size": 32, "seed": 9, "workers": 3}`, nn.FitConfig{Epochs: 1, BatchSize: 32}, []uint64{9}},
		{"conv, 2 workers", smallConvSpec, cx, cy, 2,
			`{"epochs": 2, "batch_size": 16, "workers": 2}`, nn.FitConfig{Epochs: 2, BatchSize: 16}, nil},
		{"conv, 3 workers, last batch of 2", smallConvSpec, cx, cy, 3,
			`{"epochs": 1, "batch_size": 11, "shuffle": false, "workers": 3}`, nn.FitConfig{Epochs: 1, BatchSize: 11, NoShuffle: true}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			es := engines(tc.workers)
			le := es[0]
			lh := newModel(t, le, tc.spec)
			compile(t, le, lh, adamCompile)
			x := newTensor(t, le, tc.x.Data, tc.x.Shape...)
			y := newTensor(t, le, tc.y.Data, tc.y.Shape...)
			p := beginParallel(t, le, lh, x, y, tc.fitJSON, es[1:])
			got := p.run()

			ref, hist := nativeParallel(t, tc.spec, "categorical_crossentropy", tc.workers, tc.x, tc.y, tc.cfg, tc.reseed...)
			assert.Equal(t, hexHash(ref), hashOf(t, le, lh), "the leader's weights")
			assert.Equal(t, jsonOf(t, historyOf(hist)), jsonOf(t, got.History))
			assert.False(t, decodeResult[modelInfo](t, le, le.ModelInfo(lh)).Fitting)
		})
	}
}

// TestParallelFit_OneWorkerIsFit: "workers": 1 is the plain fit, bit for
// bit, and returns nothing from fit_begin.
func TestParallelFit_OneWorkerIsFit(t *testing.T) {
	mx, my := mnistData(t, 100)
	hashes := map[string]string{}
	for _, cfg := range []string{`{"epochs": 1, "batch_size": 20}`, `{"epochs": 1, "batch_size": 20, "workers": 1}`} {
		e := NewEngine()
		h := newModel(t, e, smallMLPSpec)
		compile(t, e, h, adamCompile)
		ok(t, e, fitBegin(t, e, h, newTensor(t, e, mx.Data, 100, 784), newTensor(t, e, my.Data, 100, 10), cfg))
		assert.Empty(t, result(e), "fit_begin's result with one worker")
		ok(t, e, e.FitStep(h, 100))
		hashes[cfg] = hashOf(t, e, h)
	}
	ref, _ := nativeParallel(t, smallMLPSpec, "categorical_crossentropy", 1, mx, my, nn.FitConfig{Epochs: 1, BatchSize: 20})
	for cfg, h := range hashes {
		assert.Equal(t, hexHash(ref), h, cfg)
	}
}

// TestParallelFit_Stop: a stop while a batch's shards are out lets that
// batch finish and ends the fit after it, closing the epoch; a stop
// between batches ends it before the next, as nn's Stop does.
func TestParallelFit_Stop(t *testing.T) {
	mx, my := mnistData(t, 100)
	for _, tc := range []struct {
		name     string
		midBatch bool
	}{{"between batches", false}, {"shards out", true}} {
		t.Run(tc.name, func(t *testing.T) {
			es := engines(2)
			le := es[0]
			lh := newModel(t, le, smallMLPSpec)
			compile(t, le, lh, adamCompile)
			p := beginParallel(t, le, lh, newTensor(t, le, mx.Data, 100, 784), newTensor(t, le, my.Data, 100, 10),
				`{"epochs": 3, "batch_size": 20, "workers": 2}`, es[1:])
			p.batch()
			var pr progress
			if tc.midBatch {
				shards, _ := p.shards()
				results := p.gradients(shards)
				ok(t, le, le.ModelStop(lh))
				ok(t, le, le.FitLeaderShard(lh))
				pr = decodeResult[progress](t, le, p.finish(results))
			} else {
				p.batch()
				ok(t, le, le.ModelStop(lh))
				pr = p.batch()
			}
			assert.True(t, pr.Done)
			assert.Equal(t, []int{0}, pr.History.Epoch, "the epoch cut short is recorded")
			ref := stoppedAfter(t, mx, my, 2)
			assert.Equal(t, hexHash(ref), hashOf(t, le, lh), "the weights after 2 batches")
			_, k := p.shards()
			assert.Zero(t, k, "no batch after the end")
		})
	}
}

// stoppedAfter is nn.FitParallel over 2 replicas of smallMLP stopped after
// n batches.
func stoppedAfter(t *testing.T, x, y *tensor.Tensor, n int) *nn.Sequential {
	t.Helper()
	ref, _ := nativeParallel(t, smallMLPSpec, "categorical_crossentropy", 2, x, y,
		nn.FitConfig{Epochs: 3, BatchSize: 20, Callbacks: []nn.Callback{stopAfter(n)}})
	return ref
}

// stopAfter is a callback that stops the fit after its n-th batch.
func stopAfter(n int) nn.Callback {
	seen := 0
	return nn.CallbackFuncs{BatchEnd: func(m *nn.Sequential, _, _ int, _ nn.Logs) {
		if seen++; seen == n {
			m.Stop()
		}
	}}
}

// TestParallelFit_Errors: bad arguments and bad results fail with their
// codes; a refused result ends the fit with its history; the engine then
// fits again.
func TestParallelFit_Errors(t *testing.T) {
	mx, my := mnistData(t, 60)
	es := engines(2)
	le, re := es[0], es[1]
	lh := newModel(t, le, smallMLPSpec)
	compile(t, le, lh, adamCompile)
	x, y := newTensor(t, le, mx.Data, 60, 784), newTensor(t, le, my.Data, 60, 10)
	const fit2 = `{"epochs": 2, "batch_size": 20, "workers": 2}`

	checkErrors(t, le, []errorCase{
		{"workers 0", func() int32 { return fitBegin(t, le, lh, x, y, `{"workers": 0}`) }, statusBadArgument, "workers 0: want 1 … 16"},
		{"workers 17", func() int32 { return fitBegin(t, le, lh, x, y, `{"workers": 17}`) }, statusBadArgument, "workers 17"},
		{"workers 1.5", func() int32 { return fitBegin(t, le, lh, x, y, `{"workers": 1.5}`) }, statusBadArgument, "workers"},
		{"shards without a fit", func() int32 { return le.FitShards(lh) }, statusNotReady, "no fit begun"},
	})
	checkErrors(t, re, []errorCase{
		{"replica bad seed", func() int32 {
			return re.ReplicaCreate(put(t, re, []byte(`{"model": {"layers": []}, "loss": {"class_name": "mse"}, "seed": "-1"}`)))
		}, statusBadArgument, "seed"},
		{"replica unknown key", func() int32 { return re.ReplicaCreate(put(t, re, []byte(`{"modle": 1}`))) }, statusBadArgument, "modle"},
	})

	p := beginParallel(t, le, lh, x, y, fit2, es[1:])
	p.batch()
	shards, k := p.shards()
	require.Equal(t, 2, k)
	good := p.gradients(shards)

	checkErrors(t, le, []errorCase{
		{"fit_step trains no batch", func() int32 { return le.FitStep(lh, 1) }, statusBadArgument, "gonn_fit_shards"},
		{"shards twice", func() int32 { return le.FitShards(lh) }, statusNotReady, "shards are out"},
		{"finish before the leader's shard", func() int32 { return p.finish(good) }, statusNotReady, "gonn_fit_leader_shard"},
		{"weights_set on the leader", func() int32 {
			ptr, n := put(t, le, floatBytes(weightsOf(t, le, lh)))
			return le.WeightsSet(lh, ptr, n)
		}, statusBusy, "in progress"},
	})
	checkErrors(t, re, []errorCase{
		{"shard gradients on garbage", func() int32 {
			ptr, n := put(t, re, []byte{1, 2, 3})
			return re.ShardGradients(p.rh[0], ptr, n)
		}, statusBadArgument, "x: rank"},
		{"shard gradients, trailing bytes", func() int32 {
			ptr, n := put(t, re, append(shards[0], 0, 0, 0, 0))
			return re.ShardGradients(p.rh[0], ptr, n)
		}, statusBadArgument, "4 bytes after the shard"},
	})
	ok(t, le, le.FitLeaderShard(lh))
	checkErrors(t, le, []errorCase{
		{"leader's shard twice", func() int32 { return le.FitLeaderShard(lh) }, statusNotReady, "done"},
	})

	// A truncated result ends the fit: no weight changes.
	before := hashOf(t, le, lh)
	assert.Equal(t, statusBadArgument, p.finish(good[:len(good)-4]), "%s", le.errMsg)
	assert.Contains(t, string(le.errMsg), "gradient")
	pr := decodeResult[progress](t, le, le.FitStep(lh, 0))
	assert.True(t, pr.Done, "a refused result ends the fit")
	assert.Equal(t, []int{}, pr.History.Epoch)
	assert.Equal(t, before, hashOf(t, le, lh))
	ok(t, le, le.FitStep(lh, 1)) // reports: the fit is over

	// A result that does not fit the model: shape, and the fit ends.
	for _, tc := range []struct {
		name string
		edit func(b []byte) []byte
		code int32
		msg  string
	}{
		{"a gradient of another shape", func(b []byte) []byte { return reshapeFirstGradient(t, b) }, statusShape, "gradient 0"},
		{"an extra result", func(b []byte) []byte { return append(b, b...) }, statusBadArgument, "bytes after the results"},
		{"a NaN loss", func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b, math.Float32bits(float32(math.NaN())))
			return b
		}, statusNonFinite, "the loss is NaN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := beginParallel(t, le, lh, x, y, fit2, es[1:])
			shards, _ := p.shards()
			results := tc.edit(p.gradients(shards))
			ok(t, le, le.FitLeaderShard(lh))
			before := hashOf(t, le, lh)
			assert.Equal(t, tc.code, p.finish(results), "%s", le.errMsg)
			assert.Contains(t, string(le.errMsg), tc.msg)
			assert.True(t, decodeResult[progress](t, le, le.FitStep(lh, 0)).Done)
			assert.Equal(t, before, hashOf(t, le, lh), "no weight changed")
		})
	}

	// Abort (a replica failed), then a whole fit works.
	p = beginParallel(t, le, lh, x, y, fit2, es[1:])
	p.shards()
	ok(t, le, le.FitAbort(lh))
	assert.True(t, decodeResult[progress](t, le, le.FitStep(lh, 0)).Done)
	ok(t, le, le.FitAbort(lh)) // nothing to end: nothing happens
	p = beginParallel(t, le, lh, x, y, fit2, es[1:])
	assert.Len(t, p.run().History.Epoch, 2)
}

// reshapeFirstGradient rewrites the first gradient of a one-result blob
// (a kernel (784, 64)) as (64, 784).
func reshapeFirstGradient(t *testing.T, b []byte) []byte {
	t.Helper()
	r := &wireReader{op: "test", b: b}
	res, err := r.result("result")
	require.NoError(t, err)
	g := res.Grads[0]
	require.Equal(t, []int{784, 64}, g.Shape)
	g.Shape = []int{64, 784}
	return appendResult(nil, res)
}

// TestParallelFit_ReusedReplicas: replicas kept from one fit and made
// again with "reuse" (seeded anew, not rebuilt) give the bits of
// nn.FitParallel run twice on the same replicas. A replica of another
// model or loss is not reused: a new one comes back; an unknown handle is
// an error.
func TestParallelFit_ReusedReplicas(t *testing.T) {
	cx, cy := randomImages(60, 3)
	const cfg = `{"epochs": 1, "batch_size": 16, "workers": 2}`
	es := engines(2)
	le, re := es[0], es[1]
	lh := newModel(t, le, smallConvSpec)
	compile(t, le, lh, adamCompile)
	x, y := newTensor(t, le, cx.Data, cx.Shape...), newTensor(t, le, cy.Data, cy.Shape...)
	p := beginParallel(t, le, lh, x, y, cfg, es[1:])
	p.run()
	kept := p.rh[0]
	p = beginParallelReusing(t, le, lh, x, y, cfg, es[1:], []int32{kept})
	assert.Equal(t, kept, p.rh[0], "the replica is reused")
	second := p.run()

	reps := nativeReplicas(t, smallConvSpec, "categorical_crossentropy", 2)
	_, err := nn.FitParallel(reps, cx, cy, nn.FitConfig{Epochs: 1, BatchSize: 16})
	require.NoError(t, err)
	hist, err := nn.FitParallel(reps, cx, cy, nn.FitConfig{Epochs: 1, BatchSize: 16})
	require.NoError(t, err)
	assert.Equal(t, hexHash(reps[0]), hashOf(t, le, lh), "the leader's weights after two fits")
	assert.Equal(t, jsonOf(t, historyOf(hist)), jsonOf(t, second.History))

	// Another loss: the kept replica does not fit it, a new one is made.
	compile(t, le, lh, `{"optimizer": "adam", "loss": "mse"}`)
	p = beginParallelReusing(t, le, lh, x, y, cfg, es[1:], []int32{kept})
	assert.NotEqual(t, kept, p.rh[0], "a replica of another loss is not reused")
	p.run()

	b, err := json.Marshal(replicaArgs{replicaSpec: replicaSpec{Model: json.RawMessage(`{}`), Loss: classConfig{ClassName: "MeanSquaredError"}, Seed: "1"}, Reuse: 999})
	require.NoError(t, err)
	assert.Equal(t, statusUnknownHandle, re.ReplicaCreate(put(t, re, b)))
	assert.Contains(t, string(re.errMsg), "gonn_replica_create: reuse")
}

// TestParallelFit_NestedModelRefused: a composed model cannot be rebuilt
// from its config, so "workers" is refused at fit_begin, naming why.
func TestParallelFit_NestedModelRefused(t *testing.T) {
	e := NewEngine()
	inner := newModel(t, e, dense(1, 4, `{"class_name": "Dense", "config": {"units": 3}}`))
	ok(t, e, e.ModelCompose(jsonBlock(t, e, `{"models": [`+itoa(int(inner))+`]}`)))
	h := e.ResultHandle()
	compile(t, e, h, `{"optimizer": "sgd", "loss": "mse"}`)
	x, y := newTensor(t, e, make([]float32, 8), 2, 4), newTensor(t, e, make([]float32, 6), 2, 3)
	assert.Equal(t, statusBadArgument, fitBegin(t, e, h, x, y, `{"workers": 2}`))
	assert.Contains(t, string(e.errMsg), "cannot be replicated")
	ok(t, e, fitBegin(t, e, h, x, y, `{"workers": 1}`))
}

// TestShardWire_RoundTrip: results, with a gradient missing and a NaN
// loss, read back as written.
func TestShardWire_RoundTrip(t *testing.T) {
	g := tensor.From([]float32{1, -2, 3.5}, 3)
	for _, r := range []nn.ShardResult{
		{Loss: 0.25, Pred: tensor.From([]float32{0.1, 0.9}, 1, 2), Grads: []*tensor.Tensor{g, nil, tensor.From([]float32{7}, 1, 1)}},
		{Loss: float32(math.NaN()), Pred: tensor.From([]float32{0.5}, 1, 1)},
		{Loss: 1, Pred: tensor.New(0, 3), Grads: []*tensor.Tensor{tensor.From([]float32{2})}},
	} {
		b := appendResult(nil, r)
		got, err := readResults("test", append(b, b...), 3)
		require.NoError(t, err)
		for _, res := range got[1:] {
			assert.Equal(t, math.Float32bits(r.Loss), math.Float32bits(res.Loss))
			assert.Equal(t, r.Pred, res.Pred)
			assert.Equal(t, len(r.Grads), len(res.Grads))
			for i := range r.Grads {
				assert.Equal(t, r.Grads[i], res.Grads[i], "gradient %d", i)
			}
		}
		_, err = readResults("test", b[:len(b)-1], 2)
		assert.Error(t, err, "a result one byte short")
	}
	huge := binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(nil, 0), 1<<30)
	_, err := readResults("test", huge, 2)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "gradients in 0 bytes", "a count refused before allocating")
}
