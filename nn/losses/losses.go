// Package losses holds gonn's training objectives, with Keras names,
// defaults and semantics.
//
// The core type is Loss: Call(yTrue, yPred) builds, on the autodiff graph, a
// scalar *ag.Var that Backward differentiates with respect to the model's
// weights. As in Keras ("sum_over_batch_size"), the loss of one sample is
// reduced over the last axis, and the scalar is the mean of those per-sample
// losses over every remaining axis.
//
// Losses are values: CategoricalCrossentropy{}, BinaryCrossentropy{FromLogits:
// true}, MeanSquaredError{}. Get makes one from a Keras name or alias
// ("categorical_crossentropy", "mse", "MeanSquaredError", case-insensitive)
// with Keras defaults; FromConfig makes one from a Keras class name and its
// JSON config.
//
// yTrue is data (a *tensor.Tensor: no gradient flows into it) and must have
// yPred's shape, except that, as Keras does, a trailing axis of extent 1 on
// either side is ignored: yTrue (N) goes with yPred (N, 1) and the reverse.
// SparseCategoricalCrossentropy takes class ids instead. Shape misuse panics
// with an error wrapping tensor.ErrShape, like every graph-building function.
package losses

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// Loss is a training objective.
type Loss interface {
	// Name is the Keras name: "categorical_crossentropy", "mean_squared_error", …
	Name() string
	// Call returns the scalar loss (shape []) of a batch.
	Call(yTrue *tensor.Tensor, yPred *ag.Var) *ag.Var
}

// epsilon is Keras' backend.epsilon(): probabilities are clipped to
// [epsilon, 1-epsilon] before their log is taken.
const epsilon float32 = 1e-7

// known lists the losses by canonical name, in the order error messages
// print them, with their aliases.
var known = []struct {
	name    string
	aliases []string
	make    func() Loss
}{
	{"binary_crossentropy", []string{"bce"}, func() Loss { return BinaryCrossentropy{} }},
	{"categorical_crossentropy", nil, func() Loss { return CategoricalCrossentropy{} }},
	{"mean_absolute_error", []string{"mae"}, func() Loss { return MeanAbsoluteError{} }},
	{"mean_squared_error", []string{"mse"}, func() Loss { return MeanSquaredError{} }},
	{"sparse_categorical_crossentropy", nil, func() Loss { return SparseCategoricalCrossentropy{} }},
}

// Get returns the loss with the given Keras name, alias or class name
// ("categorical_crossentropy", "mse", "MeanSquaredError"), ignoring case and
// underscores, with Keras defaults.
func Get(name string) (Loss, error) {
	key := normalize(name)
	for _, k := range known {
		if key == normalize(k.name) || slices.Contains(k.aliases, key) {
			return k.make(), nil
		}
	}
	names := make([]string, len(known))
	for i, k := range known {
		names[i] = k.name
		if len(k.aliases) > 0 {
			names[i] += " (" + strings.Join(k.aliases, ", ") + ")"
		}
	}
	return nil, fmt.Errorf("losses: unknown loss %q; known: %s", name, strings.Join(names, ", "))
}

// normalize folds the spellings Keras accepts for one loss to one key:
// "MeanSquaredError" and "mean_squared_error" both give "meansquarederror".
func normalize(name string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), "_", ""))
}

// config is the part of a Keras loss config that gonn reads.
type config struct {
	FromLogits     bool     `json:"from_logits"`
	LabelSmoothing float32  `json:"label_smoothing"`
	Reduction      *string  `json:"reduction"`
	Axis           *int     `json:"axis"`
	IgnoreClass    *float64 `json:"ignore_class"`
}

// FromConfig makes a loss from a Keras class name ("CategoricalCrossentropy")
// and its config ({"from_logits": true, "label_smoothing": 0.1, …}); an empty
// or null config means the defaults. Options gonn does not implement (another
// reduction, axis other than -1, ignore_class) are errors, not silently
// ignored.
func FromConfig(className string, cfg json.RawMessage) (Loss, error) {
	l, err := Get(className)
	if err != nil {
		return nil, err
	}
	var c config
	if len(cfg) > 0 {
		if err := json.Unmarshal(cfg, &c); err != nil {
			return nil, fmt.Errorf("losses: %s config: %w", className, err)
		}
	}
	if c.Reduction != nil && *c.Reduction != "sum_over_batch_size" && *c.Reduction != "auto" {
		return nil, fmt.Errorf("losses: %s: reduction %q is not supported (only sum_over_batch_size)", className, *c.Reduction)
	}
	if c.Axis != nil && *c.Axis != -1 {
		return nil, fmt.Errorf("losses: %s: axis %d is not supported (only -1)", className, *c.Axis)
	}
	if c.IgnoreClass != nil {
		return nil, fmt.Errorf("losses: %s: ignore_class is not supported", className)
	}
	if c.LabelSmoothing < 0 || c.LabelSmoothing > 1 {
		return nil, fmt.Errorf("losses: %s: label_smoothing %g is not in [0, 1]", className, c.LabelSmoothing)
	}
	switch l := l.(type) {
	case CategoricalCrossentropy:
		return CategoricalCrossentropy{FromLogits: c.FromLogits, LabelSmoothing: c.LabelSmoothing}, nil
	case BinaryCrossentropy:
		return BinaryCrossentropy{FromLogits: c.FromLogits, LabelSmoothing: c.LabelSmoothing}, nil
	case SparseCategoricalCrossentropy:
		return SparseCategoricalCrossentropy{FromLogits: c.FromLogits}, nil
	default:
		if c.FromLogits || c.LabelSmoothing != 0 {
			return nil, fmt.Errorf("losses: %s takes no from_logits or label_smoothing", className)
		}
		return l, nil
	}
}

// matchTrue returns yTrue shaped like yPred (sharing its data), or panics
// with ErrShape. As Keras' squeeze_or_expand_to_same_rank, a trailing axis of
// extent 1 present on one side only is ignored.
func matchTrue(loss string, yTrue *tensor.Tensor, yPred *ag.Var) *tensor.Tensor {
	t, p := yTrue.Shape, yPred.Shape()
	if len(p) == 0 {
		tensor.Shapef("%s: yPred must have a batch axis, got shape %v", loss, p)
	}
	switch {
	case tensor.SameShape(t, p):
		return yTrue
	case len(t) == len(p)+1 && t[len(t)-1] == 1 && tensor.SameShape(t[:len(p)], p),
		len(p) == len(t)+1 && p[len(p)-1] == 1 && tensor.SameShape(p[:len(t)], t):
		return yTrue.Reshape(p...)
	}
	tensor.Shapef("%s: yTrue has shape %v, yPred has shape %v", loss, t, p)
	return nil
}

// logitsOf returns the logits behind yPred: yPred itself when fromLogits,
// the input of the activation op that made yPred (as tf.keras does for
// softmax and sigmoid outputs, so the fused, stable loss is used), or false.
func logitsOf(yPred *ag.Var, op string, fromLogits bool) (*ag.Var, bool) {
	if fromLogits {
		return yPred, true
	}
	if yPred.Op() == op && len(yPred.Inputs()) == 1 {
		return yPred.Inputs()[0], true
	}
	return nil, false
}

// meanLastThenAll is Keras' reduction of an elementwise loss: the mean over
// the last axis is the per-sample loss, then the mean over the batch.
func meanLastThenAll(v *ag.Var) *ag.Var {
	return ag.MeanAll(ag.Mean(v, []int{len(v.Shape()) - 1}, false))
}
