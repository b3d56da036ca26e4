package main

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"gonn/nn"
	"gonn/nn/gan"
	"gonn/nn/layers"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A tiny GAN on 6-vectors: the generator 4 → Dense(8, relu) → Dense(6,
// tanh), the discriminator 6 → Dense(8, relu) → Dropout(0.2) → Dense(1,
// sigmoid).
const (
	tinyG = `{"seed": 1, "name": "generator", "layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4]}},
		{"class_name": "Dense", "config": {"units": 8, "activation": "relu"}},
		{"class_name": "Dense", "config": {"units": 6, "activation": "tanh"}}]}`
	tinyD = `{"seed": 2, "name": "discriminator", "layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 6]}},
		{"class_name": "Dense", "config": {"units": 8, "activation": "relu"}},
		{"class_name": "Dropout", "config": {"rate": 0.2}},
		{"class_name": "Dense", "config": {"units": 1, "activation": "sigmoid"}}]}`
	tinyAdam = `{"class_name": "Adam", "config": {"learning_rate": 0.001, "beta_1": 0.5}}`
)

// tinyReal is step s's batch of 8 real 6-vectors, values in [−0.5, 0.5].
func tinyReal(s int) []float32 {
	x := make([]float32, 8*6)
	for i := range x {
		x[i] = float32((s*48+i)*7%11)/10 - 0.5
	}
	return x
}

func tinyGAN(t *testing.T, e *Engine) (net, g, d int32) {
	t.Helper()
	g, d = newModel(t, e, tinyG), newModel(t, e, tinyD)
	p, n := jsonBlock(t, e, `{"generator": `+itoa(int(g))+`, "discriminator": `+itoa(int(d))+
		`, "latent_dim": 4, "d_optimizer": `+tinyAdam+`, "g_optimizer": `+tinyAdam+`, "seed": 3}`)
	res := decodeResult[struct {
		LatentDim int `json:"latent_dim"`
	}](t, e, e.GANCreate(p, n))
	assert.Equal(t, 4, res.LatentDim)
	return e.ResultHandle(), g, d
}

// nativeTinyGAN is the same GAN made with nn directly.
func nativeTinyGAN(t *testing.T) *gan.GAN {
	t.Helper()
	model := func(seed uint64, ls ...layers.Layer) *nn.Sequential {
		m := nn.NewSequential(ls...)
		m.SetSeed(seed)
		return m
	}
	g := model(1, layers.NewInput(4), layers.NewDense(8, "relu"), layers.NewDense(6, "tanh"))
	d := model(2, layers.NewInput(6), layers.NewDense(8, "relu"), layers.NewDropout(0.2), layers.NewDense(1, "sigmoid"))
	adam := func() optimizers.Optimizer {
		o, err := optimizers.FromConfig("Adam", json.RawMessage(`{"learning_rate": 0.001, "beta_1": 0.5}`))
		require.NoError(t, err)
		return o
	}
	net, err := gan.New(g, d, 4, adam(), adam(), 3)
	require.NoError(t, err)
	return net
}

func TestGAN_StepsLikeNN(t *testing.T) {
	e := NewEngine()
	net, g, d := tinyGAN(t, e)
	ref := nativeTinyGAN(t)
	assert.True(t, decodeResult[modelInfo](t, e, e.ModelInfo(d)).Compiled, "the GAN compiled the discriminator")
	g0, d0 := hashOf(t, e, g), hashOf(t, e, d)
	for s := range 5 {
		real := newTensor(t, e, tinyReal(s), 8, 6)
		logs := decodeResult[struct {
			Step  int     `json:"step"`
			DLoss float32 `json:"d_loss"`
			GLoss float32 `json:"g_loss"`
		}](t, e, e.GANStep(net, real))
		want, err := ref.Step(tensor.From(tinyReal(s), 8, 6))
		require.NoError(t, err)
		assert.Equal(t, want.Step, logs.Step)
		assert.Equal(t, want.DLoss, logs.DLoss, "step %d", s)
		assert.Equal(t, want.GLoss, logs.GLoss, "step %d", s)
	}
	assert.NotEqual(t, g0, hashOf(t, e, g), "a step trains the generator")
	assert.NotEqual(t, d0, hashOf(t, e, d), "and the discriminator")
	assert.Equal(t, hexHash(ref.Generator), hashOf(t, e, g), "same bits as nn/gan")
	assert.Equal(t, hexHash(ref.Discriminator), hashOf(t, e, d))

	z := made(t, e, e.GANNoise(net, 3))
	assert.Equal(t, []int{3, 4}, z.Shape)
	assert.Equal(t, ref.Noise(3).Data, z.Data, "the GAN's seeded noise")
	zh := e.ResultHandle()
	samples := made(t, e, e.GANGenerate(net, zh))
	assert.Equal(t, []int{3, 6}, samples.Shape)
	assert.Equal(t, predict(t, e, g, zh), samples.Data, "generate is the generator's predict")
	for _, v := range samples.Data {
		assert.LessOrEqual(t, math.Abs(float64(v)), 1.0, "tanh samples")
	}
}

func TestGAN_DisposeKeepsTheModels(t *testing.T) {
	e := NewEngine()
	net, g, _ := tinyGAN(t, e)
	ok(t, e, e.Dispose(net))
	assert.Equal(t, statusUnknownHandle, e.GANNoise(net, 1))
	assert.Contains(t, string(e.errMsg), "was disposed")
	z := newTensor(t, e, make([]float32, 4), 1, 4)
	assert.Len(t, predict(t, e, g, z), 6, "the generator outlives its GAN")
}

func TestGAN_LatentFromTheGenerator(t *testing.T) {
	e := NewEngine()
	g, d := newModel(t, e, tinyG), newModel(t, e, tinyD)
	p, n := jsonBlock(t, e, `{"generator": `+itoa(int(g))+`, "discriminator": `+itoa(int(d))+`}`)
	res := decodeResult[struct {
		LatentDim int `json:"latent_dim"`
	}](t, e, e.GANCreate(p, n))
	assert.Equal(t, 4, res.LatentDim, "the generator's input, when built")
}

func TestGAN_Errors(t *testing.T) {
	e := NewEngine()
	net, g, d := tinyGAN(t, e)
	unbuilt := newModel(t, e, `{"layers": [{"class_name": "Dense", "config": {"units": 6}}]}`)
	two := newModel(t, e, dense(5, 6, `{"class_name": "Dense", "config": {"units": 2, "activation": "softmax"}}`))
	g3 := newModel(t, e, dense(5, 3, `{"class_name": "Dense", "config": {"units": 6}}`))
	real := newTensor(t, e, tinyReal(0), 8, 6)
	wrong := newTensor(t, e, make([]float32, 10), 2, 5)
	nan := newTensor(t, e, []float32{0, 0, float32(math.NaN()), 0, 0, 0}, 1, 6)
	z3 := newTensor(t, e, make([]float32, 6), 2, 3)
	create := func(s string) func() int32 {
		return func() int32 { p, n := jsonBlock(t, e, s); return e.GANCreate(p, n) }
	}
	pair := func(g, d int32, more string) string {
		return `{"generator": ` + itoa(int(g)) + `, "discriminator": ` + itoa(int(d)) + more + `}`
	}
	hg, hd := hashOf(t, e, g), hashOf(t, e, d)
	checkErrors(t, e, []errorCase{
		{"create: bad JSON", create(`{"generator": `), statusBadArgument, "gonn_gan_create: unexpected EOF"},
		{"create: unknown key", create(pair(g, d, `, "latent": 4`)), statusBadArgument, `unknown field "latent"`},
		{"create: no generator", create(pair(0, d, "")), statusUnknownHandle, "generator: no model, tensor or GAN has handle 0"},
		{"create: a tensor", create(pair(g, real, "")), statusUnknownHandle, "discriminator: handle " + itoa(int(real)) + " is a tensor, not a model"},
		{"create: a GAN", create(pair(net, d, "")), statusUnknownHandle, "is a GAN, not a model"},
		{"create: one model twice", create(pair(g, g, "")), statusBadArgument, "the same model"},
		{"create: no latent", create(pair(unbuilt, d, "")), statusBadArgument, "latent_dim is required"},
		{"create: huge latent", create(pair(g, d, `, "latent_dim": 70000`)), statusBadArgument, "latent_dim 70000: want 1 … 65536"},
		{"create: latent vs generator", create(pair(g3, d, `, "latent_dim": 4`)), statusShape, "gonn_gan_create: gan:"},
		{"create: two outputs", create(pair(g, two, "")), statusShape, "want (1), a sigmoid probability"},
		{"create: optimizer", create(pair(g, d, `, "d_optimizer": "adamw"`)), statusBadArgument, "d_optimizer:"},
		{"create: seed", create(pair(g, d, `, "seed": "x"`)), statusBadArgument, `seed "x"`},
		{"step: no GAN", func() int32 { return e.GANStep(999, real) }, statusUnknownHandle, "handle 999"},
		{"step: a model", func() int32 { return e.GANStep(g, real) }, statusUnknownHandle, "is a model, not a GAN"},
		{"step: real is a GAN", func() int32 { return e.GANStep(net, net) }, statusUnknownHandle, "real: handle " + itoa(int(net)) + " is a GAN, not a tensor"},
		{"step: shape", func() int32 { return e.GANStep(net, wrong) }, statusShape, "real has shape (2, 5), the discriminator reads (None, 6)"},
		{"step: NaN", func() int32 { return e.GANStep(net, nan) }, statusNonFinite, "real holds NaN"},
		{"noise: negative", func() int32 { return e.GANNoise(net, -1) }, statusBadArgument, "negative n -1"},
		{"noise: too many", func() int32 { return e.GANNoise(net, 1<<27) }, statusTooLarge, "more than"},
		{"generate: shape", func() int32 { return e.GANGenerate(net, z3) }, statusShape, "z has shape (2, 3): want (n, 4)"},
		{"a GAN as a model", func() int32 { return e.Predict(net, real, 0) }, statusUnknownHandle, "is a GAN, not a model"},
		{"a GAN as a tensor", func() int32 { return e.TensorData(net) }, statusUnknownHandle, "is a GAN, not a tensor"},
	})
	assert.Equal(t, hg, hashOf(t, e, g), "no failed call changed the generator")
	assert.Equal(t, hd, hashOf(t, e, d), "or the discriminator")

	compile(t, e, g, `{"optimizer": "sgd", "loss": "mse"}`)
	z := newTensor(t, e, make([]float32, 16), 4, 4)
	y := newTensor(t, e, make([]float32, 24), 4, 6)
	ok(t, e, fitBegin(t, e, g, z, y, `{"epochs": 2, "batch_size": 1}`))
	checkErrors(t, e, []errorCase{
		{"step during a fit", func() int32 { return e.GANStep(net, real) }, statusBusy, "a fit is in progress"},
	})
	ok(t, e, e.ModelStop(g))
	ok(t, e, e.GANStep(net, real))
}

// hexHash is the model's weights hash as gonn_weights_hash writes it.
func hexHash(m *nn.Sequential) string { return fmt.Sprintf("%016x", m.WeightsHash()) }
