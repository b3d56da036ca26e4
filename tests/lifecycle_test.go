package tests

import (
	"math"
	"testing"

	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTensor_RoundTrip(t *testing.T) {
	e := newEngine(t)
	data := []float32{1, -2.5, float32(math.Inf(1)), 0, 3e-39, 7}
	h, err := e.CreateTensor(data, 2, 3)
	require.NoError(t, err)
	shape, err := e.TensorShape(h)
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3}, shape)
	got, err := e.TensorData(h)
	require.NoError(t, err)
	assert.Equal(t, data, got)

	// A scalar, and an empty tensor.
	s, err := e.CreateTensor([]float32{4})
	require.NoError(t, err)
	shape, err = e.TensorShape(s)
	require.NoError(t, err)
	assert.Equal(t, []int{}, shape)
	z, err := e.CreateTensor(nil, 0, 5)
	require.NoError(t, err)
	got, err = e.TensorData(z)
	require.NoError(t, err)
	assert.Empty(t, got)
}

// TestTensor_ZeroCopy makes a tensor of zeros (data_ptr 0), fills it in
// place through gonn_tensor_data's pointer, and reads it back.
func TestTensor_ZeroCopy(t *testing.T) {
	e := newEngine(t)
	sp, err := e.Put([]byte{4, 0, 0, 0})
	require.NoError(t, err)
	require.NoError(t, e.Status("gonn_tensor_create", 0, harness.I32(4), uint64(sp), harness.I32(1)))
	h := e.ResultHandle()
	require.NoError(t, e.Status("gonn_tensor_data", harness.I32(h)))
	res, err := e.Call("gonn_result_ptr")
	require.NoError(t, err)
	ptr := uint32(res[0])
	assert.Zero(t, ptr%8, "result not 8-byte aligned")
	mem := e.Module().Memory()
	for i := range 4 {
		require.True(t, mem.WriteFloat32Le(ptr+uint32(4*i), float32(i)+0.5))
	}
	got, err := e.TensorData(h)
	require.NoError(t, err)
	assert.Equal(t, []float32{0.5, 1.5, 2.5, 3.5}, got)
}

func TestModel_TrainPredictEvaluate(t *testing.T) {
	e := newEngine(t)
	x, y := mnistXY(t, 500)
	m, err := e.CreateModel(mlpSpec)
	require.NoError(t, err)
	require.NoError(t, e.Compile(m, `{"optimizer": {"class_name": "RMSprop", "config": {"learning_rate": 0.001}}, "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`))
	xh, err := e.CreateTensor(x, 500, 784)
	require.NoError(t, err)
	yh, err := e.CreateTensor(y, 500, 10)
	require.NoError(t, err)

	// 3 epochs of 400 training examples (validation: the last 100), batches
	// of 100: 4 batches an epoch, stepped 3 at a time.
	require.NoError(t, e.FitBegin(m, xh, yh, `{"epochs": 3, "batch_size": 100, "validation_split": 0.2, "verbose": 1}`))
	var last *harness.Progress
	steps := 0
	for {
		p, err := e.FitStep(m, 3)
		require.NoError(t, err)
		steps++
		assert.Equal(t, 4, p.BatchesPerEpoch)
		assert.Equal(t, 3, p.Epochs)
		assert.Contains(t, p.Logs, "loss")
		last = p
		if p.Done {
			break
		}
		info, err := e.Info(m)
		require.NoError(t, err)
		assert.Equal(t, true, info["fitting"])
	}
	assert.Equal(t, 4, steps) // 12 batches, 3 at a time
	assert.Equal(t, []int{0, 1, 2}, last.History.Epoch)
	for _, k := range []string{"loss", "accuracy", "val_loss", "val_accuracy"} {
		require.Len(t, last.History.History[k], 3, k)
	}
	assert.Less(t, *last.History.History["loss"][2], *last.History.History["loss"][0])
	assert.Greater(t, *last.History.History["val_accuracy"][2], 0.6)
	// Stepping a finished fit repeats the report.
	again, err := e.FitStep(m, 5)
	require.NoError(t, err)
	assert.JSONEq(t, string(last.Raw), string(again.Raw))

	// Evaluate the validation part: the last epoch's val_ figures.
	xv, err := e.CreateTensor(x[400*784:], 100, 784)
	require.NoError(t, err)
	yv, err := e.CreateTensor(y[400*10:], 100, 10)
	require.NoError(t, err)
	logs, err := e.Evaluate(m, xv, yv, 100) // Fit validates in its batch size
	require.NoError(t, err)
	assert.InDelta(t, *last.History.History["val_loss"][2], *logs["loss"], 1e-12)
	assert.InDelta(t, *last.History.History["val_accuracy"][2], *logs["accuracy"], 1e-12)

	// Predict: (100, 10) probabilities.
	ph, err := e.Predict(m, xv, 7)
	require.NoError(t, err)
	shape, err := e.TensorShape(ph)
	require.NoError(t, err)
	assert.Equal(t, []int{100, 10}, shape)
	p, err := e.TensorData(ph)
	require.NoError(t, err)
	var sum float64
	for _, v := range p[:10] {
		sum += float64(v)
	}
	assert.InDelta(t, 1, sum, 1e-5)
}

