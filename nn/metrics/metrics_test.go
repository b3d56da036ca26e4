package metrics

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func tf(shape []int, vs ...float32) *tensor.Tensor { return tensor.From(vs, shape...) }

var nan = float32(math.NaN())

type batch struct{ yTrue, yPred *tensor.Tensor }

// TestMetric_Update checks each metric against hand-computed results, over
// one or more batches.
func TestMetric_Update(t *testing.T) {
	tests := []struct {
		name, loss string
		batches    []batch
		want       float64
	}{
		{"categorical_accuracy", "", []batch{{
			tf([]int{4, 3}, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0),
			tf([]int{4, 3}, .7, .2, .1, .1, .1, .8, .2, .3, .5, .3, .6, .1), // argmax 0, 2, 2, 1
		}}, 3.0 / 4},
		// Ties go to the first maximum, as numpy.argmax: [.4 .4 .2] → 0.
		{"categorical_accuracy", "", []batch{{
			tf([]int{2, 3}, 1, 0, 0, 0, 1, 0),
			tf([]int{2, 3}, .4, .4, .2, .4, .4, .2),
		}}, 1.0 / 2},
		// A NaN counts as the maximum, as numpy.argmax: [1 NaN 3] → 1.
		{"categorical_accuracy", "", []batch{{
			tf([]int{2, 3}, 0, 1, 0, 0, 0, 1),
			tf([]int{2, 3}, 1, nan, 3, 1, 2, 3),
		}}, 1},
		// Soft targets: the argmax of yTrue is compared.
		{"categorical_accuracy", "", []batch{{
			tf([]int{2, 2}, .9, .1, .3, .7),
			tf([]int{2, 2}, .6, .4, .6, .4),
		}}, 1.0 / 2},
		// Rank 3: every row along the last axis is a sample.
		{"categorical_accuracy", "", []batch{{
			tf([]int{1, 2, 2}, 1, 0, 1, 0),
			tf([]int{1, 2, 2}, 3, 1, 1, 3),
		}}, 1.0 / 2},
		{"sparse_categorical_accuracy", "", []batch{{
			tf([]int{3}, 0, 2, 1),
			tf([]int{3, 3}, .7, .2, .1, .1, .1, .8, .2, .3, .5), // argmax 0, 2, 2
		}}, 2.0 / 3},
		{"sparse_categorical_accuracy", "", []batch{{
			tf([]int{3, 1}, 0, 2, 1),
			tf([]int{3, 3}, .7, .2, .1, .1, .1, .8, .2, .3, .5),
		}}, 2.0 / 3},
		// Labels that are not class ids never match.
		{"sparse_categorical_accuracy", "", []batch{{
			tf([]int{3}, 0.5, nan, -1),
			tf([]int{3, 2}, .7, .3, .7, .3, .3, .7),
		}}, 0},
		// Threshold 0.5, strictly above; per element.
		{"binary_accuracy", "", []batch{{
			tf([]int{2, 2}, 1, 1, 0, 1),
			tf([]int{2, 2}, .51, .5, .5, .9), // → 1 0 0 1
		}}, 3.0 / 4},
		{"binary_accuracy", "", []batch{{
			tf([]int{4}, 1, 0, 1, 0),
			tf([]int{4, 1}, .6, .2, .4, .7),
		}}, 2.0 / 4},
		// Soft targets never equal a thresholded prediction, as in Keras.
		{"binary_accuracy", "", []batch{{tf([]int{1, 1}, .9), tf([]int{1, 1}, .9)}}, 0},
		// mse: per-sample means (1+0)/2 and (4+1)/2, then their mean.
		{"mse", "", []batch{{
			tf([]int{2, 2}, 0, 1, 2, 3),
			tf([]int{2, 2}, 1, 1, 0, 2),
		}}, (0.5 + 2.5) / 2},
		{"mean_squared_error", "", []batch{{tf([]int{2}, 1, 2), tf([]int{2, 1}, 1.5, 0)}}, (0.25 + 4) / 2},
		{"mae", "", []batch{{
			tf([]int{2, 2}, 0, 1, 2, 3),
			tf([]int{2, 2}, 1, 1, 0, 2),
		}}, (0.5 + 1.5) / 2},
		{"MEAN_ABSOLUTE_ERROR", "", []batch{{tf([]int{2, 1, 3}, 0, 0, 0, 1, 1, 1), tf([]int{2, 1, 3}, 1, 2, 3, 1, 1, 1)}}, (2.0 + 0) / 2},

		// Several batches: samples are weighted, not batches.
		{"accuracy", "categorical_crossentropy", []batch{
			{tf([]int{3, 2}, 1, 0, 1, 0, 0, 1), tf([]int{3, 2}, .6, .4, .3, .7, .2, .8)}, // 2 of 3
			{tf([]int{1, 2}, 1, 0), tf([]int{1, 2}, .9, .1)},                             // 1 of 1
		}, 3.0 / 4},
		{"acc", "sparse_categorical_crossentropy", []batch{
			{tf([]int{2}, 1, 0), tf([]int{2, 2}, .6, .4, .3, .7)}, // 0 of 2
			{tf([]int{1}, 0), tf([]int{1, 2}, .9, .1)},            // 1 of 1
			{tf([]int{1}, 1), tf([]int{1, 2}, .1, .9)},            // 1 of 1
		}, 2.0 / 4},
		{"accuracy", "binary_crossentropy", []batch{
			{tf([]int{2, 2}, 1, 1, 0, 0), tf([]int{2, 2}, .9, .9, .9, .9)}, // 2 of 4
			{tf([]int{1, 2}, 1, 1), tf([]int{1, 2}, .9, .9)},               // 2 of 2
		}, 4.0 / 6},
		{"mae", "", []batch{
			{tf([]int{1, 1}, 0), tf([]int{1, 1}, 3)},
			{tf([]int{2, 1}, 0, 0), tf([]int{2, 1}, 0, 0)},
		}, 1},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%s/%v", tc.name, tc.loss, tc.batches[0].yPred), func(t *testing.T) {
			m, err := Get(tc.name, tc.loss)
			require.NoError(t, err)
			for _, b := range tc.batches {
				m.Update(b.yTrue, b.yPred)
			}
			assert.InDelta(t, tc.want, m.Result(), 1e-7)
		})
	}
}

