package tfjs

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn"
	"gonn/nn/layers"
)

// fixture is a saved model to break: model.json decoded, and its files.
// The model is InputLayer(8) → Dense(16, relu) "dense" → Dropout → Dense(4,
// softmax) "dense_1", with weights dense/kernel (8, 16), dense/bias (16),
// dense_1/kernel (16, 4), dense_1/bias (4): 212 floats, 848 bytes, in nine
// files of 100 bytes (the last of 48).
type fixture struct {
	mj    map[string]any
	files fstest.MapFS
	raw   []byte // when set, model.json as is (mj unused)
}

func fixtureModel() *nn.Sequential {
	m := nn.NewSequential(layers.NewInput(8), layers.NewDense(16, "relu"), layers.NewDropout(0.5), layers.NewDense(4, "softmax"))
	m.SetSeed(3)
	if err := m.Build(); err != nil {
		panic(err)
	}
	return m
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	a, err := SaveOptions{ShardBytes: 100}.Save(fixtureModel())
	require.NoError(t, err)
	f := &fixture{files: fstest.MapFS{}}
	require.NoError(t, json.Unmarshal(a.ModelJSON, &f.mj))
	for _, s := range a.Shards {
		f.files[s.Path] = &fstest.MapFile{Data: bytes.Clone(s.Data)}
	}
	return f
}

// layer is the config of layer i.
func (f *fixture) layer(i int) map[string]any {
	ls := f.mj["modelTopology"].(map[string]any)["config"].(map[string]any)["layers"].([]any)
	return ls[i].(map[string]any)["config"].(map[string]any)
}

// layers is the topology's layer list, to replace.
func (f *fixture) setLayers(ls []any) {
	f.mj["modelTopology"].(map[string]any)["config"].(map[string]any)["layers"] = ls
}

func (f *fixture) group() map[string]any {
	return f.mj["weightsManifest"].([]any)[0].(map[string]any)
}

// spec is the manifest entry of weight i.
func (f *fixture) spec(i int) map[string]any { return f.group()["weights"].([]any)[i].(map[string]any) }

// lastShard is the name of the last weight file.
func (f *fixture) lastShard() string {
	paths := f.group()["paths"].([]any)
	return paths[len(paths)-1].(string)
}

func (f *fixture) modelJSON(t *testing.T) []byte {
	if f.raw != nil {
		return f.raw
	}
	b, err := json.Marshal(f.mj)
	require.NoError(t, err)
	return b
}

// setFloat overwrites float i of the weight data (across files of 100 bytes).
func (f *fixture) setFloat(i int, v float32) {
	name := "group1-shard" + itoa(1+4*i/100) + "of" + itoa(len(f.files)) + ".bin"
	binary.LittleEndian.PutUint32(f.files[name].Data[(4*i)%100:], math.Float32bits(v))
}