func TestModel_WeightsRoundTrip(t *testing.T) {
	e := newEngine(t)
	a, err := e.CreateModel(mlpSpec)
	require.NoError(t, err)
	man, err := e.WeightsManifest(a)
	require.NoError(t, err)
	require.Len(t, man, 4)
	assert.Equal(t, harness.WeightEntry{Name: "dense/kernel", Shape: []int{784, 64}, Offset: 0, Size: 50176, Trainable: true}, man[0])
	assert.Equal(t, harness.WeightEntry{Name: "dense_1/bias", Shape: []int{10}, Offset: 50176 + 64 + 640, Size: 10, Trainable: true}, man[3])
	w, err := e.Weights(a)
	require.NoError(t, err)
	assert.Len(t, w, 50890)

	// Another seed, other weights; setting a's weights gives a's hash.
	b, err := e.CreateModel(`{"seed": 7, "layers": [
		{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 784]}},
		{"class_name": "Dense", "config": {"units": 64, "activation": "relu"}},
		{"class_name": "Dropout", "config": {"rate": 0.2}},
		{"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}}]}`)
	require.NoError(t, err)
	ha, err := e.WeightsHash(a)
	require.NoError(t, err)
	hb, err := e.WeightsHash(b)
	require.NoError(t, err)
	assert.NotEqual(t, ha, hb)
	assert.Regexp(t, `^[0-9a-f]{16}$`, ha)
	require.NoError(t, e.SetWeights(b, w))
	hb, err = e.WeightsHash(b)
	require.NoError(t, err)
	assert.Equal(t, ha, hb)
}

func TestModel_InfoSummaryTrainable(t *testing.T) {
	e := newEngine(t)
	// The Keras / TF.js form, with Keras 3 extras, and a build_input_shape.
	m, err := e.CreateModel(`{"seed": 3, "class_name": "Sequential", "keras_version": "3.4.1", "config": {
		"name": "clf", "trainable": true, "dtype": "float32", "build_input_shape": [null, 8],
		"layers": [
			{"module": "keras.layers", "class_name": "Dense", "registered_name": null,
			 "config": {"name": "hidden", "units": 4, "activation": "relu"}, "build_config": {"input_shape": [null, 8]}},
			{"class_name": "Dense", "config": {"name": "out", "units": 2, "activation": "softmax"}}]}}`)
	require.NoError(t, err)
	info, err := e.Info(m)
	require.NoError(t, err)
	assert.Equal(t, "clf", info["name"])
	assert.Equal(t, 3.0, info["seed"])
	assert.Equal(t, true, info["built"])
	assert.Equal(t, false, info["compiled"])
	assert.Equal(t, []any{8.0}, info["input_shape"])
	assert.Equal(t, []any{2.0}, info["output_shape"])
	assert.Equal(t, 46.0, info["params"])
	sum, err := e.Summary(m)
	require.NoError(t, err)
	assert.Contains(t, sum, `Model: "clf"`)
	assert.Contains(t, sum, "hidden (Dense)")
	assert.Contains(t, sum, "Total params: 46")

	require.NoError(t, e.SetTrainable(m, 0, false))
	info, err = e.Info(m)
	require.NoError(t, err)
	assert.Equal(t, 10.0, info["trainable_params"])
	man, err := e.WeightsManifest(m)
	require.NoError(t, err)
	assert.False(t, man[0].Trainable)
	requireCode(t, e, e.SetTrainable(m, 2, true), harness.BadArgument, "layer index 2")
	requireCode(t, e, e.Status("gonn_model_set_trainable", harness.I32(m), 0, harness.I32(2)), harness.BadArgument, "want 0 or 1")

	// A frozen layer keeps its weights through a fit.
	require.NoError(t, e.Compile(m, `{"optimizer": "sgd", "loss": "mse"}`))
	x := tensorOf(t, e, 0.5, 16, 8)
	y := tensorOf(t, e, 0.5, 16, 2)
	before, err := e.Weights(m)
	require.NoError(t, err)
	require.NoError(t, e.FitBegin(m, x, y, `{"epochs": 2, "batch_size": 4}`))
	p, err := e.FitStep(m, 100)
	require.NoError(t, err)
	require.True(t, p.Done)
	after, err := e.Weights(m)
	require.NoError(t, err)
	assert.Equal(t, before[:36], after[:36], "the frozen layer changed")
	assert.NotEqual(t, before[36:], after[36:], "the head did not train")
}

