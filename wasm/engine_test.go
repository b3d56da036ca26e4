package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/mnist"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// put copies b into a new block of e.
func put(t testing.TB, e *Engine, b []byte) (uintptr, int32) {
	t.Helper()
	p := e.Alloc(int32(len(b)))
	require.NotZero(t, p, "alloc: %s", e.errMsg)
	dst, err := e.blocks.bytes("put", p, int32(len(b)))
	require.NoError(t, err)
	copy(dst, b)
	return p, int32(len(b))
}

// ok fails the test unless status is 0.
func ok(t testing.TB, e *Engine, status int32) {
	t.Helper()
	require.Equal(t, statusOK, status, "%s", e.errMsg)
}

// result copies e's result.
func result(e *Engine) []byte { return append([]byte(nil), e.result...) }

func newModel(t testing.TB, e *Engine, spec string) int32 {
	t.Helper()
	ok(t, e, e.ModelCreate(put(t, e, []byte(spec))))
	return e.ResultHandle()
}

func newTensor(t testing.TB, e *Engine, data []float32, shape ...int) int32 {
	t.Helper()
	sb := make([]byte, 4*len(shape))
	for i, d := range shape {
		binary.LittleEndian.PutUint32(sb[4*i:], uint32(d))
	}
	dp, _ := put(t, e, floatBytes(data))
	sp, _ := put(t, e, sb)
	ok(t, e, e.TensorCreate(dp, int32(len(data)), sp, int32(len(shape))))
	return e.ResultHandle()
}

func compile(t testing.TB, e *Engine, h int32, cfg string) {
	t.Helper()
	p, n := put(t, e, []byte(cfg))
	ok(t, e, e.ModelCompile(h, p, n))
}

func fitBegin(t testing.TB, e *Engine, h, x, y int32, cfg string) int32 {
	t.Helper()
	p, n := put(t, e, []byte(cfg))
	return e.FitBegin(h, x, y, p, n)
}

const mlpSpec = `{"seed": 42, "layers": [
	{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 784]}},
	{"class_name": "Dense", "config": {"units": 64, "activation": "relu"}},
	{"class_name": "Dropout", "config": {"rate": 0.2}},
	{"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}}]}`

// TestEngine_MatchesNN trains the bit-identity test's MLP through the
// engine's code path (spec JSON, compile JSON, fit_begin, fit_step),
// natively, and the same net built by hand with nn: the weights must hash
// alike. tests/ then checks the engine in wazero against nn.
func TestEngine_MatchesNN(t *testing.T) {
	train, _, err := mnist.Default()
	require.NoError(t, err)
	s := train.Subset(640)

	e := NewEngine()
	m := newModel(t, e, mlpSpec)
	compile(t, e, m, `{"optimizer": "adam", "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`)
	x := newTensor(t, e, s.Images, 640, 784)
	y := newTensor(t, e, s.OneHot(), 640, 10)
	ok(t, e, fitBegin(t, e, m, x, y, `{"epochs": 1, "batch_size": 32}`))
	ok(t, e, e.FitStep(m, 20))
	var p progress
	require.NoError(t, json.Unmarshal(result(e), &p))
	assert.True(t, p.Done)
	ok(t, e, e.WeightsHash(m))
	engine := string(result(e))

	ref := nn.NewSequential(layers.NewInput(784), layers.NewDense(64, "relu"), layers.NewDropout(0.2), layers.NewDense(10, "softmax"))
	ref.SetSeed(42)
	loss, err := losses.Get("categorical_crossentropy")
	require.NoError(t, err)
	require.NoError(t, ref.Compile(optimizers.NewAdam(), loss, "accuracy"))
	_, err = ref.Fit(tensor.From(s.Images, 640, 784), tensor.From(s.OneHot(), 640, 10), nn.FitConfig{Epochs: 1, BatchSize: 32})
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("%016x", ref.WeightsHash()), engine)
}

func TestGuard_RecoversPanics(t *testing.T) {
	e := NewEngine()
	var nilMap map[string]int
	for _, tc := range []struct {
		name  string
		body  func() error
		code  int32
		parts []string
	}{
		{"value", func() error { panic("boom") }, statusInternal, []string{"gonn_test: internal error", "boom", "engine_test.go"}},
		{"runtime error", func() error { nilMap["x"]++; return nil }, statusInternal, []string{"assignment to entry in nil map"}},
		{"index", func() error { var s []int; _ = s[3]; return nil }, statusInternal, []string{"index out of range"}},
		{"shape", func() error { tensor.Shapef("bad %d", 3); return nil }, statusShape, []string{"gonn_test: tensor: shape mismatch: bad 3"}},
		{"error", func() error { return fail(statusBusy, "gonn_test: busy") }, statusBusy, []string{"gonn_test: busy"}},
		{"plain error", func() error { return fmt.Errorf("plain") }, statusBadArgument, []string{"gonn_test: plain"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.result = []byte("stale")
			assert.Equal(t, tc.code, e.guard("gonn_test", false, tc.body))
			assert.Equal(t, tc.code, e.ErrorCode())
			msg := string(e.errMsg)
			for _, p := range tc.parts {
				assert.Contains(t, msg, p)
			}
			assert.Zero(t, e.ResultLen(), "a failed call left a result")
			ok(t, e, e.Version())
			assert.Zero(t, e.ErrorCode())
			assert.Zero(t, e.ErrorLen())
		})
	}
}

