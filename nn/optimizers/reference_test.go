package optimizers

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// Float64 references written straight from the Keras 3 update rules
// (keras/src/optimizers/*.py), one weight slice at a time. They share no code
// with the float32 implementations; the tests compare the two.

// refStep updates w in place from g, keeping its own state.
type refStep func(w, g []float64)

func refSGD(lr, momentum float64, nesterov bool) refStep {
	var v []float64
	return func(w, g []float64) {
		if v == nil {
			v = make([]float64, len(w))
		}
		for i := range w {
			switch {
			case momentum == 0:
				w[i] -= lr * g[i]
			case nesterov:
				v[i] = momentum*v[i] - lr*g[i]
				w[i] += momentum*v[i] - lr*g[i]
			default:
				v[i] = momentum*v[i] - lr*g[i]
				w[i] += v[i]
			}
		}
	}
}

func refRMSprop(lr, rho, momentum, eps float64, centered bool) refStep {
	var ms, mg, mom []float64
	return func(w, g []float64) {
		if ms == nil {
			ms, mg, mom = make([]float64, len(w)), make([]float64, len(w)), make([]float64, len(w))
		}
		for i := range w {
			ms[i] = rho*ms[i] + (1-rho)*g[i]*g[i]
			denom := ms[i] + eps
			if centered {
				mg[i] = rho*mg[i] + (1-rho)*g[i]
				denom = ms[i] - mg[i]*mg[i] + eps
			}
			inc := lr * g[i] / math.Sqrt(denom)
			if momentum > 0 {
				mom[i] = momentum*mom[i] + inc
				inc = mom[i]
			}
			w[i] -= inc
		}
	}
}

func refAdam(lr, b1, b2, eps float64, amsgrad bool) refStep {
	var m, v, vhat []float64
	t := 0.0
	return func(w, g []float64) {
		if m == nil {
			m, v, vhat = make([]float64, len(w)), make([]float64, len(w)), make([]float64, len(w))
		}
		t++
		// Keras computes beta^t as a float32 tensor (ops.power in the
		// variable's dtype), so the reference rounds it to float32 too:
		// 1 - beta^t cancels, and in the first steps with beta_2 = 0.999 that
		// rounding alone moves alpha by up to ~1e-5 relative.
		b1t := float64(float32(math.Pow(b1, t)))
		b2t := float64(float32(math.Pow(b2, t)))
		alpha := lr * math.Sqrt(1-b2t) / (1 - b1t)
		for i := range w {
			m[i] += (g[i] - m[i]) * (1 - b1)
			v[i] += (g[i]*g[i] - v[i]) * (1 - b2)
			vi := v[i]
			if amsgrad {
				vhat[i] = math.Max(vhat[i], v[i])
				vi = vhat[i]
			}
			w[i] -= alpha * m[i] / (math.Sqrt(vi) + eps)
		}
	}
}

func refAdagrad(lr, init, eps float64) refStep {
	var acc []float64
	return func(w, g []float64) {
		if acc == nil {
			acc = make([]float64, len(w))
			for i := range acc {
				acc[i] = init
			}
		}
		for i := range w {
			acc[i] += g[i] * g[i]
			w[i] -= lr * g[i] / math.Sqrt(acc[i]+eps)
		}
	}
}

func refAdadelta(lr, rho, eps float64) refStep {
	var accG, accDelta []float64
	return func(w, g []float64) {
		if accG == nil {
			accG, accDelta = make([]float64, len(w)), make([]float64, len(w))
		}
		for i := range w {
			accG[i] = rho*accG[i] + (1-rho)*g[i]*g[i]
			delta := -math.Sqrt(accDelta[i]+eps) * g[i] / math.Sqrt(accG[i]+eps)
			accDelta[i] = rho*accDelta[i] + (1-rho)*delta*delta
			w[i] += lr * delta
		}
	}
}

// Clipping references (Keras BaseOptimizer._clip_gradients), on the
// gradients of all params of one step. They return new slices.

