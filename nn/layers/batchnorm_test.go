package layers_test

import (
	"encoding/json"
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/initializers"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// naiveBatchNorm normalises x per channel of axis (an axis of x, batch
// included) in float64, straight from the formula. With mean and variance
// nil it uses the batch's: the mean and the biased variance over every
// other axis, which it returns.
func naiveBatchNorm(x *tensor.Tensor, axis int, gamma, beta, mean, variance []float64, eps float64) (y, bm, bv []float64) {
	c, stride := x.Shape[axis], x.Strides[axis]
	channel := func(i int) int { return i / stride % c }
	if mean == nil {
		mean, variance = make([]float64, c), make([]float64, c)
		m := float64(x.Size() / c)
		for i, v := range x.Data {
			mean[channel(i)] += float64(v) / m
		}
		for i, v := range x.Data {
			d := float64(v) - mean[channel(i)]
			variance[channel(i)] += d * d / m
		}
	}
	y = make([]float64, x.Size())
	for i, v := range x.Data {
		k := channel(i)
		y[i] = gamma[k]*(float64(v)-mean[k])/math.Sqrt(variance[k]+eps) + beta[k]
	}
	return y, mean, variance
}

// bnFloat64s widens v to float64, to compare with a reference.
func bnFloat64s(v []float32) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

// bnWith returns a BatchNormalization with the defaults changed by edit.
func bnWith(edit func(*layers.BatchNormalizationConfig)) *layers.BatchNormalization {
	cfg := layers.DefaultBatchNormalizationConfig()
	edit(&cfg)
	return layers.NewBatchNormalizationWith(cfg)
}

var bnCases = []struct {
	name  string
	axis  int   // Keras axis
	shape []int // batch included
	ax    int   // the channel axis as an index of shape
}{
	{"dense (6, 3)", -1, []int{6, 3}, 1},
	{"images (2, 3, 3, 2)", -1, []int{2, 3, 3, 2}, 3},
	{"images axis 3", 3, []int{2, 3, 3, 2}, 3},
	{"channels first (4, 3, 5) axis 1", 1, []int{4, 3, 5}, 1},
	{"middle axis -2", -2, []int{2, 3, 4}, 1},
}

// bnParams sets gamma, beta and the moving statistics of a built layer to
// distinct values and returns them.
func bnParams(t *testing.T, b *layers.BatchNormalization, c int) (gamma, beta, mm, mv []float32) {
	for k := range c {
		gamma = append(gamma, 0.5+0.25*float32(k))
		beta = append(beta, 0.1*float32(k)-0.2)
		mm = append(mm, 0.3-0.2*float32(k))
		mv = append(mv, 0.5+float32(k))
	}
	setWeights(t, b, gamma, beta, mm, mv)
	return gamma, beta, mm, mv
}

func TestBatchNormalization_Training(t *testing.T) {
	for _, tc := range bnCases {
		b := bnWith(func(c *layers.BatchNormalizationConfig) { c.Axis = tc.axis })
		assert.Equal(t, tc.shape[1:], build(t, b, tc.shape[1:]...), tc.name)
		c := tc.shape[tc.ax]
		gamma, beta, _, _ := bnParams(t, b, c)
		x := agtest.Rand(uint64(len(tc.shape)), -1, 2, tc.shape...)
		y := b.Call(training(1), ag.Const(x))
		require.Equal(t, tc.shape, y.Shape(), tc.name)
		want, _, _ := naiveBatchNorm(x, tc.ax, bnFloat64s(gamma), bnFloat64s(beta), nil, nil, 1e-3)
		assert.InDeltaSlice(t, want, bnFloat64s(y.Data()), 1e-5, tc.name)
	}
}

func TestBatchNormalization_Inference(t *testing.T) {
	for _, tc := range bnCases {
		b := bnWith(func(c *layers.BatchNormalizationConfig) { c.Axis = tc.axis })
		build(t, b, tc.shape[1:]...)
		gamma, beta, mm, mv := bnParams(t, b, tc.shape[tc.ax])
		x := agtest.Rand(uint64(len(tc.shape)), -1, 2, tc.shape...)
		want, _, _ := naiveBatchNorm(x, tc.ax, bnFloat64s(gamma), bnFloat64s(beta), bnFloat64s(mm), bnFloat64s(mv), 1e-3)
		assert.InDeltaSlice(t, want, bnFloat64s(b.Call(inference(), ag.Const(x)).Data()), 1e-5, tc.name)
		assert.InDeltaSlice(t, want, bnFloat64s(b.Call(nil, ag.Const(x)).Data()), 1e-5, tc.name)
		assert.Equal(t, mm, b.Weights()[2].Data(), "inference leaves the moving mean alone")
		assert.Equal(t, mv, b.Weights()[3].Data(), "inference leaves the moving variance alone")
	}
}

// TestBatchNormalization_MovingStats: after N training calls the moving
// statistics are the Keras recurrence over the batches' means and biased
// variances.
func TestBatchNormalization_MovingStats(t *testing.T) {
	for _, momentum := range []float64{0.99, 0.9, 0} {
		b := bnWith(func(c *layers.BatchNormalizationConfig) { c.Momentum = momentum })
		build(t, b, 2, 3)
		m, rest := float32(momentum), float32(1-momentum)
		mm, mv := []float32{0, 0, 0}, []float32{1, 1, 1}
		for step := range 5 {
			x := agtest.Rand(uint64(step), -1, 3, 4, 2, 3)
			b.Call(training(1), ag.Const(x))
			_, bm, bv := naiveBatchNorm(x, 2, []float64{1, 1, 1}, []float64{0, 0, 0}, nil, nil, 1e-3)
			for k := range mm {
				mm[k] = float32(mm[k]*m) + float32(float32(bm[k])*rest)
				mv[k] = float32(mv[k]*m) + float32(float32(bv[k])*rest)
			}
		}
		ws := b.NonTrainableWeights()
		assert.InDeltaSlice(t, mm, ws[0].Data(), 1e-6, "moving mean, momentum %g", momentum)
		assert.InDeltaSlice(t, mv, ws[1].Data(), 1e-6, "moving variance, momentum %g", momentum)
	}

	// Channels whose batch mean and variance are exact in float32 (1 and 3:
	// mean 2, variance 1; 0.5 twice: 0.5, 0; -2 and 2: 0, 4) give the
	// recurrence bit for bit, each product rounded before the sum.
	b := layers.NewBatchNormalization()
	build(t, b, 3)
	x := tensor.From([]float32{1, 0.5, -2, 3, 0.5, 2}, 2, 3)
	bm, bv := []float32{2, 0.5, 0}, []float32{1, 0, 4}
	m, rest := float32(0.99), float32(1-0.99)
	mm, mv := []float32{0, 0, 0}, []float32{1, 1, 1}
	for range 3 {
		b.Call(training(1), ag.Const(x))
		for k := range mm {
			mm[k] = float32(mm[k]*m) + float32(bm[k]*rest)
			mv[k] = float32(mv[k]*m) + float32(bv[k]*rest)
		}
	}
	assert.Equal(t, mm, b.Weights()[2].Data())
	assert.Equal(t, mv, b.Weights()[3].Data())
}

// TestBatchNormalization_TrainingVsInference: training normalises with the
// batch's statistics, inference with the moving ones.
func TestBatchNormalization_TrainingVsInference(t *testing.T) {
	b := layers.NewBatchNormalization()
	build(t, b, 2)
	x := ag.Const(tensor.From([]float32{1, 10, 3, 20, 5, 30}, 3, 2))
	// Batch: mean (3, 20), variance (8/3, 200/3).
	train := b.Call(training(1), x).Data()
	s0, s1 := math.Sqrt(8.0/3+1e-3), math.Sqrt(200.0/3+1e-3)
	assert.InDeltaSlice(t, []float64{-2 / s0, -10 / s1, 0, 0, 2 / s0, 10 / s1}, bnFloat64s(train), 1e-6)
	// Moving statistics after one step: (0.03, 0.2) and (0.99 + 0.01·8/3, 0.99 + 0.01·200/3).
	assert.InDeltaSlice(t, []float32{0.03, 0.2}, b.Weights()[2].Data(), 1e-7)
	assert.InDeltaSlice(t, []float32{0.99 + 0.08/3, 0.99 + 2.0/3}, b.Weights()[3].Data(), 1e-6)
	infer := b.Call(inference(), x).Data()
	want, _, _ := naiveBatchNorm(x.Value, 1, []float64{1, 1}, []float64{0, 0},
		bnFloat64s(b.Weights()[2].Data()), bnFloat64s(b.Weights()[3].Data()), 1e-3)
	assert.InDeltaSlice(t, want, bnFloat64s(infer), 1e-5)
	assert.NotEqual(t, train, infer)

	// A batch of one: every value is its channel's mean, the output is beta.
	one := layers.NewBatchNormalization()
	build(t, one, 3)
	setWeights(t, one, []float32{2, 2, 2}, []float32{0.5, -1, 7}, []float32{0, 0, 0}, []float32{1, 1, 1})
	assert.Equal(t, []float32{0.5, -1, 7}, one.Call(training(1), ag.Const(tensor.From([]float32{4, -3, 9}, 1, 3))).Data())
}

// TestBatchNormalization_Frozen: a frozen layer (trainable false) runs in
// inference mode in training too, and its moving statistics stay put, as in
// Keras 3 (`if training and self.trainable`).
func TestBatchNormalization_Frozen(t *testing.T) {
	b := layers.NewBatchNormalization()
	build(t, b, 3, 2)
	_, _, mm, mv := bnParams(t, b, 2)
	x := ag.Const(agtest.Rand(5, -1, 2, 4, 3, 2))
	b.SetTrainable(false)
	frozen := b.Call(training(1), x).Data()
	assert.Equal(t, b.Call(inference(), x).Data(), frozen, "frozen: the moving statistics normalise")
	assert.Equal(t, mm, b.Weights()[2].Data())
	assert.Equal(t, mv, b.Weights()[3].Data())

	b.SetTrainable(true)
	assert.NotEqual(t, frozen, b.Call(training(1), x).Data(), "trainable: the batch statistics normalise")
	assert.NotEqual(t, mm, b.Weights()[2].Data(), "and the moving mean moves")
}

// checkBatchNormGrad checks the gradient of b's output with respect to x
// and to the first n of b's weights.
func checkBatchNormGrad(t *testing.T, b *layers.BatchNormalization, ctx func() *layers.Context, x *tensor.Tensor, n int) {
	t.Helper()
	inputs := []*tensor.Tensor{x}
	for _, w := range b.Weights()[:n] {
		inputs = append(inputs, w.Value)
	}
	agtest.CheckGrad(t, agtest.Default, func(in []*ag.Var) *ag.Var {
		defer layers.SwapBatchNormWeights(b, in[1:])()
		return b.Call(ctx(), in[0])
	}, inputs...)
}

func TestBatchNormalization_Grad(t *testing.T) {
	train := func() *layers.Context { return training(1) }
	for _, tc := range bnCases {
		t.Run(tc.name, func(t *testing.T) {
			b := bnWith(func(c *layers.BatchNormalizationConfig) { c.Axis = tc.axis })
			build(t, b, tc.shape[1:]...)
			bnParams(t, b, tc.shape[tc.ax])
			x := agtest.Rand(7, -1, 1, tc.shape...)
			// Training: through the batch statistics, to x, gamma and beta.
			checkBatchNormGrad(t, b, train, x, 2)
			// Inference: to x, gamma, beta and the moving statistics.
			checkBatchNormGrad(t, b, inference, x, 4)
		})
	}
	for _, edit := range []func(*layers.BatchNormalizationConfig){
		func(c *layers.BatchNormalizationConfig) { c.Center = false },
		func(c *layers.BatchNormalizationConfig) { c.Scale = false },
		func(c *layers.BatchNormalizationConfig) { c.Center, c.Scale = false, false },
	} {
		b := bnWith(edit)
		build(t, b, 2, 3)
		n := len(b.Weights()) - 2
		x := agtest.Rand(8, -1, 1, 3, 2, 3)
		checkBatchNormGrad(t, b, train, x, n)
		checkBatchNormGrad(t, b, inference, x, n+2)
	}
}

func TestBatchNormalization_Weights(t *testing.T) {
	b := layers.NewBatchNormalization()
	b.SetName("bn")
	assert.Nil(t, b.Weights())
	assert.Nil(t, b.NonTrainableWeights())
	out, err := b.Build([]int{5, 5, 4}, rng.New(1))
	require.NoError(t, err)
	assert.Equal(t, []int{5, 5, 4}, out)
	ws := b.Weights()
	require.Len(t, ws, 4)
	for i, name := range []string{"bn/gamma", "bn/beta", "bn/moving_mean", "bn/moving_variance"} {
		assert.Equal(t, name, ws[i].Name)
		assert.Equal(t, []int{4}, ws[i].Shape())
		assert.Equal(t, i < 2, ws[i].RequiresGrad(), name)
	}
	assert.Equal(t, []float32{1, 1, 1, 1}, ws[0].Data())
	assert.Equal(t, []float32{0, 0, 0, 0}, ws[1].Data())
	assert.Equal(t, []float32{0, 0, 0, 0}, ws[2].Data())
	assert.Equal(t, []float32{1, 1, 1, 1}, ws[3].Data())
	nt := b.NonTrainableWeights()
	require.Len(t, nt, 2)
	assert.Same(t, ws[2], nt[0])
	assert.Same(t, ws[3], nt[1])

	for _, tt := range []struct {
		edit  func(*layers.BatchNormalizationConfig)
		names []string
	}{
		{func(c *layers.BatchNormalizationConfig) { c.Center = false }, []string{"bn/gamma", "bn/moving_mean", "bn/moving_variance"}},
		{func(c *layers.BatchNormalizationConfig) { c.Scale = false }, []string{"bn/beta", "bn/moving_mean", "bn/moving_variance"}},
		{func(c *layers.BatchNormalizationConfig) { c.Center, c.Scale = false, false }, []string{"bn/moving_mean", "bn/moving_variance"}},
	} {
		b := bnWith(tt.edit)
		b.SetName("bn")
		build(t, b, 3)
		var names []string
		for _, w := range b.Weights() {
			names = append(names, w.Name)
		}
		assert.Equal(t, tt.names, names)
		assert.Len(t, b.NonTrainableWeights(), 2)
	}

	// Initializers draw in Keras order: gamma, beta, moving mean, moving
	// variance.
	normal := initializers.RandomNormal{Stddev: 1}
	r := bnWith(func(c *layers.BatchNormalizationConfig) {
		c.GammaInitializer, c.BetaInitializer, c.MovingMeanInitializer, c.MovingVarianceInitializer = normal, normal, normal, normal
	})
	build(t, r, 3)
	g := rng.New(1)
	for i, w := range r.Weights() {
		assert.Equal(t, normal.Init(g, []int{3}, 3, 3).Data, w.Data(), "weight %d", i)
	}
}

func TestBatchNormalization_BuildErrors(t *testing.T) {
	declared := layers.NewBatchNormalization()
	declared.SetInputShape(4)
	tests := []struct {
		layer *layers.BatchNormalization
		in    []int
		msg   string
	}{
		{bnWith(func(c *layers.BatchNormalizationConfig) { c.Axis = 0 }), []int{3}, "axis 0 is out of range for inputs (3,)"},
		{bnWith(func(c *layers.BatchNormalizationConfig) { c.Axis = 4 }), []int{5, 5, 3}, "axis 4 is out of range"},
		{bnWith(func(c *layers.BatchNormalizationConfig) { c.Axis = -3 }), []int{3}, "axis -3 is out of range"},
		{bnWith(func(c *layers.BatchNormalizationConfig) { c.Momentum = 1.5 }), []int{3}, "momentum must be in [0, 1], got 1.5"},
		{bnWith(func(c *layers.BatchNormalizationConfig) { c.Epsilon = -1 }), []int{3}, "epsilon must be a number >= 0"},
		{bnWith(func(c *layers.BatchNormalizationConfig) { c.Epsilon = math.NaN() }), []int{3}, "epsilon must be a number >= 0"},
		{layers.NewBatchNormalizationWith(layers.BatchNormalizationConfig{Momentum: 0.9}), []int{3}, "missing initializer"},
		{layers.NewBatchNormalization(), []int{4, 0}, "the channel axis -1 of (4, 0) is empty"},
		{layers.NewBatchNormalization(), []int{}, "axis -1 is out of range for inputs ()"},
		{declared, []int{5}, "declared input shape (4,), built on (5,)"},
	}
	for _, tt := range tests {
		tt.layer.SetName("bn_2")
		_, err := tt.layer.Build(tt.in, rng.New(1))
		assert.ErrorContains(t, err, `BatchNormalization "bn_2"`)
		assert.ErrorContains(t, err, tt.msg)
	}
	b := layers.NewBatchNormalization()
	assert.PanicsWithError(t, "layers: BatchNormalization: Call before Build", func() { b.Call(inference(), ag.Const(data(2, 3))) })
	build(t, b, 3)
	func() {
		defer func() { assert.ErrorIs(t, recover().(error), tensor.ErrShape) }()
		b.Call(inference(), ag.Const(data(2, 4)))
	}()
}

// TestBatchNormalization_Config: Keras 3's get_config of
// BatchNormalization().
func TestBatchNormalization_Config(t *testing.T) {
	zeros := map[string]any{"class_name": "Zeros", "config": map[string]any{}}
	ones := map[string]any{"class_name": "Ones", "config": map[string]any{}}
	b := layers.NewBatchNormalization()
	assert.Equal(t, "BatchNormalization", b.ClassName())
	assert.Equal(t, map[string]any{
		"name": "", "trainable": true, "dtype": "float32",
		"axis": -1, "momentum": 0.99, "epsilon": 0.001, "center": true, "scale": true,
		"beta_initializer": zeros, "gamma_initializer": ones,
		"moving_mean_initializer": zeros, "moving_variance_initializer": ones,
		"beta_regularizer": nil, "gamma_regularizer": nil, "beta_constraint": nil, "gamma_constraint": nil,
		"synchronized": false,
	}, b.Config())
	assert.Equal(t, layers.BatchNormalizationConfig{
		Axis: -1, Momentum: 0.99, Epsilon: 1e-3, Center: true, Scale: true,
		BetaInitializer: initializers.Zeros{}, GammaInitializer: initializers.Ones{},
		MovingMeanInitializer: initializers.Zeros{}, MovingVarianceInitializer: initializers.Ones{},
	}, layers.DefaultBatchNormalizationConfig())
}

func TestBatchNormalization_FromConfig(t *testing.T) {
	keras2 := `{"name": "batch_normalization_1", "trainable": true, "dtype": "float32", "axis": [3],
		"momentum": 0.99, "epsilon": 0.001, "center": true, "scale": true,
		"beta_initializer": {"class_name": "Zeros", "config": {}}, "gamma_initializer": {"class_name": "Ones", "config": {}},
		"moving_mean_initializer": {"class_name": "Zeros", "config": {}}, "moving_variance_initializer": {"class_name": "Ones", "config": {}},
		"beta_regularizer": null, "gamma_regularizer": null, "beta_constraint": null, "gamma_constraint": null}`
	keras3 := `{"name": "batch_normalization", "trainable": false,
		"dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
		"axis": -1, "momentum": 0.9, "epsilon": 1e-05, "center": false, "scale": true,
		"beta_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
		"gamma_initializer": {"module": "keras.initializers", "class_name": "Ones", "config": {}, "registered_name": null},
		"moving_mean_initializer": "zeros", "moving_variance_initializer": "ones",
		"beta_regularizer": null, "gamma_regularizer": null, "beta_constraint": null, "gamma_constraint": null,
		"synchronized": false}`
	tests := []struct {
		config string
		want   func(*layers.BatchNormalizationConfig)
		name   string
		frozen bool
	}{
		{`{"momentum": 0.99, "epsilon": 0.001}`, func(*layers.BatchNormalizationConfig) {}, "", false},
		{`{}`, func(*layers.BatchNormalizationConfig) {}, "", false},
		{keras2, func(c *layers.BatchNormalizationConfig) { c.Axis = 3 }, "batch_normalization_1", false},
		{keras3, func(c *layers.BatchNormalizationConfig) { c.Momentum, c.Epsilon, c.Center = 0.9, 1e-5, false }, "batch_normalization", true},
	}
	for _, tt := range tests {
		l, err := layers.FromConfig("BatchNormalization", json.RawMessage(tt.config))
		require.NoError(t, err, tt.config)
		b := l.(*layers.BatchNormalization)
		want := layers.DefaultBatchNormalizationConfig()
		tt.want(&want)
		assert.Equal(t, want, b.BatchNormalizationConfig, tt.config)
		assert.Equal(t, tt.name, b.Name())
		assert.Equal(t, tt.frozen, !b.Trainable())
	}
	l, err := layers.FromConfig("BatchNormalization", json.RawMessage(keras2))
	require.NoError(t, err)
	assert.Equal(t, []int{26, 26, 32}, build(t, l, 26, 26, 32), "axis 3 of (batch, 26, 26, 32)")
	assert.Equal(t, []int{32}, l.Weights()[0].Shape())
}

func TestBatchNormalization_FromConfigErrors(t *testing.T) {
	for _, tt := range []struct{ config, msg string }{
		{`{"axis": [1, 2]}`, "axis: gonn normalises over one axis, got [1, 2]"},
		{`{"axis": "last"}`, "layers: BatchNormalization config: axis"},
		{`{"momentum": 2}`, "momentum must be in [0, 1], got 2"},
		{`{"epsilon": -0.001}`, "epsilon must be a number >= 0"},
		{`{"gamma_regularizer": {"class_name": "L2", "config": {"l2": 0.01}}}`, "gamma_regularizer: not supported"},
		{`{"synchronized": true}`, "synchronized: not supported"},
		{`{"renorm": true}`, "renorm: not supported"},
		{`{"beta_initializer": "xavier"}`, `unknown initializer "xavier"`},
		{`{"fused_batch": true}`, `unknown key "fused_batch"`},
		{`[1]`, "layers: BatchNormalization config"},
	} {
		_, err := layers.FromConfig("BatchNormalization", json.RawMessage(tt.config))
		assert.ErrorContains(t, err, tt.msg, tt.config)
	}
}

func TestBatchNormalization_RoundTrip(t *testing.T) {
	seed := int64(3)
	for _, b := range []*layers.BatchNormalization{
		layers.NewBatchNormalization(),
		bnWith(func(c *layers.BatchNormalizationConfig) {
			c.Axis, c.Momentum, c.Epsilon, c.Center = 1, 0.9, 1e-5, false
			c.GammaInitializer = initializers.RandomNormal{Mean: 1, Stddev: 0.02, Seed: &seed}
			c.MovingVarianceInitializer = initializers.Constant{Value: 2}
		}),
	} {
		b.SetName("bn")
		b.SetTrainable(false)
		got := roundTrip(t, b).(*layers.BatchNormalization)
		assert.Equal(t, b.Config(), got.Config())
		assert.Equal(t, b.BatchNormalizationConfig, got.BatchNormalizationConfig)
		assert.False(t, got.Trainable())
	}
}
