// Package metrics holds the Keras metrics that Fit and Evaluate report:
// accuracies and mean errors, with Keras names.
//
// The core type is Metric, a stateful accumulator: Update adds a batch,
// Result is the value over every sample seen since the last Reset. As in
// Keras (MeanMetricWrapper), each sample contributes one value, reduced over
// the last axis (binary_accuracy, as in Keras 3, counts every element), and
// Result is the mean of all values seen, so the result of an epoch does not
// depend on how it was cut into batches.
// Accumulators are float64: metrics are reported, not trained on.
//
// Metrics are made by Get from the name given to Compile ("accuracy", "mae",
// …) and the loss's name, which decides which accuracy "accuracy" means.
// Update panics with an error wrapping tensor.ErrShape when yTrue and yPred
// do not go together.
package metrics

import (
	"fmt"
	"slices"
	"strings"

	"gonn/nn/tensor"
)

// Metric accumulates a value over batches.
type Metric interface {
	// Name is the name the metric was asked for ("accuracy", "mae"): the
	// key of its History entry, "val_" + Name for validation data.
	Name() string
	// Update adds a batch of targets and predictions.
	Update(yTrue, yPred *tensor.Tensor)
	// Result is the mean over the samples seen since Reset (0 if none).
	Result() float64
	// Reset forgets every sample.
	Reset()
}

// sampleFunc returns, for a batch, the sum of its per-sample values and the
// number of values (samples, or elements for binary_accuracy).
type sampleFunc func(yTrue, yPred *tensor.Tensor) (sum float64, n int)

// mean is a Metric that averages a per-sample value, Keras' MeanMetricWrapper.
type mean struct {
	name         string
	fn           sampleFunc
	total, count float64
}

func (m *mean) Name() string { return m.name }

func (m *mean) Update(yTrue, yPred *tensor.Tensor) {
	s, n := m.fn(yTrue, yPred)
	m.total += s
	m.count += float64(n)
}

func (m *mean) Result() float64 {
	if m.count == 0 {
		return 0
	}
	return m.total / m.count
}

func (m *mean) Reset() { m.total, m.count = 0, 0 }

// known lists the metrics by canonical name, with their aliases.
var known = []struct {
	name    string
	aliases []string
	fn      sampleFunc
}{
	{"binary_accuracy", nil, binaryAccuracy},
	{"categorical_accuracy", nil, categoricalAccuracy},
	{"mean_absolute_error", []string{"mae"}, meanAbsoluteError},
	{"mean_squared_error", []string{"mse"}, meanSquaredError},
	{"sparse_categorical_accuracy", nil, sparseCategoricalAccuracy},
}

// Get returns the metric called name (a Keras name or alias, any case:
// "accuracy", "acc", "binary_accuracy", "mse", "mean_absolute_error", …),
// named as asked. lossName is the name of the compiled loss; it decides
// which accuracy "accuracy" and "acc" mean, as Keras does:
//
//	categorical_crossentropy          categorical_accuracy (argmax of yTrue = argmax of yPred)
//	sparse_categorical_crossentropy   sparse_categorical_accuracy (yTrue = argmax of yPred)
//	binary_crossentropy               binary_accuracy (yTrue = [yPred > 0.5], per element)
//	any other loss (mse, …, or "")    chosen at each Update from the shapes, with
//	                                  Keras 3's rule: yPred's last axis of extent 1 →
//	                                  binary; yTrue of lower rank than yPred, or with a
//	                                  last axis of 1 where yPred's is wider → sparse;
//	                                  else categorical
//
// Loss names are matched like metric names (case and underscores ignored, so
// the class name "CategoricalCrossentropy" works too).
func Get(name, lossName string) (Metric, error) {
	key := normalize(name)
	if key == "accuracy" || key == "acc" {
		acc := accuracyFor(lossName)
		if acc == "" {
			return &mean{name: name, fn: accuracyByShape}, nil
		}
		key = normalize(acc)
	}
	for _, k := range known {
		if key == normalize(k.name) || slices.Contains(k.aliases, key) {
			return &mean{name: name, fn: k.fn}, nil
		}
	}
	names := []string{"accuracy (acc)"}
	for _, k := range known {
		n := k.name
		if len(k.aliases) > 0 {
			n += " (" + strings.Join(k.aliases, ", ") + ")"
		}
		names = append(names, n)
	}
	return nil, fmt.Errorf("metrics: unknown metric %q; known: %s", name, strings.Join(names, ", "))
}

// accuracyFor names the accuracy that "accuracy" means under a loss, or
// returns "" when the shapes of each batch decide (accuracyByShape).
func accuracyFor(lossName string) string {
	switch normalize(lossName) {
	case "categoricalcrossentropy":
		return "categorical_accuracy"
	case "sparsecategoricalcrossentropy":
		return "sparse_categorical_accuracy"
	case "binarycrossentropy", "bce":
		return "binary_accuracy"
	}
	return ""
}

// accuracyByShape is Keras 3's choice of accuracy from the shapes of the
// batch (keras/src/trainers/compile_utils.py, get_metric).
func accuracyByShape(yTrue, yPred *tensor.Tensor) (float64, int) {
	if yPred.Rank() == 0 || yTrue.Rank() == 0 {
		tensor.Shapef("accuracy: yTrue %v and yPred %v need a batch axis", yTrue.Shape, yPred.Shape)
	}
	predLast, trueLast := yPred.Shape[yPred.Rank()-1], yTrue.Shape[yTrue.Rank()-1]
	switch {
	case predLast == 1:
		return binaryAccuracy(yTrue, yPred)
	case yTrue.Rank() < yPred.Rank() || trueLast == 1:
		return sparseCategoricalAccuracy(yTrue, yPred)
	}
	return categoricalAccuracy(yTrue, yPred)
}

// normalize folds the spellings of one name to one key, as in package losses.
func normalize(name string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), "_", ""))
}
