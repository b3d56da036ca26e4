package ag

import (
	"gonn/nn/fmath"
	"gonn/nn/tensor"
)

// Fused cross-entropy losses: the loss and its gradient straight from the
// logits, stable for any logit size. Each gives the per-sample loss; losses
// average it over the batch.

// SoftmaxCrossEntropy returns -Σ_k t_k·log softmax(z)_k along axis (negative
// counts from the end), for logits z and targets t of the same shape:
//
//	logits: (N, C)   targets: (N, C)   axis -1   out: (N)
//
// Per line of n values along axis: m = max_k z_k, s = Σ_k exp(z_k - m),
// loss = -Σ_k t_k·((z_k - m) - log s), every max and sum in increasing k.
// targets is copied.
//
// Backward, per line: dz_k += dout·(softmax(z)_k·Σ_j t_j - t_k), the exact
// gradient also for targets that do not sum to 1 (Σ_j t_j in increasing j).
func SoftmaxCrossEntropy(logits *Var, targets *tensor.Tensor, axis int) *Var {
	zs := logits.Shape()
	if !tensor.SameShape(zs, targets.Shape) {
		tensor.Shapef("SoftmaxCrossEntropy: logits %v, targets %v", zs, targets.Shape)
	}
	axis = normAxis("SoftmaxCrossEntropy", axis, len(zs))
	outer, n, inner := splitAt(zs, axis)
	z, t := logits.Data(), append([]float32(nil), targets.Data...)
	out := tensor.New(without(zs, axis)...)
	// Per line (o, i), at index o*inner + i: its max, Σ exp(z - max) and Σ t.
	m, s, sumT := make([]float32, outer*inner), make([]float32, outer*inner), make([]float32, outer*inner)
	for o := range outer {
		for i := range inner {
			line, base := o*inner+i, o*n*inner+i
			m[line] = lineMax(z, base, n, inner)
			for k := range n {
				s[line] = s[line] + fmath.Exp(z[base+k*inner]-m[line])
				sumT[line] = sumT[line] + t[base+k*inner]
			}
			ls, acc := fmath.Log(s[line]), float32(0)
			for k := range n {
				j := base + k*inner
				acc = acc + float32(t[j]*((z[j]-m[line])-ls))
			}
			out.Data[line] = -acc
		}
	}
	return record("softmax_cross_entropy", out, func(out *Var) {
		dz, dout := gradOf(logits), out.Grad.Data
		for o := range outer {
			for i := range inner {
				line, base := o*inner+i, o*n*inner+i
				for k := range n {
					j := base + k*inner
					p := fmath.Exp(z[j]-m[line]) / s[line]
					dz[j] = dz[j] + float32(dout[line]*(float32(p*sumT[line])-t[j]))
				}
			}
		}
	}, logits)
}

// SparseSoftmaxCrossEntropy is SoftmaxCrossEntropy over the last axis with
// one-hot targets given by class index:
//
//	logits: (N, C)   labels: N ints in [0, C)   out: (N)
//
// loss_n = -((z_n,l - m) - log s) with m and s as in SoftmaxCrossEntropy, so
// the bits equal those of SoftmaxCrossEntropy with one-hot targets. A label
// outside [0, C) panics with ErrShape. labels is copied.
//
// Backward: dz_n,k += dout_n·(softmax(z_n)_k - [k == l_n]).
func SparseSoftmaxCrossEntropy(logits *Var, labels []int) *Var {
	zs := logits.Shape()
	if len(zs) != 2 || zs[0] != len(labels) {
		tensor.Shapef("SparseSoftmaxCrossEntropy: logits %v, %d labels: want (N, C) and N labels", zs, len(labels))
	}
	rows, c := zs[0], zs[1]
	for n, l := range labels {
		if l < 0 || l >= c {
			tensor.Shapef("SparseSoftmaxCrossEntropy: label %d (row %d) out of range [0, %d)", l, n, c)
		}
	}
	lab := append([]int(nil), labels...)
	z, out := logits.Data(), tensor.New(rows)
	m, s := make([]float32, rows), make([]float32, rows)
	for n := range rows {
		row := z[n*c : (n+1)*c]
		m[n] = lineMax(row, 0, c, 1)
		for _, v := range row {
			s[n] = s[n] + fmath.Exp(v-m[n])
		}
		out.Data[n] = -((row[lab[n]] - m[n]) - fmath.Log(s[n]))
	}
	return record("sparse_softmax_cross_entropy", out, func(out *Var) {
		dz, dout := gradOf(logits), out.Grad.Data
		for n := range rows {
			row, drow := z[n*c:(n+1)*c], dz[n*c:(n+1)*c]
			for k, v := range row {
				p := fmath.Exp(v-m[n]) / s[n]
				if k == lab[n] {
					p = p - 1
				}
				drow[k] = drow[k] + float32(dout[n]*p)
			}
		}
	}, logits)
}

// SigmoidCrossEntropy returns the binary cross-entropy of sigmoid(x) against
// targets z, elementwise, in the form that never overflows:
//
//	loss = max(x, 0) - x·z + log(1 + e^-|x|)
//	logits: any shape   targets: the same shape   out: the same shape
//
// The log term is computed in float64 (fmath.Log64, fmath.Exp64) and rounded
// once. targets is copied.
//
// Backward: dx += dout·(sigmoid(x) - z).
func SigmoidCrossEntropy(logits *Var, targets *tensor.Tensor) *Var {
	if !tensor.SameShape(logits.Shape(), targets.Shape) {
		tensor.Shapef("SigmoidCrossEntropy: logits %v, targets %v", logits.Shape(), targets.Shape)
	}
	x, t, out := logits.Data(), append([]float32(nil), targets.Data...), like(logits)
	for i, v := range x {
		soft := float32(fmath.Log64(1 + fmath.Exp64(-float64(max(v, -v)))))
		out.Data[i] = (max(v, 0) - float32(v*t[i])) + soft
	}
	return record("sigmoid_cross_entropy", out, func(out *Var) {
		dx, dout := gradOf(logits), out.Grad.Data
		for i := range dx {
			dx[i] = dx[i] + float32(dout[i]*(fmath.Sigmoid(x[i])-t[i]))
		}
	}, logits)
}
