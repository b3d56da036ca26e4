package losses

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Float64 references, written straight from the formulas. Rows are the last
// axis; each returns the mean over rows of the per-row loss.

func rows(t *tensor.Tensor) [][]float64 {
	c := t.Shape[len(t.Shape)-1]
	out := make([][]float64, len(t.Data)/c)
	for r := range out {
		for _, v := range t.Data[r*c : (r+1)*c] {
			out[r] = append(out[r], float64(v))
		}
	}
	return out
}

const eps = 1e-7

func clip(p float64) float64 { return math.Min(math.Max(p, eps), 1-eps) }

func softmax(z []float64) []float64 {
	m := math.Inf(-1)
	for _, v := range z {
		m = math.Max(m, v)
	}
	s := 0.0
	for _, v := range z {
		s += math.Exp(v - m)
	}
	p := make([]float64, len(z))
	for k, v := range z {
		p[k] = math.Exp(v-m) / s
	}
	return p
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// refCCE: mean over rows of −Σ t·log clip(p / Σp).
func refCCE(yTrue, yPred *tensor.Tensor) float64 {
	ts, ps := rows(yTrue), rows(yPred)
	total := 0.0
	for r, p := range ps {
		s := 0.0
		for _, v := range p {
			s += v
		}
		for k, v := range p {
			total -= ts[r][k] * math.Log(clip(v/s))
		}
	}
	return total / float64(len(ps))
}

// refCCELogits: mean over rows of −Σ t·log softmax(z).
func refCCELogits(yTrue, logits *tensor.Tensor) float64 {
	ts, zs := rows(yTrue), rows(logits)
	total := 0.0
	for r, z := range zs {
		for k, p := range softmax(z) {
			total -= ts[r][k] * math.Log(p)
		}
	}
	return total / float64(len(zs))
}

// refSparse: mean over rows of −log(q_l / Σq), q = clip(p) (Keras feeds
// log q to the softmax crossentropy).
func refSparse(labels []int, yPred *tensor.Tensor) float64 {
	total := 0.0
	for r, p := range rows(yPred) {
		s := 0.0
		for _, v := range p {
			s += clip(v)
		}
		total -= math.Log(clip(p[labels[r]]) / s)
	}
	return total / float64(len(labels))
}

// refSparseLogits: mean over rows of −log softmax(z)_l.
func refSparseLogits(labels []int, logits *tensor.Tensor) float64 {
	total := 0.0
	for r, z := range rows(logits) {
		total -= math.Log(softmax(z)[labels[r]])
	}
	return total / float64(len(labels))
}

// refBCE: mean over rows of the mean over the row of
// −(t·log p + (1−t)·log(1−p)), p = clip(prob(x)).
func refBCE(yTrue, yPred *tensor.Tensor, prob func(float64) float64) float64 {
	ts, ps := rows(yTrue), rows(yPred)
	total := 0.0
	for r, row := range ps {
		s := 0.0
		for k, x := range row {
			p, t := prob(x), ts[r][k]
			s -= t*math.Log(p) + (1-t)*math.Log(1-p)
		}
		total += s / float64(len(row))
	}
	return total / float64(len(ps))
}

// refMeanErr: mean over rows of the mean over the row of f(t − p).
func refMeanErr(yTrue, yPred *tensor.Tensor, f func(float64) float64) float64 {
	ts, ps := rows(yTrue), rows(yPred)
	total := 0.0
	for r, row := range ps {
		s := 0.0
		for k, p := range row {
			s += f(ts[r][k] - p)
		}
		total += s / float64(len(row))
	}
	return total / float64(len(ps))
}

func square(d float64) float64 { return d * d }

func ids(t *tensor.Tensor) []int {
	out := make([]int, len(t.Data))
	for i, v := range t.Data {
		out[i] = int(v)
	}
	return out
}

func identity(x float64) float64 { return clip(x) }

// Activations a test applies to yPred before the loss sees it.
type activation int

const (
	plain activation = iota
	withSoftmax
	withSigmoid
)

func (a activation) apply(v *ag.Var) *ag.Var {
	switch a {
	case withSoftmax:
		return ag.Softmax(v, -1)
	case withSigmoid:
		return ag.Sigmoid(v)
	}
	return v
}

func tf(shape []int, vs ...float32) *tensor.Tensor { return tensor.From(vs, shape...) }

var (
	oneHot   = tf([]int{3, 3}, 1, 0, 0, 0, 1, 0, 0, 0, 1)
	probs    = tf([]int{3, 3}, .9, .05, .05, .05, .89, .06, .05, .01, .94)
	unnormed = tf([]int{2, 3}, 2, 1, 1, 0.5, 0.25, 0.25) // rows sum to 4 and 1
	soft2    = tf([]int{2, 3}, 0.7, 0.2, 0.1, 0.1, 0.3, 0.6)
	logits   = tf([]int{2, 3}, 1, -2, 0.5, 3, 0.1, -1)
	labels   = tf([]int{2}, 0, 2)
	labels21 = tf([]int{2, 1}, 0, 2)
	bin      = tf([]int{2, 2}, 0, 1, 1, 0)
	binPred  = tf([]int{2, 2}, 0.3, 0.8, 0.55, 0.1)
	binLogit = tf([]int{2, 2}, -1.5, 2, 0.25, -3)
)

// TestLoss_Call checks forward values against the float64 references and
// against the examples of the Keras documentation.
func TestLoss_Call(t *testing.T) {
	tests := []struct {
		name  string
		loss  Loss
		yTrue *tensor.Tensor
		yPred *tensor.Tensor
		act   activation
		want  float64
		tol   float64
	}{
		// Keras docstring of keras.losses.categorical_crossentropy:
		// per row [0.10536 0.11653 0.06188].
		{"cce/keras doc", CategoricalCrossentropy{}, oneHot, probs, plain, (0.105361 + 0.116534 + 0.061875) / 3, 1e-5},
		{"cce/probs", CategoricalCrossentropy{}, soft2, soft2, plain, refCCE(soft2, soft2), 1e-6},
		{"cce/unnormalised rows", CategoricalCrossentropy{}, soft2, unnormed, plain, refCCE(soft2, unnormed), 1e-6},
		{"cce/clipped", CategoricalCrossentropy{}, tf([]int{1, 2}, 0, 1), tf([]int{1, 2}, 1, 0), plain, -math.Log(eps), 1e-5},
		{"cce/softmax", CategoricalCrossentropy{}, soft2, logits, withSoftmax, refCCELogits(soft2, logits), 1e-6},
		{"cce/from logits", CategoricalCrossentropy{FromLogits: true}, soft2, logits, plain, refCCELogits(soft2, logits), 1e-6},
		{"cce/smoothing", CategoricalCrossentropy{LabelSmoothing: 0.3}, tf([]int{2, 3}, 1, 0, 0, 0, 0, 1), logits, withSoftmax,
			refCCELogits(tf([]int{2, 3}, 0.8, 0.1, 0.1, 0.1, 0.1, 0.8), logits), 1e-6},
		// Keras doc of SparseCategoricalCrossentropy: 1.177.
		{"scce/keras doc", SparseCategoricalCrossentropy{}, tf([]int{2}, 1, 2), tf([]int{2, 3}, 0.05, 0.95, 0, 0.1, 0.8, 0.1), plain, 1.1769392, 1e-5},
		{"scce/probs (N)", SparseCategoricalCrossentropy{}, labels, soft2, plain, refSparse(ids(labels), soft2), 1e-6},
		{"scce/probs (N,1)", SparseCategoricalCrossentropy{}, labels21, soft2, plain, refSparse(ids(labels), soft2), 1e-6},
		{"scce/softmax", SparseCategoricalCrossentropy{}, labels, logits, withSoftmax, refSparseLogits(ids(labels), logits), 1e-6},
		{"scce/from logits", SparseCategoricalCrossentropy{FromLogits: true}, labels21, logits, plain, refSparseLogits(ids(labels), logits), 1e-6},
		{"scce/rank 3", SparseCategoricalCrossentropy{FromLogits: true}, tf([]int{1, 2}, 0, 2), logits.Reshape(1, 2, 3), plain,
			refSparseLogits(ids(labels), logits), 1e-6},
		// Keras doc of BinaryCrossentropy: 0.815 and, from logits, 0.865.
		{"bce/keras doc", BinaryCrossentropy{}, tf([]int{2, 2}, 0, 1, 0, 0), tf([]int{2, 2}, 0.6, 0.4, 0.4, 0.6), plain, 0.8149245, 1e-5},
		{"bce/keras doc logits", BinaryCrossentropy{FromLogits: true}, tf([]int{4}, 0, 1, 0, 0), tf([]int{4}, -18.6, 0.51, 2.94, -12.8), plain, 0.8654579, 1e-6},
		{"bce/probs", BinaryCrossentropy{}, bin, binPred, plain, refBCE(bin, binPred, identity), 1e-6},
		{"bce/sigmoid", BinaryCrossentropy{}, bin, binLogit, withSigmoid, refBCE(bin, binLogit, sigmoid), 1e-6},
		{"bce/from logits", BinaryCrossentropy{FromLogits: true}, bin, binLogit, plain, refBCE(bin, binLogit, sigmoid), 1e-6},
		{"bce/smoothing", BinaryCrossentropy{LabelSmoothing: 0.2}, bin, binPred, plain,
			refBCE(tf([]int{2, 2}, 0.1, 0.9, 0.9, 0.1), binPred, identity), 1e-6},
		{"bce/(N) vs (N,1)", BinaryCrossentropy{}, tf([]int{2}, 0, 1), tf([]int{2, 1}, 0.3, 0.8), plain,
			refBCE(tf([]int{2, 1}, 0, 1), tf([]int{2, 1}, 0.3, 0.8), identity), 1e-6},
		// Keras docs of MeanSquaredError and MeanAbsoluteError: 0.5 each.
		{"mse/keras doc", MeanSquaredError{}, tf([]int{2, 2}, 0, 1, 0, 0), tf([]int{2, 2}, 1, 1, 1, 0), plain, 0.5, 0},
		{"mae/keras doc", MeanAbsoluteError{}, tf([]int{2, 2}, 0, 1, 0, 0), tf([]int{2, 2}, 1, 1, 1, 0), plain, 0.5, 0},
		{"mse", MeanSquaredError{}, soft2, unnormed, plain, refMeanErr(soft2, unnormed, square), 1e-6},
		{"mae/rank 3", MeanAbsoluteError{}, soft2.Reshape(2, 1, 3), unnormed.Reshape(2, 1, 3), plain, refMeanErr(soft2, unnormed, math.Abs), 1e-6},
		{"mse/(N,1) vs (N)", MeanSquaredError{}, tf([]int{3, 1}, 1, 2, 3), tf([]int{3}, 1.5, 2, 2), plain, (0.25 + 0 + 1) / 3, 1e-6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.loss.Call(tc.yTrue, tc.act.apply(ag.Const(tc.yPred)))
			require.Empty(t, got.Shape(), "loss must be a scalar")
			assert.InDelta(t, tc.want, float64(got.Data()[0]), tc.tol+1e-6*math.Abs(tc.want))
		})
	}
}

