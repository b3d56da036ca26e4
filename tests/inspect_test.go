package tests

import (
	"encoding/json"
	"fmt"
	"testing"

	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The exports for custom loops, inspection and composition under wazero:
// known answers on a linear model, and the error paths across the boundary.

// linear is out = x·W + b, 3 → 2, with known weights, compiled with SGD(0.1)
// and MSE (+ MAE), and a batch x (4, 3), y (4, 2).
type linear struct {
	m, x, y int32
	w, b    []float32
}

var (
	linearX = []float32{1, 2, 3, -1, 0, 0.5, 0.25, -2, 1, 2, 2, -1}
	linearY = []float32{1, 0, 0, 1, -1, 2, 0.5, 0.5}
)

func newLinear(t *testing.T, e *harness.Engine) linear {
	t.Helper()
	l := linear{w: []float32{0.5, -1, 0.25, 2, -0.75, 0.125}, b: []float32{0.1, -0.2}}
	var err error
	l.m, err = e.CreateModel(`{"seed": 1, "layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 3]}},
		{"class_name": "Dense", "config": {"units": 2}}]}`)
	require.NoError(t, err)
	require.NoError(t, e.Compile(l.m, `{"optimizer": {"class_name": "SGD", "config": {"learning_rate": 0.1}}, "loss": "mse", "metrics": ["mae"]}`))
	require.NoError(t, e.SetWeights(l.m, append(append([]float32{}, l.w...), l.b...)))
	l.x, err = e.CreateTensor(linearX, 4, 3)
	require.NoError(t, err)
	l.y, err = e.CreateTensor(linearY, 4, 2)
	require.NoError(t, err)
	return l
}

// predicted is (x·W + b) in float64.
func (l linear) predicted() []float64 {
	out := make([]float64, 8)
	for r := range 4 {
		for j := range 2 {
			s := float64(l.b[j])
			for i := range 3 {
				s += float64(linearX[r*3+i]) * float64(l.w[i*2+j])
			}
			out[r*2+j] = s
		}
	}
	return out
}

func data(t *testing.T, e *harness.Engine, h int32, err error) []float32 {
	t.Helper()
	require.NoError(t, err)
	d, err := e.TensorData(h)
	require.NoError(t, err)
	return d
}

func TestOnBatch_Wazero(t *testing.T) {
	e := newEngine(t)
	l := newLinear(t, e)
	var mse float64
	for i, p := range l.predicted() {
		d := p - float64(linearY[i])
		mse += d * d / 8
	}
	logs, err := e.TestOnBatch(l.m, l.x, l.y)
	require.NoError(t, err)
	assert.InDelta(t, mse, *logs["loss"], 1e-6)
	require.Contains(t, logs, "mae")

	h, err := e.PredictOnBatch(l.m, l.x)
	pred := data(t, e, h, err)
	for i, p := range l.predicted() {
		assert.InDelta(t, p, float64(pred[i]), 1e-6)
	}
	h, err = e.CallModel(l.m, l.x, true)
	assert.Equal(t, pred, data(t, e, h, err), "no dropout here: training mode gives the same")

	before, err := e.WeightsHash(l.m)
	require.NoError(t, err)
	logs, err = e.TrainOnBatch(l.m, l.x, l.y)
	require.NoError(t, err)
	assert.InDelta(t, mse, *logs["loss"], 1e-6, "the loss before the update")
	after, err := e.WeightsHash(l.m)
	require.NoError(t, err)
	assert.NotEqual(t, before, after)

	_, err = e.TrainOnBatch(l.x, l.x, l.y)
	requireCode(t, e, err, harness.UnknownHandle, "is a tensor, not a model")
	_, err = e.CallModel(l.m, l.x, false)
	require.NoError(t, err)
	_, err = e.Call("gonn_model_call", harness.I32(l.m), harness.I32(l.x), harness.I32(3))
	require.NoError(t, err)
	requireCode(t, e, e.LastError(), harness.BadArgument, "training is 3")
}

func TestInspect_Wazero(t *testing.T) {
	e := newEngine(t)
	l := newLinear(t, e)

	outs, err := e.LayerOutputs(l.m, l.x)
	require.NoError(t, err)
	require.Len(t, outs, 2)
	assert.Equal(t, "InputLayer", outs[0].ClassName)
	assert.Equal(t, harness.LayerOutput{Name: "dense", ClassName: "Dense", Shape: []int{4, 2}, Tensor: outs[1].Tensor}, outs[1])
	out := data(t, e, outs[1].Tensor, nil)
	for i, p := range l.predicted() {
		assert.InDelta(t, p, float64(out[i]), 1e-6)
	}

	h, err := e.Saliency(l.m, l.x, 1)
	s := data(t, e, h, err)
	for r := range 4 {
		assert.Equal(t, []float32{l.w[1], l.w[3], l.w[5]}, s[r*3:r*3+3], "the saliency of a linear model is its weights")
	}

	h, act, err := e.Maximise(l.m, `{"layer": 1, "unit": 1, "steps": 300, "learning_rate": 0.1, "l2": 0.5}`)
	x := data(t, e, h, err)
	for i, v := range x {
		assert.InDelta(t, l.w[i*2+1], v, 1e-4, "x = w / (2·L2)")
	}
	assert.InDelta(t, float64(l.b[1]+l.w[1]*x[0]+l.w[3]*x[1]+l.w[5]*x[2]), act, 1e-5)

	ws, err := e.WeightStats(l.m)
	require.NoError(t, err)
	require.Len(t, ws, 2)
	assert.Equal(t, "dense/kernel", ws[0].Name)
	assert.Equal(t, -1.0, ws[0].Min)
	assert.Equal(t, 2.0, ws[0].Max)
	gs, err := e.GradientStats(l.m, l.x, l.y)
	require.NoError(t, err)
	require.Len(t, gs, 2)
	assert.Equal(t, []int{3, 2}, gs[0].Shape)
	assert.Greater(t, gs[0].Norm, 0.0)

	cm, err := e.ConfusionMatrix(`{"truth": [0, 1, 1, 2], "pred": [0, 1, 2, 2], "classes": 3}`)
	require.NoError(t, err)
	assert.Equal(t, [][]int{{1, 0, 0}, {0, 1, 1}, {0, 0, 1}}, cm)

	img, err := e.CreateModel(`{"layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 2, 2]}},
		{"class_name": "Flatten", "config": {}}, {"class_name": "Dense", "config": {"units": 1}}]}`)
	require.NoError(t, err)
	require.NoError(t, e.SetWeights(img, []float32{1, 2, 3, 4, 0}))
	im, err := e.CreateTensor([]float32{1, 1, 1, 1}, 1, 2, 2)
	require.NoError(t, err)
	h, err = e.Occlusion(img, im, `{"class_index": 0, "size": 1}`)
	assert.Equal(t, []float32{1, 2, 3, 4}, data(t, e, h, err), "hiding a pixel of value 1 drops the output by its weight")

	conv, err := e.CreateModel(`{"layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4, 4, 1]}},
		{"class_name": "Conv2D", "config": {"filters": 3, "kernel_size": 2}}]}`)
	require.NoError(t, err)
	h, err = e.Filters(conv, 1)
	require.NoError(t, err)
	shape, err := e.TensorShape(h)
	require.NoError(t, err)
	assert.Equal(t, []int{3, 2, 2, 1}, shape)

	_, err = e.Filters(l.m, 1)
	requireCode(t, e, err, harness.BadArgument, "is not a convolution")
	_, err = e.Saliency(l.m, l.x, 2)
	requireCode(t, e, err, harness.BadArgument, "class index 2")
	_, _, err = e.Maximise(l.m, `{"layer": 1, "unit": 9}`)
	requireCode(t, e, err, harness.BadArgument, "unit 9 out of range")
	_, _, err = e.Maximise(l.m, `{"layer": `)
	requireCode(t, e, err, harness.BadArgument, "gonn_maximise:")
	_, err = e.Occlusion(img, l.x, `{"class_index": 0, "size": 1}`)
	requireCode(t, e, err, harness.Shape, "the model expects (None, 2, 2)")
	_, err = e.ConfusionMatrix(`{"truth": [4], "pred": [0], "classes": 3}`)
	requireCode(t, e, err, harness.BadArgument, "true label 4")
}

func TestCompose_Wazero(t *testing.T) {
	e := newEngine(t)
	a, err := e.CreateModel(`{"seed": 1, "layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 3]}},
		{"class_name": "Dense", "config": {"units": 4, "activation": "relu"}}]}`)
	require.NoError(t, err)
	b, err := e.CreateModel(`{"seed": 2, "layers": [{"class_name": "Dense", "config": {"units": 2, "activation": "softmax"}}]}`)
	require.NoError(t, err)
	ab, err := e.Compose(fmt.Sprintf(`{"models": [%d, %d], "name": "ab"}`, a, b))
	require.NoError(t, err)
	x, err := e.CreateTensor(linearX, 4, 3)
	require.NoError(t, err)
	y, err := e.CreateTensor([]float32{1, 0, 0, 1, 1, 0, 0, 1}, 4, 2)
	require.NoError(t, err)
	chained := func() []float32 {
		h, err := e.Predict(a, x, 0)
		require.NoError(t, err)
		h, err = e.Predict(b, h, 0)
		return data(t, e, h, err)
	}
	composed := func() []float32 {
		h, err := e.Predict(ab, x, 0)
		return data(t, e, h, err)
	}
	assert.Equal(t, chained(), composed())
	require.NoError(t, e.Compile(ab, `{"optimizer": "sgd", "loss": "categorical_crossentropy"}`))
	hb, err := e.WeightsHash(b)
	require.NoError(t, err)
	_, err = e.TrainOnBatch(ab, x, y)
	require.NoError(t, err)
	hb2, err := e.WeightsHash(b)
	require.NoError(t, err)
	assert.NotEqual(t, hb, hb2, "training the composition trains b")
	assert.Equal(t, chained(), composed(), "the weights are shared")

	_, err = e.Compose(fmt.Sprintf(`{"models": [%d, %d]}`, b, a))
	requireCode(t, e, err, harness.Shape, "models[1] takes (None, 3), the model before it outputs (None, 2)")
	_, err = e.Compose(fmt.Sprintf(`{"models": [%d]}`, x))
	requireCode(t, e, err, harness.UnknownHandle, "is a tensor, not a model")
}

// The fuzzer's calls of these exports (FuzzABI, case 19).

func init() {
	for _, name := range []string{"gonn_train_on_batch", "gonn_test_on_batch", "gonn_layer_outputs", "gonn_maximise",
		"gonn_weight_stats", "gonn_gradient_stats", "gonn_confusion_matrix", "gonn_gan_create", "gonn_gan_step"} {
		jsonResults[name] = true
	}
}

// fuzzMore calls one of the exports for custom loops, inspection,
// composition and GANs with fuzzed handles, indexes and JSON.
func (z *abiFuzzer) fuzzMore() {
	z.t.Helper()
	i32 := harness.I32
	switch z.byte_() % 12 {
	case 0:
		name := pick(z, "gonn_train_on_batch", "gonn_test_on_batch", "gonn_gradient_stats")
		z.status(name, i32(z.handle()), i32(z.handle()), i32(z.handle()))
	case 1:
		z.made("gonn_predict_on_batch", z.status("gonn_predict_on_batch", i32(z.handle()), i32(z.handle())))
	case 2:
		h, x, training := z.handle(), z.handle(), int32(z.byte_()%3)
		z.made("gonn_model_call", z.status("gonn_model_call", i32(h), i32(x), i32(training)))
	case 3:
		z.layerOutputs()
	case 4:
		h, l := z.handle(), z.smallInt()
		z.made("gonn_filters", z.status("gonn_filters", i32(h), i32(l)))
	case 5:
		h, x, c := z.handle(), z.handle(), z.smallInt()
		z.made("gonn_saliency", z.status("gonn_saliency", i32(h), i32(x), i32(c)))
	case 6:
		h, x := z.handle(), z.handle()
		p, n := z.jsonArg(pick(z, `{"class_index": 0, "size": 1}`, `{"class_index": 1, "size": 2, "stride": 1, "fill": 0.5}`,
			`{"size": 0}`, `{"class_index": -1, "size": 1}`, `{"class_index": 0, "size": 1, "stride": -2}`, `{"colour": 1}`, ``))
		z.made("gonn_occlusion", z.status("gonn_occlusion", i32(h), i32(x), uint64(p), i32(n)))
	case 7:
		h := z.handle()
		p, n := z.jsonArg(pick(z, `{"layer": 1, "unit": 0, "steps": 3}`, `{"layer": 0, "steps": 2, "min": 0, "max": 1}`,
			fmt.Sprintf(`{"layer": 1, "steps": 2, "start": %d}`, z.handle()), `{"layer": 9}`, `{"layer": 1, "steps": -1}`,
			`{"layer": 1, "steps": 100001}`, `{}`, `{"layer": `))
		z.made("gonn_maximise", z.status("gonn_maximise", i32(h), uint64(p), i32(n)))
	case 8:
		z.status("gonn_weight_stats", i32(z.handle()))
	case 9:
		p, n := z.jsonArg(pick(z, `{"truth": [0, 1, 2], "pred": [0, 2, 2], "classes": 3}`,
			fmt.Sprintf(`{"truth": [0, 1], "scores": %d, "classes": 3}`, z.handle()), `{"truth": [5], "pred": [0], "classes": 3}`,
			`{"truth": [0], "pred": [0], "classes": 100000}`, `{"truth": [0]}`, `[`))
		z.status("gonn_confusion_matrix", uint64(p), i32(n))
	case 10:
		p, n := z.jsonArg(pick(z, fmt.Sprintf(`{"models": [%d, %d]}`, z.handle(), z.handle()),
			fmt.Sprintf(`{"models": [%d], "name": "c", "seed": 2}`, z.handle()), `{"models": []}`, `{"models": [1], "seed": -1}`))
		z.made("gonn_model_compose", z.status("gonn_model_compose", uint64(p), i32(n)))
	case 11:
		z.gan()
	}
}

// layerOutputs calls gonn_layer_outputs and records the handles it lists.
func (z *abiFuzzer) layerOutputs() {
	z.t.Helper()
	if z.status("gonn_layer_outputs", harness.I32(z.handle()), harness.I32(z.handle())) != harness.OK {
		return
	}
	var outs []harness.LayerOutput
	b := z.read("result", z.acc("gonn_result_ptr"), z.acc("gonn_result_len"))
	if err := json.Unmarshal(b, &outs); err != nil || len(outs) == 0 {
		z.fail("gonn_layer_outputs: result %q: %v", b, err)
	}
	for _, o := range outs {
		if o.Tensor <= 0 {
			z.fail("gonn_layer_outputs listed handle %d", o.Tensor)
		}
		z.handles = append(z.handles, o.Tensor)
	}
}

// gan calls one of the GAN exports.
func (z *abiFuzzer) gan() {
	z.t.Helper()
	i32 := harness.I32
	switch z.byte_() % 4 {
	case 0:
		g, d := z.handle(), z.handle()
		p, n := z.jsonArg(pick(z, fmt.Sprintf(`{"generator": %d, "discriminator": %d, "latent_dim": 2, "seed": 1}`, g, d),
			fmt.Sprintf(`{"generator": %d, "discriminator": %d}`, g, d),
			fmt.Sprintf(`{"generator": %d, "discriminator": %d, "latent_dim": 0, "d_optimizer": "bogus"}`, g, d), `{"latent_dim": 3}`))
		z.made("gonn_gan_create", z.status("gonn_gan_create", uint64(p), i32(n)))
	case 1:
		z.status("gonn_gan_step", i32(z.handle()), i32(z.handle()))
	case 2:
		h, n := z.handle(), z.smallInt()
		z.made("gonn_gan_noise", z.status("gonn_gan_noise", i32(h), i32(n)))
	case 3:
		z.made("gonn_gan_generate", z.status("gonn_gan_generate", i32(z.handle()), i32(z.handle())))
	}
}
