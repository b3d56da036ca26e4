//go:build js && wasm

package main

import (
	"syscall/js"

	"gonn/web/ui/internal/jsapi"
)

// layer is one layer: a gonn.layers builder and its options.
type layer struct {
	kind string
	opts map[string]any
}

// down and up are the DCGAN's 4×4, stride 2, same-padded convolutions.
func down(filters int, more map[string]any) layer {
	return layer{"conv2d", with(map[string]any{"filters": filters, "kernelSize": []int{4, 4}, "strides": []int{2, 2}, "padding": "same"}, more)}
}

func up(filters int, more map[string]any) layer {
	return layer{"conv2dTranspose", with(map[string]any{"filters": filters, "kernelSize": []int{4, 4}, "strides": []int{2, 2}, "padding": "same"}, more)}
}

func with(a, b map[string]any) map[string]any {
	for k, v := range b {
		a[k] = v
	}
	return a
}

var leaky = layer{"leakyReLU", map[string]any{"negativeSlope": 0.2}}

// generator is nn/gan.MNISTGenerator: noise (64) → a 28×28×1 image in [−1, 1].
var generator = []layer{
	{"dense", map[string]any{"units": 7 * 7 * 64, "useBias": false, "inputShape": []int{latentDim}}}, // (3136)
	{"batchNormalization", map[string]any{}},
	leaky,
	{"reshape", map[string]any{"targetShape": []int{7, 7, 64}}}, // (7, 7, 64)
	up(32, map[string]any{"useBias": false}),                    // (14, 14, 32)
	{"batchNormalization", map[string]any{}},
	leaky,
	up(1, map[string]any{"activation": "tanh"}), // (28, 28, 1)
}

// discriminator is nn/gan.MNISTDiscriminator: a 28×28×1 image → P(real).
var discriminator = []layer{
	down(32, map[string]any{"inputShape": []int{28, 28, 1}}), // (14, 14, 32)
	leaky,
	{"dropout", map[string]any{"rate": 0.3}},
	down(64, nil), // (7, 7, 64)
	leaky,
	{"dropout", map[string]any{"rate": 0.3}},
	{"flatten", map[string]any{}}, // (3136)
	{"dense", map[string]any{"units": 1, "activation": "sigmoid"}}, // (1)
}

// classifier judges the samples: a dense network on the 784 pixels.
var classifier = []layer{
	{"dense", map[string]any{"units": 128, "activation": "relu", "inputShape": []int{784}}},
	{"dense", map[string]any{"units": 10, "activation": "softmax"}},
}

// adam is the DCGAN's optimizer: Adam, learning rate 2e-4, β₁ 0.5.
func adam() map[string]any {
	return map[string]any{"class_name": "Adam", "config": map[string]any{"learning_rate": 2e-4, "beta_1": 0.5}}
}

// sequential makes a model of the layers with the seed.
func sequential(e *jsapi.Engine, ls []layer, seed int) (*jsapi.Model, error) {
	specs := make([]js.Value, len(ls))
	for i, l := range ls {
		spec, err := jsapi.Layer(l.kind, l.opts)
		if err != nil {
			return nil, err
		}
		specs[i] = spec
	}
	return e.Sequential(specs, seed)
}

// newGAN makes G (seed), D (seed + 1) and joins them; the noise is seeded
// with seed + 2 (nn/gan's learning test seeds 1, 2 and 3).
func newGAN(e *jsapi.Engine, seed int) (g, d *jsapi.Model, net *jsapi.GAN, err error) {
	if g, err = sequential(e, generator, seed); err != nil {
		return nil, nil, nil, err
	}
	if d, err = sequential(e, discriminator, seed+1); err != nil {
		g.Dispose()
		return nil, nil, nil, err
	}
	net, err = jsapi.NewGAN(jsapi.GANOptions{Generator: g, Discriminator: d, LatentDim: latentDim,
		DOptimizer: adam(), GOptimizer: adam(), Seed: seed + 2})
	if err != nil {
		g.Dispose()
		d.Dispose()
		return nil, nil, nil, err
	}
	return g, d, net, nil
}

// newClassifier makes and compiles the judge (Keras' Adam defaults).
func newClassifier(e *jsapi.Engine, seed int) (*jsapi.Model, error) {
	m, err := sequential(e, classifier, seed)
	if err != nil {
		return nil, err
	}
	if err := m.Compile(map[string]any{"optimizer": "adam", "loss": "categorical_crossentropy",
		"metrics": []any{"accuracy"}}); err != nil {
		m.Dispose()
		return nil, err
	}
	return m, nil
}
