package layers

import "gonn/nn/ag"

// transposeAxis is Conv.axis for Conv2DTranspose along spatial axis i of
// extent n. The output extent is Keras' (compute_conv_transpose_output_shape):
//
//	output_padding None, "valid": (n−1)·s + max(dilated k, s)
//	output_padding None, "same":  n·s
//	output_padding p,    "valid": (n−1)·s + dilated k + p
//	output_padding p,    "same":  (n−1)·s + (dilated k mod 2) + p
//
// The padding is that of the convolution from the output back to the input,
// computed from the output extent as TensorFlow's conv2d_transpose does:
// none for "valid", ag.SamePadding for "same". ok is false when that
// convolution does not give back n (a "same" layer of an even kernel with
// output_padding 0 can do that), as TensorFlow then fails too.
func transposeAxis(g convGeometry, i, n int) (out, before, after int, ok bool) {
	k, s, d := g.kernel[i], g.strides[i], g.dilation[i]
	dk := (k-1)*d + 1 // dilated kernel
	same := g.padding == "same"
	switch {
	case g.outputPadding == nil && same:
		out = n * s
	case g.outputPadding == nil:
		out = (n-1)*s + max(dk, s)
	case same:
		out = (n-1)*s + dk%2 + g.outputPadding[i]
	default:
		out = (n-1)*s + dk + g.outputPadding[i]
	}
	if out < 1 {
		return 0, 0, 0, false
	}
	if same {
		before, after = ag.SamePadding(out, k, s, d)
	}
	return out, before, after, ag.ConvOutLen(out, k, s, d, before, after) == n
}
