package layers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"gonn/nn/ag"
	"gonn/nn/initializers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

func init() { register("BatchNormalization", batchNormalizationFromConfig) }

// BatchNormalizationConfig holds the arguments of BatchNormalization under
// their Keras keys. Start from DefaultBatchNormalizationConfig: the zero
// value has no initializers.
type BatchNormalizationConfig struct {
	// Axis is the axis normalised per channel, counted as Keras counts it,
	// with the batch axis: -1 (the default) is the last axis, and 3 is the
	// channels of (batch, rows, cols, channels). Keras 2 writes it as a
	// list of one axis, which FromConfig reads too.
	Axis     int     `json:"axis"`
	Momentum float64 `json:"momentum"` // of the moving statistics: 0.99
	Epsilon  float64 `json:"epsilon"`  // added to the variance: 0.001
	Center   bool    `json:"center"`   // add beta: true
	Scale    bool    `json:"scale"`    // multiply by gamma: true

	BetaInitializer           initializers.Initializer `json:"beta_initializer"`            // zeros
	GammaInitializer          initializers.Initializer `json:"gamma_initializer"`           // ones
	MovingMeanInitializer     initializers.Initializer `json:"moving_mean_initializer"`     // zeros
	MovingVarianceInitializer initializers.Initializer `json:"moving_variance_initializer"` // ones
}

// DefaultBatchNormalizationConfig returns Keras' defaults.
func DefaultBatchNormalizationConfig() BatchNormalizationConfig {
	return BatchNormalizationConfig{
		Axis: -1, Momentum: 0.99, Epsilon: 1e-3, Center: true, Scale: true,
		BetaInitializer: initializers.Zeros{}, GammaInitializer: initializers.Ones{},
		MovingMeanInitializer: initializers.Zeros{}, MovingVarianceInitializer: initializers.Ones{},
	}
}

// BatchNormalization is Keras' batch normalisation layer (Keras 3
// semantics). Per channel c of the Axis,
//
//	y = gamma[c] · (x - mean[c]) / sqrt(var[c] + epsilon) + beta[c]
//
// In training (Context.Training) mean and var are the batch's: the mean and
// the biased variance (divided by the count, not count-1) over every axis
// but the channel axis, computed with ag ops (mean, subtract, square, mean)
// so that the gradient flows exactly through the batch statistics. Each
// training call then updates the moving statistics as Keras 3 does, with
// the same biased batch variance:
//
//	moving_mean     = moving_mean·momentum     + mean·(1-momentum)
//	moving_variance = moving_variance·momentum + var·(1-momentum)
//
// each product rounded to float32 before the sum (no fused multiply-add).
// Outside training, mean and var are the moving statistics.
//
// A frozen layer (SetTrainable(false)) runs in inference mode even in
// training, and leaves its moving statistics alone: Keras' rule since
// 2.1.3 and in Keras 3 (`if training and self.trainable`), which is what
// fine-tuning a network with frozen batch normalisation needs.
//
// Weights, in Keras order: gamma (with Scale), beta (with Center),
// moving_mean, moving_variance, each of shape (channels). The moving
// statistics are non-trainable: NonTrainableWeights lists them, and they
// never require gradients.
type BatchNormalization struct {
	Base
	BatchNormalizationConfig

	axis           int   // the channel axis in an input example (Build's shape)
	in             []int // shape of one input example; nil before Build
	gamma, beta    *ag.Var
	movingMean     *ag.Var
	movingVariance *ag.Var
}

// NewBatchNormalization returns Keras' BatchNormalization() with its
// defaults.
func NewBatchNormalization() *BatchNormalization {
	return NewBatchNormalizationWith(DefaultBatchNormalizationConfig())
}

// NewBatchNormalizationWith returns a BatchNormalization layer with the
// given config.
func NewBatchNormalizationWith(cfg BatchNormalizationConfig) *BatchNormalization {
	return &BatchNormalization{BatchNormalizationConfig: cfg}
}

