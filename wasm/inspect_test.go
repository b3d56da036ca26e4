package main

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLayerOutputs_EveryLayerByHand(t *testing.T) {
	e := NewEngine()
	m := newModel(t, e, dense(1, 3, `{"class_name": "Dense", "config": {"units": 2, "activation": "relu"}}`,
		`{"class_name": "Dense", "config": {"units": 1}}`))
	setWeights(t, e, m, append(append(append([]float32{}, linW...), linB...), 1.5, -0.5, 0.25)) // second layer: W (2, 1), b
	x := newTensor(t, e, linX, 4, 3)
	outs := decodeResult[[]layerOutput](t, e, e.LayerOutputs(m, x))
	require.Len(t, outs, 3, "one per entry of info.layers, the InputLayer first")
	assert.Equal(t, layerOutput{Name: "input_layer", ClassName: "InputLayer", Shape: []int{4, 3}, Tensor: outs[0].Tensor}, outs[0])
	assert.Equal(t, layerOutput{Name: "dense", ClassName: "Dense", Shape: []int{4, 2}, Tensor: outs[1].Tensor}, outs[1])
	assert.Equal(t, layerOutput{Name: "dense_1", ClassName: "Dense", Shape: []int{4, 1}, Tensor: outs[2].Tensor}, outs[2])
	assert.Equal(t, linX, tensorAt(t, e, outs[0].Tensor).Data)
	pred, _, _, _, _ := linearByHand()
	hidden := tensorAt(t, e, outs[1].Tensor)
	for i, v := range pred {
		assert.InDelta(t, math.Max(v, 0), float64(hidden.Data[i]), 1e-6, "relu(x·W + b) at %d", i)
	}
	assert.Equal(t, predict(t, e, m, x), tensorAt(t, e, outs[2].Tensor).Data, "the last layer's output is the prediction")
	assert.NotSame(t, &tensorAt(t, e, x).Data[0], &tensorAt(t, e, outs[0].Tensor).Data[0], "handles never share storage")
	for _, o := range outs {
		ok(t, e, e.Dispose(o.Tensor))
	}
}

func TestFilters_EachScaledToUnitRange(t *testing.T) {
	e := NewEngine()
	m := newModel(t, e, `{"layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 3, 3, 1]}},
		{"class_name": "Conv2D", "config": {"filters": 2, "kernel_size": 2}}]}`)
	// kernel (2, 2, 1, 2): filter 0 is 1, 2, 3, 5; filter 1 is constant 7; then the bias.
	setWeights(t, e, m, []float32{1, 7, 2, 7, 3, 7, 5, 7, 0, 0})
	out := made(t, e, e.Filters(m, 1)) // layer 0 is the InputLayer
	assert.Equal(t, []int{2, 2, 2, 1}, out.Shape)
	assert.Equal(t, []float32{0, 0.25, 0.5, 1, 0.5, 0.5, 0.5, 0.5}, out.Data)
}

func TestSaliency_LinearModelIsItsWeights(t *testing.T) {
	e := NewEngine()
	m, x, _ := linearModel(t, e)
	for class := range 2 {
		s := made(t, e, e.Saliency(m, x, int32(class)))
		assert.Equal(t, []int{4, 3}, s.Shape)
		for r := range 4 {
			for i := range 3 {
				assert.Equal(t, linW[i*2+class], s.Data[r*3+i], "∂out[%d]/∂x[%d] of example %d", class, i, r)
			}
		}
	}
}

// imageModel is Flatten → Dense(2) on (2, 2) images, with W (4, 2) = w.
func imageModel(t *testing.T, e *Engine, w []float32) int32 {
	t.Helper()
	m := newModel(t, e, `{"layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 2, 2]}},
		{"class_name": "Flatten", "config": {}}, {"class_name": "Dense", "config": {"units": 2}}]}`)
	setWeights(t, e, m, append(append([]float32{}, w...), 0.3, -0.3))
	return m
}