// TestLoss_FusedMatchesFormula checks that the fused path taken for softmax
// and sigmoid outputs gives the value of the probability formula on the same
// outputs, where clipping does not bite.
func TestLoss_FusedMatchesFormula(t *testing.T) {
	z := agtest.Rand(1, -3, 3, 8, 5)
	oneHot := tensor.New(8, 5)
	sparse := tensor.New(8)
	for r := range 8 {
		oneHot.Data[r*5+(r*3)%5] = 1
		sparse.Data[r] = float32((r * 3) % 5)
	}
	bins := agtest.Rand(2, 0, 1, 8, 5)
	tests := []struct {
		name    string
		loss    Loss
		yTrue   *tensor.Tensor
		act     activation
		fusedOp string // the op that computes the per-sample loss from the logits
	}{
		{"cce", CategoricalCrossentropy{}, oneHot, withSoftmax, "softmax_cross_entropy"},
		{"cce/soft targets", CategoricalCrossentropy{}, agtest.Rand(3, 0, 1, 8, 5), withSoftmax, "softmax_cross_entropy"},
		{"scce", SparseCategoricalCrossentropy{}, sparse, withSoftmax, "sparse_softmax_cross_entropy"},
		{"bce", BinaryCrossentropy{}, bins, withSigmoid, "sigmoid_cross_entropy"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := tc.act.apply(ag.Const(z))
			fused := tc.loss.Call(tc.yTrue, out)
			assert.True(t, dependsOn(fused, tc.fusedOp), "fused op not used")
			assert.False(t, dependsOn(fused, out.Op()), "the activation should be bypassed")
			// The same values as a leaf: no op to detect, Keras' probability path.
			unfused := tc.loss.Call(tc.yTrue, ag.Const(out.Value.Clone()))
			assert.True(t, dependsOn(unfused, "clip"), "probability path not taken")
			assert.InDelta(t, float64(unfused.Data()[0]), float64(fused.Data()[0]), 2e-6)
		})
	}
}

