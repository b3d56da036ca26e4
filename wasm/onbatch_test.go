package main

import (
	"math"
	"testing"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A linear model out = x·W + b (3 → 2), compiled with SGD(0.1), MSE and MAE,
// with known weights and a known batch.
var (
	linW  = []float32{0.5, -1, 0.25, 2, -0.75, 0.125} // (3, 2)
	linB  = []float32{0.1, -0.2}
	linX  = []float32{1, 2, 3, -1, 0, 0.5, 0.25, -2, 1, 2, 2, -1} // (4, 3)
	linY  = []float32{1, 0, 0, 1, -1, 2, 0.5, 0.5}                // (4, 2)
	linLR = 0.1
)

const linCompile = `{"optimizer": {"class_name": "SGD", "config": {"learning_rate": 0.1}}, "loss": "mse", "metrics": ["mae"]}`

func linearModel(t *testing.T, e *Engine) (m, x, y int32) {
	t.Helper()
	m = newModel(t, e, dense(1, 3, `{"class_name": "Dense", "config": {"units": 2}}`))
	compile(t, e, m, linCompile)
	setWeights(t, e, m, append(append([]float32{}, linW...), linB...))
	return m, newTensor(t, e, linX, 4, 3), newTensor(t, e, linY, 4, 2)
}

// linearByHand is the model's output on linX, the MSE and MAE against linY
// and the MSE's gradient with respect to W and b, in float64.
func linearByHand() (pred []float64, mse, mae float64, dW, dB []float64) {
	const n, in, k = 4, 3, 2
	pred, dW, dB = make([]float64, n*k), make([]float64, in*k), make([]float64, k)
	for r := range n {
		for j := range k {
			s := float64(linB[j])
			for i := range in {
				s += float64(linX[r*in+i]) * float64(linW[i*k+j])
			}
			pred[r*k+j] = s
			d := s - float64(linY[r*k+j])
			mse += d * d / (n * k)
			mae += math.Abs(d) / (n * k)
			g := 2 * d / (n * k)
			dB[j] += g
			for i := range in {
				dW[i*k+j] += g * float64(linX[r*in+i])
			}
		}
	}
	return pred, mse, mae, dW, dB
}

func TestTrainOnBatch_OneSGDStepByHand(t *testing.T) {
	e := NewEngine()
	m, x, y := linearModel(t, e)
	logs := decodeResult[map[string]float64](t, e, e.TrainOnBatch(m, x, y))
	_, mse, mae, dW, dB := linearByHand()
	assert.InDelta(t, mse, logs["loss"], 1e-6)
	assert.InDelta(t, mae, logs["mae"], 1e-6)
	assert.Len(t, logs, 2)
	w := weightsOf(t, e, m)
	for i, g := range append(dW, dB...) {
		before := float64(append(append([]float32{}, linW...), linB...)[i])
		assert.InDelta(t, before-linLR*g, float64(w[i]), 1e-6, "weight %d", i)
	}

	// The same step natively with nn, bit for bit.
	ref := nn.NewSequential(layers.NewInput(3), layers.NewDense(2, "linear"))
	ref.SetSeed(1)
	sgd := optimizers.NewSGD()
	sgd.LR = 0.1
	require.NoError(t, ref.Compile(sgd, losses.MeanSquaredError{}, "mae"))
	require.NoError(t, ref.Build())
	copy(ref.Weights()[0].Data(), linW)
	copy(ref.Weights()[1].Data(), linB)
	_, _, err := ref.TrainOnBatch(tensor.From(linX, 4, 3), tensor.From(linY, 4, 2))
	require.NoError(t, err)
	assert.Equal(t, ref.Weights()[0].Data(), w[:6])
	assert.Equal(t, ref.Weights()[1].Data(), w[6:])
}

func TestTestOnBatch_ChangesNothing(t *testing.T) {
	e := NewEngine()
	m, x, y := linearModel(t, e)
	before := hashOf(t, e, m)
	logs := decodeResult[map[string]float64](t, e, e.TestOnBatch(m, x, y))
	_, mse, mae, _, _ := linearByHand()
	assert.InDelta(t, mse, logs["loss"], 1e-6)
	assert.InDelta(t, mae, logs["mae"], 1e-6)
	assert.Equal(t, before, hashOf(t, e, m))
	ok(t, e, e.Evaluate(m, x, y, 4))
	assert.JSONEq(t, string(result(e)), func() string {
		ok(t, e, e.TestOnBatch(m, x, y))
		return string(result(e))
	}(), "test_on_batch is evaluate on one batch")
}

func TestPredictOnBatch_IsTheLinearMap(t *testing.T) {
	e := NewEngine()
	m, x, _ := linearModel(t, e)
	out := made(t, e, e.PredictOnBatch(m, x))
	assert.Equal(t, []int{4, 2}, out.Shape)
	pred, _, _, _, _ := linearByHand()
	for i, v := range pred {
		assert.InDelta(t, v, float64(out.Data[i]), 1e-6)
	}
	assert.Equal(t, predict(t, e, m, x), out.Data, "predict_on_batch gives predict's bits")
}

func TestModelCall_TrainingMode(t *testing.T) {
	e := NewEngine()
	m := newModel(t, e, dense(3, 4, `{"class_name": "Dense", "config": {"units": 4}}`, `{"class_name": "Dropout", "config": {"rate": 0.5}}`))
	xs := make([]float32, 8*4)
	for i := range xs {
		xs[i] = float32(i%5) - 1.5
	}
	x := newTensor(t, e, xs, 8, 4)
	before := hashOf(t, e, m)
	want := predict(t, e, m, x)
	assert.Equal(t, want, made(t, e, e.ModelCall(m, x, 0)).Data, "inference mode is predict")

	input := newModel(t, e, dense(3, 4, `{"class_name": "Dropout", "config": {"rate": 0.5}}`))
	same := made(t, e, e.ModelCall(input, x, 0))
	assert.Equal(t, xs, same.Data, "dropout in inference mode passes x through")
	assert.NotSame(t, &tensorAt(t, e, x).Data[0], &same.Data[0], "handles never share storage")

	got := made(t, e, e.ModelCall(m, x, 1)).Data
	dropped := 0
	for i, v := range got {
		if v == 0 && want[i] != 0 {
			dropped++
			continue
		}
		assert.Equal(t, want[i]*2, v, "a kept unit is scaled by 1/(1-rate)")
	}
	assert.Greater(t, dropped, 4, "dropout is on in training mode")
	assert.Less(t, dropped, 28)
	assert.Equal(t, before, hashOf(t, e, m), "no weight changed")
}

func TestModelCall_BatchNormUsesTheBatch(t *testing.T) {
	e := NewEngine()
	m := newModel(t, e, dense(1, 2, `{"class_name": "BatchNormalization", "config": {}}`))
	x := newTensor(t, e, []float32{1, 10, 3, 20, 5, 30, 7, 40}, 4, 2)
	before := weightsOf(t, e, m) // gamma, beta, moving mean, moving variance
	out := made(t, e, e.ModelCall(m, x, 1))
	for f := range 2 {
		var mean float64
		for r := range 4 {
			mean += float64(out.Data[r*2+f]) / 4
		}
		assert.InDelta(t, 0, mean, 1e-5, "feature %d is normalised with the batch's mean", f)
	}
	after := weightsOf(t, e, m)
	assert.Equal(t, before[:4], after[:4], "gamma and beta are unchanged")
	assert.NotEqual(t, before[4:6], after[4:6], "the moving mean moved, as in Keras")
}

func TestOnBatch_Errors(t *testing.T) {
	e := NewEngine()
	m, x, y := linearModel(t, e)
	raw := newModel(t, e, dense(1, 3, `{"class_name": "Dense", "config": {"units": 2}}`))
	wide := newTensor(t, e, make([]float32, 8), 2, 4)
	few := newTensor(t, e, make([]float32, 6), 3, 2)
	yWide := newTensor(t, e, make([]float32, 12), 4, 3)
	empty := newTensor(t, e, nil, 0, 3)
	nan := newTensor(t, e, []float32{1, float32(math.NaN()), 0}, 1, 3)
	y1 := newTensor(t, e, []float32{1, 0}, 1, 2)
	huge := newTensor(t, e, []float32{3e19, 3e19, 3e19, 3e19, 3e19, 3e19, 3e19, 3e19, 3e19, 3e19, 3e19, 3e19}, 4, 3)
	hash := hashOf(t, e, m)
	checkErrors(t, e, []errorCase{
		{"no handle", func() int32 { return e.TrainOnBatch(0, x, y) }, statusUnknownHandle, "handle 0"},
		{"a tensor as the model", func() int32 { return e.TestOnBatch(x, x, y) }, statusUnknownHandle, "is a tensor, not a model"},
		{"a model as x", func() int32 { return e.PredictOnBatch(m, m) }, statusUnknownHandle, "x: handle"},
		{"not compiled", func() int32 { return e.TrainOnBatch(raw, x, y) }, statusNotReady, "not compiled"},
		{"test not compiled", func() int32 { return e.TestOnBatch(raw, x, y) }, statusNotReady, "not compiled"},
		{"x's examples", func() int32 { return e.TrainOnBatch(m, wide, y) }, statusShape, "x has shape (2, 4), the model expects (None, 3)"},
		{"y's count", func() int32 { return e.TrainOnBatch(m, x, few) }, statusShape, "the same number of examples"},
		{"y's width", func() int32 { return e.TrainOnBatch(m, x, yWide) }, statusShape, "does not fit the model's output"},
		{"test y's count", func() int32 { return e.TestOnBatch(m, x, few) }, statusShape, "the same number of examples"},
		{"no examples", func() int32 { return e.TrainOnBatch(m, empty, empty) }, statusShape, "x holds no examples"},
		{"NaN", func() int32 { return e.TrainOnBatch(m, nan, y1) }, statusNonFinite, "holds NaN"},
		{"call NaN", func() int32 { return e.ModelCall(m, nan, 0) }, statusNonFinite, "x holds NaN"},
		{"loss blows up", func() int32 { return e.TrainOnBatch(m, huge, y) }, statusNonFinite, "the loss is +Inf"},
		{"predict x's examples", func() int32 { return e.PredictOnBatch(m, wide) }, statusShape, "the model expects (None, 3)"},
		{"training 2", func() int32 { return e.ModelCall(m, x, 2) }, statusBadArgument, "training is 2, want 0 or 1"},
	})
	assert.Equal(t, hash, hashOf(t, e, m), "no failed call changed a weight")

	ok(t, e, fitBegin(t, e, m, x, y, `{"epochs": 2, "batch_size": 2}`))
	checkErrors(t, e, []errorCase{
		{"train during a fit", func() int32 { return e.TrainOnBatch(m, x, y) }, statusBusy, "a fit is in progress"},
		{"training call during a fit", func() int32 { return e.ModelCall(m, x, 1) }, statusBusy, "a fit is in progress"},
	})
	ok(t, e, e.ModelCall(m, x, 0))
	ok(t, e, e.TestOnBatch(m, x, y))
	ok(t, e, e.ModelStop(m))
	ok(t, e, e.TrainOnBatch(m, x, y))
}
