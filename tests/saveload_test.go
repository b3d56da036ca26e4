package tests

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"gonn/nn/rng"
	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// saveloadSpec is a small convnet with every kind of weight a saved model
// or a checkpoint carries: kernels, biases, BatchNormalization's moving
// statistics; Dropout draws from the model's generator.
const saveloadSpec = `{"seed": 11, "layers": [
	{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 6, 6, 2]}},
	{"class_name": "Conv2D", "config": {"filters": 4, "kernel_size": 3, "activation": "relu"}},
	{"class_name": "BatchNormalization", "config": {}},
	{"class_name": "Flatten", "config": {}},
	{"class_name": "Dropout", "config": {"rate": 0.25}},
	{"class_name": "Dense", "config": {"units": 3, "activation": "softmax"}}]}`

const saveloadCompile = `{"optimizer": "adam", "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`

// saveloadData is n seeded examples for saveloadSpec, one-hot labelled.
func saveloadData(n int) (x, y []float32) {
	r := rng.New(21)
	x = make([]float32, n*6*6*2)
	for i := range x {
		x[i] = r.Float32()
	}
	y = make([]float32, n*3)
	for i := range n {
		y[3*i+i%3] = 1
	}
	return x, y
}

// saveloadRun is one instance with saveloadSpec's model compiled and its
// data uploaded.
type saveloadRun struct {
	e       *harness.Engine
	m, x, y int32
}

func newSaveloadRun(t *testing.T, spec string) *saveloadRun {
	t.Helper()
	e := newEngine(t)
	xs, ys := saveloadData(30)
	x, err := e.CreateTensor(xs, 30, 6, 6, 2)
	require.NoError(t, err)
	y, err := e.CreateTensor(ys, 30, 3)
	require.NoError(t, err)
	m, err := e.CreateModel(spec)
	require.NoError(t, err)
	require.NoError(t, e.Compile(m, saveloadCompile))
	return &saveloadRun{e: e, m: m, x: x, y: y}
}

// fit begins a fit with cfg and trains up to n batches.
func (r *saveloadRun) fit(t *testing.T, cfg string, n int32) *harness.Progress {
	t.Helper()
	require.NoError(t, r.e.FitBegin(r.m, r.x, r.y, cfg))
	p, err := r.e.FitStep(r.m, n)
	require.NoError(t, err)
	return p
}

func (r *saveloadRun) hash(t *testing.T, h int32) string {
	t.Helper()
	s, err := r.e.WeightsHash(h)
	require.NoError(t, err)
	return s
}

func (r *saveloadRun) predict(t *testing.T, h int32) []float32 {
	t.Helper()
	p, err := r.e.Predict(h, r.x, 0)
	require.NoError(t, err)
	defer r.e.Dispose(p)
	out, err := r.e.TensorData(p)
	require.NoError(t, err)
	return out
}

// TestSaveLoad_FreshInstance saves a trained model in the TF.js layers
// format and loads it into a fresh instance: the same weights hash and the
// same predictions, bit for bit.
func TestSaveLoad_FreshInstance(t *testing.T) {
	a := newSaveloadRun(t, saveloadSpec)
	a.fit(t, `{"batch_size": 10, "seed": 2}`, 3)
	modelJSON, data, err := a.e.SaveModel(a.m)
	require.NoError(t, err)
	assert.Contains(t, string(modelJSON), `"format":"layers-model"`)
	weights, err := a.e.Weights(a.m)
	require.NoError(t, err)
	assert.Len(t, data, 4*len(weights))

	b := newSaveloadRun(t, saveloadSpec)
	loaded, err := b.e.LoadModel(modelJSON, data)
	require.NoError(t, err)
	assert.Equal(t, a.hash(t, a.m), b.hash(t, loaded))
	assert.Equal(t, a.predict(t, a.m), b.predict(t, loaded), "predictions bit for bit")
	t.Logf("model.json %d bytes, weights %d bytes, hash %s", len(modelJSON), len(data), a.hash(t, a.m))

	// The loaded model trains once compiled.
	require.NoError(t, b.e.Compile(loaded, saveloadCompile))
	require.NoError(t, b.e.FitBegin(loaded, b.x, b.y, `{"batch_size": 10}`))
	_, err = b.e.FitStep(loaded, 3)
	require.NoError(t, err)
	assert.NotEqual(t, a.hash(t, a.m), b.hash(t, loaded))
}