func refClipNorm(c float64) func(gs [][]float64) [][]float64 {
	return func(gs [][]float64) [][]float64 {
		out := make([][]float64, len(gs))
		for k, g := range gs {
			scale := c / math.Max(norm(g), c)
			out[k] = scaled(g, scale)
		}
		return out
	}
}

func refGlobalClipNorm(c float64) func(gs [][]float64) [][]float64 {
	return func(gs [][]float64) [][]float64 {
		var sq float64
		for _, g := range gs {
			sq += norm(g) * norm(g)
		}
		scale := c / math.Max(math.Sqrt(sq), c)
		out := make([][]float64, len(gs))
		for k, g := range gs {
			out[k] = scaled(g, scale)
		}
		return out
	}
}

func refClipValue(c float64) func(gs [][]float64) [][]float64 {
	return func(gs [][]float64) [][]float64 {
		out := make([][]float64, len(gs))
		for k, g := range gs {
			out[k] = make([]float64, len(g))
			for i, v := range g {
				out[k][i] = math.Min(math.Max(v, -c), c)
			}
		}
		return out
	}
}

func norm(g []float64) float64 {
	var s float64
	for _, v := range g {
		s += v * v
	}
	return math.Sqrt(s)
}

func scaled(g []float64, s float64) []float64 {
	out := make([]float64, len(g))
	for i, v := range g {
		out[i] = v * s
	}
	return out
}

// The fixture most tests run: three weights, three steps of gradients with
// sign changes and a zero. The first weight starts at 0 and the last near it,
// so that even Adadelta's tiny first steps are resolved.
var (
	fixtureW0    = []float64{0, -1.5, 0.002}
	fixtureGrads = [][]float64{{0.1, -0.2, 0.3}, {0.4, 0.05, -0.6}, {-0.25, 0.3, 0}}
)

// checkSteps runs opt and ref side by side on fixtureW0 with fixtureGrads and
// compares the weights after every step.
func checkSteps(t *testing.T, opt Optimizer, ref refStep) {
	t.Helper()
	p := param("w", fixtureW0)
	want := as64(as32(fixtureW0))
	// scale[i] is |w0| plus the sizes of all updates so far: float32 errors
	// are relative to the terms added, not to a sum that may cancel to ~0.
	scale := make([]float64, len(want))
	for i, w := range want {
		scale[i] = math.Abs(w)
	}
	for step, g := range fixtureGrads {
		p.Grad = tensor.From(as32(g), len(g))
		opt.Apply([]*ag.Var{p})
		before := slices.Clone(want)
		ref(want, as64(as32(g)))
		for i := range want {
			scale[i] += math.Abs(want[i] - before[i])
		}
		assertClose(t, want, scale, p.Value.Data, fmt.Sprintf("step %d", step+1))
	}
	assert.Equal(t, int64(len(fixtureGrads)), opt.Iterations())
}

// assertClose checks got against want to 1e-6 relative to scale (the
// magnitudes added up to make want): float32 keeps 24 bits (6e-8) and a step
// rounds a handful of times.
func assertClose(t *testing.T, want, scale []float64, got []float32, label string) bool {
	t.Helper()
	ok := assert.Len(t, got, len(want), label)
	for i := range min(len(want), len(got)) {
		ok = assert.InDeltaf(t, want[i], float64(got[i]), 1e-6*scale[i], "%s, index %d", label, i) && ok
	}
	return ok
}

func param(name string, w []float64) *ag.Var {
	return ag.Param(tensor.From(as32(w), len(w)), name)
}

func as32(x []float64) []float32 {
	out := make([]float32, len(x))
	for i, v := range x {
		out[i] = float32(v)
	}
	return out
}

func as64(x []float32) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(v)
	}
	return out
}

// f64 widens a float32 hyper-parameter, so the reference uses exactly the
// value the optimiser holds.
func f64(x float32) float64 { return float64(x) }