func TestOcclusion_LinearModelDropsBy(t *testing.T) {
	e := NewEngine()
	w := []float32{1, -1, 2, 0.5, -3, 4, 0.25, 1}
	m := imageModel(t, e, w)
	img := []float32{0.5, 1, -1, 2}
	x := newTensor(t, e, img, 1, 2, 2)
	p, n := jsonBlock(t, e, `{"class_index": 1, "size": 1, "fill": 0.5}`)
	occ := made(t, e, e.Occlusion(m, x, p, n))
	assert.Equal(t, []int{2, 2}, occ.Shape)
	for i, v := range img {
		assert.InDelta(t, float64((v-0.5)*w[i*2+1]), float64(occ.Data[i]), 1e-6, "pixel %d: (x − fill)·w", i)
	}
	p, n = jsonBlock(t, e, `{"class_index": 0, "size": 2}`)
	occ = made(t, e, e.Occlusion(m, x, p, n))
	assert.Equal(t, []int{1, 1}, occ.Shape)
	var drop float32
	for i, v := range img {
		drop += v * w[i*2]
	}
	assert.InDelta(t, float64(drop), float64(occ.Data[0]), 1e-6, "the whole image hidden by zeros")
}

func TestMaximise_LinearUnitConvergesToWOver2L2(t *testing.T) {
	e := NewEngine()
	m, _, _ := linearModel(t, e)
	p, n := jsonBlock(t, e, `{"layer": 1, "unit": 1, "steps": 300, "learning_rate": 0.1, "l2": 0.5}`)
	res := decodeResult[struct{ Activation float64 }](t, e, e.Maximise(m, p, n))
	x := tensorAt(t, e, e.ResultHandle())
	assert.Equal(t, []int{1, 3}, x.Shape)
	act := float64(linB[1])
	for i := range 3 {
		assert.InDelta(t, float64(linW[i*2+1]), float64(x.Data[i]), 1e-4, "x = w / (2·L2)")
		act += float64(x.Data[i]) * float64(linW[i*2+1])
	}
	assert.InDelta(t, act, res.Activation, 1e-5, "the activation at x")

	start := newTensor(t, e, []float32{0.1, 0.2, 0.3}, 1, 3)
	p, n = jsonBlock(t, e, `{"layer": 1, "unit": 0, "steps": 50, "learning_rate": 1, "min": -0.5, "max": 0.5, "start": `+itoa(int(start))+`}`)
	ok(t, e, e.Maximise(m, p, n))
	x = tensorAt(t, e, e.ResultHandle())
	assert.Equal(t, []float32{0.5, 0.5, -0.5}, x.Data, "the clipped ascent ends at the corner sign(w)")
}

func TestWeightStats_ByHand(t *testing.T) {
	e := NewEngine()
	m, _, _ := linearModel(t, e)
	stats := decodeResult[[]tensorStats](t, e, e.WeightStats(m))
	require.Len(t, stats, 2)
	k := stats[0]
	assert.Equal(t, "dense/kernel", k.Name)
	assert.Equal(t, []int{3, 2}, k.Shape)
	assert.True(t, k.Trainable)
	mean := (0.5 - 1 + 0.25 + 2 - 0.75 + 0.125) / 6.0
	var dev, sq float64
	for _, v := range linW {
		dev += (float64(v) - mean) * (float64(v) - mean)
		sq += float64(v) * float64(v)
	}
	assert.InDelta(t, mean, float64(k.Mean), 1e-12)
	assert.InDelta(t, math.Sqrt(dev/6), float64(k.Std), 1e-12)
	assert.InDelta(t, math.Sqrt(sq), float64(k.Norm), 1e-12)
	assert.Equal(t, jsonFloat(-1), k.Min)
	assert.Equal(t, jsonFloat(2), k.Max)
	assert.Equal(t, jsonFloat(0), k.Zeros)
	assert.Equal(t, "dense/bias", stats[1].Name)
	assert.InDelta(t, -0.05, float64(stats[1].Mean), 1e-7)
}

