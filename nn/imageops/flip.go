package imageops

import (
	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// Flip says how one image is mirrored.
type Flip struct {
	LeftRight bool // column x ↔ W−1−x (Keras' "horizontal")
	UpDown    bool // row y ↔ H−1−y (Keras' "vertical")
}

// FlipImages mirrors each image of x as flips[n] says:
//
//	x: (N, H, W, C)   flips: N   out: (N, H, W, C)
//
// Pixels are copied, never computed: the values keep their bits.
func FlipImages(x *tensor.Tensor, flips []Flip) *tensor.Tensor {
	n, h, w, c := dims4("FlipImages", x.Shape)
	out := tensor.New(x.Shape...)
	for p, src := range flipSources(n, h, w, flips) {
		copy(out.Data[p*c:(p+1)*c], x.Data[src*c:(src+1)*c])
	}
	return out
}

// FlipImagesVar is FlipImages on the graph: a Gather of the pixels
// (N·H·W, C) in flipped order.
//
// Backward: each pixel's gradient goes back to the pixel it was copied from.
func FlipImagesVar(x *ag.Var, flips []Flip) *ag.Var {
	n, h, w, c := dims4("FlipImagesVar", x.Shape())
	y := ag.Gather(ag.Reshape(x, n*h*w, c), flipSources(n, h, w, flips))
	return ag.Reshape(y, n, h, w, c)
}

// flipSources returns, for each output pixel (n, y, x) in row-major order,
// the input pixel it copies.
func flipSources(n, h, w int, flips []Flip) []int {
	if len(flips) != n {
		tensor.Shapef("imageops: %d flips for %d images", len(flips), n)
	}
	src := make([]int, 0, n*h*w)
	for b, f := range flips {
		for y := range h {
			sy := y
			if f.UpDown {
				sy = h - 1 - y
			}
			for x := range w {
				sx := x
				if f.LeftRight {
					sx = w - 1 - x
				}
				src = append(src, (b*h+sy)*w+sx)
			}
		}
	}
	return src
}
