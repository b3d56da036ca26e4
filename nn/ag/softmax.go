package ag

import "gonn/nn/fmath"

// Softmax returns exp(a) normalised to sum 1 along axis (negative counts from
// the end: -1 is the last axis). Viewing a as (outer, n, inner) around axis,
// for each of the outer*inner lines of n values:
//
//	m = max_k x_k, e_k = exp(x_k - m), s = Σ_k e_k, out_k = e_k / s
//
// with max and sum taken in increasing k. Losses recognise its output (Op
// "softmax") and read the logits from Inputs()[0].
//
// Backward, per line: da_k += out_k*(dout_k - Σ_j dout_j*out_j), the dot
// product added in increasing j.
func Softmax(a *Var, axis int) *Var {
	axis = normAxis("Softmax", axis, len(a.Shape()))
	outer, n, inner := splitAt(a.Shape(), axis)
	x, out := a.Data(), like(a)
	y := out.Data
	for o := range outer {
		for i := range inner {
			base := o*n*inner + i
			m := lineMax(x, base, n, inner)
			s := float32(0)
			for k := range n {
				e := fmath.Exp(x[base+k*inner] - m)
				y[base+k*inner] = e
				s = s + e
			}
			for k := range n {
				y[base+k*inner] = y[base+k*inner] / s
			}
		}
	}
	// Losses fuse a softmax over the last axis with cross-entropy; they
	// find it by this name, so a softmax over another axis is named apart.
	op := "softmax"
	if axis != len(a.Shape())-1 {
		op = "softmax_inner_axis"
	}
	return record(op, out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for o := range outer {
			for i := range inner {
				base := o*n*inner + i
				dot := float32(0)
				for k := range n {
					j := base + k*inner
					dot = dot + float32(dout[j]*y[j])
				}
				for k := range n {
					j := base + k*inner
					dx[j] = dx[j] + float32(y[j]*(dout[j]-dot))
				}
			}
		}
	}, a)
}

// LogSoftmax returns log(Softmax(a, axis)), computed stably: per line of n
// values along axis (see Softmax),
//
//	m = max_k x_k, s = Σ_k exp(x_k - m), out_k = (x_k - m) - log(s)
//
// with max and sum taken in increasing k.
//
// Backward, per line: da_k += dout_k - exp(out_k)*Σ_j dout_j, the sum added
// in increasing j.
func LogSoftmax(a *Var, axis int) *Var {
	axis = normAxis("LogSoftmax", axis, len(a.Shape()))
	outer, n, inner := splitAt(a.Shape(), axis)
	x, out := a.Data(), like(a)
	y := out.Data
	for o := range outer {
		for i := range inner {
			base := o*n*inner + i
			m := lineMax(x, base, n, inner)
			s := float32(0)
			for k := range n {
				s = s + fmath.Exp(x[base+k*inner]-m)
			}
			ls := fmath.Log(s)
			for k := range n {
				j := base + k*inner
				y[j] = (x[j] - m) - ls
			}
		}
	}
	return record("log_softmax", out, func(out *Var) {
		dx, dout := gradOf(a), out.Grad.Data
		for o := range outer {
			for i := range inner {
				base := o*n*inner + i
				sum := float32(0)
				for k := range n {
					sum = sum + dout[base+k*inner]
				}
				for k := range n {
					j := base + k*inner
					dx[j] = dx[j] + (dout[j] - float32(fmath.Exp(y[j])*sum))
				}
			}
		}
	}, a)
}

// lineMax returns the largest of x[base], x[base+stride], … (n values), in
// increasing order; a NaN anywhere is returned as the max.
func lineMax(x []float32, base, n, stride int) float32 {
	if n == 0 {
		return 0
	}
	m := x[base]
	for k := 1; k < n; k++ {
		m = max(m, x[base+k*stride])
	}
	return m
}
