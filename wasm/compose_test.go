package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// composeOf makes a model of the given models (JSON handles list) and
// returns its handle.
func composeOf(t *testing.T, e *Engine, spec string) int32 {
	t.Helper()
	p, n := jsonBlock(t, e, spec)
	ok(t, e, e.ModelCompose(p, n))
	return e.ResultHandle()
}

// chain makes A: 3 → Dense(4, relu), declared input, and B: Dense(2,
// softmax), not built.
func chain(t *testing.T, e *Engine) (a, b int32) {
	a = newModel(t, e, `{"seed": 1, "name": "a", "layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 3]}},
		{"class_name": "Dense", "config": {"units": 4, "activation": "relu"}}]}`)
	b = newModel(t, e, `{"seed": 2, "name": "b", "layers": [{"class_name": "Dense", "config": {"units": 2, "activation": "softmax"}}]}`)
	return a, b
}

func TestModelCompose_SharesWeights(t *testing.T) {
	e := NewEngine()
	a, b := chain(t, e)
	ab := composeOf(t, e, `{"models": [`+itoa(int(a))+`, `+itoa(int(b))+`], "name": "stack"}`)
	info := decodeResult[modelInfo](t, e, e.ModelInfo(ab))
	assert.Equal(t, "stack", info.Name)
	assert.True(t, info.Built, "built at once: the first model declares its input")
	assert.Equal(t, []int{3}, info.InputShape)
	assert.Equal(t, []int{2}, info.OutputShape)
	assert.Equal(t, []layerInfo{{"a", "Sequential", true, 3*4 + 4}, {"b", "Sequential", true, 4*2 + 2}}, info.Layers)
	assert.True(t, decodeResult[modelInfo](t, e, e.ModelInfo(b)).Built, "B was built on A's output")

	x := newTensor(t, e, linX, 4, 3)
	y := newTensor(t, e, []float32{1, 0, 0, 1, 1, 0, 0, 1}, 4, 2)
	chained := func() []float32 {
		ok(t, e, e.Predict(a, x, 0))
		return predict(t, e, b, e.ResultHandle())
	}
	assert.Equal(t, chained(), predict(t, e, ab, x), "the composition is B(A(x))")

	compile(t, e, ab, `{"optimizer": {"class_name": "SGD", "config": {"learning_rate": 0.5}}, "loss": "categorical_crossentropy"}`)
	ha, hb := hashOf(t, e, a), hashOf(t, e, b)
	ok(t, e, e.TrainOnBatch(ab, x, y))
	assert.NotEqual(t, ha, hashOf(t, e, a), "training the composition trains A's own weights")
	assert.NotEqual(t, hb, hashOf(t, e, b), "and B's")
	assert.Equal(t, chained(), predict(t, e, ab, x), "still B(A(x)): the weights are shared, not copied")
	assert.Equal(t, append(weightsOf(t, e, a), weightsOf(t, e, b)...), weightsOf(t, e, ab))
}

func TestModelCompose_FreezeAtCompile(t *testing.T) {
	e := NewEngine()
	a, b := chain(t, e)
	ab := composeOf(t, e, `{"models": [`+itoa(int(a))+`, `+itoa(int(b))+`]}`)
	x := newTensor(t, e, linX, 4, 3)
	y := newTensor(t, e, []float32{1, 0, 0, 1, 1, 0, 0, 1}, 4, 2)
	const cfg = `{"optimizer": {"class_name": "SGD", "config": {"learning_rate": 0.5}}, "loss": "categorical_crossentropy"}`
	compile(t, e, ab, cfg)
	ok(t, e, e.ModelSetTrainable(ab, 1, 0))
	info := decodeResult[modelInfo](t, e, e.ModelInfo(b))
	assert.False(t, info.Layers[0].Trainable, "freezing the nested model freezes its layers")
	hb := hashOf(t, e, b)
	ok(t, e, e.TrainOnBatch(ab, x, y))
	assert.NotEqual(t, hb, hashOf(t, e, b), "the flags were collected at compile: B still trains (Keras' rule)")

	compile(t, e, ab, cfg)
	ha, hb := hashOf(t, e, a), hashOf(t, e, b)
	ok(t, e, e.TrainOnBatch(ab, x, y))
	assert.Equal(t, hb, hashOf(t, e, b), "compiled again: B is frozen")
	assert.NotEqual(t, ha, hashOf(t, e, a), "A trains")
}