// dependsOn reports whether v was computed from an op called op.
func dependsOn(v *ag.Var, op string) bool {
	if v.Op() == op {
		return true
	}
	for _, in := range v.Inputs() {
		if dependsOn(in, op) {
			return true
		}
	}
	return false
}

// TestLoss_FusedIsStable checks, with a softmax or sigmoid saturated in
// float32, that the loss is computed from the logits (exact) rather than
// from the clipped probabilities (−log 1e-7 ≈ 16.1).
func TestLoss_FusedIsStable(t *testing.T) {
	z := tf([]int{1, 2}, 0, 100) // softmax (e^-100, 1): class 0 has p ≈ 0
	loss := CategoricalCrossentropy{}.Call(tf([]int{1, 2}, 1, 0), ag.Softmax(ag.Const(z), -1))
	assert.InDelta(t, 100, float64(loss.Data()[0]), 1e-4)

	loss = SparseCategoricalCrossentropy{}.Call(tf([]int{1}, 0), ag.Softmax(ag.Const(z), -1))
	assert.InDelta(t, 100, float64(loss.Data()[0]), 1e-4)

	x := tf([]int{1, 1}, -50) // sigmoid(-50) ≈ 2e-22
	loss = BinaryCrossentropy{}.Call(tf([]int{1, 1}, 1), ag.Sigmoid(ag.Const(x)))
	assert.InDelta(t, 50, float64(loss.Data()[0]), 1e-4)

	// On the same probabilities given as data, Keras clips.
	loss = BinaryCrossentropy{}.Call(tf([]int{1, 1}, 1), ag.Const(ag.Sigmoid(ag.Const(x)).Value))
	assert.InDelta(t, -math.Log(eps), float64(loss.Data()[0]), 1e-4)
}