// TestSaveLoad_Errors sends hostile files through wazero: each is a status
// error with its message, and the instance goes on.
func TestSaveLoad_Errors(t *testing.T) {
	r := newSaveloadRun(t, saveloadSpec)
	modelJSON, data, err := r.e.SaveModel(r.m)
	require.NoError(t, err)
	_, err = r.e.LoadModel(modelJSON, data[:len(data)-1])
	requireCode(t, r.e, err, harness.Shape, "gonn_model_load: ", "truncated")
	_, err = r.e.LoadModel(bytes.Replace(modelJSON, []byte(`"Conv2D"`), []byte(`"Conv9D"`), 1), data)
	requireCode(t, r.e, err, harness.BadArgument, "Conv9D")
	_, err = r.e.LoadModel(bytes.Replace(modelJSON, []byte(`"units":3`), []byte(`"units":3000000000`), 1), data)
	requireCode(t, r.e, err, harness.TooLarge, "limit")
	_, err = r.e.LoadModel([]byte(`{"modelTopology":`), data)
	requireCode(t, r.e, err, harness.BadArgument, "not valid JSON")

	err = r.e.Restore(r.m, []byte("GONNCKPT but not really"))
	requireCode(t, r.e, err, harness.BadArgument, "gonn_model_restore: ", "not a valid checkpoint")
	_, err = r.e.Checkpoint(0)
	requireCode(t, r.e, err, harness.UnknownHandle)

	loaded, err := r.e.LoadModel(modelJSON, data)
	require.NoError(t, err)
	assert.Equal(t, r.hash(t, r.m), r.hash(t, loaded))
}

// TestCheckpoint_ResumeInFreshInstance checkpoints a fit after k batches,
// restores the checkpoint into a fresh instance (whose model has another
// seed) and resumes: the weights end as those of the uninterrupted run, bit
// for bit, wherever the checkpoint was taken.
func TestCheckpoint_ResumeInFreshInstance(t *testing.T) {
	const fit = `{"epochs": 3, "batch_size": 7, "validation_split": 0.1, "seed": 4}`
	const resume = `{"epochs": 3, "batch_size": 7, "validation_split": 0.1, "resume": true}`
	whole := newSaveloadRun(t, saveloadSpec)
	p := whole.fit(t, fit, 1<<20)
	require.True(t, p.Done)
	require.Equal(t, 4, p.BatchesPerEpoch) // 27 training examples in batches of 7
	want := whole.hash(t, whole.m)

	for _, k := range []int32{1, 4, 6, 11} {
		t.Run(fmt.Sprintf("after %d batches", k), func(t *testing.T) {
			first := newSaveloadRun(t, saveloadSpec)
			first.fit(t, fit, k)
			ckpt, err := first.e.Checkpoint(first.m)
			require.NoError(t, err)

			second := newSaveloadRun(t, strings.Replace(saveloadSpec, `"seed": 11`, `"seed": 12`, 1))
			require.NoError(t, second.e.Restore(second.m, ckpt))
			assert.Equal(t, first.hash(t, first.m), second.hash(t, second.m))
			p := second.fit(t, resume, 1<<20)
			require.True(t, p.Done)
			assert.Equal(t, want, second.hash(t, second.m), "resumed after %d batches", k)
			assert.Len(t, p.History.Epoch, 3-int(k)/4, "the epochs this fit closed")
		})
	}
}

// The fuzzer's calls of the save and load exports (FuzzABI's call table).

