package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"gonn/nn/rng"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// augmentLayers are the five augmentation layers as Keras JSON, in front
// of an 8×8 grey image classifier.
const augmentLayers = `
	{"class_name": "RandomFlip", "config": {"mode": "horizontal_and_vertical"}},
	{"class_name": "RandomRotation", "config": {"factor": 0.05, "fill_mode": "constant"}},
	{"class_name": "RandomTranslation", "config": {"height_factor": 0.1, "width_factor": [-0.1, 0.1], "fill_mode": "nearest"}},
	{"class_name": "RandomZoom", "config": {"height_factor": [-0.1, 0.1], "width_factor": null, "interpolation": "nearest"}},
	{"class_name": "RandomContrast", "config": {"factor": 0.2, "value_range": [0, 1]}},`

// augmentSpec is a model spec: with the augmentation layers or without.
func augmentSpec(seed int, augment bool) string {
	middle := ""
	if augment {
		middle = augmentLayers
	}
	return fmt.Sprintf(`{"seed": %d, "layers": [
	{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 8, 8, 1]}},%s
	{"class_name": "Flatten", "config": {}},
	{"class_name": "Dense", "config": {"units": 2, "activation": "softmax"}}]}`, seed, middle)
}

// blobs makes n 8×8 images, one-hot labelled: class 0 a bright centre on
// a dark ground, class 1 the reverse, with noise. Flips, small turns,
// shifts, zooms and contrast changes keep the class.
func blobs(n int) (x, y []float32) {
	r := rng.New(99)
	for i := range n {
		class := i % 2
		for row := range 8 {
			for col := range 8 {
				centre := row >= 2 && row < 6 && col >= 2 && col < 6
				v := float32(0.15)
				if centre != (class == 1) {
					v = 0.85
				}
				x = append(x, v+0.1*(r.Float32()-0.5))
			}
		}
		y = append(y, float32(1-class), float32(class))
	}
	return x, y
}

// TestEngine_Augmentation builds the augmentation layers by class name
// through the engine's spec path, and fits the model: the layers leave
// predictions alone (the same as the model without them, whose weights
// draw alike), change training (another weight hash than without them),
// and the same seed trains the same weights, bit for bit.
func TestEngine_Augmentation(t *testing.T) {
	e := NewEngine()
	images, labels := blobs(64)
	x := newTensor(t, e, images, 64, 8, 8, 1)
	y := newTensor(t, e, labels, 64, 2)

	m := newModel(t, e, augmentSpec(3, true))
	ok(t, e, e.ModelInfo(m))
	var info modelInfo
	require.NoError(t, json.Unmarshal(result(e), &info))
	var classes []string
	for _, l := range info.Layers {
		classes = append(classes, l.ClassName)
	}
	assert.Equal(t, []string{"InputLayer", "RandomFlip", "RandomRotation", "RandomTranslation", "RandomZoom", "RandomContrast", "Flatten", "Dense"}, classes)
	assert.Equal(t, []int{8, 8, 1}, info.InputShape)
	assert.Equal(t, []int{2}, info.OutputShape)
	assert.Equal(t, 8*8*2+2, info.Params)

	plain := newModel(t, e, augmentSpec(3, false))
	assert.Equal(t, predict(t, e, plain, x), predict(t, e, m, x), "inference passes the images through")

	hash := func(spec string) (string, float64) {
		h := newModel(t, e, spec)
		defer e.Dispose(h)
		compile(t, e, h, `{"optimizer": {"class_name": "Adam", "config": {"learning_rate": 0.01}}, "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`)
		ok(t, e, fitBegin(t, e, h, x, y, `{"epochs": 8, "batch_size": 16}`))
		ok(t, e, e.FitStep(h, 1000))
		var p progress
		require.NoError(t, json.Unmarshal(result(e), &p))
		require.True(t, p.Done)
		ok(t, e, e.Evaluate(h, x, y, 64))
		var logs map[string]float64
		require.NoError(t, json.Unmarshal(result(e), &logs))
		ok(t, e, e.WeightsHash(h))
		return string(result(e)), logs["accuracy"]
	}
	augmented, acc := hash(augmentSpec(3, true))
	again, _ := hash(augmentSpec(3, true))
	other, _ := hash(augmentSpec(4, true))
	without, _ := hash(augmentSpec(3, false))
	assert.Equal(t, augmented, again, "same seed, same weights")
	assert.NotEqual(t, augmented, other, "another seed, other weights")
	assert.NotEqual(t, augmented, without, "augmentation changes training")
	assert.GreaterOrEqual(t, acc, 0.9, "the augmented model learns the blobs")
}

// TestEngine_AugmentationErrors: a bad augmentation config fails model
// creation with a message naming the layer and the argument.
func TestEngine_AugmentationErrors(t *testing.T) {
	e := NewEngine()
	for _, tc := range []struct{ layer, msg string }{
		{`{"class_name": "RandomRotation", "config": {"factor": 3}}`, "layer 1: layers: RandomRotation: factor must be a number or a list of two numbers in [-1, 1], got 3"},
		{`{"class_name": "RandomZoom", "config": {"height_factor": 0.1, "fill_mode": "mirror"}}`, `unknown fill_mode "mirror"`},
		{`{"class_name": "RandomFlip", "config": {"mode": "sideways"}}`, `mode must be "horizontal", "vertical" or "horizontal_and_vertical", got "sideways"`},
		{`{"class_name": "RandomContrast", "config": {}}`, "factor is required"},
	} {
		spec := `{"layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 8, 8, 1]}}, ` + tc.layer + `]}`
		assert.Equal(t, statusBadArgument, e.ModelCreate(put(t, e, []byte(spec))), tc.layer)
		assert.Contains(t, string(e.errMsg), tc.msg)
	}
	spec := `{"layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 64]}}, {"class_name": "RandomFlip", "config": {}}]}`
	assert.Equal(t, statusShape, e.ModelCreate(put(t, e, []byte(spec))))
	assert.True(t, strings.Contains(string(e.errMsg), "needs images of shape (height, width, channels), got (64,)"), string(e.errMsg))
}

// predict returns the model's predictions for x.
func predict(t *testing.T, e *Engine, m, x int32) []float32 {
	t.Helper()
	ok(t, e, e.Predict(m, x, 0))
	out, err := e.handles.tensor("test", e.ResultHandle())
	require.NoError(t, err)
	return append([]float32(nil), out.Data...)
}