// TestLoss_Grad checks the gradient of every loss with respect to yPred by
// finite differences, on every path. Probabilities stay inside
// [0.15, 0.85] so that clipping (a kink) is far, and |yTrue − yPred| > 0.1
// keeps mae away from its kink.
func TestLoss_Grad(t *testing.T) {
	oneHot := tf([]int{3, 4}, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1)
	soft := agtest.Rand(4, 0, 1, 3, 4)
	ids := tf([]int{3}, 1, 0, 3)
	ids3 := tf([]int{2, 3}, 1, 0, 3, 2, 2, 0)
	bins := tf([]int{3, 4}, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 0, 1)
	probs := agtest.Rand(5, 0.15, 0.85, 3, 4)
	logits := agtest.Rand(6, -2, 2, 3, 4)
	targets := agtest.Rand(7, -1, 1, 3, 4)
	pred := tensor.New(3, 4)
	for i, v := range targets.Data { // pred − target in ±[0.2, 0.7]
		d := 0.2 + 0.5*probs.Data[i]
		if i%2 == 1 {
			d = -d
		}
		pred.Data[i] = v + d
	}
	tests := []struct {
		name  string
		loss  Loss
		yTrue *tensor.Tensor
		yPred *tensor.Tensor
		act   activation
	}{
		{"cce/probs", CategoricalCrossentropy{}, oneHot, probs, plain},
		{"cce/probs soft targets", CategoricalCrossentropy{}, soft, probs, plain},
		{"cce/softmax", CategoricalCrossentropy{}, oneHot, logits, withSoftmax},
		{"cce/softmax smoothing", CategoricalCrossentropy{LabelSmoothing: 0.2}, oneHot, logits, withSoftmax},
		{"cce/from logits", CategoricalCrossentropy{FromLogits: true}, soft, logits, plain},
		{"scce/probs", SparseCategoricalCrossentropy{}, ids, probs, plain},
		{"scce/softmax", SparseCategoricalCrossentropy{}, ids, logits, withSoftmax},
		{"scce/from logits", SparseCategoricalCrossentropy{FromLogits: true}, ids, logits, plain},
		{"scce/rank 3 softmax", SparseCategoricalCrossentropy{}, ids3, agtest.Rand(8, -2, 2, 2, 3, 4), withSoftmax},
		{"scce/rank 3 probs", SparseCategoricalCrossentropy{}, ids3, agtest.Rand(9, 0.15, 0.85, 2, 3, 4), plain},
		{"bce/probs", BinaryCrossentropy{}, bins, probs, plain},
		{"bce/probs smoothing", BinaryCrossentropy{LabelSmoothing: 0.1}, bins, probs, plain},
		{"bce/sigmoid", BinaryCrossentropy{}, bins, logits, withSigmoid},
		{"bce/from logits", BinaryCrossentropy{FromLogits: true}, soft, logits, plain},
		{"mse", MeanSquaredError{}, targets, pred, plain},
		{"mae", MeanAbsoluteError{}, targets, pred, plain},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			agtest.CheckGrad(t, agtest.Default, func(in []*ag.Var) *ag.Var {
				return tc.loss.Call(tc.yTrue, tc.act.apply(in[0]))
			}, tc.yPred)
		})
	}
}