// TestLoad_HostileFiles: each broken or hostile file is an error of its
// kind whose message names the problem; Load returns nil, and LoadWeights
// (for the cases that concern the manifest and the files) leaves its
// model's weights untouched.
func TestLoad_HostileFiles(t *testing.T) {
	cases := []struct {
		name       string
		breakIt    func(f *fixture)
		kind       error
		want       []string
		weightsToo bool // LoadWeights fails too
	}{
		{"malformed JSON", func(f *fixture) { f.raw = []byte(`{"modelTopology": {"class_name": "Sequ`) },
			ErrFormat, []string{"model.json is not valid JSON"}, true},
		{"not an object", func(f *fixture) { f.raw = []byte(`[1, 2]`) },
			ErrFormat, []string{"model.json is not valid JSON"}, true},
		{"no topology", func(f *fixture) { delete(f.mj, "modelTopology") },
			ErrFormat, []string{"no modelTopology"}, false},
		{"graph model", func(f *fixture) { f.mj["format"] = "graph-model" },
			ErrUnsupported, []string{`format "graph-model"`}, true},
		{"functional model", func(f *fixture) { f.mj["modelTopology"].(map[string]any)["class_name"] = "Functional" },
			ErrUnsupported, []string{`"Functional" model`, "Sequential models only"}, false},
		{"no layers", func(f *fixture) { f.setLayers([]any{}) },
			ErrFormat, []string{"no layers"}, false},
		{"unknown layer class", func(f *fixture) {
			f.mj["modelTopology"].(map[string]any)["config"].(map[string]any)["layers"].([]any)[1].(map[string]any)["class_name"] = "Conv3D"
		}, ErrUnsupported, []string{`layer 1 (Conv3D "dense")`, `no layer class "Conv3D"`, "Dense, Dropout"}, false},
		{"unsupported option", func(f *fixture) { f.layer(3)["activation"] = "gelu" },
			ErrUnsupported, []string{`layer 3 (Dense "dense_1")`, `"gelu"`}, false},
		{"unsupported feature", func(f *fixture) { f.layer(1)["kernel_regularizer"] = map[string]any{"class_name": "L2"} },
			ErrUnsupported, []string{`layer 1 (Dense "dense")`, "kernel_regularizer", "not supported"}, false},
		{"wrong config type", func(f *fixture) { f.layer(1)["units"] = "sixteen" },
			ErrUnsupported, []string{`layer 1 (Dense "dense")`, "units"}, false},
		{"duplicate layer names", func(f *fixture) { f.layer(3)["name"] = "dense" },
			ErrFormat, []string{`layers 1 and 3 are both named "dense"`}, false},
		{"no input shape", func(f *fixture) {
			ls := f.mj["modelTopology"].(map[string]any)["config"].(map[string]any)["layers"].([]any)
			f.setLayers(ls[1:])
		}, ErrFormat, []string{"declares no input shape"}, false},
		{"duplicate weight names", func(f *fixture) { f.spec(3)["name"] = "dense/bias"; f.spec(3)["shape"] = []any{16} },
			ErrFormat, []string{`lists the weight "dense/bias" twice`}, true},
		{"weight of no layer", func(f *fixture) { f.spec(0)["name"] = "dense_7/kernel" },
			ErrMismatch, []string{`"dense_7/kernel" belongs to no weight`, `"dense/kernel"`}, true},
		{"weight without data", func(f *fixture) {
			g := f.group()
			g["weights"] = g["weights"].([]any)[:3]
		}, ErrMismatch, []string{`layer 3 (Dense "dense_1")`, "creates 68 weight values, but the manifest holds only 64 more"}, true},
		{"shape mismatch", func(f *fixture) { f.spec(0)["shape"] = []any{16, 8} },
			ErrMismatch, []string{`"dense/kernel" has shape [16 8]`, "[8 16]"}, true},
		{"topology larger than manifest", func(f *fixture) { f.layer(3)["units"] = 1_000_000 },
			ErrMismatch, []string{`layer 3 (Dense "dense_1")`, "creates 17000000 weight values", "only 68 more"}, false},
		{"int32 weight", func(f *fixture) { f.spec(1)["dtype"] = "int32" },
			ErrUnsupported, []string{`"dense/bias" has dtype "int32"`, "float32"}, true},
		{"float16 weight", func(f *fixture) { f.spec(1)["dtype"] = "float16" },
			ErrUnsupported, []string{`"dense/bias" has dtype "float16"`}, true},
		{"quantized weight", func(f *fixture) { f.spec(0)["quantization"] = map[string]any{"dtype": "uint8", "min": 0, "scale": 1} },
			ErrUnsupported, []string{`"dense/kernel" is quantized to uint8`}, true},
		{"negative extent", func(f *fixture) { f.spec(1)["shape"] = []any{-16} },
			ErrFormat, []string{`"dense/bias" has a negative extent`}, true},
		{"unnamed weight", func(f *fixture) { f.spec(1)["name"] = "" },
			ErrFormat, []string{"a weight has no name"}, true},
		{"truncated shard", func(f *fixture) {
			last := f.files[f.lastShard()]
			last.Data = last.Data[:len(last.Data)-3]
		}, ErrShardSize, []string{"hold 845 bytes, but its weights need 848", "truncated"}, true},
		{"padded shard", func(f *fixture) {
			f.files["group1-shard1of9.bin"].Data = append(f.files["group1-shard1of9.bin"].Data, 0)
		},
			ErrShardSize, []string{"hold more than the 848 bytes its weights need", `the files up to "group1-shard9of9.bin" hold 849 or more`}, true},
		{"padded last shard", func(f *fixture) { f.files[f.lastShard()].Data = append(f.files[f.lastShard()].Data, 0) },
			ErrShardSize, []string{"hold more than the 848 bytes", `the files up to "group1-shard9of9.bin" hold 849 or more`}, true},
		{"missing shard", func(f *fixture) { delete(f.files, "group1-shard2of9.bin") },
			ErrShardSize, []string{`"group1-shard2of9.bin" cannot be opened`}, true},
		{"no weight files", func(f *fixture) { f.group()["paths"] = []any{} },
			ErrShardSize, []string{"lists no weight file", "848 bytes"}, true},
		{"path out of the folder", func(f *fixture) { f.group()["paths"].([]any)[0] = "../../etc/passwd" },
			ErrFormat, []string{`"../../etc/passwd" is not a file in the model's folder`}, true},
		{"URL path", func(f *fixture) { f.group()["paths"].([]any)[0] = "https://example.com/w.bin" },
			ErrFormat, []string{`"https://example.com/w.bin" is not a file`}, true},
		{"file listed twice", func(f *fixture) { f.group()["paths"].([]any)[1] = "./group1-shard1of9.bin" },
			ErrFormat, []string{`lists the file "./group1-shard1of9.bin" twice`}, true},
		{"NaN weight", func(f *fixture) { f.setFloat(70, float32(math.NaN())) },
			ErrNonFinite, []string{`"dense/kernel" holds 1 non-finite values of 128`, "(the first, NaN, at index 70)"}, true},
		{"infinite weights", func(f *fixture) { f.setFloat(130, float32(math.Inf(1))); f.setFloat(131, float32(math.Inf(-1))) },
			ErrNonFinite, []string{`"dense/bias" holds 2 non-finite values of 16`, "(the first, +Inf, at index 2)"}, true},
		{"absurd weight shape", func(f *fixture) { f.spec(0)["shape"] = []any{1 << 20, 1 << 20} },
			ErrTooLarge, []string{`"dense/kernel" of shape [1048576 1048576]`, "limit"}, true},
		{"absurd total", func(f *fixture) {
			for i := range 4 {
				f.spec(i)["shape"] = []any{1 << 14, 1 << 14}
			}
		}, ErrTooLarge, []string{"more than 1073741824 bytes (the limit)", `at "dense/bias"`}, true},
		{"absurd rank", func(f *fixture) { f.spec(1)["shape"] = []any{1, 1, 1, 1, 1, 1, 1, 1, 1, 16} },
			ErrTooLarge, []string{`"dense/bias" has rank 10`}, true},
		{"absurd layer", func(f *fixture) { f.layer(1)["units"] = 1 << 28 },
			ErrTooLarge, []string{`layer 1 (Dense "dense")`, "more than 1073741824 bytes"}, false},
		{"model.json too large", func(f *fixture) { f.raw = bytes.Repeat([]byte(" "), MaxModelJSONBytes+1) },
			ErrTooLarge, []string{"model.json has 16777217 bytes", "limit"}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			c.breakIt(f)
			modelJSON := f.modelJSON(t)

			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			m, err := Load(modelJSON, f.files)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			require.Error(t, err)
			assert.Nil(t, m)
			assert.ErrorIs(t, err, c.kind)
			for _, s := range c.want {
				assert.Contains(t, err.Error(), s)
			}
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(len(modelJSON))*8+64<<20, "allocated before the check")

			target := fixtureModel()
			hash := target.WeightsHash()
			err = LoadWeights(target, modelJSON, f.files)
			if c.weightsToo {
				require.Error(t, err)
				assert.ErrorIs(t, err, c.kind)
			}
			if err != nil {
				assert.Equal(t, hash, target.WeightsHash(), "LoadWeights failed but changed the model")
			}
		})
	}
}

