package inspect

import (
	"fmt"

	"gonn/nn/tensor"
)

// ConfusionMatrix counts, for every pair (true class t, predicted class p),
// the examples with that truth and that prediction: cm[t][p]. The diagonal
// holds the right answers. Labels must lie in [0, classes).
func ConfusionMatrix(truth, pred []int, classes int) ([][]int, error) {
	if len(truth) != len(pred) {
		return nil, fmt.Errorf("inspect: ConfusionMatrix: %d true labels and %d predictions", len(truth), len(pred))
	}
	if classes < 1 || classes > 1<<12 {
		return nil, fmt.Errorf("inspect: ConfusionMatrix: %d classes: want 1 to %d", classes, 1<<12)
	}
	cm := make([][]int, classes)
	for i := range cm {
		cm[i] = make([]int, classes)
	}
	for i := range truth {
		t, p := truth[i], pred[i]
		if t < 0 || t >= classes || p < 0 || p >= classes {
			return nil, fmt.Errorf("inspect: ConfusionMatrix: example %d has true label %d and prediction %d; want [0, %d)", i, t, p, classes)
		}
		cm[t][p]++
	}
	return cm, nil
}

// Argmax returns, for every row of scores (N, classes), the index of its
// largest value (the first one on ties): the predicted classes.
func Argmax(scores *tensor.Tensor) ([]int, error) {
	if scores == nil || scores.Rank() != 2 || scores.Shape[1] < 1 {
		return nil, fmt.Errorf("inspect: Argmax: scores must be (N, classes)")
	}
	n, k := scores.Shape[0], scores.Shape[1]
	out := make([]int, n)
	for i := range n {
		row := scores.Data[i*k : (i+1)*k]
		for j, v := range row {
			if v > row[out[i]] {
				out[i] = j
			}
		}
	}
	return out, nil
}
