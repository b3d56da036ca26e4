package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"gonn/nn/tfjs"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// saveSpec is a small convnet with every kind of weight the format moves:
// kernels, biases, BatchNormalization's moving statistics (not trainable).
const saveSpec = `{"seed": 5, "name": "blobs", "layers": [
	{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 8, 8, 1]}},
	{"class_name": "Conv2D", "config": {"filters": 3, "kernel_size": 3, "activation": "relu"}},
	{"class_name": "BatchNormalization", "config": {}},
	{"class_name": "MaxPooling2D", "config": {"pool_size": 2}},
	{"class_name": "Flatten", "config": {}},
	{"class_name": "Dropout", "config": {"rate": 0.3}},
	{"class_name": "Dense", "config": {"units": 2, "activation": "softmax"}}]}`

// trainedModel makes saveSpec's model in e and trains it a few batches, so
// that its weights (moving statistics too) are not the initial ones.
func trainedModel(t *testing.T, e *Engine) (m, x int32) {
	t.Helper()
	images, labels := blobs(32)
	x = newTensor(t, e, images, 32, 8, 8, 1)
	y := newTensor(t, e, labels, 32, 2)
	m = newModel(t, e, saveSpec)
	compile(t, e, m, `{"optimizer": "adam", "loss": "categorical_crossentropy"}`)
	ok(t, e, fitBegin(t, e, m, x, y, `{"batch_size": 8}`))
	ok(t, e, e.FitStep(m, 4))
	return m, x
}

// save calls ModelSave and splits its result into model.json and the
// weight data.
func save(t *testing.T, e *Engine, h int32) (modelJSON, data []byte) {
	t.Helper()
	ok(t, e, e.ModelSave(h))
	r := result(e)
	require.GreaterOrEqual(t, len(r), 4)
	n := int(binary.LittleEndian.Uint32(r))
	require.LessOrEqual(t, 4+n, len(r))
	return r[4 : 4+n], r[4+n:]
}

// load calls ModelLoad with model.json and the weight data in blocks.
func load(t *testing.T, e *Engine, modelJSON, data []byte) int32 {
	t.Helper()
	jp, jn := put(t, e, modelJSON)
	dp, dn := put(t, e, data)
	return e.ModelLoad(jp, jn, dp, dn)
}

func hash(t *testing.T, e *Engine, h int32) string {
	t.Helper()
	ok(t, e, e.WeightsHash(h))
	return string(result(e))
}

// TestModelSave_LoadRoundTrip saves a trained model and loads it into a
// fresh engine: the same weights, bit for bit, so the same predictions; the
// saved model.json is the TF.js layers format with one file whose bytes
// are the weight data.
func TestModelSave_LoadRoundTrip(t *testing.T) {
	e := NewEngine()
	m, x := trainedModel(t, e)
	modelJSON, data := save(t, e, m)

	var mj tfjs.ModelJSON
	require.NoError(t, json.Unmarshal(modelJSON, &mj))
	assert.Equal(t, "layers-model", mj.Format)
	require.Len(t, mj.WeightsManifest, 1)
	require.Len(t, mj.WeightsManifest[0].Paths, 1)
	floats := 0
	for _, w := range mj.WeightsManifest[0].Weights {
		n := 1
		for _, d := range w.Shape {
			n *= d
		}
		floats += n
	}
	assert.Equal(t, 4*floats, len(data), "the weight data holds every weight of the manifest")
	ok(t, e, e.WeightsGet(m))
	assert.Equal(t, result(e), data, "in manifest order, as gonn_weights_get gives them")

	f := NewEngine()
	images, _ := blobs(32)
	fx := newTensor(t, f, images, 32, 8, 8, 1)
	ok(t, f, load(t, f, modelJSON, data))
	loaded := f.ResultHandle()
	assert.Equal(t, hash(t, e, m), hash(t, f, loaded))
	assert.Equal(t, predict(t, e, m, x), predict(t, f, loaded, fx))
	ok(t, f, f.ModelInfo(loaded))
	var info modelInfo
	require.NoError(t, json.Unmarshal(result(f), &info))
	assert.Equal(t, "blobs", info.Name)
	assert.False(t, info.Compiled, "a loaded model is compiled separately")
	assert.Equal(t, []int{8, 8, 1}, info.InputShape)
}

// TestModelLoad_ManifestGroups loads a model whose weights lie in several
// groups of several files, concatenated in manifest order as TF.js'
// weightData holds them.
func TestModelLoad_ManifestGroups(t *testing.T) {
	e := NewEngine()
	m, x := trainedModel(t, e)
	seq := e.handles.items[m].(*model).seq
	a, err := tfjs.SaveOptions{ShardBytes: 100}.Save(seq)
	require.NoError(t, err)
	require.Greater(t, len(a.Shards), 2)
	var mj tfjs.ModelJSON
	require.NoError(t, json.Unmarshal(a.ModelJSON, &mj))
	// Split the one group in two: the first two weights and their files'
	// bytes, then the rest (the data stays the same concatenation).
	g := mj.WeightsManifest[0]
	mj.WeightsManifest = []tfjs.WeightGroup{
		{Paths: []string{"a.bin"}, Weights: g.Weights[:2]},
		{Paths: []string{"b.bin", "c.bin"}, Weights: g.Weights[2:]},
	}
	modelJSON, err := json.Marshal(mj)
	require.NoError(t, err)
	var data []byte
	for _, s := range a.Shards {
		data = append(data, s.Data...)
	}
	f := NewEngine()
	ok(t, f, load(t, f, modelJSON, data))
	loaded := f.ResultHandle()
	assert.Equal(t, hash(t, e, m), hash(t, f, loaded))
	images, _ := blobs(32)
	assert.Equal(t, predict(t, e, m, x), predict(t, f, loaded, newTensor(t, f, images, 32, 8, 8, 1)))
}

