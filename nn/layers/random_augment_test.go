package layers_test

import (
	"encoding/json"
	"math"
	"testing"

	"gonn/nn"
	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomLayers makes one of each random image layer, with defaults but
// for their factors.
func randomLayers() []layers.Layer {
	return []layers.Layer{
		layers.NewRandomFlip("horizontal_and_vertical"),
		layers.NewRandomRotation(0.2),
		layers.NewRandomTranslation(0.2, 0.3),
		layers.NewRandomZoom(0.2),
		layers.NewRandomContrast(0.5),
	}
}

// image returns a batch of n images (h, w, c) with values in [0, 255),
// each pixel different.
func image(n, h, w, c int) *tensor.Tensor {
	x := tensor.New(n, h, w, c)
	for i := range x.Data {
		x.Data[i] = float32((i*37)%251) + 0.5
	}
	return x
}

// TestRandomLayers_KerasDefaults: the configs of the short constructors
// hold Keras' keys and defaults (get_config of Keras 3).
func TestRandomLayers_KerasDefaults(t *testing.T) {
	affine := func(extra map[string]any) map[string]any {
		m := map[string]any{"fill_mode": "reflect", "interpolation": "bilinear", "seed": nil,
			"fill_value": 0.0, "data_format": "channels_last"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	wants := []struct {
		class string
		want  map[string]any
	}{
		{"RandomFlip", map[string]any{"mode": "horizontal_and_vertical", "seed": nil, "data_format": "channels_last"}},
		{"RandomRotation", affine(map[string]any{"factor": 0.2})},
		{"RandomTranslation", affine(map[string]any{"height_factor": 0.2, "width_factor": 0.3})},
		{"RandomZoom", affine(map[string]any{"height_factor": 0.2, "width_factor": nil})},
		{"RandomContrast", map[string]any{"factor": 0.5, "value_range": []float64{0, 255}, "seed": nil}},
	}
	for i, l := range randomLayers() {
		assert.Equal(t, wants[i].class, l.ClassName())
		want := map[string]any{"name": "", "trainable": true, "dtype": "float32"}
		for k, v := range wants[i].want {
			want[k] = v
		}
		assert.Equal(t, want, l.Config(), wants[i].class)
		assert.Nil(t, l.Weights())
	}
}

// TestRandomLayers_FromConfig reads Keras configs (Keras 3 writes a
// rotation factor as the pair it made of a number) and writes them back.
func TestRandomLayers_FromConfig(t *testing.T) {
	tests := []struct {
		class, config string
		check         func(t *testing.T, l layers.Layer)
	}{
		{"RandomFlip", `{}`, func(t *testing.T, l layers.Layer) {
			assert.Equal(t, layers.DefaultRandomFlipConfig(), l.(*layers.RandomFlip).RandomFlipConfig)
		}},
		{"RandomFlip", `{"name": "random_flip", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}, "seed": 3, "mode": "horizontal", "data_format": "channels_last"}`,
			func(t *testing.T, l layers.Layer) {
				f := l.(*layers.RandomFlip)
				assert.Equal(t, "horizontal", f.Mode)
				assert.Equal(t, int64(3), *f.Seed)
				assert.Equal(t, "random_flip", f.Name())
			}},
		{"RandomRotation", `{"factor": [-0.2, 0.2], "fill_mode": "constant", "fill_value": 1.5, "interpolation": "nearest", "seed": null, "data_format": "channels_last", "bounding_box_format": null}`,
			func(t *testing.T, l layers.Layer) {
				r := l.(*layers.RandomRotation)
				assert.Equal(t, layers.Factor{-0.2, 0.2}, r.Factor)
				assert.Equal(t, "constant", r.FillMode)
				assert.Equal(t, 1.5, r.FillValue)
				assert.Equal(t, "nearest", r.Interpolation)
			}},
		{"RandomRotation", `{"factor": 0.1}`, func(t *testing.T, l layers.Layer) {
			r := l.(*layers.RandomRotation)
			assert.Equal(t, layers.Factor{0.1}, r.Factor)
			assert.Equal(t, "reflect", r.FillMode)
			assert.Equal(t, "bilinear", r.Interpolation)
		}},
		{"RandomTranslation", `{"height_factor": [-0.1, 0.2], "width_factor": 0.3, "fill_mode": "wrap"}`, func(t *testing.T, l layers.Layer) {
			r := l.(*layers.RandomTranslation)
			assert.Equal(t, layers.Factor{-0.1, 0.2}, r.HeightFactor)
			assert.Equal(t, layers.Factor{0.3}, r.WidthFactor)
			assert.Equal(t, "wrap", r.FillMode)
		}},
		{"RandomZoom", `{"height_factor": 0.2, "width_factor": null}`, func(t *testing.T, l layers.Layer) {
			assert.Nil(t, l.(*layers.RandomZoom).WidthFactor)
		}},
		{"RandomZoom", `{"height_factor": [0.1, 0.3], "width_factor": [-0.3, -0.1], "fill_mode": "nearest"}`, func(t *testing.T, l layers.Layer) {
			z := l.(*layers.RandomZoom)
			assert.Equal(t, layers.Factor{-0.3, -0.1}, z.WidthFactor)
			assert.Equal(t, "nearest", z.FillMode)
		}},
		{"RandomContrast", `{"factor": [0, 0.2], "value_range": [0, 1], "seed": 5}`, func(t *testing.T, l layers.Layer) {
			c := l.(*layers.RandomContrast)
			assert.Equal(t, layers.Factor{0, 0.2}, c.Factor)
			assert.Equal(t, []float64{0, 1}, c.ValueRange)
		}},
	}
	for _, tt := range tests {
		l, err := layers.FromConfig(tt.class, json.RawMessage(tt.config))
		require.NoError(t, err, "%s %s", tt.class, tt.config)
		tt.check(t, l)
		l.SetName("aug")
		assert.Equal(t, l.Config(), roundTrip(t, l).Config(), "%s %s", tt.class, tt.config)
	}
	for _, l := range randomLayers() {
		assert.Equal(t, l.Config(), roundTrip(t, l).Config(), l.ClassName())
	}
}

// TestRandomLayers_Inference: without Training every layer returns its
// input itself and draws nothing.
func TestRandomLayers_Inference(t *testing.T) {
	x := ag.Const(image(3, 5, 4, 2))
	for _, l := range randomLayers() {
		assert.Equal(t, []int{5, 4, 2}, build(t, l, 5, 4, 2), l.ClassName())
		assert.Same(t, x, l.Call(inference(), x), l.ClassName())
		assert.Same(t, x, l.Call(nil, x), l.ClassName())
		r := rng.New(4)
		assert.Same(t, x, l.Call(&layers.Context{Rand: r}, x), l.ClassName())
		assert.Equal(t, rng.New(4).Uint64(), r.Uint64(), "%s drew at inference", l.ClassName())
	}
}

// TestRandomLayers_Deterministic: in training, the same generator state
// gives the same bits, another seed another batch; a layer's own Seed
// draws what rng.New(Seed) draws and restarts at Build.
func TestRandomLayers_Deterministic(t *testing.T) {
	x := ag.Const(image(6, 7, 6, 3))
	for _, l := range randomLayers() {
		build(t, l, 7, 6, 3)
		a := l.Call(training(7), x)
		require.Equal(t, x.Shape(), a.Shape(), l.ClassName())
		assert.Equal(t, bitsOf(a.Data()), bitsOf(l.Call(training(7), x).Data()), "%s: same seed, same bits", l.ClassName())
		assert.NotEqual(t, a.Data(), l.Call(training(8), x).Data(), "%s: another seed, another batch", l.ClassName())
		assert.NotEqual(t, x.Data(), a.Data(), "%s changed nothing", l.ClassName())
	}
	seed := int64(7)
	seeded := []layers.Layer{
		layers.NewRandomFlipWith(layers.RandomFlipConfig{Mode: "horizontal_and_vertical", Seed: &seed}),
		withSeed(layers.NewRandomRotation(0.2), &seed),
		withSeed(layers.NewRandomTranslation(0.2, 0.3), &seed),
		withSeed(layers.NewRandomZoom(0.2), &seed),
		withSeed(layers.NewRandomContrast(0.5), &seed),
	}
	for i, l := range seeded {
		build(t, l, 7, 6, 3)
		first := l.Call(training(1), x).Data()
		plain := randomLayers()[i]
		build(t, plain, 7, 6, 3)
		assert.Equal(t, plain.Call(training(7), x).Data(), first, "%s: Seed 7 draws what rng.New(7) draws", l.ClassName())
		assert.NotEqual(t, first, l.Call(training(1), x).Data(), "%s: the layer's generator moves on", l.ClassName())
		build(t, l, 7, 6, 3)
		assert.Equal(t, first, l.Call(training(2), x).Data(), "%s: Build restarts it", l.ClassName())
	}
}

// withSeed sets the Seed of a random layer.
func withSeed(l layers.Layer, seed *int64) layers.Layer {
	switch l := l.(type) {
	case *layers.RandomRotation:
		l.Seed = seed
	case *layers.RandomTranslation:
		l.Seed = seed
	case *layers.RandomZoom:
		l.Seed = seed
	case *layers.RandomContrast:
		l.Seed = seed
	}
	return l
}

// TestRandomLayers_Grad checks the gradient of each layer in training (a
// fresh generator per forward pass, so every pass draws the same
// parameters), in both interpolations and with constant fill.
func TestRandomLayers_Grad(t *testing.T) {
	nearest := layers.DefaultRandomRotationConfig()
	nearest.Factor, nearest.Interpolation, nearest.FillMode, nearest.FillValue = layers.Factor{0.3}, "nearest", "constant", 1
	contrast := layers.NewRandomContrastWith(layers.RandomContrastConfig{Factor: layers.Factor{0.5}, ValueRange: []float64{-0.6, 0.7}})
	all := append(randomLayers(), layers.NewRandomRotationWith(nearest), contrast)
	for _, l := range all {
		build(t, l, 4, 5, 2)
		checkGrad(t, l, func() *layers.Context { return training(5) }, data(3, 4, 5, 2))
	}
}

func TestRandomLayers_Errors(t *testing.T) {
	tests := []struct {
		class, config, msg string
	}{
		{"RandomFlip", `{"mode": "diagonal"}`, `mode must be "horizontal", "vertical" or "horizontal_and_vertical", got "diagonal"`},
		{"RandomFlip", `{"data_format": "channels_first"}`, `data_format must be "channels_last"`},
		{"RandomFlip", `{"mode": "horizontal", "rate": 0.5}`, `unknown key "rate"`},
		{"RandomRotation", `{}`, "factor is required"},
		{"RandomRotation", `{"factor": 1.5}`, "factor must be a number or a list of two numbers in [-1, 1], got 1.5"},
		{"RandomRotation", `{"factor": [-0.2, 1.2]}`, "got [-0.2,1.2]"},
		{"RandomRotation", `{"factor": [0.1, 0.2, 0.3]}`, "factor must be a number or a list of two numbers"},
		{"RandomRotation", `{"factor": "big"}`, `factor: want a number or a list of two numbers, got "big"`},
		{"RandomRotation", `{"factor": 0.1, "fill_mode": "mirror"}`, `unknown fill_mode "mirror" (want "reflect", "wrap", "constant" or "nearest")`},
		{"RandomRotation", `{"factor": 0.1, "interpolation": "bicubic"}`, `unknown interpolation "bicubic" (want "bilinear" or "nearest")`},
		{"RandomRotation", `{"factor": 0.1, "bounding_box_format": "xyxy"}`, "bounding_box_format: not supported by gonn"},
		{"RandomTranslation", `{"height_factor": 0.1}`, "width_factor is required"},
		{"RandomTranslation", `{"height_factor": -1.01, "width_factor": 0.1}`, "height_factor must be a number or a list of two numbers in [-1, 1], got -1.01"},
		{"RandomZoom", `{"width_factor": 0.1}`, "height_factor is required"},
		{"RandomZoom", `{"height_factor": 0.1, "width_factor": [2, 3]}`, "width_factor must be a number or a list of two numbers in [-1, 1], got [2,3]"},
		{"RandomContrast", `{"factor": -0.1}`, "factor must be a number or a list of two numbers in [0, 1], got -0.1"},
		{"RandomContrast", `{"factor": 0.1, "value_range": [1, 0]}`, "value_range must be [low, high] with low < high, got [1 0]"},
		{"RandomContrast", `{"factor": 0.1, "value_range": [0]}`, "value_range must be [low, high]"},
	}
	for _, tt := range tests {
		_, err := layers.FromConfig(tt.class, json.RawMessage(tt.config))
		assert.ErrorContains(t, err, tt.msg, "%s %s", tt.class, tt.config)
	}

	// Build reports the same through the Go constructors, naming the layer,
	// and the layer stays usable once fixed.
	r := layers.NewRandomRotation(2)
	r.SetName("rot")
	_, err := r.Build([]int{4, 4, 1}, rng.New(1))
	assert.EqualError(t, err, `layers: RandomRotation "rot": factor must be a number or a list of two numbers in [-1, 1], got 2`)
	r.Factor = layers.Factor{0.5}
	build(t, r, 4, 4, 1)

	for _, l := range randomLayers() {
		l.SetName("aug")
		_, err := l.Build([]int{16, 3}, rng.New(1))
		assert.ErrorContains(t, err, "needs images of shape (height, width, channels), got (16, 3)", l.ClassName())
		assert.Panics(t, func() { l.Call(training(1), ag.Const(image(1, 4, 4, 1))) }, "%s: Call before Build", l.ClassName())
		build(t, l, 4, 4, 1)
		assert.Panics(t, func() { l.Call(training(1), ag.Const(image(1, 4, 5, 1))) }, "%s: wrong shape", l.ClassName())
		assert.PanicsWithError(t, "layers: "+l.ClassName()+` "aug": training needs Context.Rand (or a Seed)`, func() {
			l.Call(&layers.Context{Training: true}, ag.Const(image(1, 4, 4, 1)))
		})
	}
}

// TestAugment_WeightHash trains a small model behind every augmentation
// layer (both interpolations, every fill mode) and compares the weights'
// hash with a recorded value, so that the suite run as arm64
// (GOARCH=arm64 go test -exec qemu-aarch64-static) checks the
// augmentations' bits across architectures. A change of the value is a
// change of gonn's numbers: record the new one only when that is intended.
func TestAugment_WeightHash(t *testing.T) {
	const want = 0x88193a4be72a54e2
	rotation := layers.DefaultRandomRotationConfig()
	rotation.Factor, rotation.FillMode, rotation.FillValue = layers.Factor{0.1}, "constant", 0.5
	translation := layers.DefaultRandomTranslationConfig()
	translation.HeightFactor, translation.WidthFactor, translation.FillMode = layers.Factor{0.2}, layers.Factor{-0.1, 0.3}, "wrap"
	zoom := layers.DefaultRandomZoomConfig()
	zoom.HeightFactor, zoom.WidthFactor, zoom.Interpolation, zoom.FillMode = layers.Factor{0.2}, layers.Factor{-0.2, 0}, "nearest", "nearest"
	m := nn.NewSequential(
		layers.NewInput(8, 8, 1),
		layers.NewRandomFlip("horizontal_and_vertical"),
		layers.NewRandomRotationWith(rotation),
		layers.NewRandomTranslationWith(translation),
		layers.NewRandomZoomWith(zoom),
		layers.NewRandomRotation(0.05), // reflect, bilinear
		layers.NewRandomContrastWith(layers.RandomContrastConfig{Factor: layers.Factor{0.3}, ValueRange: []float64{0, 1}}),
		layers.NewFlatten(),
		layers.NewDense(2, "softmax"),
	)
	m.SetSeed(3)
	loss, err := losses.Get("categorical_crossentropy")
	require.NoError(t, err)
	require.NoError(t, m.Compile(optimizers.NewAdam(), loss))
	x, y := bars(64)
	_, err = m.Fit(x, y, nn.FitConfig{Epochs: 2, BatchSize: 16})
	require.NoError(t, err)
	assert.Equal(t, uint64(want), m.WeightsHash(), "weight hash %#x", m.WeightsHash())
}

func bitsOf(v []float32) []uint32 {
	out := make([]uint32, len(v))
	for i, f := range v {
		out[i] = math.Float32bits(f)
	}
	return out
}
