package tests

import (
	"encoding/binary"
	"math"
	"strconv"
	"testing"

	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requireCode checks that err is the engine's refusal with the given status
// and a message containing every part, then that the engine still answers a
// good call.
func requireCode(t *testing.T, e *harness.Engine, err error, code int32, parts ...string) {
	t.Helper()
	require.Error(t, err)
	he, ok := err.(*harness.Error)
	require.True(t, ok, "not a status error (a trap?): %v", err)
	assert.Equal(t, code, he.Code, "status of: %s", he.Message)
	t.Logf("%s → %d: %s", he.Func, he.Code, he.Message)
	for _, p := range parts {
		assert.Contains(t, he.Message, p)
	}
	le := e.LastError()
	require.NotNil(t, le)
	assert.Equal(t, code, le.Code)
	// The next good call works and clears the error.
	_, err = e.Version()
	require.NoError(t, err, "the engine did not recover")
	assert.Nil(t, e.LastError())
}

const mlp784 = `{"seed": 1, "layers": [
	{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 784]}},
	{"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}}]}`

const compileAdam = `{"optimizer": "adam", "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`

// compiledMLP makes and compiles a 784-10 model.
func compiledMLP(t *testing.T, e *harness.Engine) int32 {
	t.Helper()
	m, err := e.CreateModel(mlp784)
	require.NoError(t, err)
	require.NoError(t, e.Compile(m, compileAdam))
	return m
}

// tensorOf makes a tensor of the shape filled with v.
func tensorOf(t *testing.T, e *harness.Engine, v float32, shape ...int) int32 {
	t.Helper()
	n := 1
	for _, d := range shape {
		n *= d
	}
	data := make([]float32, n)
	for i := range data {
		data[i] = v
	}
	h, err := e.CreateTensor(data, shape...)
	require.NoError(t, err)
	return h
}

// oneHot makes (n, 10) one-hot targets of class 3.
func oneHot(t *testing.T, e *harness.Engine, n int) int32 {
	t.Helper()
	data := make([]float32, n*10)
	for i := range n {
		data[i*10+3] = 1
	}
	h, err := e.CreateTensor(data, n, 10)
	require.NoError(t, err)
	return h
}

func TestErrors_Handles(t *testing.T) {
	e := newEngine(t)
	m := compiledMLP(t, e)
	x := tensorOf(t, e, 0.5, 4, 784)

	_, err := e.Predict(999, x, 0)
	requireCode(t, e, err, harness.UnknownHandle, "999")
	_, err = e.Predict(0, x, 0)
	requireCode(t, e, err, harness.UnknownHandle, "handle 0")
	_, err = e.Predict(-5, x, 0)
	requireCode(t, e, err, harness.UnknownHandle)
	_, err = e.Predict(x, x, 0)
	requireCode(t, e, err, harness.UnknownHandle, "is a tensor, not a model")
	_, err = e.Predict(m, m, 0)
	requireCode(t, e, err, harness.UnknownHandle, "is a model, not a tensor")

	require.NoError(t, e.Dispose(x))
	_, err = e.TensorShape(x)
	requireCode(t, e, err, harness.UnknownHandle, "disposed")
	_, err = e.Predict(m, x, 0)
	requireCode(t, e, err, harness.UnknownHandle, "disposed")
	requireCode(t, e, e.Dispose(x), harness.UnknownHandle, "disposed")

	require.NoError(t, e.Dispose(m))
	_, err = e.WeightsHash(m)
	requireCode(t, e, err, harness.UnknownHandle, "disposed")

	// Handles are never reused.
	x2 := tensorOf(t, e, 1, 2)
	assert.Greater(t, x2, m)
}

func TestErrors_Shapes(t *testing.T) {
	e := newEngine(t)
	m := compiledMLP(t, e)
	x783 := tensorOf(t, e, 0.5, 10, 783)
	y10 := oneHot(t, e, 10)

	requireCode(t, e, e.FitBegin(m, x783, y10, `{}`), harness.Shape, "x has shape (10, 783), the model expects (None, 784)")
	_, err := e.Predict(m, x783, 0)
	requireCode(t, e, err, harness.Shape, "(None, 784)")
	_, err = e.Evaluate(m, x783, y10, 0)
	requireCode(t, e, err, harness.Shape, "(None, 784)")

	x := tensorOf(t, e, 0.5, 10, 784)
	requireCode(t, e, e.FitBegin(m, x, oneHot(t, e, 9), `{}`), harness.Shape, "same number of examples")
	requireCode(t, e, e.FitBegin(m, x, tensorOf(t, e, 0, 10, 9), `{}`), harness.Shape, "does not fit the model's output")
	scalar, err := e.CreateTensor([]float32{1})
	require.NoError(t, err)
	_, err = e.Predict(m, scalar, 0)
	requireCode(t, e, err, harness.Shape, "batch axis")

	// Weights of the wrong size.
	w, err := e.Weights(m)
	require.NoError(t, err)
	requireCode(t, e, e.SetWeights(m, w[1:]), harness.Shape, "7850 floats")

	// The right shapes still work.
	require.NoError(t, e.FitBegin(m, x, y10, `{}`))
}

func TestErrors_NonFinite(t *testing.T) {
	e := newEngine(t)
	m := compiledMLP(t, e)
	data := make([]float32, 10*784)
	data[3*784+5] = float32(math.NaN())
	xnan, err := e.CreateTensor(data, 10, 784)
	require.NoError(t, err)
	y := oneHot(t, e, 10)

	requireCode(t, e, e.FitBegin(m, xnan, y, `{}`), harness.NonFinite, "NaN", "flat index 2357", "example 3", "allow_non_finite")
	ydata := make([]float32, 100)
	ydata[42] = float32(math.Inf(1))
	yinf, err := e.CreateTensor(ydata, 10, 10)
	require.NoError(t, err)
	x := tensorOf(t, e, 0.1, 10, 784)
	requireCode(t, e, e.FitBegin(m, x, yinf, `{}`), harness.NonFinite, "+Inf", "example 4")
	requireCode(t, e, e.FitBegin(m, x, y, `{"validation_data": [`+itoa(xnan)+`, `+itoa(y)+`]}`), harness.NonFinite, "validation x")

	// Allowed, the NaN reaches the loss: the step fails with non_finite,
	// the weights are those before the batch, and the fit is over.
	before, err := e.WeightsHash(m)
	require.NoError(t, err)
	require.NoError(t, e.FitBegin(m, xnan, y, `{"allow_non_finite": true, "batch_size": 10}`))
	_, err = e.FitStep(m, 1)
	requireCode(t, e, err, harness.NonFinite, "the loss is NaN")
	after, err := e.WeightsHash(m)
	require.NoError(t, err)
	assert.Equal(t, before, after)
	p, err := e.FitStep(m, 1)
	require.NoError(t, err)
	assert.True(t, p.Done)

	// Evaluate reports a NaN loss as null.
	logs, err := e.Evaluate(m, xnan, y, 0)
	require.NoError(t, err)
	assert.Contains(t, logs, "loss")
	assert.Nil(t, logs["loss"])
}

func TestErrors_Sizes(t *testing.T) {
	e := newEngine(t)
	shape := func(dims ...int32) uint32 {
		b := make([]byte, 4*len(dims))
		for i, d := range dims {
			binary.LittleEndian.PutUint32(b[4*i:], uint32(d))
		}
		p, err := e.Put(b)
		require.NoError(t, err)
		return p
	}
	create := func(data uint32, n int32, shp uint32, rank int32) error {
		return e.Status("gonn_tensor_create", uint64(data), harness.I32(n), uint64(shp), harness.I32(rank))
	}

	// 2^40 floats.
	requireCode(t, e, create(0, 0, shape(1<<20, 1<<20), 2), harness.TooLarge, "limit")
	requireCode(t, e, create(0, 1<<28+1, shape(1<<28+1), 1), harness.TooLarge, "limit")
	// rank 100.
	requireCode(t, e, create(0, 1, shape(make([]int32, 100)...), 100), harness.TooLarge, "rank 100")
	// negatives.
	requireCode(t, e, create(0, -1, shape(3), 1), harness.BadArgument, "negative")
	requireCode(t, e, create(0, 3, shape(3), -1), harness.BadArgument, "negative")
	requireCode(t, e, create(0, 3, shape(-3), 1), harness.BadArgument, "negative dimension")
	requireCode(t, e, create(0, 4, shape(3), 1), harness.Shape, "holds 3 floats, got 4")

	// Pointers outside memory, outside any block, past a block's end.
	requireCode(t, e, create(0xFFFFFFF0, 3, shape(3), 1), harness.BadArgument, "not inside a block")
	requireCode(t, e, create(0, 3, 0xFFFFFFF0, 1), harness.BadArgument, "not inside a block")
	requireCode(t, e, create(8, 3, shape(3), 1), harness.BadArgument, "not inside a block")
	small, err := e.Alloc(8)
	require.NoError(t, err)
	requireCode(t, e, create(small, 3, shape(3), 1), harness.BadArgument, "12 bytes")
	requireCode(t, e, create(small+4, 2, shape(2), 1), harness.BadArgument, "not inside a block")
	require.NoError(t, create(small, 2, shape(2), 1))
	requireCode(t, e, e.Free(small+4), harness.BadArgument, "not the start")
	require.NoError(t, e.Free(small))
	requireCode(t, e, e.Free(small), harness.BadArgument)
	requireCode(t, e, create(small, 2, shape(2), 1), harness.BadArgument, "not inside a block")

	// alloc: negative, too large.
	_, err = e.Alloc(-1)
	requireCode(t, e, err, harness.BadArgument, "negative")
	_, err = e.Alloc(math.MaxInt32)
	requireCode(t, e, err, harness.TooLarge, "limit")

	// JSON: too long, negative length.
	requireCode(t, e, e.Status("gonn_model_create", 16, harness.I32(32<<20)), harness.TooLarge, "JSON")
	requireCode(t, e, e.Status("gonn_model_create", 16, harness.I32(-1)), harness.BadArgument, "negative length")

	// fit_step and batch sizes.
	m := compiledMLP(t, e)
	x := tensorOf(t, e, 0.5, 4, 784)
	_, err = e.Predict(m, x, -1)
	requireCode(t, e, err, harness.BadArgument, "batch_size")
	require.NoError(t, e.FitBegin(m, x, oneHot(t, e, 4), `{}`))
	_, err = e.FitStep(m, -1)
	requireCode(t, e, err, harness.BadArgument, "max_batches")
}

func TestErrors_JSON(t *testing.T) {
	e := newEngine(t)
	for _, tc := range []struct {
		name, spec string
		parts      []string
	}{
		{"invalid JSON", `{"layers": [`, []string{"invalid JSON"}},
		{"not JSON", `hello`, []string{"want a JSON object"}},
		{"not an object", `[1, 2]`, []string{"want a JSON object, got [1, 2]"}},
		{"no layers", `{"seed": 1}`, []string{`no "layers"`}},
		{"empty layers", `{"layers": []}`, []string{"no layers"}},
		{"unknown key", `{"layers": [], "optimizer": "adam"}`, []string{`unknown key "optimizer"`}},
		{"bad seed", `{"seed": -1, "layers": []}`, []string{"seed -1"}},
		{"unknown layer class", `{"layers": [{"class_name": "Conv7D", "config": {}}]}`, []string{`unknown layer class "Conv7D"`, "Dense"}},
		{"bad layer config", `{"layers": [{"class_name": "Dense", "config": {"units": 3, "activation": "bogus"}}]}`, []string{"bogus"}},
		{"unknown layer key", `{"layers": [{"class_name": "Dense", "config": {"units": 3, "colour": 1}}]}`, []string{`"colour"`}},
		{"functional model", `{"class_name": "Functional", "config": {}}`, []string{"only Sequential"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.CreateModel(tc.spec)
			requireCode(t, e, err, harness.BadArgument, tc.parts...)
		})
	}

	m, err := e.CreateModel(mlp784)
	require.NoError(t, err)
	for _, tc := range []struct {
		name, cfg string
		parts     []string
	}{
		{"invalid JSON", `{"optimizer": `, []string{"invalid JSON"}},
		{"unknown optimizer", `{"optimizer": "adamw", "loss": "mse"}`, []string{`"adamw"`, "rmsprop"}},
		{"unknown optimizer class", `{"optimizer": {"class_name": "Lion", "config": {}}, "loss": "mse"}`, []string{`"Lion"`}},
		{"bad optimizer config", `{"optimizer": {"class_name": "Adam", "config": {"learning_rat": 0.1}}, "loss": "mse"}`, []string{"learning_rat"}},
		{"unknown loss", `{"optimizer": "sgd", "loss": "hinge_ish"}`, []string{`"hinge_ish"`}},
		{"unknown metric", `{"optimizer": "sgd", "loss": "mse", "metrics": ["f7"]}`, []string{`"f7"`}},
		{"no loss", `{"optimizer": "sgd"}`, []string{"no loss"}},
		{"unknown key", `{"optimizer": "sgd", "loss": "mse", "lr": 1}`, []string{`"lr"`}},
	} {
		t.Run("compile "+tc.name, func(t *testing.T) {
			requireCode(t, e, e.Compile(m, tc.cfg), harness.BadArgument, tc.parts...)
		})
	}

	require.NoError(t, e.Compile(m, compileAdam))
	x, y := tensorOf(t, e, 0.5, 4, 784), oneHot(t, e, 4)
	for _, tc := range []struct {
		name, cfg string
		parts     []string
	}{
		{"invalid JSON", `{"epochs": }`, []string{"invalid"}},
		{"unknown key", `{"epochs": 1, "steps_per_epoch": 3}`, []string{"steps_per_epoch"}},
		{"zero epochs", `{"epochs": 0}`, []string{"epochs 0"}},
		{"bad batch size", `{"batch_size": -3}`, []string{"batch_size -3"}},
		{"bad split", `{"validation_split": 1.5}`, []string{"validation_split 1.5"}},
		{"bad validation data", `{"validation_data": [1]}`, []string{"validation_data"}},
	} {
		t.Run("fit "+tc.name, func(t *testing.T) {
			requireCode(t, e, e.FitBegin(m, x, y, tc.cfg), harness.BadArgument, tc.parts...)
		})
	}
}

func TestErrors_NotReadyAndBusy(t *testing.T) {
	e := newEngine(t)
	m, err := e.CreateModel(mlp784)
	require.NoError(t, err)
	x, y := tensorOf(t, e, 0.5, 64, 784), oneHot(t, e, 64)

	requireCode(t, e, e.FitBegin(m, x, y, `{}`), harness.NotReady, "not compiled")
	_, err = e.Evaluate(m, x, y, 0)
	requireCode(t, e, err, harness.NotReady, "not compiled")
	_, err = e.FitStep(m, 1)
	requireCode(t, e, err, harness.NotReady, "gonn_fit_begin")

	lazy, err := e.CreateModel(`{"layers": [{"class_name": "Dense", "config": {"units": 3}}]}`)
	require.NoError(t, err)
	_, err = e.Summary(lazy)
	requireCode(t, e, err, harness.NotReady, "not built")
	_, err = e.WeightsHash(lazy)
	requireCode(t, e, err, harness.NotReady, "not built")

	require.NoError(t, e.Compile(m, compileAdam))
	require.NoError(t, e.FitBegin(m, x, y, `{"epochs": 2}`))
	requireCode(t, e, e.Compile(m, compileAdam), harness.Busy, "fit is in progress")
	requireCode(t, e, e.FitBegin(m, x, y, `{}`), harness.Busy)
	w, err := e.Weights(m)
	require.NoError(t, err)
	requireCode(t, e, e.SetWeights(m, w), harness.Busy)
	// Reading and inference are fine during a fit.
	_, err = e.Predict(m, x, 0)
	require.NoError(t, err)
	require.NoError(t, e.Stop(m))
	require.NoError(t, e.SetWeights(m, w))
	require.NoError(t, e.Compile(m, compileAdam))
}

func itoa(h int32) string { return strconv.Itoa(int(h)) }
