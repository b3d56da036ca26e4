package optimizers

import (
	"gonn/nn/ag"
	"gonn/nn/fmath"
)

// Gradient clipping, as Keras's BaseOptimizer._clip_gradients does it
// (keras/src/optimizers/base_optimizer.py): the first of clipnorm,
// global_clipnorm and clipvalue that is > 0 applies.

// clip returns g after clipping. g itself is never written: a clipped copy is
// made in b.clipped. scale is the factor from globalScale.
func (b *Base) clip(g []float32, scale float32) []float32 {
	switch {
	case b.ClipNorm > 0:
		// Keras _clip_by_norm: g*c / max(‖g‖, c), applied even when ‖g‖ <= c.
		c := b.ClipNorm
		denom := max(fmath.Sqrt(sumSquares(g)), c)
		out := b.scratch(len(g))
		for i, v := range g {
			out[i] = float32(v*c) / denom
		}
		return out
	case b.GlobalClipNorm > 0:
		out := b.scratch(len(g))
		for i, v := range g {
			out[i] = v * scale
		}
		return out
	case b.ClipValue > 0:
		c := b.ClipValue
		out := b.scratch(len(g))
		for i, v := range g {
			out[i] = min(max(v, -c), c)
		}
		return out
	}
	return g
}

// globalScale is the factor global_clipnorm multiplies every gradient by
// (Keras clip_by_global_norm): c*min(1/n, 1/c), n the norm of all the
// gradients of params together, plus n-n so that an infinite or NaN norm
// makes every gradient NaN instead of silently zero. It is 1 when
// global_clipnorm is not the clipping in force.
func (b *Base) globalScale(params []*ag.Var) float32 {
	c := b.GlobalClipNorm
	if b.ClipNorm > 0 || c <= 0 {
		return 1
	}
	var sum float32
	for _, p := range params {
		if p.Grad != nil {
			sum += sumSquares(p.Grad.Data)
		}
	}
	n := fmath.Sqrt(sum)
	return float32(c*min(1/n, 1/c)) + (n - n)
}

// sumSquares is Σ g², added in index order.
func sumSquares(g []float32) float32 {
	var s float32
	for _, v := range g {
		s += float32(v * v)
	}
	return s
}

// scratch returns b.clipped with length n, grown when needed.
func (b *Base) scratch(n int) []float32 {
	if cap(b.clipped) < n {
		b.clipped = make([]float32, n)
	}
	return b.clipped[:n]
}