// shapePanic runs f and returns the message of the ErrShape panic it raised,
// failing the test if it did not raise one.
func shapePanic(t *testing.T, f func()) (msg string) {
	t.Helper()
	defer func() {
		r := recover()
		err, ok := r.(error)
		if !assert.True(t, ok && errors.Is(err, tensor.ErrShape), "want a panic wrapping ErrShape, got %v", r) {
			return
		}
		msg = err.Error()
	}()
	f()
	return ""
}

func TestLoss_ShapeMismatch(t *testing.T) {
	tests := []struct {
		loss        Loss
		true_, pred []int
	}{
		{CategoricalCrossentropy{}, []int{4, 3}, []int{4, 2}},
		{CategoricalCrossentropy{}, []int{4}, []int{4, 3}},
		{CategoricalCrossentropy{FromLogits: true}, []int{3, 4}, []int{4, 3}},
		{SparseCategoricalCrossentropy{}, []int{4, 3}, []int{4, 3}},
		{SparseCategoricalCrossentropy{}, []int{5}, []int{4, 3}},
		{SparseCategoricalCrossentropy{}, []int{4, 2}, []int{4, 3}},
		{BinaryCrossentropy{}, []int{4, 2}, []int{4, 1}},
		{BinaryCrossentropy{}, []int{4}, []int{4, 2}},
		{MeanSquaredError{}, []int{4, 1, 1}, []int{4}},
		{MeanAbsoluteError{}, []int{2, 3}, []int{3, 2}},
		{MeanSquaredError{}, []int{}, []int{}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s %v %v", tc.loss.Name(), tc.true_, tc.pred), func(t *testing.T) {
			msg := shapePanic(t, func() {
				tc.loss.Call(tensor.New(tc.true_...), ag.Const(tensor.Full(0.5, tc.pred...)))
			})
			assert.Contains(t, msg, tc.loss.Name())
		})
	}
}