func TestBlocks(t *testing.T) {
	e := NewEngine()
	var ps []uintptr
	for _, n := range []int32{0, 1, 3, 8, 13, 4096} {
		p := e.Alloc(n)
		require.NotZero(t, p)
		assert.Zero(t, p%8, "block of %d not 8-byte aligned", n)
		ps = append(ps, p)
	}
	b := ps[4] // 13 bytes
	for _, tc := range []struct {
		ptr  uintptr
		n    int32
		good bool
	}{
		{b, 13, true}, {b + 5, 8, true}, {b + 13, 0, true}, {b + 12, 1, true},
		{b, 14, false}, {b + 12, 2, false}, {b + 13, 1, false}, {0, 1, false}, {8, 4, false},
		{0, 0, true}, {b, -1, false},
	} {
		got, err := e.blocks.bytes("test", tc.ptr, tc.n)
		if tc.good {
			require.NoError(t, err, "%#x+%d", tc.ptr-b, tc.n)
			assert.Len(t, got, int(tc.n))
		} else {
			assert.Error(t, err, "%#x+%d", tc.ptr-b, tc.n)
		}
	}
	assert.Equal(t, statusBadArgument, e.Free(b+1))
	for _, p := range ps {
		ok(t, e, e.Free(p))
	}
	assert.Empty(t, e.blocks.blocks)
	assert.Equal(t, statusBadArgument, e.Free(b))
	assert.Zero(t, e.Alloc(-1))
	assert.Equal(t, statusBadArgument, e.ErrorCode())
	assert.Zero(t, e.Alloc(maxAlloc+1))
	assert.Equal(t, statusTooLarge, e.ErrorCode())
}

func TestModelSpec_Forms(t *testing.T) {
	dense := `{"class_name": "Dense", "config": {"units": 2, "batch_input_shape": [null, 3]}}`
	for _, tc := range []struct {
		name, spec string
		seed       uint64
		trainable  bool
	}{
		{"gonn", `{"seed": 5, "layers": [` + dense + `]}`, 5, true},
		{"default seed", `{"layers": [` + dense + `]}`, nn.DefaultSeed, true},
		{"Sequential", `{"class_name": "Sequential", "config": {"name": "s", "layers": [` + dense + `]}}`, 0, true},
		{"Sequential with seed", `{"seed": 9, "class_name": "Sequential", "config": {"layers": [` + dense + `]}}`, 9, true},
		{"Keras 2.2 list", `{"class_name": "Sequential", "config": [` + dense + `]}`, 0, true},
		{"model_config", `{"seed": 8, "keras_version": "2.15.0", "backend": "tensorflow", "model_config": {"class_name": "Sequential", "config": {"layers": [` + dense + `]}}, "training_config": {"loss": "mse"}}`, 8, true},
		{"frozen", `{"class_name": "Sequential", "config": {"trainable": false, "layers": [` + dense + `]}}`, 0, false},
		{"dtype policy", `{"class_name": "Sequential", "config": {"dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}}, "layers": [` + dense + `]}}`, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := parseModelSpec([]byte(tc.spec))
			require.NoError(t, err)
			assert.Equal(t, tc.seed, s.seed)
			m, err := s.build()
			require.NoError(t, err)
			assert.True(t, m.Built())
			assert.Equal(t, []int{2}, m.OutputShape())
			assert.Equal(t, tc.trainable, m.Layers[0].Trainable())
		})
	}
	for _, bad := range []string{
		`{"class_name": "Sequential", "config": {"dtype": "float16", "layers": [` + dense + `]}}`,
		`{"class_name": "Sequential", "config": {"layers": [` + dense + `], "optimizer": 1}}`,
		`{"class_name": "Sequential", "config": {"build_input_shape": [null, null], "layers": [` + dense + `]}}`,
		`{"model_config": {"model_config": {}}}`,
		`{"layers": [{"config": {}}]}`,
		`{"layers": [{"class_name": "Dense", "config": {"units": 2}, "inbound_nodes": []}]}`,
		`{"seed": 1.5, "layers": [` + dense + `]}`,
		`{"layers": [{"class_name": "Reshape", "config": {"target_shape": [5], "batch_input_shape": [null, 3]}}]}`,
	} {
		s, err := parseModelSpec([]byte(bad))
		if err == nil {
			_, err = s.build()
		}
		assert.Error(t, err, bad)
	}
}

