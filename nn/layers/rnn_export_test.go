package layers

import "gonn/nn/ag"

// SwapRecurrentWeights is SwapWeights for the layers of this change
// (Embedding, SimpleRNN, LSTM, GRU): it puts vs (in Weights order) in place
// of l's weights and returns a function that puts the originals back.
func SwapRecurrentWeights(l Layer, vs []*ag.Var) (restore func()) {
	if e, ok := l.(*Embedding); ok {
		old := e.embeddings
		e.embeddings = vs[0]
		return func() { e.embeddings = old }
	}
	var r *recurrent
	switch l := l.(type) {
	case *SimpleRNN:
		r = &l.recurrent
	case *LSTM:
		r = &l.recurrent
	case *GRU:
		r = &l.recurrent
	default:
		panic("SwapRecurrentWeights: not a recurrent layer: " + l.ClassName())
	}
	kernel, rec, bias := r.kernel, r.recurrentKernel, r.bias
	r.kernel, r.recurrentKernel = vs[0], vs[1]
	if len(vs) > 2 {
		r.bias = vs[2]
	}
	return func() { r.kernel, r.recurrentKernel, r.bias = kernel, rec, bias }
}