// TestModel_LazyBuild: a model without a declared input is built from the
// first data it meets.
func TestModel_LazyBuild(t *testing.T) {
	e := newEngine(t)
	m, err := e.CreateModel(`{"layers": [{"class_name": "Dense", "config": {"units": 3}}]}`)
	require.NoError(t, err)
	info, err := e.Info(m)
	require.NoError(t, err)
	assert.Equal(t, false, info["built"])
	assert.Nil(t, info["input_shape"])
	p, err := e.Predict(m, tensorOf(t, e, 1, 5, 6), 0)
	require.NoError(t, err)
	shape, err := e.TensorShape(p)
	require.NoError(t, err)
	assert.Equal(t, []int{5, 3}, shape)
	_, err = e.Predict(m, tensorOf(t, e, 1, 5, 7), 0)
	requireCode(t, e, err, harness.Shape, "(None, 6)")
}

// TestFit_StopBetweenSteps: gonn_model_stop ends the fit at once, keeping
// the weights of the last completed batch and recording the partial epoch.
func TestFit_StopBetweenSteps(t *testing.T) {
	e := newEngine(t)
	x, y := mnistXY(t, 320)
	m := compiledMLP(t, e)
	xh, err := e.CreateTensor(x, 320, 784)
	require.NoError(t, err)
	yh, err := e.CreateTensor(y, 320, 10)
	require.NoError(t, err)
	require.NoError(t, e.FitBegin(m, xh, yh, `{"epochs": 5, "batch_size": 32}`))
	_, err = e.FitStep(m, 3)
	require.NoError(t, err)
	before, err := e.WeightsHash(m)
	require.NoError(t, err)
	require.NoError(t, e.Stop(m))
	p, err := e.FitStep(m, 10)
	require.NoError(t, err)
	assert.True(t, p.Done)
	assert.Equal(t, []int{0}, p.History.Epoch)
	after, err := e.WeightsHash(m)
	require.NoError(t, err)
	assert.Equal(t, before, after, "a batch ran after the stop")
	require.NoError(t, e.Stop(m), "stopping a finished fit is a no-op")

	// A new fit can begin; initial_epoch counts on.
	require.NoError(t, e.FitBegin(m, xh, yh, `{"epochs": 3, "initial_epoch": 2, "batch_size": 64, "shuffle": false}`))
	p, err = e.FitStep(m, 1000)
	require.NoError(t, err)
	assert.Equal(t, []int{2}, p.History.Epoch)
}

// TestFit_ValidationData: validation_data given as tensor handles.
func TestFit_ValidationData(t *testing.T) {
	e := newEngine(t)
	x, y := mnistXY(t, 200)
	m := compiledMLP(t, e)
	xh, err := e.CreateTensor(x[:150*784], 150, 784)
	require.NoError(t, err)
	yh, err := e.CreateTensor(y[:150*10], 150, 10)
	require.NoError(t, err)
	xv, err := e.CreateTensor(x[150*784:], 50, 784)
	require.NoError(t, err)
	yv, err := e.CreateTensor(y[150*10:], 50, 10)
	require.NoError(t, err)
	require.NoError(t, e.FitBegin(m, xh, yh, `{"epochs": 2, "validation_data": [`+itoa(xv)+`, `+itoa(yv)+`]}`))
	p, err := e.FitStep(m, 100)
	require.NoError(t, err)
	require.True(t, p.Done)
	assert.Len(t, p.History.History["val_accuracy"], 2)
	logs, err := e.Evaluate(m, xv, yv, 0)
	require.NoError(t, err)
	assert.InDelta(t, *p.History.History["val_loss"][1], *logs["loss"], 1e-12)
}

// TestMemory_ResultSurvivesFree: alloc and free leave the last result and
// error alone, so a host may free its argument blocks before reading them.
func TestMemory_ResultSurvivesFree(t *testing.T) {
	e := newEngine(t)
	_, err := e.Version()
	require.NoError(t, err)
	want := e.Result()
	p, err := e.Alloc(100)
	require.NoError(t, err)
	require.NoError(t, e.Free(p))
	assert.Equal(t, want, e.Result())

	_, err = e.TensorShape(12345)
	require.Error(t, err)
	p, err = e.Alloc(8)
	require.NoError(t, err)
	assert.Zero(t, p%8)
	require.NoError(t, e.Free(p))
	le := e.LastError()
	require.NotNil(t, le)
	assert.Equal(t, int32(harness.UnknownHandle), le.Code)

	// An empty block is still a block.
	p, err = e.Alloc(0)
	require.NoError(t, err)
	assert.NotZero(t, p)
	require.NoError(t, e.Free(p))
}
