package tests

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"strconv"
	"testing"

	"gonn/nn"
	"gonn/nn/rng"
	"gonn/nn/tensor"
	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Data-parallel training in wazero (docs/abi.md, "Data-parallel
// training"): a leader and N−1 replicas, each an engine instance, driven
// through the exports as the JavaScript host drives them, must end with
// the weights and history of nn.FitParallel over N replicas natively.

// convSpec is a small CNN on 8×8 images with dropout, its input shape left
// to the data.
const convSpec = `{"seed": 5, "layers": [
	{"class_name": "Conv2D", "config": {"filters": 4, "kernel_size": 3, "activation": "relu", "padding": "same"}},
	{"class_name": "MaxPooling2D", "config": {"pool_size": 2}},
	{"class_name": "Dropout", "config": {"rate": 0.25}},
	{"class_name": "Flatten", "config": {}},
	{"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}}]}`

const adamCompile = `{"optimizer": "adam", "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`

// randomImages is n seeded random images (n, 8, 8, 1) with one-hot labels.
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

// mnistData is the first n MNIST training images and one-hot labels.
func mnistData(t testing.TB, n int) (x, y *tensor.Tensor) {
	t.Helper()
	xs, ys := mnistXY(t, n)
	return tensor.From(xs, n, 784), tensor.From(ys, n, 10)
}

// parallelEngines makes n engine instances: the leader first.
func parallelEngines(t testing.TB, n int) []*harness.Engine {
	t.Helper()
	es := make([]*harness.Engine, n)
	for i := range es {
		es[i] = newEngine(t)
	}
	return es
}

// leaderModel makes the leader's model, compiled, and its data.
func leaderModel(t testing.TB, e *harness.Engine, spec string, x, y *tensor.Tensor) (h, xh, yh int32) {
	t.Helper()
	h, err := e.CreateModel(spec)
	require.NoError(t, err)
	require.NoError(t, e.Compile(h, adamCompile))
	xh, err = e.CreateTensor(x.Data, x.Shape...)
	require.NoError(t, err)
	yh, err = e.CreateTensor(y.Data, y.Shape...)
	require.NoError(t, err)
	return h, xh, yh
}

// sameHistory checks the engine's history against nn's, value for value.
func sameHistory(t *testing.T, want *nn.History, got harness.HistoryJSON) {
	t.Helper()
	assert.Equal(t, want.Epoch, got.Epoch)
	require.Len(t, got.History, len(want.History))
	for k, vs := range want.History {
		require.Len(t, got.History[k], len(vs), k)
		for i, v := range vs {
			g := math.NaN()
			if got.History[k][i] != nil {
				g = *got.History[k][i]
			}
			assert.Equal(t, math.Float64bits(v), math.Float64bits(g), "%s[%d]: %v, want %v", k, i, g, v)
		}
	}
}

func TestParallel_MatchesFitParallel(t *testing.T) {
	mx, my := mnistData(t, 200)
	cx, cy := randomImages(60, 3)
	for _, tc := range []struct {
		name    string
		spec    string
		x, y    *tensor.Tensor
		workers int
		fitJSON string
		cfg     nn.FitConfig
	}{
		{"smallMLP, 2 workers, validation", smallMLPSpec, mx, my, 2,
			`{"epochs": 1, "batch_size": 32, "validation_split": 0.2, "workers": 2}`, nn.FitConfig{Epochs: 1, BatchSize: 32, ValidationSplit: 0.2}},
		{"smallMLP, 3 workers", smallMLPSpec, mx, my, 3,
			`{"epochs": 1, "batch_size": 25, "workers": 3}`, nn.FitConfig{Epochs: 1, BatchSize: 25}},
		{"conv, 2 workers", convSpec, cx, cy, 2,
			`{"epochs": 2, "batch_size": 16, "workers": 2}`, nn.FitConfig{Epochs: 2, BatchSize: 16}},
		{"conv, 3 workers, a last batch of 5", convSpec, cx, cy, 3,
			`{"epochs": 1, "batch_size": 11, "workers": 3}`, nn.FitConfig{Epochs: 1, BatchSize: 11}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			es := parallelEngines(t, tc.workers)
			h, xh, yh := leaderModel(t, es[0], tc.spec, tc.x, tc.y)
			p, err := harness.BeginParallel(es[0], h, xh, yh, tc.fitJSON, es[1:])
			require.NoError(t, err)
			got, err := p.Run()
			require.NoError(t, err)
			assert.True(t, got.Done)

			want, hist, err := harness.NativeParallel(tc.spec, tc.workers, tc.x, tc.y, tc.cfg)
			require.NoError(t, err)
			hash, err := es[0].WeightsHash(h)
			require.NoError(t, err)
			assert.Equal(t, want, hash, "the leader's weights: wazero and native FitParallel differ")
			sameHistory(t, hist, got.History)
			t.Logf("hash %s", hash)
		})
	}
	t.Run("another worker count, other weights", func(t *testing.T) {
		two, _, err := harness.NativeParallel(convSpec, 2, cx, cy, nn.FitConfig{Epochs: 1, BatchSize: 16})
		require.NoError(t, err)
		three, _, err := harness.NativeParallel(convSpec, 3, cx, cy, nn.FitConfig{Epochs: 1, BatchSize: 16})
		require.NoError(t, err)
		assert.NotEqual(t, two, three)
	})
}

