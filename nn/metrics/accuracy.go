package metrics

import "gonn/nn/tensor"

// categoricalAccuracy counts the rows (along the last axis) where yTrue and
// yPred have their maximum at the same index. yTrue and yPred have the same
// shape (…, C), up to a trailing axis of extent 1 (as the loss allows).
func categoricalAccuracy(yTrue, yPred *tensor.Tensor) (float64, int) {
	yTrue, yPred = matchShapes("categorical_accuracy", yTrue, yPred)
	c := classCount("categorical_accuracy", yPred)
	rows := rowCount(yPred)
	correct := 0
	for r := range rows {
		if argmax(yTrue.Data[r*c:(r+1)*c]) == argmax(yPred.Data[r*c:(r+1)*c]) {
			correct++
		}
	}
	return float64(correct), rows
}

// sparseCategoricalAccuracy counts the rows of yPred (…, C) whose argmax
// equals the class id in yTrue, of shape (…) or (…, 1). An id that is not a
// whole number, or out of range, simply never matches (as in Keras).
func sparseCategoricalAccuracy(yTrue, yPred *tensor.Tensor) (float64, int) {
	c := classCount("sparse_categorical_accuracy", yPred)
	batch := yPred.Shape[:yPred.Rank()-1]
	t := yTrue.Shape
	if len(t) == yPred.Rank() && t[len(t)-1] == 1 {
		t = t[:len(t)-1]
	}
	if !tensor.SameShape(t, batch) {
		tensor.Shapef("sparse_categorical_accuracy: yTrue has shape %v, want %v (class ids) for yPred of shape %v",
			yTrue.Shape, batch, yPred.Shape)
	}
	correct := 0
	for r, label := range yTrue.Data {
		if label == float32(argmax(yPred.Data[r*c:(r+1)*c])) {
			correct++
		}
	}
	return float64(correct), len(yTrue.Data)
}

// binaryAccuracy counts the elements where yTrue equals yPred thresholded
// at 0.5 (yPred > 0.5 → 1, else 0). Like Keras 3 it counts elements, not
// samples: (N, 3) predictions add 3N to the count. yTrue and yPred have the
// same shape, up to a trailing axis of extent 1.
func binaryAccuracy(yTrue, yPred *tensor.Tensor) (float64, int) {
	yTrue, yPred = matchShapes("binary_accuracy", yTrue, yPred)
	correct := 0
	for i, v := range yPred.Data {
		var p float32
		if v > 0.5 {
			p = 1
		}
		if yTrue.Data[i] == p {
			correct++
		}
	}
	return float64(correct), len(yPred.Data)
}

// argmax returns the index of the first maximum of row, with NumPy's rules:
// a NaN counts as the maximum (the first NaN wins), and ties go to the
// lowest index.
func argmax(row []float32) int {
	best := 0
	for i, v := range row {
		b := row[best]
		if b != b { // NaN already found
			break
		}
		if v > b || v != v {
			best = i
		}
	}
	return best
}

// rowCount is the number of rows of t along its last axis.
func rowCount(t *tensor.Tensor) int { return tensor.NumElements(t.Shape[:t.Rank()-1]) }

// classCount is the extent of yPred's last (class) axis; it panics unless
// yPred has one, of at least one class.
func classCount(metric string, yPred *tensor.Tensor) int {
	if yPred.Rank() == 0 || yPred.Shape[yPred.Rank()-1] == 0 {
		tensor.Shapef("%s: yPred needs a class axis with at least one class, got shape %v", metric, yPred.Shape)
	}
	return yPred.Shape[yPred.Rank()-1]
}

// matchShapes returns yTrue and yPred (sharing their data) with one shape,
// or panics with ErrShape. As Keras' squeeze_or_expand_to_same_rank, a
// trailing axis of extent 1 present on one side only is dropped, except
// that a rank-1 side is expanded: (N) with (N, 1) gives (N, 1), so each of
// the N values stays its own sample.
func matchShapes(metric string, yTrue, yPred *tensor.Tensor) (*tensor.Tensor, *tensor.Tensor) {
	t, p := yTrue.Shape, yPred.Shape
	switch {
	case len(p) == 0 || len(t) == 0:
		tensor.Shapef("%s: yTrue %v and yPred %v need a batch axis", metric, t, p)
	case tensor.SameShape(t, p):
		return yTrue, yPred
	case len(t) == len(p)+1 && t[len(t)-1] == 1 && tensor.SameShape(t[:len(p)], p):
		if len(p) == 1 {
			return yTrue, yPred.Reshape(t...)
		}
		return yTrue.Reshape(p...), yPred
	case len(p) == len(t)+1 && p[len(p)-1] == 1 && tensor.SameShape(p[:len(t)], t):
		if len(t) == 1 {
			return yTrue.Reshape(p...), yPred
		}
		return yTrue, yPred.Reshape(t...)
	}
	tensor.Shapef("%s: yTrue has shape %v, yPred has shape %v", metric, t, p)
	return nil, nil
}