func TestModelCompose_UnbuiltChainBuildsOnData(t *testing.T) {
	e := NewEngine()
	u := newModel(t, e, `{"seed": 4, "layers": [{"class_name": "Dense", "config": {"units": 4}}]}`)
	v := newModel(t, e, `{"seed": 5, "layers": [{"class_name": "Dense", "config": {"units": 1}}]}`)
	uv := composeOf(t, e, `{"models": [`+itoa(int(u))+`, `+itoa(int(v))+`], "seed": 9}`)
	info := decodeResult[modelInfo](t, e, e.ModelInfo(uv))
	assert.False(t, info.Built)
	assert.Equal(t, uint64(9), info.Seed)
	x := newTensor(t, e, linX, 4, 3)
	assert.Len(t, predict(t, e, uv, x), 4)
	assert.Equal(t, []int{3}, decodeResult[modelInfo](t, e, e.ModelInfo(u)).InputShape, "the inner models were built on the data")
}

func TestModelCompose_Errors(t *testing.T) {
	e := NewEngine()
	a, b := chain(t, e)
	five := newModel(t, e, dense(1, 5, `{"class_name": "Dense", "config": {"units": 1}}`))
	unbuilt := newModel(t, e, `{"layers": [{"class_name": "Dense", "config": {"units": 4}}]}`)
	x := newTensor(t, e, linX, 4, 3)
	compose := func(s string) func() int32 {
		return func() int32 { p, n := jsonBlock(t, e, s); return e.ModelCompose(p, n) }
	}
	checkErrors(t, e, []errorCase{
		{"no models", compose(`{"models": []}`), statusBadArgument, "models lists 0 model handles"},
		{"bad JSON", compose(`{"models": [1,`), statusBadArgument, "gonn_model_compose: unexpected EOF"},
		{"unknown key", compose(`{"models": [1], "layers": []}`), statusBadArgument, `unknown field "layers"`},
		{"bad seed", compose(`{"models": [` + itoa(int(a)) + `], "seed": -1}`), statusBadArgument, "seed -1: want an integer ≥ 0"},
		{"no such model", compose(`{"models": [` + itoa(int(a)) + `, 999]}`), statusUnknownHandle, "models[1]: no model, tensor or GAN has handle 999"},
		{"a tensor", compose(`{"models": [` + itoa(int(x)) + `]}`), statusUnknownHandle, "models[0]: handle " + itoa(int(x)) + " is a tensor, not a model"},
		{"shapes", compose(`{"models": [` + itoa(int(a)) + `, ` + itoa(int(five)) + `]}`), statusShape,
			"models[1] takes (None, 5), the model before it outputs (None, 4)"},
		{"first unknown", compose(`{"models": [` + itoa(int(unbuilt)) + `, ` + itoa(int(a)) + `]}`), statusNotReady,
			"models[1] is built but the input of models[0] is unknown"},
	})
	compile(t, e, a, `{"optimizer": "sgd", "loss": "mse"}`)
	y4 := newTensor(t, e, make([]float32, 16), 4, 4)
	ok(t, e, fitBegin(t, e, a, x, y4, `{"epochs": 3, "batch_size": 1}`))
	checkErrors(t, e, []errorCase{
		{"busy", compose(`{"models": [` + itoa(int(a)) + `, ` + itoa(int(b)) + `]}`), statusBusy, "a fit is in progress"},
	})
	ok(t, e, e.ModelStop(a))
	require.NotZero(t, composeOf(t, e, `{"models": [`+itoa(int(a))+`, `+itoa(int(b))+`]}`))
}