// TestParallel_OneWorkerIsFit: "workers": 1 is today's fit, bit for bit.
func TestParallel_OneWorkerIsFit(t *testing.T) {
	x, y := mnistData(t, 128)
	var hashes []string
	for _, cfg := range []string{`{"batch_size": 32}`, `{"batch_size": 32, "workers": 1}`} {
		e := newEngine(t)
		h, xh, yh := leaderModel(t, e, smallMLPSpec, x, y)
		require.NoError(t, e.FitBegin(h, xh, yh, cfg))
		assert.Empty(t, e.Result(), "fit_begin gives nothing for one worker")
		p, err := e.FitStep(h, 10)
		require.NoError(t, err)
		require.True(t, p.Done)
		hash, err := e.WeightsHash(h)
		require.NoError(t, err)
		hashes = append(hashes, hash)
	}
	want, _, err := harness.NativeParallel(smallMLPSpec, 1, x, y, nn.FitConfig{BatchSize: 32})
	require.NoError(t, err)
	assert.Equal(t, []string{want, want}, hashes)
}

// TestParallel_Errors: bad workers and bad results fail with their codes,
// the fit ends with its history, and the instances train again, exactly.
func TestParallel_Errors(t *testing.T) {
	x, y := mnistData(t, 64)
	es := parallelEngines(t, 2)
	le, re := es[0], es[1]
	h, xh, yh := leaderModel(t, le, smallMLPSpec, x, y)
	code := func(err error) int32 {
		t.Helper()
		var e *harness.Error
		require.ErrorAs(t, err, &e)
		return e.Code
	}
	for _, cfg := range []string{`{"workers": 0}`, `{"workers": -2}`, `{"workers": 17}`, `{"workers": 1.5}`, `{"workers": "2"}`} {
		assert.Equal(t, int32(harness.BadArgument), code(le.FitBegin(h, xh, yh, cfg)), cfg)
	}
	_, err := re.ReplicaCreateJSON(`{"model": {}, "loss": {"class_name": "mse"}}`)
	assert.Equal(t, int32(harness.BadArgument), code(err), "no seed")

	const cfg = `{"epochs": 2, "batch_size": 16, "workers": 2}`
	for _, tc := range []struct {
		name string
		edit func([]byte) []byte
		code int32
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)-8] }, harness.BadArgument},
		{"trailing bytes", func(b []byte) []byte { return append(b, 1, 2, 3, 4) }, harness.BadArgument},
		{"no gradients", func(b []byte) []byte { return noGradients(b) }, harness.Shape},
		{"none", func([]byte) []byte { return nil }, harness.BadArgument},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := harness.BeginParallel(le, h, xh, yh, cfg, es[1:])
			require.NoError(t, err)
			_, err = p.Batch()
			require.NoError(t, err)
			shards, k, err := le.FitShards(h)
			require.NoError(t, err)
			require.Equal(t, 2, k)
			res, err := re.ShardGradients(p.Handles[0], shards[0])
			require.NoError(t, err)
			require.NoError(t, le.FitLeaderShard(h))
			before, err := le.WeightsHash(h)
			require.NoError(t, err)
			_, err = le.FitFinish(h, tc.edit(res))
			assert.Equal(t, tc.code, code(err), "%v", err)
			pr, err := le.FitStep(h, 0)
			require.NoError(t, err)
			assert.True(t, pr.Done, "a refused result ends the fit")
			assert.Empty(t, pr.History.Epoch)
			after, err := le.WeightsHash(h)
			require.NoError(t, err)
			assert.Equal(t, before, after, "no weight changed")
		})
	}

	// The same instances then train a new model exactly as FitParallel does.
	h2, xh2, yh2 := leaderModel(t, le, smallMLPSpec, x, y)
	p, err := harness.BeginParallel(le, h2, xh2, yh2, cfg, es[1:])
	require.NoError(t, err)
	_, err = p.Run()
	require.NoError(t, err)
	got, err := le.WeightsHash(h2)
	require.NoError(t, err)
	want, _, err := harness.NativeParallel(smallMLPSpec, 2, x, y, nn.FitConfig{Epochs: 2, BatchSize: 16})
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

