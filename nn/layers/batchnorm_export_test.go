package layers

import "gonn/nn/ag"

// SwapBatchNormWeights puts vs in place of the first len(vs) of b's weights,
// in Weights order, and returns a function that puts the originals back:
// training-mode gradient checks swap gamma and beta only, since the moving
// statistics take no part in the training forward pass.
func SwapBatchNormWeights(b *BatchNormalization, vs []*ag.Var) (restore func()) {
	var slots []**ag.Var
	if b.gamma != nil {
		slots = append(slots, &b.gamma)
	}
	if b.beta != nil {
		slots = append(slots, &b.beta)
	}
	slots = append(slots, &b.movingMean, &b.movingVariance)
	old := make([]*ag.Var, len(vs))
	for i, v := range vs {
		old[i], *slots[i] = *slots[i], v
	}
	return func() {
		for i, v := range old {
			*slots[i] = v
		}
	}
}
