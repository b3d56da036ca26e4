package ag

import (
	"fmt"
	"math"

	"gonn/nn/fmath"
	"gonn/nn/tensor"
)

// Elementwise ops of one input: out has a's shape, and each op's backward
// adds dout·f'(x) into da. Each op spells its own loops, so no function value
// is called per element.

// AddScalar returns a + s.
//
// Backward: da += dout.
func AddScalar(a *Var, s float32) *Var {
	x, out := a.Data(), like(a)
	for i, v := range x {
		out.Data[i] = v + s
	}
	return record("add_scalar", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for i := range dx {
			dx[i] = dx[i] + dout[i]
		}
	}, a)
}

// MulScalar returns a * s.
//
// Backward: da += dout*s.
func MulScalar(a *Var, s float32) *Var {
	x, out := a.Data(), like(a)
	for i, v := range x {
		out.Data[i] = v * s
	}
	return record("mul_scalar", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for i := range dx {
			dx[i] = dx[i] + float32(dout[i]*s)
		}
	}, a)
}

// Neg returns -a.
//
// Backward: da -= dout.
func Neg(a *Var) *Var {
	x, out := a.Data(), like(a)
	for i, v := range x {
		out.Data[i] = -v
	}
	return record("neg", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for i := range dx {
			dx[i] = dx[i] - dout[i]
		}
	}, a)
}

// Exp returns e^a.
//
// Backward: da += dout*out.
func Exp(a *Var) *Var {
	x, out := a.Data(), like(a)
	y := out.Data
	for i, v := range x {
		y[i] = fmath.Exp(v)
	}
	return record("exp", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for i := range dx {
			dx[i] = dx[i] + float32(dout[i]*y[i])
		}
	}, a)
}

// Log returns the natural logarithm of a (NaN below 0, -Inf at 0).
//
// Backward: da += dout/a.
func Log(a *Var) *Var {
	x, out := a.Data(), like(a)
	for i, v := range x {
		out.Data[i] = fmath.Log(v)
	}
	return record("log", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for i := range dx {
			dx[i] = dx[i] + dout[i]/x[i]
		}
	}, a)
}

// Sqrt returns the square root of a.
//
// Backward: da += dout/(2*out).
func Sqrt(a *Var) *Var {
	x, out := a.Data(), like(a)
	y := out.Data
	for i, v := range x {
		y[i] = fmath.Sqrt(v)
	}
	return record("sqrt", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for i := range dx {
			dx[i] = dx[i] + dout[i]/(y[i]+y[i])
		}
	}, a)
}

// Square returns a*a.
//
// Backward: da += dout*2a.
func Square(a *Var) *Var {
	x, out := a.Data(), like(a)
	for i, v := range x {
		out.Data[i] = v * v
	}
	return record("square", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for i := range dx {
			dx[i] = dx[i] + float32(dout[i]*(x[i]+x[i]))
		}
	}, a)
}

// Abs returns |a|.
//
// Backward: da += dout*sign(a), with sign(0) = 0.
func Abs(a *Var) *Var {
	x, out := a.Data(), like(a)
	for i, v := range x {
		out.Data[i] = max(v, -v)
	}
	return record("abs", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for i := range dx {
			switch {
			case x[i] > 0:
				dx[i] = dx[i] + dout[i]
			case x[i] < 0:
				dx[i] = dx[i] - dout[i]
			}
		}
	}, a)
}

// Relu returns max(a, 0): a where a > 0, else +0 (NaN gives +0).
//
// Backward: da += dout where a > 0.
//
// Both loops run without a branch on the sign (see positiveMask): the signs
// of a layer's pre-activations are close to random, which costs a
// mispredicted branch on every other element.
func Relu(a *Var) *Var {
	x, out := a.Data(), like(a)
	relu(out.Data, x)
	return record("relu", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		if dx == nil {
			return
		}
		reluBackward(dx, dout, x)
	}, a)
}

// positiveMask is all ones when v > 0 and zero otherwise (for ±0, negative
// numbers and NaNs), computed without a branch: v > 0 exactly when its bits
// u lie in [1, 0x7f800000] (sign clear, not +0, at most +Inf), that is when
// u−1, wrapping +0 round to 0xffffffff, is below 0x7f800000.
func positiveMask(v float32) uint32 {
	return uint32((int64(math.Float32bits(v)-1) - 0x7f800000) >> 63)
}

// LeakyRelu returns a where a > 0, else alpha*a.
//
// Backward: da += dout where a > 0, else dout*alpha.
func LeakyRelu(a *Var, alpha float32) *Var {
	x, out := a.Data(), like(a)
	for i, v := range x {
		if v > 0 {
			out.Data[i] = v
		} else {
			out.Data[i] = alpha * v
		}
	}
	return record("leaky_relu", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for i := range dx {
			if x[i] > 0 {
				dx[i] = dx[i] + dout[i]
			} else {
				dx[i] = dx[i] + float32(alpha*dout[i])
			}
		}
	}, a)
}

// Sigmoid returns 1/(1+e^-a). Losses recognise its output (Op "sigmoid") and
// read the logits from Inputs()[0].
//
// Backward: da += dout*out*(1-out).
func Sigmoid(a *Var) *Var {
	x, out := a.Data(), like(a)
	y := out.Data
	for i, v := range x {
		y[i] = fmath.Sigmoid(v)
	}
	return record("sigmoid", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for i := range dx {
			dx[i] = dx[i] + float32(dout[i]*(y[i]*(1-y[i])))
		}
	}, a)
}

// Tanh returns the hyperbolic tangent of a.
//
// Backward: da += dout*(1-out²).
func Tanh(a *Var) *Var {
	x, out := a.Data(), like(a)
	y := out.Data
	for i, v := range x {
		y[i] = fmath.Tanh(v)
	}
	return record("tanh", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for i := range dx {
			dx[i] = dx[i] + float32(dout[i]*(1-float32(y[i]*y[i])))
		}
	}, a)
}

// Clip returns a limited to [lo, hi]. It panics if lo > hi.
//
// Backward: da += dout where lo <= a <= hi (the gradient passes at the
// bounds, as in TensorFlow's clip_by_value).
func Clip(a *Var, lo, hi float32) *Var {
	if lo > hi {
		panic(fmt.Errorf("ag: Clip: lo %g > hi %g", lo, hi))
	}
	x, out := a.Data(), like(a)
	for i, v := range x {
		out.Data[i] = min(max(v, lo), hi)
	}
	return record("clip", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for i := range dx {
			if x[i] >= lo && x[i] <= hi {
				dx[i] = dx[i] + dout[i]
			}
		}
	}, a)
}

// like returns a zero tensor of a's shape.
func like(a *Var) *tensor.Tensor { return tensor.New(a.Shape()...) }