// modelLoad calls gonn_model_load with a model's own save, altered or not,
// or with fragments of model.json and random weight data.
func (z *abiFuzzer) modelLoad() {
	z.t.Helper()
	h := z.handle()
	var modelJSON, data []byte
	if z.status("gonn_model_save", harness.I32(h)) == harness.OK {
		r := z.read("save", z.acc("gonn_result_ptr"), z.acc("gonn_result_len"))
		n := binary.LittleEndian.Uint32(r)
		modelJSON, data = bytes.Clone(r[4:4+n]), bytes.Clone(r[4+n:])
	} else {
		modelJSON = []byte(pick(z, fuzzModelJSONs...))
		data = z.floatsOf(int(z.byte_() % 40))
	}
	switch z.byte_() % 6 {
	case 0:
		data = data[:len(data)-min(len(data), 1+int(z.byte_()%8))]
	case 1:
		data = append(data, z.floatsOf(1+int(z.byte_()%3))...)
	case 2:
		if len(modelJSON) > 0 {
			modelJSON[int(z.byte_())%len(modelJSON)] = pick(z, byte('9'), '-', '"', '{', ']', 'x', 0xff)
		}
	case 3:
		modelJSON = []byte(z.rawJSON())
	}
	jp, jn := z.jsonArg(string(modelJSON))
	dp, dn := z.put(data), int32(len(data))
	if z.byte_()%5 == 0 {
		dp, dn = z.ptr(dn), z.length()
	}
	z.made("gonn_model_load", z.status("gonn_model_load", uint64(jp), harness.I32(jn), uint64(dp), harness.I32(dn)))
}

// modelRestore calls gonn_model_restore with a model's checkpoint, altered
// or not, on the same or another model.
func (z *abiFuzzer) modelRestore() {
	z.t.Helper()
	var ckpt []byte
	if z.status("gonn_model_checkpoint", harness.I32(z.handle())) == harness.OK {
		ckpt = bytes.Clone(z.read("checkpoint", z.acc("gonn_result_ptr"), z.acc("gonn_result_len")))
	}
	switch z.byte_() % 4 {
	case 0:
		if len(ckpt) > 0 {
			ckpt[int(z.u32())%len(ckpt)] ^= 1 << (z.byte_() % 8)
		}
	case 1:
		ckpt = ckpt[:len(ckpt)-min(len(ckpt), int(z.byte_()))]
	case 2:
		ckpt = append(ckpt, z.floatsOf(int(z.byte_()%4))...)
	}
	p, n := z.put(ckpt), int32(len(ckpt))
	if z.byte_()%5 == 0 {
		p, n = z.ptr(n), z.length()
	}
	z.status("gonn_model_restore", harness.I32(z.handle()), uint64(p), harness.I32(n))
}

// fuzzModelJSONs are model.json files, good and hostile, for models of the
// fuzzer's 4-feature inputs.
var fuzzModelJSONs = []string{
	`{"modelTopology": {"class_name": "Sequential", "config": {"layers": [
		{"class_name": "Dense", "config": {"units": 3, "batch_input_shape": [null, 4]}}]}},
	  "weightsManifest": [{"paths": ["a.bin"], "weights": [
		{"name": "dense/kernel", "shape": [4, 3], "dtype": "float32"}, {"name": "dense/bias", "shape": [3], "dtype": "float32"}]}]}`,
	`{"modelTopology": {"class_name": "Sequential", "config": {"layers": [
		{"class_name": "Dense", "config": {"units": 99999999, "batch_input_shape": [null, 4]}}]}}, "weightsManifest": []}`,
	`{"modelTopology": {"class_name": "Sequential", "config": {"layers": [
		{"class_name": "Dense", "config": {"units": 3, "batch_input_shape": [null, 4]}}]}},
	  "weightsManifest": [{"paths": ["a.bin"], "weights": [{"name": "dense/kernel", "shape": [99999, 99999, 99], "dtype": "float32"}]}]}`,
	`{"modelTopology": {"model_config": {"class_name": "Sequential", "config": [{"class_name": "Flatten", "config": {"batch_input_shape": [null, 2, 2]}}]}}, "format": "layers-model"}`,
	`{"modelTopology": {"class_name": "Functional", "config": {}}}`,
	`{"modelTopology": null, "weightsManifest": null}`,
	`{"weightsManifest": [{"weights": [{"name": "x", "shape": [-1], "dtype": "int8"}]}]}`,
}
