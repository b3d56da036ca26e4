package layers_test

import (
	"encoding/json"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// poolInput returns a tensor of the given shape holding a random
// permutation of multiples of 0.05 centred on 0: no ties in any window, and
// no two values within the 0.01 step of a gradient check.
func poolInput(seed uint64, shape ...int) *tensor.Tensor {
	x := tensor.New(shape...)
	for i, p := range rng.New(seed).Perm(x.Size()) {
		x.Data[i] = float32(p-x.Size()/2) * 0.05
	}
	return x
}

// poolWith makes a 2-D or 1-D pooling config.
func poolWith(size, strides []int, padding string) layers.PoolingConfig {
	return layers.PoolingConfig{PoolSize: size, Strides: strides, Padding: padding}
}

// TestPooling_Shapes: output shapes as Keras computes them.
func TestPooling_Shapes(t *testing.T) {
	tests := []struct {
		layer   layers.Layer
		in, out []int
	}{
		{layers.NewMaxPooling2D(2, 2), []int{24, 24, 64}, []int{12, 12, 64}}, // mnist_cnn
		{layers.NewMaxPooling2D(2, 2), []int{5, 5, 3}, []int{2, 2, 3}},
		{layers.NewMaxPooling2DWith(poolWith([]int{2, 2}, nil, "same")), []int{5, 5, 3}, []int{3, 3, 3}},
		{layers.NewMaxPooling2DWith(poolWith([]int{3, 3}, []int{2, 2}, "valid")), []int{7, 7, 1}, []int{3, 3, 1}},
		{layers.NewMaxPooling2DWith(poolWith([]int{3, 2}, []int{1, 3}, "same")), []int{7, 8, 2}, []int{7, 3, 2}},
		{layers.NewAveragePooling2D(2, 2), []int{28, 28, 1}, []int{14, 14, 1}},
		{layers.NewAveragePooling2D(3, 1), []int{7, 5, 4}, []int{2, 5, 4}},
		{layers.NewMaxPooling1D(2), []int{10, 4}, []int{5, 4}},
		{layers.NewMaxPooling1DWith(poolWith([]int{2}, nil, "same")), []int{9, 4}, []int{5, 4}},
		{layers.NewMaxPooling1DWith(poolWith([]int{3}, []int{1}, "valid")), []int{10, 4}, []int{8, 4}},
		{layers.NewAveragePooling1D(4), []int{9, 2}, []int{2, 2}},
		{layers.NewGlobalMaxPooling2D(), []int{7, 7, 32}, []int{32}},
		{layers.NewGlobalAveragePooling2D(), []int{7, 7, 32}, []int{32}},
		{layers.NewGlobalAveragePooling2DWith(layers.GlobalPoolingConfig{KeepDims: true}), []int{7, 7, 32}, []int{1, 1, 32}},
		{layers.NewGlobalMaxPooling1D(), []int{10, 8}, []int{8}},
		{layers.NewGlobalAveragePooling1D(), []int{10, 8}, []int{8}},
		{layers.NewGlobalMaxPooling1DWith(layers.GlobalPoolingConfig{KeepDims: true}), []int{10, 8}, []int{1, 8}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.out, build(t, tt.layer, tt.in...), "%s on %v", tt.layer.ClassName(), tt.in)
		y := tt.layer.Call(inference(), ag.Const(data(append([]int{3}, tt.in...)...)))
		assert.Equal(t, append([]int{3}, tt.out...), y.Shape(), "%s on %v", tt.layer.ClassName(), tt.in)
	}
}

func TestPooling_Forward(t *testing.T) {
	sq4 := tensor.New(1, 4, 4, 1) // rows 1-4, 5-8, 9-12, 13-16
	for i := range sq4.Data {
		sq4.Data[i] = float32(i + 1)
	}
	sq3 := tensor.From([]float32{1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1)
	// (1, 5, 2): steps 1..5 on channel 0, their negatives on channel 1.
	steps := tensor.From([]float32{1, -1, 2, -2, 3, -3, 4, -4, 5, -5}, 1, 5, 2)
	img := tensor.From([]float32{1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6}, 1, 2, 3, 2) // two channels
	tests := []struct {
		name  string
		layer layers.Layer
		x     *tensor.Tensor
		want  []float32
	}{
		{"MaxPooling2D", layers.NewMaxPooling2D(2, 2), sq4, []float32{6, 8, 14, 16}},
		{"AveragePooling2D", layers.NewAveragePooling2D(2, 2), sq4, []float32{3.5, 5.5, 11.5, 13.5}},
		// Same padding on 3x3 with a 2x2 window: the pad goes after, and
		// the average counts real elements only.
		{"AveragePooling2D same", layers.NewAveragePooling2DWith(poolWith([]int{2, 2}, nil, "same")), sq3,
			[]float32{3, 4.5, 7.5, 9}},
		{"MaxPooling2D same", layers.NewMaxPooling2DWith(poolWith([]int{2, 2}, nil, "same")), sq3, []float32{5, 6, 8, 9}},
		{"MaxPooling1D stride 1", layers.NewMaxPooling1DWith(poolWith([]int{2}, []int{1}, "")), steps,
			[]float32{2, -1, 3, -2, 4, -3, 5, -4}},
		{"AveragePooling1D same", layers.NewAveragePooling1DWith(poolWith([]int{2}, nil, "same")), steps,
			[]float32{1.5, -1.5, 3.5, -3.5, 5, -5}},
		{"GlobalMaxPooling2D", layers.NewGlobalMaxPooling2D(), img, []float32{6, -1}},
		{"GlobalAveragePooling2D", layers.NewGlobalAveragePooling2D(), img, []float32{3.5, -3.5}},
		{"GlobalMaxPooling1D", layers.NewGlobalMaxPooling1D(), steps, []float32{5, -1}},
		{"GlobalAveragePooling1D", layers.NewGlobalAveragePooling1D(), steps, []float32{3, -3}},
	}
	for _, tt := range tests {
		build(t, tt.layer, tt.x.Shape[1:]...)
		y := tt.layer.Call(inference(), ag.Const(tt.x))
		assert.InDeltaSlice(t, tt.want, y.Data(), 1e-6, tt.name)
	}
}

// TestPooling_1DIs2D: a 1-D pooling is the 2-D pooling of one-pixel-high
// images, bit for bit.
func TestPooling_1DIs2D(t *testing.T) {
	for _, padding := range []string{"valid", "same"} {
		x := poolInput(3, 2, 11, 3)
		one := layers.NewMaxPooling1DWith(poolWith([]int{3}, []int{2}, padding))
		two := layers.NewMaxPooling2DWith(poolWith([]int{1, 3}, []int{1, 2}, padding))
		avg1 := layers.NewAveragePooling1DWith(poolWith([]int{3}, []int{2}, padding))
		avg2 := layers.NewAveragePooling2DWith(poolWith([]int{1, 3}, []int{1, 2}, padding))
		build(t, one, 11, 3)
		build(t, two, 1, 11, 3)
		build(t, avg1, 11, 3)
		build(t, avg2, 1, 11, 3)
		x2 := x.Reshape(2, 1, 11, 3)
		assert.Equal(t, two.Call(inference(), ag.Const(x2)).Data(), one.Call(inference(), ag.Const(x)).Data(), padding)
		assert.Equal(t, avg2.Call(inference(), ag.Const(x2)).Data(), avg1.Call(inference(), ag.Const(x)).Data(), padding)
	}
}

func TestPooling_Grad(t *testing.T) {
	tests := []struct {
		layer layers.Layer
		in    []int
	}{
		{layers.NewMaxPooling2D(2, 2), []int{4, 5, 2}},
		{layers.NewMaxPooling2DWith(poolWith([]int{3, 2}, []int{2, 1}, "same")), []int{5, 4, 2}},
		{layers.NewAveragePooling2D(2, 2), []int{4, 5, 2}},
		{layers.NewAveragePooling2DWith(poolWith([]int{3, 3}, []int{2, 2}, "same")), []int{5, 5, 1}},
		{layers.NewMaxPooling1D(2), []int{7, 3}},
		{layers.NewMaxPooling1DWith(poolWith([]int{3}, []int{2}, "same")), []int{8, 2}},
		{layers.NewAveragePooling1DWith(poolWith([]int{2}, []int{3}, "valid")), []int{8, 2}},
		{layers.NewGlobalMaxPooling2D(), []int{3, 4, 2}},
		{layers.NewGlobalAveragePooling2DWith(layers.GlobalPoolingConfig{KeepDims: true}), []int{3, 4, 2}},
		{layers.NewGlobalMaxPooling1DWith(layers.GlobalPoolingConfig{KeepDims: true}), []int{5, 3}},
		{layers.NewGlobalAveragePooling1D(), []int{5, 3}},
	}
	for i, tt := range tests {
		t.Run(tt.layer.ClassName(), func(t *testing.T) {
			build(t, tt.layer, tt.in...)
			checkGrad(t, tt.layer, inference, poolInput(uint64(i), append([]int{2}, tt.in...)...))
		})
	}
}

func TestPooling_BuildErrors(t *testing.T) {
	channelsFirst := layers.DefaultPooling2DConfig()
	channelsFirst.DataFormat = "channels_first"
	declared := layers.NewMaxPooling2D(2, 2)
	declared.SetInputShape(28, 28, 1)
	tests := []struct {
		layer layers.Layer
		in    []int
		msg   string
	}{
		{layers.NewMaxPooling2D(2, 2), []int{784}, "needs inputs of shape (rows, cols, channels), got (784,)"},
		{layers.NewMaxPooling1D(2), []int{28, 28, 1}, "needs inputs of shape (steps, channels), got (28, 28, 1)"},
		{layers.NewAveragePooling2D(3, 3), []int{2, 5, 1}, "pool_size (3, 3) is larger than the input (2, 5) with valid padding"},
		{layers.NewMaxPooling2D(0, 2), []int{4, 4, 1}, "pool_size must be 2 positive integers"},
		{layers.NewMaxPooling2DWith(poolWith([]int{2}, nil, "")), []int{4, 4, 1}, "pool_size must be 2 positive integers"},
		{layers.NewMaxPooling2DWith(poolWith([]int{2, 2}, []int{0, 1}, "")), []int{4, 4, 1}, "strides must be 2 positive integers"},
		{layers.NewMaxPooling1DWith(poolWith([]int{2}, nil, "causal")), []int{4, 1}, `padding must be "valid" or "same", got "causal"`},
		{layers.NewMaxPooling2DWith(channelsFirst), []int{1, 4, 4}, `data_format must be "channels_last"`},
		{declared, []int{28, 28, 3}, "declared input shape (28, 28, 1), built on (28, 28, 3)"},
		{layers.NewMaxPooling2DWith(poolWith([]int{2, 2}, nil, "same")), []int{0, 4, 1}, "cannot pool an empty input (0, 4, 1)"},
		{layers.NewGlobalMaxPooling2D(), []int{10, 3}, "needs inputs of shape (rows, cols, channels)"},
		{layers.NewGlobalAveragePooling1D(), []int{10}, "needs inputs of shape (steps, channels)"},
		{layers.NewGlobalMaxPooling1D(), []int{0, 3}, "cannot take the maximum of an empty input"},
	}
	for _, tt := range tests {
		tt.layer.SetName("pool_7")
		_, err := tt.layer.Build(tt.in, rng.New(1))
		require.Error(t, err, "%s on %v", tt.layer.ClassName(), tt.in)
		assert.ErrorContains(t, err, tt.layer.ClassName()+` "pool_7"`)
		assert.ErrorContains(t, err, tt.msg)
	}
}

func TestPooling_CallErrors(t *testing.T) {
	for _, l := range []layers.Layer{layers.NewMaxPooling2D(2, 2), layers.NewGlobalAveragePooling1D()} {
		assert.PanicsWithError(t, "layers: "+l.ClassName()+": Call before Build", func() { l.Call(inference(), ag.Const(data(1, 4, 4, 1))) })
	}
	p := layers.NewMaxPooling2D(2, 2)
	build(t, p, 4, 4, 1)
	func() {
		defer func() { assert.ErrorIs(t, recover().(error), tensor.ErrShape) }()
		p.Call(inference(), ag.Const(data(1, 4, 5, 1)))
	}()
}

// TestPooling_Config: what the layers report is what Keras' get_config
// gives for the same call.
func TestPooling_Config(t *testing.T) {
	base := func(kv map[string]any) map[string]any {
		m := map[string]any{"name": "", "trainable": true, "dtype": "float32"}
		for k, v := range kv {
			m[k] = v
		}
		return m
	}
	pool2 := base(map[string]any{"pool_size": []int{2, 2}, "strides": []int{2, 2}, "padding": "valid", "data_format": "channels_last"})
	pool1 := base(map[string]any{"pool_size": []int{2}, "strides": []int{2}, "padding": "valid", "data_format": "channels_last"})
	global := base(map[string]any{"data_format": "channels_last", "keepdims": false})
	tests := []struct {
		layer layers.Layer
		class string
		want  map[string]any
	}{
		{layers.NewMaxPooling2D(2, 2), "MaxPooling2D", pool2},
		{layers.NewMaxPooling2DWith(layers.DefaultPooling2DConfig()), "MaxPooling2D", pool2},
		{layers.NewAveragePooling2D(2, 2), "AveragePooling2D", pool2},
		{layers.NewMaxPooling1D(2), "MaxPooling1D", pool1},
		{layers.NewAveragePooling1DWith(layers.DefaultPooling1DConfig()), "AveragePooling1D", pool1},
		{layers.NewMaxPooling2DWith(poolWith([]int{3, 3}, []int{1, 2}, "same")), "MaxPooling2D",
			base(map[string]any{"pool_size": []int{3, 3}, "strides": []int{1, 2}, "padding": "same", "data_format": "channels_last"})},
		{layers.NewGlobalMaxPooling2D(), "GlobalMaxPooling2D", global},
		{layers.NewGlobalAveragePooling2D(), "GlobalAveragePooling2D", global},
		{layers.NewGlobalMaxPooling1D(), "GlobalMaxPooling1D", global},
		{layers.NewGlobalAveragePooling1D(), "GlobalAveragePooling1D", global},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.class, tt.layer.ClassName())
		assert.Equal(t, tt.want, tt.layer.Config(), tt.class)
		assert.Nil(t, tt.layer.Weights())
	}
	assert.Equal(t, layers.PoolingConfig{PoolSize: []int{2, 2}, Padding: "valid", DataFormat: "channels_last"}, layers.DefaultPooling2DConfig())
	assert.Equal(t, layers.PoolingConfig{PoolSize: []int{2}, Padding: "valid", DataFormat: "channels_last"}, layers.DefaultPooling1DConfig())
}

func TestPooling_FromConfig(t *testing.T) {
	tests := []struct {
		class, config string
		in, out       []int // a build that shows the config took effect
	}{
		{"MaxPooling2D", `{"pool_size": [2, 2]}`, []int{24, 24, 64}, []int{12, 12, 64}},
		{"MaxPooling2D", `{}`, []int{24, 24, 64}, []int{12, 12, 64}},
		{"MaxPooling2D", `{"pool_size": 3}`, []int{9, 9, 1}, []int{3, 3, 1}},
		{"MaxPooling2D", `{"pool_size": 3, "strides": 1, "padding": "same"}`, []int{9, 9, 1}, []int{9, 9, 1}},
		// Keras 2 (tf.keras) as model.to_json() writes it.
		{"MaxPooling2D", `{"name": "max_pooling2d_1", "trainable": true, "dtype": "float32", "pool_size": [2, 2],
			"padding": "valid", "strides": [2, 2], "data_format": "channels_last"}`, []int{24, 24, 64}, []int{12, 12, 64}},
		// Keras 3.
		{"AveragePooling2D", `{"name": "average_pooling2d", "trainable": true,
			"dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
			"pool_size": [3, 1], "padding": "same", "strides": [2, 1], "data_format": "channels_last"}`, []int{7, 5, 2}, []int{4, 5, 2}},
		{"MaxPooling1D", `{"pool_size": [2], "strides": null, "padding": "valid"}`, []int{10, 4}, []int{5, 4}},
		{"AveragePooling1D", `{"pool_size": 3, "strides": 2, "padding": "same"}`, []int{10, 4}, []int{5, 4}},
		{"GlobalAveragePooling2D", `{"name": "gap", "data_format": "channels_last", "keepdims": false}`, []int{7, 7, 8}, []int{8}},
		{"GlobalMaxPooling2D", `{"keepdims": true}`, []int{7, 7, 8}, []int{1, 1, 8}},
		{"GlobalMaxPooling1D", `{"data_format": "channels_last"}`, []int{7, 8}, []int{8}},
		{"GlobalAveragePooling1D", `{}`, []int{7, 8}, []int{8}},
	}
	for _, tt := range tests {
		l, err := layers.FromConfig(tt.class, json.RawMessage(tt.config))
		require.NoError(t, err, "%s %s", tt.class, tt.config)
		assert.Equal(t, tt.class, l.ClassName())
		assert.Equal(t, tt.out, build(t, l, tt.in...), "%s %s", tt.class, tt.config)
	}
}

func TestPooling_FromConfigErrors(t *testing.T) {
	tests := []struct {
		class, config, msg string
	}{
		{"MaxPooling2D", `{"pool_size": [2]}`, "pool_size must be 2 positive integers, got [2]"},
		{"MaxPooling2D", `{"pool_size": [2, 2, 2]}`, "pool_size must be 2 positive integers"},
		{"MaxPooling1D", `{"pool_size": 0}`, "pool_size must be one positive integer, got [0]"},
		{"AveragePooling2D", `{"strides": [1, -1]}`, "strides must be 2 positive integers"},
		{"MaxPooling2D", `{"padding": "full"}`, `padding must be "valid" or "same"`},
		{"MaxPooling2D", `{"data_format": "channels_first"}`, `data_format must be "channels_last"`},
		{"MaxPooling2D", `{"pool_size": "2"}`, "layers: MaxPooling2D config: pool_size"},
		{"MaxPooling2D", `{"pool_length": 2}`, `unknown key "pool_length"`},
		{"MaxPooling2D", `[2, 2]`, "layers: MaxPooling2D config"},
		{"GlobalMaxPooling2D", `{"data_format": "channels_first"}`, `data_format must be "channels_last"`},
		{"GlobalAveragePooling1D", `{"keepdims": "no"}`, "keepdims"},
	}
	for _, tt := range tests {
		_, err := layers.FromConfig(tt.class, json.RawMessage(tt.config))
		assert.ErrorContains(t, err, tt.msg, "%s %s", tt.class, tt.config)
	}
}

func TestPooling_RoundTrip(t *testing.T) {
	for _, l := range []layers.Layer{
		layers.NewMaxPooling2D(2, 2),
		layers.NewMaxPooling2DWith(poolWith([]int{3, 2}, []int{1, 2}, "same")),
		layers.NewAveragePooling2D(3, 3),
		layers.NewMaxPooling1D(4),
		layers.NewAveragePooling1DWith(poolWith([]int{3}, []int{1}, "same")),
		layers.NewGlobalMaxPooling2D(),
		layers.NewGlobalAveragePooling2DWith(layers.GlobalPoolingConfig{KeepDims: true}),
		layers.NewGlobalMaxPooling1D(),
		layers.NewGlobalAveragePooling1D(),
	} {
		l.SetName("my_" + l.ClassName())
		l.SetTrainable(false)
		got := roundTrip(t, l)
		assert.Equal(t, l.ClassName(), got.ClassName())
		assert.Equal(t, l.Config(), got.Config(), l.ClassName())
	}
}
