package ag

import "gonn/nn/tensor"

// Sum adds a over axes (negative counts from the end; empty or nil means all
// axes). The reduced axes are dropped from the shape, or kept with extent 1
// when keepDims:
//
//	a: (N, T, D)   axes [1]   out: (N, D), or (N, 1, D) with keepDims
//
// Each output starts at 0 and adds its terms in increasing flat index of a,
// which is increasing index along each reduced axis (the last reduced axis
// fastest).
//
// Backward: da += dout, repeated along the reduced axes.
func Sum(a *Var, axes []int, keepDims bool) *Var {
	keep, shape := reducedShapes("Sum", a.Shape(), axes, keepDims)
	out := tensor.From(sumTo(a.Data(), a.Shape(), keep), shape...)
	return record("sum", out, func(out *Var) {
		if dx := gradOf(a); dx != nil {
			expandAdd(dx, out.Grad.Data, keep, a.Shape())
		}
	}, a)
}

// Mean averages a over axes, as Sum (same shapes, same order of additions),
// dividing each sum by the number of terms.
//
// Backward: da += dout/count, repeated along the reduced axes.
func Mean(a *Var, axes []int, keepDims bool) *Var {
	keep, shape := reducedShapes("Mean", a.Shape(), axes, keepDims)
	count := float32(0) // terms per output (0 for an empty a: the mean is NaN)
	if k := tensor.NumElements(keep); k > 0 {
		count = float32(a.Value.Size() / k)
	}
	y := sumTo(a.Data(), a.Shape(), keep)
	for i := range y {
		y[i] = y[i] / count
	}
	out := tensor.From(y, shape...)
	return record("mean", out, func(out *Var) {
		if dx := gradOf(a); dx != nil {
			g := make([]float32, len(out.Grad.Data))
			for i, v := range out.Grad.Data {
				g[i] = v / count
			}
			expandAdd(dx, g, keep, a.Shape())
		}
	}, a)
}

// SumAll adds every element of a, in increasing index, into a scalar
// (shape []).
//
// Backward: da += dout.
func SumAll(a *Var) *Var {
	s := float32(0)
	for _, v := range a.Data() {
		s = s + v
	}
	return record("sum_all", tensor.Scalar(s), func(out *Var) {
		dx, g := gradOf(a), out.Grad.Data[0]
		for i := range dx {
			dx[i] = dx[i] + g
		}
	}, a)
}

// MeanAll averages every element of a into a scalar (shape []): SumAll
// divided by the number of elements.
//
// Backward: da += dout/size.
func MeanAll(a *Var) *Var {
	s := float32(0)
	for _, v := range a.Data() {
		s = s + v
	}
	n := float32(a.Value.Size())
	return record("mean_all", tensor.Scalar(s/n), func(out *Var) {
		dx, g := gradOf(a), out.Grad.Data[0]/n
		for i := range dx {
			dx[i] = dx[i] + g
		}
	}, a)
}

// reducedShapes returns the shape of a reduction over axes with the reduced
// axes kept as 1 (the layout both shapes share), and the output shape.
func reducedShapes(op string, in, axes []int, keepDims bool) (keep, out []int) {
	keep = append([]int{}, in...)
	reduced := make([]bool, len(in))
	if len(axes) == 0 {
		for i := range reduced {
			reduced[i] = true
		}
	}
	for _, ax := range axes {
		i := normAxis(op, ax, len(in))
		if reduced[i] {
			tensor.Shapef("%s: axis %d repeated in %v", op, ax, axes)
		}
		reduced[i] = true
	}
	out = []int{}
	for i, r := range reduced {
		switch {
		case r:
			keep[i] = 1
			if keepDims {
				out = append(out, 1)
			}
		default:
			out = append(out, in[i])
		}
	}
	return keep, out
}
