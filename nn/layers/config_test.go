package layers_test

import (
	"encoding/json"
	"testing"

	"gonn/nn/initializers"
	"gonn/nn/layers"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKerasDefaults: what a layer made with the short constructor reports,
// key by key, is what Keras' get_config gives for the same call.
func TestKerasDefaults(t *testing.T) {
	glorot := map[string]any{"class_name": "GlorotUniform", "config": map[string]any{"seed": nil}}
	zeros := map[string]any{"class_name": "Zeros", "config": map[string]any{}}
	tests := []struct {
		layer layers.Layer
		class string
		want  map[string]any
	}{
		{layers.NewDense(512, ""), "Dense", map[string]any{
			"units": 512, "activation": "linear", "use_bias": true,
			"kernel_initializer": glorot, "bias_initializer": zeros,
			"kernel_regularizer": nil, "bias_regularizer": nil, "activity_regularizer": nil,
			"kernel_constraint": nil, "bias_constraint": nil,
		}},
		{layers.NewActivation("relu"), "Activation", map[string]any{"activation": "relu"}},
		{layers.NewDropout(0.2), "Dropout", map[string]any{"rate": 0.2, "noise_shape": nil, "seed": nil}},
		{layers.NewFlatten(), "Flatten", map[string]any{"data_format": "channels_last"}},
		{layers.NewReshape(28, 28, 1), "Reshape", map[string]any{"target_shape": []int{28, 28, 1}}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.class, tt.layer.ClassName())
		assert.True(t, tt.layer.Trainable(), "%s is trainable by default", tt.class)
		assert.Empty(t, tt.layer.Name(), "the model names %s", tt.class)
		want := map[string]any{"name": "", "trainable": true, "dtype": "float32"}
		for k, v := range tt.want {
			want[k] = v
		}
		assert.Equal(t, want, tt.layer.Config(), tt.class)
	}
	in := layers.NewInput(784)
	assert.Equal(t, "InputLayer", in.ClassName())
	assert.Equal(t, map[string]any{"name": "", "dtype": "float32", "batch_input_shape": []any{nil, 784}, "sparse": false}, in.Config())

	cfg := layers.DefaultDenseConfig()
	assert.Equal(t, layers.DenseConfig{
		Activation: "linear", UseBias: true,
		KernelInitializer: initializers.GlorotUniform{}, BiasInitializer: initializers.Zeros{},
	}, cfg)
}

// roundTrip writes l's config as JSON and reads it back.
func roundTrip(t *testing.T, l layers.Layer) layers.Layer {
	t.Helper()
	b, err := json.Marshal(l.Config())
	require.NoError(t, err)
	got, err := layers.FromConfig(l.ClassName(), b)
	require.NoError(t, err, string(b))
	return got
}

func TestFromConfig_RoundTrip(t *testing.T) {
	seed := int64(11)
	dense := func() layers.Layer {
		cfg := layers.DefaultDenseConfig()
		cfg.Units, cfg.Activation, cfg.UseBias = 10, "softmax", false
		cfg.KernelInitializer = initializers.RandomNormal{Mean: 0.5, Stddev: 0.01, Seed: &seed}
		cfg.BiasInitializer = initializers.Constant{Value: 0.1}
		d := layers.NewDenseWith(cfg)
		d.SetInputShape(784)
		return d
	}
	for _, l := range []layers.Layer{
		layers.NewInput(28, 28, 1),
		layers.NewDense(512, "relu"),
		dense(),
		layers.NewActivation("sigmoid"),
		layers.NewDropout(0.5),
		layers.NewDropoutWith(layers.DropoutConfig{Rate: 0.25, Seed: &seed}),
		layers.NewFlatten(),
		layers.NewFlattenWith(layers.FlattenConfig{DataFormat: "channels_first"}),
		layers.NewReshape(-1, 7),
	} {
		l.SetName("my_" + l.ClassName())
		got := roundTrip(t, l)
		assert.Equal(t, l.ClassName(), got.ClassName())
		assert.Equal(t, "my_"+l.ClassName(), got.Name())
		want, _ := json.Marshal(l.Config())
		have, _ := json.Marshal(got.Config())
		assert.JSONEq(t, string(want), string(have))
	}
	assert.Equal(t, []int{784}, roundTrip(t, dense()).(*layers.Dense).InputShape())
}

func TestTrainable(t *testing.T) {
	for _, l := range []layers.Layer{layers.NewDense(3, ""), layers.NewDropout(0.1), layers.NewFlatten()} {
		assert.True(t, l.Trainable())
		l.SetTrainable(false)
		assert.False(t, l.Trainable())
		assert.Equal(t, false, l.Config()["trainable"])
		assert.False(t, roundTrip(t, l).Trainable(), l.ClassName())
		l.SetTrainable(true)
		assert.True(t, roundTrip(t, l).Trainable(), l.ClassName())
	}
}

// TestFromConfig_Keras reads layer configs as Keras 2, Keras 3 and TF.js
// write them.
func TestFromConfig_Keras(t *testing.T) {
	keras2 := `{"name": "dense_1", "trainable": true, "batch_input_shape": [null, 784], "dtype": "float32",
		"units": 512, "activation": "relu", "use_bias": true,
		"kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform", "seed": null}},
		"bias_initializer": {"class_name": "Zeros", "config": {}},
		"kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null,
		"kernel_constraint": null, "bias_constraint": null}`
	l, err := layers.FromConfig("Dense", json.RawMessage(keras2))
	require.NoError(t, err)
	d := l.(*layers.Dense)
	assert.Equal(t, "dense_1", d.Name())
	assert.Equal(t, []int{784}, d.InputShape())
	assert.Equal(t, 512, d.Units)
	assert.Equal(t, "relu", d.Activation)
	assert.Equal(t, initializers.VarianceScaling{Scale: 1, Mode: "fan_avg", Distribution: "uniform"}, d.KernelInitializer)

	keras3 := `{"name": "dense", "trainable": false,
		"dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
		"units": 10, "activation": "softmax", "use_bias": false,
		"kernel_initializer": {"module": "keras.initializers", "class_name": "HeNormal", "config": {"seed": null}, "registered_name": null},
		"bias_initializer": "zeros", "kernel_regularizer": null, "bias_regularizer": null,
		"kernel_constraint": null, "bias_constraint": null}`
	l, err = layers.FromConfig("Dense", json.RawMessage(keras3))
	require.NoError(t, err)
	d = l.(*layers.Dense)
	assert.False(t, d.Trainable())
	assert.False(t, d.UseBias)
	assert.Equal(t, initializers.HeNormal{}, d.KernelInitializer)
	assert.Nil(t, d.InputShape())

	minimal, err := layers.FromConfig("Dense", json.RawMessage(`{"units": 64}`))
	require.NoError(t, err)
	d = minimal.(*layers.Dense)
	assert.Equal(t, "linear", d.Activation)
	assert.True(t, d.UseBias)
	assert.True(t, d.Trainable())

	null, err := layers.FromConfig("Dense", json.RawMessage(`{"units": 64, "activation": null}`))
	require.NoError(t, err)
	assert.Equal(t, "linear", null.(*layers.Dense).Activation, "null is Python's None: linear")

	in, err := layers.FromConfig("InputLayer", json.RawMessage(`{"batch_shape": [null, 28, 28, 1], "dtype": "float32", "sparse": false, "ragged": false, "name": "input_layer"}`))
	require.NoError(t, err)
	assert.Equal(t, []int{28, 28, 1}, in.(*layers.InputLayer).Shape())
	assert.Equal(t, "input_layer", in.Name())

	drop, err := layers.FromConfig("Dropout", json.RawMessage(`{"name": "dropout", "trainable": true, "dtype": "float32", "rate": 0.2, "noise_shape": null, "seed": null}`))
	require.NoError(t, err)
	assert.Equal(t, 0.2, drop.(*layers.Dropout).Rate)

	re, err := layers.FromConfig("Reshape", json.RawMessage(`{"name": "reshape", "target_shape": [28, 28, 1]}`))
	require.NoError(t, err)
	assert.Equal(t, []int{28, 28, 1}, re.(*layers.Reshape).TargetShape)
}

func TestFromConfig_Errors(t *testing.T) {
	tests := []struct {
		class, config, msg string
	}{
		{"Conv7D", `{}`, `unknown layer class "Conv7D"`},
		{"dense", `{"units": 3}`, `unknown layer class "dense"`},
		{"Dense", `{"units": 3, "unit": 4}`, `layers: Dense config: unknown key "unit"`},
		{"Dense", `{"units": "3"}`, "layers: Dense config: units: json: cannot unmarshal string"},
		{"Dense", `{"units": 0}`, "units must be positive"},
		{"Dense", `{}`, "units must be positive"},
		{"Dense", `{"units": 3, "activation": "gelu"}`, `unknown activation "gelu"`},
		{"Dense", `{"units": 3, "kernel_initializer": "xavier"}`, `kernel_initializer: initializers: unknown initializer "xavier"`},
		{"Dense", `{"units": 3, "kernel_regularizer": {"class_name": "L2", "config": {"l2": 0.01}}}`, "kernel_regularizer: not supported"},
		{"Dense", `{"units": 3, "dtype": "float64"}`, "float32 only"},
		{"Dense", `{"units": 3, "batch_input_shape": [null, null, 5]}`, "only the batch axis may be unknown"},
		{"Dense", `[1, 2]`, "layers: Dense config: json: cannot unmarshal array"},
		{"Dense", `{"units": 3, "trainable": "yes"}`, "trainable"},
		{"Dropout", `{"rate": 1.5}`, "rate must be in [0, 1)"},
		{"Dropout", `{"rate": 0.5, "noise_shape": [null, 1, 5]}`, "noise_shape: not supported"},
		{"Flatten", `{"data_format": "channels_middle"}`, "data_format"},
		{"Flatten", `{"units": 3}`, `unknown key "units"`},
		{"Reshape", `{}`, "no target_shape"},
		{"Reshape", `{"target_shape": [-1, -1]}`, "at most one -1"},
		{"Activation", `{"activation": "sofmax"}`, `unknown activation "sofmax"`},
		{"InputLayer", `{"name": "in"}`, "no batch_input_shape"},
		{"InputLayer", `{"batch_input_shape": [null, 3], "sparse": true}`, "sparse: not supported"},
	}
	for _, tt := range tests {
		_, err := layers.FromConfig(tt.class, json.RawMessage(tt.config))
		assert.ErrorContains(t, err, tt.msg, "%s %s", tt.class, tt.config)
	}
}