// TestGet_Accuracy checks which accuracy "accuracy" resolves to, from the
// loss (Keras 2's rule) or, for other losses, from the shapes (Keras 3's).
func TestGet_Accuracy(t *testing.T) {
	for _, tc := range []struct{ loss, want string }{
		{"categorical_crossentropy", "categorical_accuracy"},
		{"CategoricalCrossentropy", "categorical_accuracy"},
		{"sparse_categorical_crossentropy", "sparse_categorical_accuracy"},
		{"binary_crossentropy", "binary_accuracy"},
		{"bce", "binary_accuracy"},
		{"mean_squared_error", ""},
		{"mse", ""},
		{"", ""},
	} {
		assert.Equal(t, tc.want, accuracyFor(tc.loss), tc.loss)
	}

	// By shape, with batches on which the three accuracies differ.
	tests := []struct {
		name         string
		yTrue, yPred *tensor.Tensor
		want         float64
	}{
		// Last axis 1 → binary: .6 > .5 matches 1; .4 matches 0.
		{"binary", tf([]int{2, 1}, 1, 0), tf([]int{2, 1}, .6, .4), 1},
		// yTrue of lower rank → sparse: argmax 1 = 1, argmax 0 ≠ 1.
		{"sparse (N)", tf([]int{2}, 1, 1), tf([]int{2, 2}, .2, .8, .9, .1), 0.5},
		{"sparse (N,1)", tf([]int{2, 1}, 1, 1), tf([]int{2, 2}, .2, .8, .9, .1), 0.5},
		// Same shapes → categorical (binary would give 3/4 here).
		{"categorical", tf([]int{2, 2}, 0, 1, 0, 1), tf([]int{2, 2}, .2, .8, .9, .1), 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Get("accuracy", "mse")
			require.NoError(t, err)
			m.Update(tc.yTrue, tc.yPred)
			assert.Equal(t, tc.want, m.Result())
		})
	}

	// By loss, where the shape rule would choose otherwise: multi-label
	// binary crossentropy is scored per element (2 of 4), not by argmax (2 of 2).
	m, err := Get("accuracy", "binary_crossentropy")
	require.NoError(t, err)
	m.Update(tf([]int{2, 2}, 1, 1, 0, 1), tf([]int{2, 2}, .9, .2, .3, .4))
	assert.Equal(t, 0.5, m.Result())
	m, err = Get("accuracy", "")
	require.NoError(t, err)
	m.Update(tf([]int{2, 2}, 1, 1, 0, 1), tf([]int{2, 2}, .9, .2, .3, .4))
	assert.Equal(t, 1.0, m.Result())
}