func TestJSONFloat_NonFiniteIsNull(t *testing.T) {
	b, err := json.Marshal(map[string]any{
		"logs": logsJSON(nn.Logs{"loss": math.NaN(), "acc": 0.25, "x": math.Inf(-1)}),
		"h":    floatsJSON([]float64{1e-7, math.Inf(1)}),
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"logs": {"acc": 0.25, "loss": null, "x": null}, "h": [1e-7, null]}`, string(b))
}

// TestFitStep_JSON pins the shape of gonn_fit_step's result, which the
// JavaScript API reads.
func TestFitStep_JSON(t *testing.T) {
	e := NewEngine()
	m := newModel(t, e, `{"seed": 1, "layers": [{"class_name": "Dense", "config": {"units": 2, "activation": "softmax", "batch_input_shape": [null, 3]}}]}`)
	compile(t, e, m, `{"optimizer": "sgd", "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`)
	x := newTensor(t, e, []float32{1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3}, 4, 3)
	y := newTensor(t, e, []float32{1, 0, 0, 1, 1, 0, 0, 1}, 4, 2)
	ok(t, e, fitBegin(t, e, m, x, y, `{"epochs": 2, "batch_size": 2, "shuffle": false}`))
	ok(t, e, e.FitStep(m, 0))
	assert.JSONEq(t, `{"epoch": 0, "epochs": 2, "batch": 0, "batches_per_epoch": 2, "done": false,
		"logs": {}, "history": {"epoch": [], "history": {}}}`, string(result(e)))
	ok(t, e, e.FitStep(m, 3))
	var p struct {
		progress
		Logs    map[string]*float64 `json:"logs"`
		History struct {
			Epoch   []int                 `json:"epoch"`
			History map[string][]*float64 `json:"history"`
		} `json:"history"`
	}
	require.NoError(t, json.Unmarshal(result(e), &p))
	assert.Equal(t, 1, p.Epoch)
	assert.Equal(t, 1, p.Batch)
	assert.False(t, p.Done)
	assert.Equal(t, []int{0}, p.History.Epoch)
	assert.Len(t, p.History.History["loss"], 1)
	assert.Len(t, p.History.History["accuracy"], 1)
	assert.Contains(t, p.Logs, "loss")
}

// TestFitBegin_TargetForms: y as one-hot, as sparse labels (N,) and (N, 1)
// all pass fit_begin's check with the matching loss; labels beyond the
// classes do not.
func TestFitBegin_TargetForms(t *testing.T) {
	e := NewEngine()
	m := newModel(t, e, `{"layers": [{"class_name": "Dense", "config": {"units": 3, "activation": "softmax", "batch_input_shape": [null, 2]}}]}`)
	x := newTensor(t, e, []float32{1, 2, 3, 4}, 2, 2)
	compile(t, e, m, `{"optimizer": "sgd", "loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]}`)
	ok(t, e, fitBegin(t, e, m, x, newTensor(t, e, []float32{0, 2}, 2), `{}`))
	ok(t, e, e.ModelStop(m))
	ok(t, e, fitBegin(t, e, m, x, newTensor(t, e, []float32{0, 2}, 2, 1), `{}`))
	ok(t, e, e.ModelStop(m))
	assert.Equal(t, statusShape, fitBegin(t, e, m, x, newTensor(t, e, []float32{7, 2}, 2), `{}`), "%s", e.errMsg)
	compile(t, e, m, `{"optimizer": "sgd", "loss": "categorical_crossentropy"}`)
	ok(t, e, fitBegin(t, e, m, x, newTensor(t, e, []float32{1, 0, 0, 0, 0, 1}, 2, 3), `{}`))
}

// TestFitBegin_Seed checks the fit config's seed: it reseeds the model's
// PRNG, so two fits from the same weights with one fit seed end alike, and
// another fit seed shuffles (and drops out) differently.
func TestFitBegin_Seed(t *testing.T) {
	train, _, err := mnist.Default()
	require.NoError(t, err)
	s := train.Subset(128)
	hashAfter := func(fitSeed string) string {
		e := NewEngine()
		m := newModel(t, e, mlpSpec)
		compile(t, e, m, `{"optimizer": "adam", "loss": "categorical_crossentropy"}`)
		x := newTensor(t, e, s.Images, 128, 784)
		y := newTensor(t, e, s.OneHot(), 128, 10)
		ok(t, e, fitBegin(t, e, m, x, y, `{"epochs": 1, "batch_size": 32`+fitSeed+`}`))
		ok(t, e, e.FitStep(m, 4))
		ok(t, e, e.WeightsHash(m))
		return string(result(e))
	}
	assert.Equal(t, hashAfter(`, "seed": 5`), hashAfter(`, "seed": 5`))
	assert.NotEqual(t, hashAfter(`, "seed": 5`), hashAfter(`, "seed": 6`))
	assert.NotEqual(t, hashAfter(`, "seed": 5`), hashAfter(``))
}
