package harness

import (
	"encoding/json"
	"fmt"

	"gonn/nn"
	"gonn/nn/gan"
	"gonn/nn/layers"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"
)

// Client methods of the exports for custom loops, inspection, composition
// and GANs (docs/abi.md, "Custom loops, inspection, composition, GANs").

// Logs are Keras logs; null numbers (NaN) decode as nil.
type Logs map[string]*float64

// TrainOnBatch runs one optimisation step on (x, y).
func (e *Engine) TrainOnBatch(h, x, y int32) (logs Logs, err error) {
	return logs, e.jsonResult(&logs, "gonn_train_on_batch", I32(h), I32(x), I32(y))
}

// TestOnBatch returns the loss and metrics on one batch.
func (e *Engine) TestOnBatch(h, x, y int32) (logs Logs, err error) {
	return logs, e.jsonResult(&logs, "gonn_test_on_batch", I32(h), I32(x), I32(y))
}

// PredictOnBatch returns the handle of the outputs on x.
func (e *Engine) PredictOnBatch(h, x int32) (int32, error) {
	return e.handleResult("gonn_predict_on_batch", I32(h), I32(x))
}

// CallModel runs one forward pass, in training mode or not.
func (e *Engine) CallModel(h, x int32, training bool) (int32, error) {
	t := int32(0)
	if training {
		t = 1
	}
	return e.handleResult("gonn_model_call", I32(h), I32(x), I32(t))
}

// LayerOutput is one entry of gonn_layer_outputs.
type LayerOutput struct {
	Name      string `json:"name"`
	ClassName string `json:"class_name"`
	Shape     []int  `json:"shape"`
	Tensor    int32  `json:"tensor"`
}

// LayerOutputs returns every layer's output on x, each a new tensor.
func (e *Engine) LayerOutputs(h, x int32) (outs []LayerOutput, err error) {
	return outs, e.jsonResult(&outs, "gonn_layer_outputs", I32(h), I32(x))
}

// Filters returns the handle of the kernel images (filters, kh, kw, c).
func (e *Engine) Filters(h, layer int32) (int32, error) {
	return e.handleResult("gonn_filters", I32(h), I32(layer))
}

// Saliency returns the handle of ∂ out[class] / ∂ x.
func (e *Engine) Saliency(h, x, class int32) (int32, error) {
	return e.handleResult("gonn_saliency", I32(h), I32(x), I32(class))
}

// Occlusion returns the handle of the occlusion map of x, with a JSON
// config.
func (e *Engine) Occlusion(h, x int32, cfg string) (int32, error) {
	if err := e.withJSON("gonn_occlusion", cfg, I32(h), I32(x)); err != nil {
		return 0, err
	}
	return e.ResultHandle(), nil
}

// Maximise returns the handle of the input found and the unit's activation
// there.
func (e *Engine) Maximise(h int32, cfg string) (int32, float64, error) {
	if err := e.withJSON("gonn_maximise", cfg, I32(h)); err != nil {
		return 0, 0, err
	}
	var r struct{ Activation float64 }
	if err := json.Unmarshal(e.Result(), &r); err != nil {
		return 0, 0, err
	}
	return e.ResultHandle(), r.Activation, nil
}

// Stats is one entry of gonn_weight_stats and gonn_gradient_stats.
type Stats struct {
	Name      string  `json:"name"`
	Shape     []int   `json:"shape"`
	Trainable bool    `json:"trainable"`
	Mean      float64 `json:"mean"`
	Std       float64 `json:"std"`
	Min       float64 `json:"min"`
	Max       float64 `json:"max"`
	Norm      float64 `json:"norm"`
	Zeros     float64 `json:"zeros"`
}

// WeightStats summarises every weight.
func (e *Engine) WeightStats(h int32) (s []Stats, err error) {
	return s, e.jsonResult(&s, "gonn_weight_stats", I32(h))
}

// GradientStats summarises the gradients of the loss on (x, y).
func (e *Engine) GradientStats(h, x, y int32) (s []Stats, err error) {
	return s, e.jsonResult(&s, "gonn_gradient_stats", I32(h), I32(x), I32(y))
}

// ConfusionMatrix returns cm[truth][pred] for a JSON config.
func (e *Engine) ConfusionMatrix(cfg string) (cm [][]int, err error) {
	if err := e.withJSON("gonn_confusion_matrix", cfg); err != nil {
		return nil, err
	}
	return cm, json.Unmarshal(e.Result(), &cm)
}

// Compose makes a model of the models in a JSON config.
func (e *Engine) Compose(cfg string) (int32, error) {
	if err := e.withJSON("gonn_model_compose", cfg); err != nil {
		return 0, err
	}
	return e.ResultHandle(), nil
}

// GANCreate makes a GAN from a JSON config.
func (e *Engine) GANCreate(cfg string) (int32, error) {
	if err := e.withJSON("gonn_gan_create", cfg); err != nil {
		return 0, err
	}
	return e.ResultHandle(), nil
}

// GANLogs is gonn_gan_step's result.
type GANLogs struct {
	Step  int      `json:"step"`
	DLoss *float64 `json:"d_loss"`
	GLoss *float64 `json:"g_loss"`
}

// GANStep trains the GAN once on the real batch.
func (e *Engine) GANStep(g, real int32) (l GANLogs, err error) {
	return l, e.jsonResult(&l, "gonn_gan_step", I32(g), I32(real))
}