// TestLoad_AllowNonFinite: LoadOptions.AllowNonFinite loads a diverged
// model as it is.
func TestLoad_AllowNonFinite(t *testing.T) {
	f := newFixture(t)
	f.setFloat(3, float32(math.NaN()))
	m, err := LoadOptions{AllowNonFinite: true}.Load(f.modelJSON(t), f.files)
	require.NoError(t, err)
	assert.True(t, math.IsNaN(float64(m.Weights()[0].Data()[3])))
}

// TestLoadWeights: a good manifest sets every weight of a built model; an
// unbuilt model is refused.
func TestLoadWeights(t *testing.T) {
	src := fixtureModel()
	a, err := Save(src)
	require.NoError(t, err)
	target := nn.NewSequential(layers.NewInput(8), layers.NewDense(16, "relu"), layers.NewDropout(0.5), layers.NewDense(4, "softmax"))
	target.SetSeed(99)
	require.NoError(t, target.Build())
	require.NotEqual(t, src.WeightsHash(), target.WeightsHash())
	require.NoError(t, LoadWeights(target, a.ModelJSON, a.FS()))
	assert.Equal(t, src.WeightsHash(), target.WeightsHash())

	err = LoadWeights(nn.NewSequential(layers.NewDense(2, "")), a.ModelJSON, a.FS())
	assert.ErrorIs(t, err, ErrFormat)

	// A weight the manifest does not give (Load stops earlier, at the layer).
	other := nn.NewSequential(layers.NewInput(8), layers.NewDense(16, "relu"), layers.NewDropout(0.5), layers.NewDense(4, "softmax"), layers.NewDense(2, ""))
	require.NoError(t, other.Build())
	hash := other.WeightsHash()
	err = LoadWeights(other, a.ModelJSON, a.FS())
	assert.ErrorIs(t, err, ErrMismatch)
	assert.ErrorContains(t, err, `no data for 2 of the model's 6 weights: "dense_2/kernel", "dense_2/bias"`)
	assert.Equal(t, hash, other.WeightsHash())
}

