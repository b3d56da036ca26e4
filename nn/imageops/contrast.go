package imageops

import (
	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// AdjustContrast scales each image's values about their mean, per channel,
// as Keras' RandomContrast does:
//
//	x: (N, H, W, C)   factors: N   out[n, y, x, c] = (x[n, y, x, c] − m[n, c])·factors[n] + m[n, c]
//
// where m[n, c] is the mean of channel c of image n over its H·W pixels
// (summed in row-major order from 0, then divided by H·W, as ag.Mean does).
// A factor of 1 keeps the image, 0 makes it flat, above 1 spreads it. No
// clipping here: RandomContrast clips to its value range afterwards.
func AdjustContrast(x *tensor.Tensor, factors []float32) *tensor.Tensor {
	n, h, w, c := dims4("AdjustContrast", x.Shape)
	checkFactors(len(factors), n)
	out := tensor.New(x.Shape...)
	pixels := h * w
	for b := range n {
		img, dst := x.Data[b*pixels*c:(b+1)*pixels*c], out.Data[b*pixels*c:(b+1)*pixels*c]
		mean := make([]float32, c)
		for p := range pixels {
			for ch := range c {
				mean[ch] = mean[ch] + img[p*c+ch]
			}
		}
		for ch := range mean {
			mean[ch] = mean[ch] / float32(pixels)
		}
		f := factors[b]
		for p := range pixels {
			for ch, m := range mean {
				dst[p*c+ch] = float32((img[p*c+ch]-m)*f) + m
			}
		}
	}
	return out
}

// AdjustContrastVar is AdjustContrast on the graph, with the same bits:
//
//	m = Mean(x, axes H, W) (N, 1, 1, C);  out = (x − m)·f + m,  f: (N, 1, 1, 1)
//
// Backward: through Sub, Mul, Add and Mean; the mean makes every pixel of
// an image channel depend on all the others, by (1−f)/(H·W).
func AdjustContrastVar(x *ag.Var, factors []float32) *ag.Var {
	n, _, _, _ := dims4("AdjustContrastVar", x.Shape())
	checkFactors(len(factors), n)
	mean := ag.Mean(x, []int{1, 2}, true) // (N, 1, 1, C)
	f := ag.Const(tensor.From(append([]float32(nil), factors...), n, 1, 1, 1))
	return ag.Add(ag.Mul(ag.Sub(x, mean), f), mean)
}

func checkFactors(got, n int) {
	if got != n {
		tensor.Shapef("imageops: %d contrast factors for %d images", got, n)
	}
}
