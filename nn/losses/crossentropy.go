package losses

import (
	"math"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// CategoricalCrossentropy is Keras' categorical_crossentropy: yTrue holds a
// distribution over the classes of the last axis (one-hot, usually), and the
// per-sample loss is −Σ t·log p.
//
// When yPred was made by ag.Softmax (over the last axis, as a Dense layer
// with a softmax activation does) and FromLogits is false, the loss is
// computed from the softmax's input with the fused, stable
// ag.SoftmaxCrossEntropy, exactly as tf.keras does for softmax outputs.
// Otherwise yPred is taken as probabilities, Keras' way: each row is divided
// by its sum, clipped to [1e-7, 1−1e-7], and the log taken.
type CategoricalCrossentropy struct {
	// FromLogits says yPred holds unnormalised logits, not probabilities.
	FromLogits bool
	// LabelSmoothing, in [0, 1], mixes yTrue with the uniform distribution:
	// t·(1−s) + s/C over C classes.
	LabelSmoothing float32
}

// Name is "categorical_crossentropy".
func (CategoricalCrossentropy) Name() string { return "categorical_crossentropy" }

// Call returns the mean over samples of −Σ t·log p along the last axis.
func (l CategoricalCrossentropy) Call(yTrue *tensor.Tensor, yPred *ag.Var) *ag.Var {
	t := matchTrue(l.Name(), yTrue, yPred)
	last := len(yPred.Shape()) - 1
	if l.LabelSmoothing != 0 {
		t = smooth(t, l.LabelSmoothing, l.LabelSmoothing/float32(t.Shape[last]))
	}
	if logits, ok := logitsOf(yPred, "softmax", l.FromLogits); ok {
		return ag.MeanAll(ag.SoftmaxCrossEntropy(logits, t, last)) // (batch…) → ()
	}
	p := ag.Div(yPred, ag.Sum(yPred, []int{last}, true)) // rows sum to 1
	p = ag.Clip(p, epsilon, 1-epsilon)
	perSample := ag.Neg(ag.Sum(ag.Mul(ag.Const(t), ag.Log(p)), []int{last}, false)) // (batch…)
	return ag.MeanAll(perSample)
}

// SparseCategoricalCrossentropy is Keras' sparse_categorical_crossentropy:
// categorical crossentropy with yTrue holding class ids (as float32) instead
// of one-hot rows. For yPred (N, C), yTrue is (N) or (N, 1); in general yTrue
// has yPred's shape without its last axis (or with it of extent 1). A label
// that is not an integer in [0, C) panics with an error wrapping ErrShape.
//
// A softmax output is handled as in CategoricalCrossentropy (fused
// ag.SparseSoftmaxCrossEntropy on the softmax's input). Probabilities
// follow Keras: clipped to [1e-7, 1−1e-7], their log is used as logits, which
// also renormalises rows that do not sum to 1.
type SparseCategoricalCrossentropy struct {
	// FromLogits says yPred holds unnormalised logits, not probabilities.
	FromLogits bool
}

// Name is "sparse_categorical_crossentropy".
func (SparseCategoricalCrossentropy) Name() string { return "sparse_categorical_crossentropy" }

// Call returns the mean over samples of −log p[label].
func (l SparseCategoricalCrossentropy) Call(yTrue *tensor.Tensor, yPred *ag.Var) *ag.Var {
	labels := sparseLabels(l.Name(), yTrue, yPred.Shape())
	logits, ok := logitsOf(yPred, "softmax", l.FromLogits)
	if !ok {
		logits = ag.Log(ag.Clip(yPred, epsilon, 1-epsilon))
	}
	if s := logits.Shape(); len(s) != 2 {
		logits = ag.Reshape(logits, -1, s[len(s)-1]) // (batch…, C) → (N, C)
	}
	return ag.MeanAll(ag.SparseSoftmaxCrossEntropy(logits, labels)) // (N) → ()
}

// sparseLabels checks yTrue against yPred's shape (batch…, C) and returns its
// class ids, one per row of yPred.
func sparseLabels(loss string, yTrue *tensor.Tensor, pred []int) []int {
	if len(pred) == 0 {
		tensor.Shapef("%s: yPred must have a class axis, got shape %v", loss, pred)
	}
	batch, classes := pred[:len(pred)-1], pred[len(pred)-1]
	t := yTrue.Shape
	if len(t) == len(pred) && t[len(t)-1] == 1 {
		t = t[:len(t)-1] // (N, 1) → (N)
	}
	if !tensor.SameShape(t, batch) {
		tensor.Shapef("%s: yTrue has shape %v, want %v or %v (class ids) for yPred of shape %v",
			loss, yTrue.Shape, batch, append(append([]int{}, batch...), 1), pred)
	}
	labels := make([]int, len(yTrue.Data))
	for i, v := range yTrue.Data {
		if !(v >= 0 && v < float32(classes)) || v != float32(math.Trunc(float64(v))) {
			tensor.Shapef("%s: yTrue[%d] = %g is not a class id in [0, %d)", loss, i, v, classes)
		}
		labels[i] = int(v)
	}
	return labels
}

// BinaryCrossentropy is Keras' binary_crossentropy: every element of yPred is
// the probability (or logit) of an independent yes/no outcome whose target
// is the matching element of yTrue, and the per-sample loss is the mean over
// the last axis of −(t·log p + (1−t)·log(1−p)).
//
// With FromLogits, or when yPred was made by ag.Sigmoid (as tf.keras
// detects), the stable ag.SigmoidCrossEntropy runs on the logits. Otherwise p
// is clipped to [1e-7, 1−1e-7] first, as in Keras.
type BinaryCrossentropy struct {
	// FromLogits says yPred holds logits, not probabilities.
	FromLogits bool
	// LabelSmoothing, in [0, 1], pulls targets towards 1/2: t·(1−s) + s/2.
	LabelSmoothing float32
}

// Name is "binary_crossentropy".
func (BinaryCrossentropy) Name() string { return "binary_crossentropy" }

// Call returns the mean over samples of the per-sample binary crossentropy.
func (l BinaryCrossentropy) Call(yTrue *tensor.Tensor, yPred *ag.Var) *ag.Var {
	t := matchTrue(l.Name(), yTrue, yPred)
	if l.LabelSmoothing != 0 {
		t = smooth(t, l.LabelSmoothing, 0.5*l.LabelSmoothing)
	}
	if logits, ok := logitsOf(yPred, "sigmoid", l.FromLogits); ok {
		return meanLastThenAll(ag.SigmoidCrossEntropy(logits, t))
	}
	notT := tensor.New(t.Shape...) // 1 − t
	for i, v := range t.Data {
		notT.Data[i] = 1 - v
	}
	p := ag.Clip(yPred, epsilon, 1-epsilon)
	logP := ag.Log(p)
	log1mP := ag.Log(ag.AddScalar(ag.Neg(p), 1))
	bce := ag.Neg(ag.Add(ag.Mul(ag.Const(t), logP), ag.Mul(ag.Const(notT), log1mP)))
	return meanLastThenAll(bce)
}

// smooth returns t·(1−s) + add, Keras' label smoothing, in a new tensor.
func smooth(t *tensor.Tensor, s, add float32) *tensor.Tensor {
	out := tensor.New(t.Shape...)
	for i, v := range t.Data {
		out.Data[i] = v*(1-s) + add
	}
	return out
}
