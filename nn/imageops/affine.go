package imageops

import (
	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// Affine maps each image of x through its transform, ts[n] for image n:
//
//	x: (N, H, W, C)   ts: N transforms   out: (N, H, W, C)
//
// Output pixel (y, x) reads the input at ts[n].Map(x, y), brought into the
// image by o.FillMode and interpolated by o.Interpolation. Bilinear reads
// the four pixels around the point, weighted (1−fy)(1−fx), (1−fy)fx,
// fy(1−fx), fy·fx by the point's fractional parts, and adds them in that
// order; a pixel outside the image (FillConstant) reads o.FillValue. This
// is the value TensorFlow's ImageProjectiveTransformV3 computes, up to the
// rounding of the weights (it interpolates along rows first).
func Affine(x *tensor.Tensor, ts []Transform, o Options) *tensor.Tensor {
	n, h, w, _ := dims4("Affine", x.Shape)
	return newSampling(n, h, w, ts, o).apply(x)
}

// AffineVar is Affine on the graph, with the same bits: the taps are
// gathered, weighted and summed by ag ops,
//
//	x (N, H, W, C) → (N·H·W, C) → Gather → (P·taps, C) · weights (P·taps, 1)
//	  → (P, taps, C) → Sum over taps → (P, C) [+ fill (P, 1)] → (N, H, W, C)
//
// with P = N·H·W output pixels.
//
// Backward: each output pixel's gradient goes back to the pixels it read,
// times their weights (Gather's scatter-add); the fill takes none.
func AffineVar(x *ag.Var, ts []Transform, o Options) *ag.Var {
	n, h, w, c := dims4("AffineVar", x.Shape())
	s := newSampling(n, h, w, ts, o)
	p := n * h * w
	taps := ag.Gather(ag.Reshape(x, p, c), s.index)                        // (P·taps, C)
	weighted := ag.Mul(taps, ag.Const(tensor.From(s.weight, p*s.taps, 1))) // (P·taps, C)
	y := ag.Sum(ag.Reshape(weighted, p, s.taps, c), []int{1}, false)       // (P, C)
	if s.fill != nil {
		y = ag.Add(y, ag.Const(tensor.From(s.fill, p, 1)))
	}
	return ag.Reshape(y, n, h, w, c)
}

// dims4 returns the extents of a batch of images, or panics with ErrShape.
func dims4(op string, shape []int) (n, h, w, c int) {
	if len(shape) != 4 {
		tensor.Shapef("imageops.%s: want images (N, H, W, C), got shape %v", op, shape)
	}
	return shape[0], shape[1], shape[2], shape[3]
}
