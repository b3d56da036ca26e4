package layers_test

import (
	"math"

	"gonn/nn/layers"
)

// refRNN is Keras' recurrent layers written straight from the equations of
// Keras' cells and backend rnn (TensorFlow), in float64, one example and one
// unit at a time: the reference the unrolled ag graph is checked against.
type refRNN struct {
	kind              string // "SimpleRNN", "LSTM", "GRU" (reset after), "GRU-before"
	in, units         int
	kernel, rec, bias []float64 // the layer's weights, row-major; bias nil without
	goBackwards       bool
	zeroOutputForMask bool
}

// newRef reads the weights of a built layer.
func newRef(kind string, l layers.Recurrent, in, units int) refRNN {
	r := refRNN{kind: kind, in: in, units: units}
	w := l.Weights()
	r.kernel, r.rec = f64(w[0].Data()), f64(w[1].Data())
	if len(w) > 2 {
		r.bias = f64(w[2].Data())
	}
	r.goBackwards, r.zeroOutputForMask = l.Options().GoBackwards, l.Options().ZeroOutputForMask
	return r
}

func f64(d []float32) []float64 {
	out := make([]float64, len(d))
	for i, v := range d {
		out[i] = float64(v)
	}
	return out
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// affine returns v·m[:, lo:hi] + b[lo:hi] for v (rows), m (rows, cols).
func affine(v, m []float64, cols, lo, hi int, b []float64) []float64 {
	out := make([]float64, hi-lo)
	for j := lo; j < hi; j++ {
		s := 0.0
		if b != nil {
			s = b[j]
		}
		for i, vi := range v {
			s += vi * m[i*cols+j]
		}
		out[j-lo] = s
	}
	return out
}

// step is one cell step from input x (in) and states (units)….
func (r refRNN) step(x []float64, states [][]float64) [][]float64 {
	u := r.units
	h := states[0]
	switch r.kind {
	case "SimpleRNN":
		xw, hu := affine(x, r.kernel, u, 0, u, r.bias), affine(h, r.rec, u, 0, u, nil)
		out := make([]float64, u)
		for j := range u {
			out[j] = math.Tanh(xw[j] + hu[j])
		}
		return [][]float64{out}
	case "LSTM":
		z, hu := affine(x, r.kernel, 4*u, 0, 4*u, r.bias), affine(h, r.rec, 4*u, 0, 4*u, nil)
		c, hn, cn := states[1], make([]float64, u), make([]float64, u)
		for j := range u {
			i := sigmoid(z[j] + hu[j])
			f := sigmoid(z[u+j] + hu[u+j])
			g := math.Tanh(z[2*u+j] + hu[2*u+j])
			o := sigmoid(z[3*u+j] + hu[3*u+j])
			cn[j] = f*c[j] + i*g
			hn[j] = o * math.Tanh(cn[j])
		}
		return [][]float64{hn, cn}
	case "GRU":
		var bIn, bRec []float64
		if r.bias != nil {
			bIn, bRec = r.bias[:3*u], r.bias[3*u:]
		}
		mx, mi := affine(x, r.kernel, 3*u, 0, 3*u, bIn), affine(h, r.rec, 3*u, 0, 3*u, bRec)
		out := make([]float64, u)
		for j := range u {
			z := sigmoid(mx[j] + mi[j])
			rr := sigmoid(mx[u+j] + mi[u+j])
			hh := math.Tanh(mx[2*u+j] + rr*mi[2*u+j])
			out[j] = z*h[j] + (1-z)*hh
		}
		return [][]float64{out}
	case "GRU-before":
		mx, mi := affine(x, r.kernel, 3*u, 0, 3*u, r.bias), affine(h, r.rec, 3*u, 0, 2*u, nil)
		z, rh := make([]float64, u), make([]float64, u)
		for j := range u {
			z[j] = sigmoid(mx[j] + mi[j])
			rh[j] = sigmoid(mx[u+j]+mi[u+j]) * h[j]
		}
		hu := affine(rh, r.rec, 3*u, 2*u, 3*u, nil)
		out := make([]float64, u)
		for j := range u {
			hh := math.Tanh(mx[2*u+j] + hu[j])
			out[j] = z[j]*h[j] + (1-z[j])*hh
		}
		return [][]float64{out}
	}
	panic("refRNN: unknown kind " + r.kind)
}

// run is the layer on x (batch, steps, in) with an optional mask (batch,
// steps) and initial states (each (batch, units)): the output of every step
// in processing order (batch, steps, units), the last output (batch, units)
// and the final states.
func (r refRNN) run(x []float64, batch, steps int, mask []float64, initial [][]float64) (seq, last []float64, states [][]float64) {
	u, nStates := r.units, 1
	if r.kind == "LSTM" {
		nStates = 2
	}
	seq, last = make([]float64, batch*steps*u), make([]float64, batch*u)
	states = make([][]float64, nStates)
	for s := range states {
		states[s] = make([]float64, batch*u)
		if initial != nil {
			copy(states[s], initial[s])
		}
	}
	for b := range batch {
		st := make([][]float64, nStates)
		for s := range st {
			st[s] = states[s][b*u : (b+1)*u]
		}
		prevOut := make([]float64, u) // 0 before the first step, as TensorFlow's backend
		for k := range steps {
			t := k
			if r.goBackwards {
				t = steps - 1 - k
			}
			next := r.step(x[(b*steps+t)*r.in:(b*steps+t+1)*r.in], st)
			out := next[0]
			if mask != nil && mask[b*steps+t] == 0 {
				next = st // keep the states
				out = prevOut
				if r.zeroOutputForMask {
					out = make([]float64, u)
				}
			}
			for s := range st {
				copy(st[s], next[s])
			}
			prevOut = append([]float64(nil), out...)
			copy(seq[(b*steps+k)*u:], out)
		}
		copy(last[b*u:], prevOut)
	}
	return seq, last, states
}