// noGradients rewrites a result (f32 loss, i32 g, tensor predictions, g
// tensors) as one with a finite loss and no gradients.
func noGradients(b []byte) []byte {
	rank := int(binary.LittleEndian.Uint32(b[8:]))
	size := 1
	for i := range rank {
		size *= int(binary.LittleEndian.Uint32(b[12+4*i:]))
	}
	out := append([]byte(nil), b[:12+4*rank+4*size]...)
	binary.LittleEndian.PutUint32(out[4:], 0) // g = 0
	return out
}

// The fuzzer's calls of the data-parallel exports (FuzzABI, case 17).

func init() { jsonResults["gonn_fit_finish"] = true }

// fuzzParallelFits are fit configs with workers, good and bad.
var fuzzParallelFits = []string{
	`{"workers": 2, "batch_size": 2}`, `{"workers": 3, "epochs": 2, "batch_size": 3, "validation_split": 0.5}`,
	`{"workers": 2, "batch_size": 1, "seed": 3}`, `{"workers": 16}`, `{"workers": 0}`, `{"workers": 17}`,
	`{"workers": -1}`, `{"workers": 2.5}`, `{"workers": "2"}`, `{"workers": 2, "resume": true}`,
}

// fuzzParallel calls the data-parallel exports with fuzzed handles, and
// with blobs that are the engine's own (a shard, a result, a replica spec),
// maybe cut short, or garbage.
func (z *abiFuzzer) fuzzParallel() {
	z.t.Helper()
	i32 := harness.I32
	switch z.byte_() % 7 {
	case 0:
		h, x, y := z.handle(), z.handle(), z.handle()
		p, n := z.jsonArg(pick(z, fuzzParallelFits...))
		z.status("gonn_fit_begin", i32(h), i32(x), i32(y), uint64(p), i32(n))
	case 1:
		z.status("gonn_fit_shards", i32(z.handle()))
	case 2:
		z.status("gonn_fit_leader_shard", i32(z.handle()))
	case 3:
		z.status("gonn_fit_abort", i32(z.handle()))
	case 4:
		// A replica from a fit begun with workers: the spec the engine gave.
		h, x, y := z.handle(), z.handle(), z.handle()
		p, n := z.jsonArg(pick(z, fuzzParallelFits...))
		spec := `{"model": {"layers": []}, "loss": {"class_name": "mse"}, "seed": "1"}`
		if z.status("gonn_fit_begin", i32(h), i32(x), i32(y), uint64(p), i32(n)) == harness.OK {
			var pb harness.ParallelBegin
			b := z.read("result", z.acc("gonn_result_ptr"), z.acc("gonn_result_len"))
			if json.Unmarshal(b, &pb) == nil && len(pb.Replica) > 2 {
				spec = string(pb.Replica[:len(pb.Replica)-1]) + `, "seed": "` + pick(z, "7", "18446744073709551615", "-1", "x") + `"}`
			}
		}
		if z.byte_()%2 == 0 { // reuse a replica, a model or anything
			spec = spec[:len(spec)-1] + `, "reuse": ` + strconv.Itoa(int(z.handle())) + `}`
		}
		p, n = z.jsonArg(spec)
		z.made("gonn_replica_create", z.status("gonn_replica_create", uint64(p), i32(n)))
	case 5:
		// A shard from a leader to a replica.
		blob := z.rawJSONBytes()
		if z.status("gonn_fit_shards", i32(z.handle())) == harness.OK {
			b := z.read("result", z.acc("gonn_result_ptr"), z.acc("gonn_result_len"))
			if len(b) >= 8 {
				n := int(binary.LittleEndian.Uint32(b[4:]))
				blob = bytes.Clone(b[8:min(8+n, len(b))])
			}
		}
		blob = z.cut(blob)
		z.status("gonn_shard_gradients", i32(z.handle()), uint64(z.put(blob)), i32(int32(len(blob))))
	case 6:
		// A replica's result to a leader.
		blob := z.rawJSONBytes()
		h, shard := z.handle(), z.rawJSONBytes()
		if z.status("gonn_shard_gradients", i32(h), uint64(z.put(shard)), i32(int32(len(shard)))) == harness.OK {
			blob = bytes.Clone(z.read("result", z.acc("gonn_result_ptr"), z.acc("gonn_result_len")))
		}
		blob = z.cut(blob)
		z.status("gonn_fit_finish", i32(z.handle()), uint64(z.put(blob)), i32(int32(len(blob))))
	}
}

// rawJSONBytes is up to 200 input bytes, as rawJSON takes them.
func (z *abiFuzzer) rawJSONBytes() []byte { return []byte(z.rawJSON()) }

// cut returns b, or b cut short by a few bytes.
func (z *abiFuzzer) cut(b []byte) []byte {
	if k := int(z.byte_() % 8); k < 4 && k < len(b) {
		return b[:len(b)-k]
	}
	return b
}