func TestGet_Name(t *testing.T) {
	for _, name := range []string{"accuracy", "acc", "Accuracy", "mse", "mean_squared_error", "mae", "binary_accuracy", "sparse_categorical_accuracy", "categorical_accuracy"} {
		m, err := Get(name, "categorical_crossentropy")
		require.NoError(t, err, name)
		assert.Equal(t, name, m.Name())
	}
	_, err := Get("auc", "binary_crossentropy")
	require.Error(t, err)
	for _, s := range []string{`"auc"`, "accuracy", "categorical_accuracy", "mean_squared_error (mse)"} {
		assert.Contains(t, err.Error(), s)
	}
}

func TestMetric_Reset(t *testing.T) {
	m, err := Get("accuracy", "sparse_categorical_crossentropy")
	require.NoError(t, err)
	assert.Equal(t, 0.0, m.Result(), "no samples yet")
	m.Update(tf([]int{2}, 0, 0), tf([]int{2, 2}, .9, .1, .8, .2))
	assert.Equal(t, 1.0, m.Result())
	m.Reset()
	assert.Equal(t, 0.0, m.Result())
	m.Update(tf([]int{2}, 1, 0), tf([]int{2, 2}, .9, .1, .8, .2))
	assert.Equal(t, 0.5, m.Result(), "samples before Reset are forgotten")
}

func TestMetric_ShapeMismatch(t *testing.T) {
	tests := []struct {
		name        string
		true_, pred []int
	}{
		{"categorical_accuracy", []int{4, 2}, []int{4, 3}},
		{"categorical_accuracy", []int{4}, []int{4, 3}},
		{"categorical_accuracy", []int{4, 3, 1}, []int{4, 2}},
		{"categorical_accuracy", []int{4, 0}, []int{4, 0}},
		{"sparse_categorical_accuracy", []int{5}, []int{4, 3}},
		{"sparse_categorical_accuracy", []int{4, 2}, []int{4, 3}},
		{"sparse_categorical_accuracy", []int{}, []int{}},
		{"binary_accuracy", []int{4, 2}, []int{4, 1}},
		{"binary_accuracy", []int{}, []int{}},
		{"mse", []int{4, 3}, []int{3, 4}},
		{"mae", []int{4, 1, 1}, []int{4}},
		{"accuracy", []int{}, []int{2}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s %v %v", tc.name, tc.true_, tc.pred), func(t *testing.T) {
			m, err := Get(tc.name, "")
			require.NoError(t, err)
			defer func() {
				err, ok := recover().(error)
				assert.True(t, ok && errors.Is(err, tensor.ErrShape), "want a panic wrapping ErrShape, got %v", err)
			}()
			m.Update(tensor.New(tc.true_...), tensor.New(tc.pred...))
		})
	}
}

func TestArgmax(t *testing.T) {
	for _, tc := range []struct {
		row  []float32
		want int
	}{
		{[]float32{1}, 0},
		{[]float32{1, 3, 2}, 1},
		{[]float32{3, 3, 3}, 0},
		{[]float32{1, 3, 3}, 1},
		{[]float32{nan, 5}, 0},
		{[]float32{5, nan, nan}, 1},
		{[]float32{float32(math.Inf(-1)), float32(math.Inf(-1))}, 0},
	} {
		assert.Equal(t, tc.want, argmax(tc.row), "%v", tc.row)
	}
}