// TestModelLoad_HostileFiles feeds broken and hostile model.json files and
// weight data: each is refused with its status and a message naming what
// was wrong, no handle is made, and the engine then loads the good model.
func TestModelLoad_HostileFiles(t *testing.T) {
	e := NewEngine()
	m, _ := trainedModel(t, e)
	good, data := save(t, e, m)
	// edit returns model.json with old replaced by new (once).
	edit := func(old, new string) []byte {
		require.Equal(t, 1, strings.Count(string(good), old), "model.json holds %s once", old)
		return []byte(strings.Replace(string(good), old, new, 1))
	}
	nan := bytes.Clone(data)
	binary.LittleEndian.PutUint32(nan[4:], 0x7fc00000)
	for _, tc := range []struct {
		name      string
		modelJSON []byte
		data      []byte
		code      int32
		parts     []string
	}{
		{"truncated weights", good, data[:len(data)-6], statusShape, []string{fmt.Sprintf("hold %d bytes, but its weights need %d", len(data)-6, len(data)), "truncated or missing"}},
		{"no weights", good, nil, statusShape, []string{"hold 0 bytes"}},
		{"extra bytes", good, append(bytes.Clone(data), 0, 0, 0, 0), statusShape, []string{"more than the"}},
		{"unknown class", edit(`"class_name":"MaxPooling2D"`, `"class_name":"MaxPooling7D"`), data, statusBadArgument, []string{"MaxPooling7D"}},
		{"mismatched shape", edit(`"shape":[3,3,1,3]`, `"shape":[3,3,1,4]`), data, statusShape, []string{"conv2d/kernel", "[3 3 1 4]", "[3 3 1 3]"}},
		{"unknown weight", edit(`"name":"dense/bias"`, `"name":"dense/bias2"`), data, statusShape, []string{"dense/bias2", "belongs to no weight"}},
		{"absurd weight shape", edit(`"shape":[3,3,1,3]`, `"shape":[300000,300000,1,3]`), data, statusTooLarge, []string{"conv2d/kernel", "limit"}},
		{"absurd layer", edit(`"units":2`, `"units":2000000000`), data, statusTooLarge, []string{"dense", "limit"}},
		{"negative extent", edit(`"shape":[3,3,1,3]`, `"shape":[3,-3,1,3]`), data, statusBadArgument, []string{"negative extent"}},
		{"NaN weight", good, nan, statusNonFinite, []string{"conv2d/kernel", "NaN"}},
		{"malformed JSON", good[:len(good)/2], data, statusBadArgument, []string{"not valid JSON"}},
		{"not an object", []byte(`[1, 2]`), data, statusBadArgument, []string{"not a JSON object"}},
		{"empty", nil, data, statusBadArgument, []string{"not a JSON object"}},
		{"manifest of another type", edit(`"weightsManifest":[`, `"weightsManifest":[3,`), data, statusBadArgument, []string{"weightsManifest"}},
		{"no topology", []byte(`{"weightsManifest": []}`), nil, statusBadArgument, []string{"no modelTopology"}},
		{"graph model", edit(`"format":"layers-model"`, `"format":"graph-model"`), data, statusBadArgument, []string{"graph-model"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(e.handles.items)
			status := load(t, e, tc.modelJSON, tc.data)
			require.Equal(t, tc.code, status, "%s", e.errMsg)
			assert.True(t, strings.HasPrefix(string(e.errMsg), "gonn_model_load: "), "%s", e.errMsg)
			for _, part := range tc.parts {
				assert.Contains(t, string(e.errMsg), part)
			}
			assert.Zero(t, e.ResultHandle(), "no handle on error")
			assert.Len(t, e.handles.items, before, "nothing made half-way")
			ok(t, e, load(t, e, good, data)) // the instance goes on
			ok(t, e, e.Dispose(e.ResultHandle()))
		})
	}
}

// TestModelLoad_ArgumentErrors checks the arguments themselves: blocks,
// lengths, the JSON limit.
func TestModelLoad_ArgumentErrors(t *testing.T) {
	e := NewEngine()
	jp, jn := put(t, e, []byte(`{}`))
	assert.Equal(t, statusBadArgument, e.ModelLoad(jp, jn+1, 0, 0), "past the block")
	assert.Equal(t, statusBadArgument, e.ModelLoad(jp, jn, jp, -1), "negative length")
	assert.Equal(t, statusBadArgument, e.ModelLoad(0x10, 8, 0, 0), "not a block")
	big := e.Alloc(maxJSON + 1)
	require.NotZero(t, big)
	assert.Equal(t, statusTooLarge, e.ModelLoad(big, maxJSON+1, 0, 0))
	assert.Contains(t, string(e.errMsg), "limit")
}

// TestModelSave_Errors checks what cannot be saved.
func TestModelSave_Errors(t *testing.T) {
	e := NewEngine()
	for _, tc := range []struct {
		name  string
		spec  string
		code  int32
		parts []string
	}{
		{"not built", `{"layers": [{"class_name": "Dense", "config": {"units": 2}}]}`, statusNotReady, []string{"not built"}},
		{"what TF.js reads otherwise", `{"layers": [
			{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 3, 2]}},
			{"class_name": "GRU", "config": {"units": 2, "reset_after": true}}]}`, statusBadArgument, []string{"gru", "reset_after"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newModel(t, e, tc.spec)
			require.Equal(t, tc.code, e.ModelSave(m), "%s", e.errMsg)
			for _, part := range tc.parts {
				assert.Contains(t, string(e.errMsg), part)
			}
			assert.Empty(t, e.result)
		})
	}
	assert.Equal(t, statusUnknownHandle, e.ModelSave(999))
}