func batchNormalizationFromConfig(config json.RawMessage) (Layer, error) {
	b := NewBatchNormalization()
	config, err := batchNormAxisKey(config)
	if err == nil {
		err = decodeConfig("BatchNormalization", config, &b.Base, &b.BatchNormalizationConfig,
			"beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint",
			"synchronized", "renorm", "virtual_batch_size", "adjustment")
	}
	if err == nil {
		err = b.check()
	}
	if err != nil {
		return nil, err
	}
	return b, nil
}

// batchNormAxisKey rewrites a Keras 2 axis list of one axis ([3]) as that
// axis.
func batchNormAxisKey(config json.RawMessage) (json.RawMessage, error) {
	if len(bytes.TrimSpace(config)) == 0 {
		return config, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(config, &m); err != nil {
		return nil, fmt.Errorf("layers: BatchNormalization config: %v", err)
	}
	raw, ok := m["axis"]
	if !ok || !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
		return config, nil
	}
	var axes []int
	if err := json.Unmarshal(raw, &axes); err != nil || len(axes) != 1 {
		return nil, fmt.Errorf("layers: BatchNormalization config: axis: gonn normalises over one axis, got %s", raw)
	}
	m["axis"], _ = json.Marshal(axes[0])
	return json.Marshal(m)
}

func (b *BatchNormalization) ClassName() string { return "BatchNormalization" }

func (b *BatchNormalization) check() error {
	if !(b.Momentum >= 0 && b.Momentum <= 1) {
		return b.errorf("BatchNormalization", "momentum must be in [0, 1], got %g", b.Momentum)
	}
	if !(b.Epsilon >= 0) || math.IsInf(b.Epsilon, 0) {
		return b.errorf("BatchNormalization", "epsilon must be a number >= 0, got %g", b.Epsilon)
	}
	if (b.Scale && b.GammaInitializer == nil) || (b.Center && b.BetaInitializer == nil) ||
		b.MovingMeanInitializer == nil || b.MovingVarianceInitializer == nil {
		return b.errorf("BatchNormalization", "missing initializer (start from DefaultBatchNormalizationConfig)")
	}
	return nil
}

// Build resolves the channel axis and makes the weights, each of shape
// (channels), in Keras order: gamma, beta, moving_mean, moving_variance.
// The output has the input's shape.
func (b *BatchNormalization) Build(inputShape []int, r *rng.Rand) ([]int, error) {
	if err := b.checkInputShape("BatchNormalization", inputShape); err != nil {
		return nil, err
	}
	if err := b.check(); err != nil {
		return nil, err
	}
	rank := len(inputShape) + 1 // with the batch axis, as Keras counts
	axis := b.Axis
	if axis < 0 {
		axis += rank
	}
	if axis < 1 || axis >= rank {
		return nil, b.errorf("BatchNormalization", "axis %d is out of range for inputs %s (axis counts the batch axis, which cannot be normalised over)",
			b.Axis, shapeString(inputShape))
	}
	c := inputShape[axis-1]
	if c == 0 {
		return nil, b.errorf("BatchNormalization", "the channel axis %d of %s is empty", b.Axis, shapeString(inputShape))
	}
	var gamma, beta, mean, variance *ag.Var
	var err error
	if b.Scale {
		if gamma, err = b.newWeight("BatchNormalization", "gamma", b.GammaInitializer, r, c); err != nil {
			return nil, err
		}
	}
	if b.Center {
		if beta, err = b.newWeight("BatchNormalization", "beta", b.BetaInitializer, r, c); err != nil {
			return nil, err
		}
	}
	if mean, err = b.newWeight("BatchNormalization", "moving_mean", b.MovingMeanInitializer, r, c); err != nil {
		return nil, err
	}
	if variance, err = b.newWeight("BatchNormalization", "moving_variance", b.MovingVarianceInitializer, r, c); err != nil {
		return nil, err
	}
	mean.SetRequiresGrad(false)
	variance.SetRequiresGrad(false)
	b.axis, b.in = axis-1, append([]int{}, inputShape...)
	b.gamma, b.beta, b.movingMean, b.movingVariance = gamma, beta, mean, variance
	return append([]int{}, inputShape...), nil
}