func TestGradientStats_LinearMSEByHand(t *testing.T) {
	e := NewEngine()
	m, x, y := linearModel(t, e)
	before := hashOf(t, e, m)
	stats := decodeResult[[]tensorStats](t, e, e.GradientStats(m, x, y))
	require.Len(t, stats, 2)
	_, _, _, dW, dB := linearByHand()
	for i, g := range [][]float64{dW, dB} {
		var mean, sq float64
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range g {
			mean += v / float64(len(g))
			sq += v * v
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		assert.InDelta(t, mean, float64(stats[i].Mean), 1e-5, stats[i].Name)
		assert.InDelta(t, math.Sqrt(sq), float64(stats[i].Norm), 1e-5, stats[i].Name)
		assert.InDelta(t, lo, float64(stats[i].Min), 1e-5, stats[i].Name)
		assert.InDelta(t, hi, float64(stats[i].Max), 1e-5, stats[i].Name)
	}
	assert.Equal(t, before, hashOf(t, e, m), "no weight changed")
	ok(t, e, e.TrainOnBatch(m, x, y)) // the optimizer's state is untouched: training still works
}

// TestGradientStats_ChangesNothing: the training-mode pass of gradient
// statistics moves BatchNormalization's moving statistics and draws dropout
// masks; both are undone, so a fit afterwards ends on the same weights as a
// fit without it.
func TestGradientStats_ChangesNothing(t *testing.T) {
	spec := dense(7, 3, `{"class_name": "Dense", "config": {"units": 4}}`, `{"class_name": "BatchNormalization", "config": {}}`,
		`{"class_name": "Dropout", "config": {"rate": 0.5}}`, `{"class_name": "Dense", "config": {"units": 2}}`)
	fitted := func(stats bool) string {
		e := NewEngine()
		m := newModel(t, e, spec)
		compile(t, e, m, `{"optimizer": "sgd", "loss": "mse"}`)
		x, y := newTensor(t, e, linX, 4, 3), newTensor(t, e, linY, 4, 2)
		if stats {
			before := weightsOf(t, e, m)
			ss := decodeResult[[]tensorStats](t, e, e.GradientStats(m, x, y))
			assert.Len(t, ss, 6, "kernel, bias, gamma, beta, kernel, bias: the moving statistics are not trained")
			assert.Equal(t, before, weightsOf(t, e, m), "the moving statistics are as they were")
		}
		ok(t, e, fitBegin(t, e, m, x, y, `{"epochs": 2, "batch_size": 2}`))
		ok(t, e, e.FitStep(m, 100))
		return hashOf(t, e, m)
	}
	assert.Equal(t, fitted(false), fitted(true))
}

func TestConfusionMatrix_LabelsAndScores(t *testing.T) {
	e := NewEngine()
	want := [][]int{{1, 0, 0}, {0, 1, 1}, {0, 0, 2}}
	p, n := jsonBlock(t, e, `{"truth": [0, 1, 2, 2, 1], "pred": [0, 2, 2, 2, 1], "classes": 3}`)
	assert.Equal(t, want, decodeResult[[][]int](t, e, e.ConfusionMatrix(p, n)))
	scores := newTensor(t, e, []float32{
		0.9, 0.05, 0.05,
		0.1, 0.1, 0.8,
		0, 0, 1,
		0.2, 0.3, 0.5,
		0.1, 0.7, 0.2,
	}, 5, 3)
	p, n = jsonBlock(t, e, `{"truth": [0, 1, 2, 2, 1], "scores": `+itoa(int(scores))+`, "classes": 3}`)
	assert.Equal(t, want, decodeResult[[][]int](t, e, e.ConfusionMatrix(p, n)), "argmax of the scores")
}

func TestInspect_Errors(t *testing.T) {
	e := NewEngine()
	m, x, y := linearModel(t, e)
	conv := newModel(t, e, `{"layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 3, 3, 1]}},
		{"class_name": "Conv2D", "config": {"filters": 2, "kernel_size": 2}}]}`)
	unbuilt := newModel(t, e, `{"layers": [{"class_name": "Dense", "config": {"units": 2}}]}`)
	raw := newModel(t, e, dense(1, 3, `{"class_name": "Dense", "config": {"units": 2}}`))
	perStep := newModel(t, e, `{"layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 2, 3]}},
		{"class_name": "Dense", "config": {"units": 2}}]}`)
	big := newModel(t, e, `{"layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 128, 128]}},
		{"class_name": "Flatten", "config": {}}, {"class_name": "Dense", "config": {"units": 2}}]}`)
	img := imageModel(t, e, make([]float32, 8))
	wide := newTensor(t, e, make([]float32, 8), 2, 4)
	empty := newTensor(t, e, nil, 0, 3)
	nan := newTensor(t, e, []float32{1, float32(math.Inf(1)), 0}, 1, 3)
	one := newTensor(t, e, make([]float32, 4), 1, 2, 2)
	two := newTensor(t, e, make([]float32, 8), 2, 2, 2)
	bigImg := newTensor(t, e, make([]float32, 128*128), 1, 128, 128)
	steps := newTensor(t, e, make([]float32, 6), 1, 2, 3)
	startTwo := newTensor(t, e, make([]float32, 6), 2, 3)
	scores1 := newTensor(t, e, make([]float32, 5), 5)
	occl := func(h, x int32, s string) func() int32 {
		return func() int32 { p, n := jsonBlock(t, e, s); return e.Occlusion(h, x, p, n) }
	}
	maxi := func(h int32, s string) func() int32 {
		return func() int32 { p, n := jsonBlock(t, e, s); return e.Maximise(h, p, n) }
	}
	confusion := func(s string) func() int32 {
		return func() int32 { p, n := jsonBlock(t, e, s); return e.ConfusionMatrix(p, n) }
	}
	hash := hashOf(t, e, m)
	checkErrors(t, e, []errorCase{
		{"outputs: no handle", func() int32 { return e.LayerOutputs(99, x) }, statusUnknownHandle, "handle 99"},
		{"outputs: x's examples", func() int32 { return e.LayerOutputs(m, wide) }, statusShape, "the model expects (None, 3)"},
		{"outputs: no examples", func() int32 { return e.LayerOutputs(m, empty) }, statusShape, "x holds no examples"},
		{"outputs: Inf", func() int32 { return e.LayerOutputs(m, nan) }, statusNonFinite, "x holds +Inf at flat index 1"},
		{"filters: a dense layer", func() int32 { return e.Filters(m, 1) }, statusBadArgument, "is not a convolution"},
		{"filters: layer -1", func() int32 { return e.Filters(conv, -1) }, statusBadArgument, "layer index -1: the model has 2 layers"},
		{"filters: layer 2", func() int32 { return e.Filters(conv, 2) }, statusBadArgument, "layer index 2"},
		{"filters: not built", func() int32 { return e.Filters(unbuilt, 0) }, statusNotReady, "not built"},
		{"filters: a tensor", func() int32 { return e.Filters(x, 0) }, statusUnknownHandle, "is a tensor, not a model"},
		{"saliency: class 2", func() int32 { return e.Saliency(m, x, 2) }, statusBadArgument, "class index 2: the model has 2 classes"},
		{"saliency: class -1", func() int32 { return e.Saliency(m, x, -1) }, statusBadArgument, "class index -1"},
		{"saliency: not a vector", func() int32 { return e.Saliency(perStep, steps, 0) }, statusShape, "outputs (None, 2, 2) per example"},
		{"occlusion: bad JSON", occl(img, one, `{"size": `), statusBadArgument, "gonn_occlusion: unexpected EOF"},
		{"occlusion: unknown key", occl(img, one, `{"class_index": 0, "size": 1, "colour": 1}`), statusBadArgument, `unknown field "colour"`},
		{"occlusion: no size", occl(img, one, `{"class_index": 0}`), statusBadArgument, "class_index and size are required"},
		{"occlusion: size 0", occl(img, one, `{"class_index": 0, "size": 0}`), statusBadArgument, "patch size 0"},
		{"occlusion: size 3", occl(img, one, `{"class_index": 0, "size": 3}`), statusBadArgument, "want 1 ≤ size ≤ 2"},
		{"occlusion: stride -1", occl(img, one, `{"class_index": 0, "size": 1, "stride": -1}`), statusBadArgument, "stride -1"},
		{"occlusion: class 5", occl(img, one, `{"class_index": 5, "size": 1}`), statusBadArgument, "class index 5"},
		{"occlusion: two images", occl(img, two, `{"class_index": 0, "size": 1}`), statusShape, "want one image"},
		{"occlusion: not an image", occl(m, x, `{"class_index": 0, "size": 1}`), statusShape, "want one image"},
		{"occlusion: too many patches", occl(big, bigImg, `{"class_index": 0, "size": 1}`), statusTooLarge, "use a larger stride"},
		{"maximise: no layer", maxi(m, `{"unit": 0}`), statusBadArgument, "layer is required"},
		{"maximise: layer 3", maxi(m, `{"layer": 3}`), statusBadArgument, "layer index 3"},
		{"maximise: unit 5", maxi(m, `{"layer": 1, "unit": 5}`), statusBadArgument, "unit 5 out of range: layer 1 has 2 units"},
		{"maximise: steps", maxi(m, `{"layer": 0, "steps": -1}`), statusBadArgument, "steps -1"},
		{"maximise: learning rate", maxi(m, `{"layer": 0, "learning_rate": -1}`), statusBadArgument, "must be ≥ 0"},
		{"maximise: start of two", maxi(m, `{"layer": 0, "start": `+itoa(int(startTwo))+`}`), statusShape, "want one example"},
		{"maximise: start's shape", maxi(m, `{"layer": 0, "start": `+itoa(int(wide))+`}`), statusShape, "the model expects (None, 3)"},
		{"maximise: start is a model", maxi(m, `{"layer": 0, "start": `+itoa(int(m))+`}`), statusUnknownHandle, "start: handle"},
		{"maximise: not built", maxi(unbuilt, `{"layer": 0}`), statusNotReady, "give a start input"},
		{"maximise: bad JSON", maxi(m, `[1]`), statusBadArgument, "gonn_maximise: json"},
		{"weight stats: not built", func() int32 { return e.WeightStats(unbuilt) }, statusNotReady, "not built"},
		{"weight stats: a tensor", func() int32 { return e.WeightStats(x) }, statusUnknownHandle, "not a model"},
		{"gradient stats: not compiled", func() int32 { return e.GradientStats(raw, x, y) }, statusNotReady, "not compiled"},
		{"gradient stats: y", func() int32 { return e.GradientStats(m, x, x) }, statusShape, "does not fit the model's output"},
		{"confusion: out of range", confusion(`{"truth": [0, 3], "pred": [0, 1], "classes": 3}`), statusBadArgument, "example 1 has true label 3"},
		{"confusion: lengths", confusion(`{"truth": [0, 1], "pred": [0], "classes": 3}`), statusShape, "2 true labels and 1 predictions"},
		{"confusion: no classes", confusion(`{"truth": [], "pred": []}`), statusBadArgument, "0 classes"},
		{"confusion: pred and scores", confusion(`{"truth": [0], "pred": [0], "scores": ` + itoa(int(x)) + `, "classes": 2}`), statusBadArgument, "one of them"},
		{"confusion: neither", confusion(`{"truth": [0], "classes": 2}`), statusBadArgument, "one of them"},
		{"confusion: scores handle", confusion(`{"truth": [0], "scores": 999, "classes": 2}`), statusUnknownHandle, "scores: no model, tensor or GAN has handle 999"},
		{"confusion: scores rank", confusion(`{"truth": [0, 0, 0, 0, 0], "scores": ` + itoa(int(scores1)) + `, "classes": 2}`), statusShape, "want (N, classes)"},
		{"confusion: not labels", confusion(`{"truth": [0.5], "pred": [0], "classes": 2}`), statusBadArgument, "cannot unmarshal number 0.5"},
	})
	assert.Equal(t, hash, hashOf(t, e, m), "no failed call changed a weight")

	ok(t, e, fitBegin(t, e, m, x, y, `{"epochs": 2, "batch_size": 2}`))
	checkErrors(t, e, []errorCase{
		{"gradient stats during a fit", func() int32 { return e.GradientStats(m, x, y) }, statusBusy, "a fit is in progress"},
	})
}