// TestLoad_KerasForms: the forms the TF.js converter writes from Keras load
// like TF.js' own: the topology wrapped in model_config with a
// training_config, recurrent weights named with their cell
// ("lstm/lstm_cell/kernel"), an InputLayer with Keras 3's batch_shape,
// Keras 3's layer entries (module, registered_name, build_config), names
// ending in ":0", optimizer weights of group "optimizer", and "./" paths.
func TestLoad_KerasForms(t *testing.T) {
	lstm := layers.DefaultLSTMConfig()
	lstm.Units, lstm.ReturnSequences = 3, true
	src := nn.NewSequential(layers.NewInput(4, 2), layers.NewBidirectional(layers.NewLSTMWith(lstm), "sum"), layers.NewSimpleRNN(2))
	src.SetSeed(5)
	require.NoError(t, src.Build())
	a, err := Save(src)
	require.NoError(t, err)
	var mj map[string]any
	require.NoError(t, json.Unmarshal(a.ModelJSON, &mj))

	topology := mj["modelTopology"].(map[string]any)
	ls := topology["config"].(map[string]any)["layers"].([]any)
	input := ls[0].(map[string]any)
	input["config"].(map[string]any)["batch_shape"] = input["config"].(map[string]any)["batch_input_shape"]
	delete(input["config"].(map[string]any), "batch_input_shape")
	for _, l := range ls {
		l.(map[string]any)["module"] = "keras.layers"
		l.(map[string]any)["registered_name"] = nil
		l.(map[string]any)["build_config"] = map[string]any{"input_shape": []any{nil, 4, 2}}
	}
	mj["modelTopology"] = map[string]any{"keras_version": "2.15.0", "backend": "tensorflow",
		"model_config": topology, "training_config": map[string]any{"loss": "mse"}}

	group := mj["weightsManifest"].([]any)[0].(map[string]any)
	var keras []any
	for _, w := range group["weights"].([]any) {
		spec := w.(map[string]any)
		name := spec["name"].(string)
		switch { // Keras' names: the cell before the weight's own name
		case strings.HasPrefix(name, "bidirectional/"):
			tokens := strings.Split(name, "/")
			spec["name"] = tokens[0] + "/" + tokens[1] + "/lstm_cell/" + tokens[2] + ":0"
		case strings.HasPrefix(name, "simple_rnn/"):
			spec["name"] = strings.Replace(name, "/", "/simple_rnn_cell/", 1)
		}
		keras = append(keras, spec)
	}
	keras = append(keras, map[string]any{"name": "iter", "shape": []any{}, "dtype": "int32", "group": "optimizer"})
	group["weights"] = keras
	paths := group["paths"].([]any)
	files := fstest.MapFS{}
	for i, s := range a.Shards {
		paths[i] = "./" + s.Path
		files[s.Path] = &fstest.MapFile{Data: s.Data}
	}
	last := files[a.Shards[len(a.Shards)-1].Path]
	last.Data = append(bytes.Clone(last.Data), 7, 0, 0, 0) // iter = 7, after the model's weights

	b, err := json.Marshal(mj)
	require.NoError(t, err)
	m, err := Load(b, files)
	require.NoError(t, err)
	assert.Equal(t, src.WeightsHash(), m.WeightsHash())
	assert.Equal(t, []int{4, 2}, m.InputShape())
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestLoad_BadValues: a config value that Build refuses is ErrUnsupported
// naming the layer, whatever the size checks make of it.
func TestLoad_BadValues(t *testing.T) {
	for _, units := range []any{-3, 0} {
		f := newFixture(t)
		f.layer(1)["units"] = units
		m, err := Load(f.modelJSON(t), f.files)
		assert.Nil(t, m)
		require.ErrorIs(t, err, ErrUnsupported)
		assert.ErrorContains(t, err, `layer 1 (Dense "dense")`)
		assert.ErrorContains(t, err, "units must be positive")
	}
}
