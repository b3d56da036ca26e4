package layers

import "gonn/nn/ag"

// SwapWrapperWeights is SwapWeights for TimeDistributed and Bidirectional
// (and the layers they may hold: Dense, Conv, the recurrent layers and
// other wrappers): it puts vs (in Weights order) in place of l's weights and
// returns a function that puts the originals back.
func SwapWrapperWeights(l Layer, vs []*ag.Var) (restore func()) {
	switch l := l.(type) {
	case *TimeDistributed:
		return SwapWrapperWeights(l.Layer, vs)
	case *Bidirectional:
		n := len(l.Forward.Weights())
		f := SwapWrapperWeights(l.Forward, vs[:n])
		b := SwapWrapperWeights(l.Backward, vs[n:])
		return func() { b(); f() }
	case *Dense:
		return SwapWeights(l, vs)
	case *Conv:
		return SwapConvWeights(l, vs)
	}
	return SwapRecurrentWeights(l, vs)
}
