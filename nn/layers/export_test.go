package layers

import "gonn/nn/ag"

// SwapWeights puts vs (in Weights order) in place of l's weights and returns
// a function that puts the originals back. Gradient checks use it to make
// the weights inputs of agtest.CheckGrad.
func SwapWeights(l Layer, vs []*ag.Var) (restore func()) {
	switch l := l.(type) {
	case *Dense:
		kernel, bias := l.kernel, l.bias
		l.kernel = vs[0]
		if len(vs) > 1 {
			l.bias = vs[1]
		}
		return func() { l.kernel, l.bias = kernel, bias }
	}
	panic("SwapWeights: no weights to swap in " + l.ClassName())
}
