package metrics

import "gonn/nn/tensor"

// meanSquaredError sums, over samples, the mean along the last axis of
// (yTrue − yPred)², in float64.
func meanSquaredError(yTrue, yPred *tensor.Tensor) (float64, int) {
	return meanOverLast("mean_squared_error", yTrue, yPred, func(d float64) float64 { return d * d })
}

// meanAbsoluteError sums, over samples, the mean along the last axis of
// |yTrue − yPred|, in float64.
func meanAbsoluteError(yTrue, yPred *tensor.Tensor) (float64, int) {
	return meanOverLast("mean_absolute_error", yTrue, yPred, func(d float64) float64 {
		if d < 0 {
			return -d
		}
		return d
	})
}

// meanOverLast sums, over the rows of yPred, the mean of f(yTrue − yPred)
// along the row, and counts the rows.
func meanOverLast(metric string, yTrue, yPred *tensor.Tensor, f func(float64) float64) (float64, int) {
	yTrue, yPred = matchShapes(metric, yTrue, yPred)
	n := yPred.Shape[yPred.Rank()-1]
	if n == 0 {
		return 0, 0
	}
	rows := rowCount(yPred)
	sum := 0.0
	for r := range rows {
		s := 0.0
		for i := r * n; i < (r+1)*n; i++ {
			s += f(float64(yTrue.Data[i]) - float64(yPred.Data[i]))
		}
		sum += s / float64(n)
	}
	return sum, rows
}