// Call normalises x (batch, …) per channel; out has x's shape. Statistics
// have x's rank with extent 1 on every axis but the channel axis:
//
//	x: (N, H, W, C)   mean, var, gamma, beta as (1, 1, 1, C)   out: (N, H, W, C)
func (b *BatchNormalization) Call(ctx *Context, x *ag.Var) *ag.Var {
	if b.in == nil {
		b.notBuilt("BatchNormalization")
	}
	s := x.Shape()
	if len(s) != len(b.in)+1 || !tensor.SameShape(s[1:], b.in) {
		b.shapePanicf("BatchNormalization", "input of shape %v, want (batch, %s)", s, strings.Trim(shapeString(b.in), "(,)"))
	}
	stats := make([]int, len(s)) // the shape of the statistics
	var axes []int               // every axis but the channel axis
	for i := range s {
		stats[i] = 1
		if i != b.axis+1 {
			axes = append(axes, i)
		}
	}
	stats[b.axis+1] = s[b.axis+1]

	if ctx != nil && ctx.Training && b.Trainable() {
		mean := ag.Mean(x, axes, true)
		centred := ag.Sub(x, mean)
		variance := ag.Mean(ag.Square(centred), axes, true) // biased
		b.updateMoving(mean.Data(), variance.Data())
		return b.normalize(centred, variance, stats)
	}
	mean := ag.Reshape(b.movingMean, stats...)
	variance := ag.Reshape(b.movingVariance, stats...)
	return b.normalize(ag.Sub(x, mean), variance, stats)
}

// normalize returns centred·gamma/sqrt(variance+epsilon) + beta, the
// per-channel factor computed once on the statistics' shape.
func (b *BatchNormalization) normalize(centred, variance *ag.Var, stats []int) *ag.Var {
	std := ag.Sqrt(ag.AddScalar(variance, float32(b.Epsilon)))
	var factor *ag.Var
	if b.gamma != nil {
		factor = ag.Div(ag.Reshape(b.gamma, stats...), std)
	} else {
		factor = ag.Div(ag.Const(tensor.Scalar(1)), std)
	}
	y := ag.Mul(centred, factor)
	if b.beta != nil {
		y = ag.Add(y, ag.Reshape(b.beta, stats...))
	}
	return y
}

// updateMoving moves the moving statistics towards the batch's, as Keras:
// moving·momentum + batch·(1-momentum), where 1-momentum is computed in
// float64 and rounded, as Python computes it before TensorFlow casts it.
func (b *BatchNormalization) updateMoving(mean, variance []float32) {
	m, rest := float32(b.Momentum), float32(1-b.Momentum)
	mm, mv := b.movingMean.Data(), b.movingVariance.Data()
	for i := range mm {
		mm[i] = float32(mm[i]*m) + float32(mean[i]*rest)
		mv[i] = float32(mv[i]*m) + float32(variance[i]*rest)
	}
}

// Weights lists gamma (with Scale), beta (with Center), moving_mean and
// moving_variance: Keras' order.
func (b *BatchNormalization) Weights() []*ag.Var {
	if b.in == nil {
		return nil
	}
	var ws []*ag.Var
	if b.gamma != nil {
		ws = append(ws, b.gamma)
	}
	if b.beta != nil {
		ws = append(ws, b.beta)
	}
	return append(ws, b.movingMean, b.movingVariance)
}

// NonTrainableWeights lists the weights of Weights that no optimiser
// updates, whatever Trainable says: moving_mean and moving_variance. The
// layer updates them itself in training.
func (b *BatchNormalization) NonTrainableWeights() []*ag.Var {
	if b.in == nil {
		return nil
	}
	return []*ag.Var{b.movingMean, b.movingVariance}
}

func (b *BatchNormalization) Config() map[string]any {
	c := b.baseConfig()
	c["axis"] = b.Axis
	c["momentum"] = b.Momentum
	c["epsilon"] = b.Epsilon
	c["center"] = b.Center
	c["scale"] = b.Scale
	c["beta_initializer"] = serializeInit(b.BetaInitializer)
	c["gamma_initializer"] = serializeInit(b.GammaInitializer)
	c["moving_mean_initializer"] = serializeInit(b.MovingMeanInitializer)
	c["moving_variance_initializer"] = serializeInit(b.MovingVarianceInitializer)
	for _, k := range []string{"beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"} {
		c[k] = nil
	}
	c["synchronized"] = false
	return c
}