// GANNoise returns the handle of n latent vectors.
func (e *Engine) GANNoise(g, n int32) (int32, error) {
	return e.handleResult("gonn_gan_noise", I32(g), I32(n))
}

// GANGenerate returns the handle of the generator's outputs on z.
func (e *Engine) GANGenerate(g, z int32) (int32, error) {
	return e.handleResult("gonn_gan_generate", I32(g), I32(z))
}

// handleResult calls a status export that makes a handle.
func (e *Engine) handleResult(name string, args ...uint64) (int32, error) {
	if err := e.Status(name, args...); err != nil {
		return 0, err
	}
	return e.ResultHandle(), nil
}

// The tiny GAN of the cross-host determinism tests: a generator 4 →
// Dense(8, relu) → Dense(6, tanh) (seed 1), a discriminator 6 → Dense(8,
// relu) → Dropout(0.2) → Dense(1, sigmoid) (seed 2), both trained by Adam
// (learning rate 0.001, beta_1 0.5), the noise seeded 3, stepped
// TinyGANSteps times on the batches of TinyGANReal. The JavaScript
// scenario (tests/browser/testdata/api_more.mjs) builds the same.
const (
	TinyGANGenerator = `{"seed": 1, "name": "generator", "layers": [
		{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4]}},
		{"class_name": "Dense", "config": {"units": 8, "activation": "relu"}},
		{"class_name": "Dense", "config": {"units": 6, "activation": "tanh"}}]}`
	TinyGANDiscriminator = `{"seed": 2, "name": "discriminator", "layers": [
		{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 6]}},
		{"class_name": "Dense", "config": {"units": 8, "activation": "relu"}},
		{"class_name": "Dropout", "config": {"rate": 0.2}},
		{"class_name": "Dense", "config": {"units": 1, "activation": "sigmoid"}}]}`
	TinyGANOptimizer = `{"class_name": "Adam", "config": {"learning_rate": 0.001, "beta_1": 0.5}}`
	TinyGANLatent    = 4
	TinyGANSeed      = 3
	TinyGANSteps     = 5
	TinyGANBatch     = 8
)

// TinyGANConfig is the gonn_gan_create config of the tiny GAN on models g
// and d.
func TinyGANConfig(g, d int32) string {
	return fmt.Sprintf(`{"generator": %d, "discriminator": %d, "latent_dim": %d, "d_optimizer": %s, "g_optimizer": %s, "seed": %d}`,
		g, d, TinyGANLatent, TinyGANOptimizer, TinyGANOptimizer, TinyGANSeed)
}

// TinyGANReal is step s's batch of real examples (TinyGANBatch, 6): exact
// binary fractions in [−0.5, 0.5], the same in Go and JavaScript.
func TinyGANReal(s int) []float32 {
	x := make([]float32, TinyGANBatch*6)
	for i := range x {
		x[i] = float32((s*len(x)+i)*7%11)/10 - 0.5
	}
	return x
}

// NativeTinyGAN trains the tiny GAN in-process with nn/gan, each model
// made from its spec as the engine makes it, and returns the generator's
// and the discriminator's weight hashes as gonn_weights_hash prints them.
func NativeTinyGAN() (generator, discriminator string, err error) {
	g, err := nativeModel(TinyGANGenerator)
	if err != nil {
		return "", "", err
	}
	d, err := nativeModel(TinyGANDiscriminator)
	if err != nil {
		return "", "", err
	}
	var cc struct {
		ClassName string          `json:"class_name"`
		Config    json.RawMessage `json:"config"`
	}
	if err := json.Unmarshal([]byte(TinyGANOptimizer), &cc); err != nil {
		return "", "", err
	}
	dOpt, err := optimizers.FromConfig(cc.ClassName, cc.Config)
	if err != nil {
		return "", "", err
	}
	gOpt, err := optimizers.FromConfig(cc.ClassName, cc.Config)
	if err != nil {
		return "", "", err
	}
	net, err := gan.New(g, d, TinyGANLatent, dOpt, gOpt, TinyGANSeed)
	if err != nil {
		return "", "", err
	}
	for s := range TinyGANSteps {
		if _, err := net.Step(tensor.From(TinyGANReal(s), TinyGANBatch, 6)); err != nil {
			return "", "", err
		}
	}
	return fmt.Sprintf("%016x", g.WeightsHash()), fmt.Sprintf("%016x", d.WeightsHash()), nil
}

// nativeModel builds a gonn model spec ({seed, name, layers}) with nn,
// each layer through layers.FromConfig as the engine does.
func nativeModel(spec string) (*nn.Sequential, error) {
	var s struct {
		Seed   uint64
		Name   string
		Layers []struct {
			ClassName string          `json:"class_name"`
			Config    json.RawMessage `json:"config"`
		}
	}
	if err := json.Unmarshal([]byte(spec), &s); err != nil {
		return nil, err
	}
	var ls []layers.Layer
	for _, l := range s.Layers {
		layer, err := layers.FromConfig(l.ClassName, l.Config)
		if err != nil {
			return nil, err
		}
		ls = append(ls, layer)
	}
	m := nn.NewSequential(ls...)
	m.SetSeed(s.Seed)
	if s.Name != "" {
		m.Name = s.Name
	}
	return m, m.Build()
}