func TestSparseCategoricalCrossentropy_BadLabels(t *testing.T) {
	for _, bad := range []float32{-1, 3, 1.5, float32(math.NaN()), float32(math.Inf(1))} {
		t.Run(fmt.Sprint(bad), func(t *testing.T) {
			msg := shapePanic(t, func() {
				SparseCategoricalCrossentropy{}.Call(tf([]int{2}, 0, bad), ag.Const(tensor.Full(0.5, 2, 3)))
			})
			assert.Contains(t, msg, "yTrue[1]")
			assert.Contains(t, msg, "not a class id in [0, 3)")
		})
	}
}

// TestLoss_KeepsYTrue checks that label smoothing works on a copy.
func TestLoss_KeepsYTrue(t *testing.T) {
	y := tf([]int{1, 2}, 0, 1)
	CategoricalCrossentropy{LabelSmoothing: 0.5}.Call(y, ag.Const(tf([]int{1, 2}, 0.5, 0.5)))
	BinaryCrossentropy{LabelSmoothing: 0.5}.Call(y, ag.Const(tf([]int{1, 2}, 0.5, 0.5)))
	assert.Equal(t, []float32{0, 1}, y.Data)
}

func TestGet(t *testing.T) {
	tests := []struct{ name, want string }{
		{"categorical_crossentropy", "categorical_crossentropy"},
		{"CategoricalCrossentropy", "categorical_crossentropy"},
		{"Categorical_Crossentropy", "categorical_crossentropy"},
		{"sparse_categorical_crossentropy", "sparse_categorical_crossentropy"},
		{"SparseCategoricalCrossentropy", "sparse_categorical_crossentropy"},
		{"binary_crossentropy", "binary_crossentropy"},
		{"bce", "binary_crossentropy"},
		{"BCE", "binary_crossentropy"},
		{"mse", "mean_squared_error"},
		{"MSE", "mean_squared_error"},
		{"MeanSquaredError", "mean_squared_error"},
		{"mean_squared_error", "mean_squared_error"},
		{"mae", "mean_absolute_error"},
		{"mean_absolute_error", "mean_absolute_error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := Get(tc.name)
			require.NoError(t, err)
			assert.Equal(t, tc.want, l.Name())
		})
	}
	_, err := Get("hinge")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"hinge"`)
	for _, k := range known {
		assert.Contains(t, err.Error(), k.name)
	}
}

func TestFromConfig(t *testing.T) {
	tests := []struct {
		class, cfg string
		want       Loss
		err        string
	}{
		{"CategoricalCrossentropy", `{"name": "categorical_crossentropy", "reduction": "sum_over_batch_size", "from_logits": true, "label_smoothing": 0.1, "axis": -1}`,
			CategoricalCrossentropy{FromLogits: true, LabelSmoothing: 0.1}, ""},
		{"SparseCategoricalCrossentropy", `{"from_logits": true, "ignore_class": null}`, SparseCategoricalCrossentropy{FromLogits: true}, ""},
		{"BinaryCrossentropy", `{"label_smoothing": 0.2, "reduction": "auto"}`, BinaryCrossentropy{LabelSmoothing: 0.2}, ""},
		{"MeanSquaredError", `{"name": "mean_squared_error", "reduction": "sum_over_batch_size"}`, MeanSquaredError{}, ""},
		{"MeanAbsoluteError", ``, MeanAbsoluteError{}, ""},
		{"MeanAbsoluteError", `null`, MeanAbsoluteError{}, ""},
		{"Hinge", `{}`, nil, "unknown loss"},
		{"CategoricalCrossentropy", `{"reduction": "sum"}`, nil, "reduction"},
		{"CategoricalCrossentropy", `{"axis": 1}`, nil, "axis"},
		{"SparseCategoricalCrossentropy", `{"ignore_class": 0}`, nil, "ignore_class"},
		{"BinaryCrossentropy", `{"label_smoothing": 2}`, nil, "label_smoothing"},
		{"MeanSquaredError", `{"from_logits": true}`, nil, "from_logits"},
		{"MeanSquaredError", `{"from_logits": 3}`, nil, "config"},
	}
	for _, tc := range tests {
		t.Run(tc.class+" "+tc.cfg, func(t *testing.T) {
			l, err := FromConfig(tc.class, json.RawMessage(tc.cfg))
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, l)
		})
	}
}
