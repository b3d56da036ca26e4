package imageops

import "math"

// mapCoord brings a coordinate along an axis of n pixels into the image
// the way fill mode m extends it, as TensorFlow's projective transform does
// (its XLA kernel; the CPU kernel differs for FillWrap beyond one period):
//
//	FillReflect   c taken modulo 2n into [0, 2n), then mirrored: c > n−1 → 2n−1−c
//	FillWrap      c taken modulo n into [0, n)
//	FillNearest   c itself
//	FillConstant  c itself, unclamped: reading outside yields the fill value
//
// and, but for FillConstant, clamped into [0, n−1], so that a point between
// the last pixel and its reflection or wrap reads the last pixel. An axis of
// one pixel maps everything to 0.
func mapCoord(m FillMode, c float32, n int) float32 {
	size := float32(n)
	switch m {
	case FillConstant:
		return c
	case FillReflect:
		if n > 1 {
			c = mod(c, 2*size)
			if c > size-1 {
				c = float32(2*size) - 1 - c
			}
		}
	case FillWrap:
		if n > 1 {
			c = mod(c, size)
		}
	}
	return min(max(c, 0), size-1)
}

// mod returns c modulo p in [0, p): c − p·trunc(c/p), plus p if negative.
func mod(c, p float32) float32 {
	c = c - float32(p*float32(math.Trunc(float64(c/p))))
	if c < 0 {
		c = c + p
	}
	return c
}
