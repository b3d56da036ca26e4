// Package agtest checks gradients by finite differences. Every op and layer
// test in gonn calls CheckGrad: the analytic gradient that Backward computes
// must match a central difference of the forward function.
package agtest

import (
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
)

// Tolerances of a check. The forward pass runs in float32, so a central
// difference (f(x+h) - f(x-h)) / 2h carries a rounding error of about
// ε32·|f|/h ≈ 6e-8·|f|/1e-2 ≈ 1e-5·|f|, plus a truncation error of order h²·f”'.
// With h = 1e-2 both stay well under the default tolerances
// |numeric - analytic| <= Atol + Rtol·|numeric|.
type Tolerances struct {
	H, Atol, Rtol float64
}

// Default tolerances, suited to smooth ops on values of order 1.
var Default = Tolerances{H: 1e-2, Atol: 2e-3, Rtol: 2e-2}

// CheckGrad checks the gradients of f with respect to each of inputs.
//
// The inputs become Params; f builds a graph from them and returns its
// output y. The scalar checked is L = Σ w·y with fixed random weights w, so
// every element of y's gradient path is exercised with a different weight.
// Elements where the numeric derivative crosses a kink (relu at 0, max ties)
// should be avoided by the caller's choice of inputs.
func CheckGrad(t testing.TB, tol Tolerances, f func(in []*ag.Var) *ag.Var, inputs ...*tensor.Tensor) {
	t.Helper()
	params := make([]*ag.Var, len(inputs))
	for i, x := range inputs {
		params[i] = ag.Param(x.Clone(), "")
	}
	y := f(params)
	w := tensor.New(y.Shape()...)
	r := rng.New(7)
	for i := range w.Data {
		w.Data[i] = float32(r.Float32()*2) - 1
	}
	ag.BackwardFrom(y, w)

	loss := func() float64 {
		out := f(params)
		s := 0.0
		for i, v := range out.Data() {
			s += float64(float64(w.Data[i]) * float64(v))
		}
		return s
	}
	for pi, p := range params {
		if p.Grad == nil {
			t.Errorf("input %d: Backward left no gradient", pi)
			continue
		}
		for i := range p.Value.Data {
			orig := p.Value.Data[i]
			p.Value.Data[i] = orig + float32(tol.H)
			up := loss()
			p.Value.Data[i] = orig - float32(tol.H)
			down := loss()
			p.Value.Data[i] = orig
			// The step actually taken in float32 may differ from H.
			h := float64(orig+float32(tol.H)) - float64(orig-float32(tol.H))
			numeric := (up - down) / h
			analytic := float64(p.Grad.Data[i])
			if math.Abs(numeric-analytic) > tol.Atol+float64(tol.Rtol*math.Abs(numeric)) {
				assert.Failf(t, "gradient mismatch",
					"input %d (shape %v), element %d: analytic %.6g, numeric %.6g",
					pi, p.Shape(), i, analytic, numeric)
				return
			}
		}
	}
}

// Rand returns a tensor of the given shape with values uniform in [lo, hi),
// from a PRNG seeded with seed.
func Rand(seed uint64, lo, hi float32, shape ...int) *tensor.Tensor {
	t := tensor.New(shape...)
	r := rng.New(seed)
	for i := range t.Data {
		// The conversion stops arm64 from fusing the multiply-add, so a seed
		// gives the same tensor on every platform.
		t.Data[i] = lo + float32((hi-lo)*r.Float32())
	}
	return t
}
