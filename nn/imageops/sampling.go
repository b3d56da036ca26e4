package imageops

import (
	"math"

	"gonn/nn/tensor"
)

// sampling is an affine transform of a batch written out as taps, the
// weighted input pixels each output pixel reads:
//
//	out[p, c] = Σ_k weight[p·taps+k] · in[index[p·taps+k], c]  (+ fill[p])
//
// p = (n·H + y)·W + x runs over the output pixels and index over the input
// pixels of the whole batch (both (N·H·W)); the sum starts at 0 and adds
// k = 0, 1, … in order. Bilinear reads taps = 4 pixels, (y0, x0), (y0, x1),
// (y1, x0), (y1, x1) with y1 = y0+1 and x1 = x0+1; nearest reads one. A
// tap outside the image (FillConstant) reads the fill value instead: its
// weight·FillValue goes into fill[p] and the tap itself gets weight 0 on
// pixel 0 of the same image. fill is nil when it would be all zeros.
type sampling struct {
	n, h, w, taps int
	index         []int     // (N·H·W·taps) input pixels
	weight        []float32 // (N·H·W·taps)
	fill          []float32 // (N·H·W) or nil
}

// newSampling writes out the taps of transforms ts, one per image, for a
// batch of n images of h×w pixels.
func newSampling(n, h, w int, ts []Transform, o Options) *sampling {
	if len(ts) != n {
		tensor.Shapef("imageops: %d transforms for %d images", len(ts), n)
	}
	taps := 4
	if o.Interpolation == NearestPixel {
		taps = 1
	}
	s := &sampling{n: n, h: h, w: w, taps: taps,
		index: make([]int, n*h*w*taps), weight: make([]float32, n*h*w*taps)}
	fill := make([]float32, n*h*w)
	anyFill := false
	for b, t := range ts {
		for y := range h {
			for x := range w {
				p := (b*h+y)*w + x
				inX, inY := t.Map(float32(x), float32(y))
				inX, inY = mapCoord(o.FillMode, inX, w), mapCoord(o.FillMode, inY, h)
				outside := s.setTaps(p, b, inX, inY, o.Interpolation)
				if outside != 0 && o.FillValue != 0 {
					fill[p] = float32(o.FillValue * outside)
					anyFill = true
				}
			}
		}
	}
	if anyFill {
		s.fill = fill
	}
	return s
}

// setTaps fills the taps of output pixel p, which reads image b at
// (inX, inY), and returns the total weight of taps outside the image.
func (s *sampling) setTaps(p, b int, inX, inY float32, interp Interpolation) (outside float32) {
	at := p * s.taps
	tap := func(k, y, x int, weight float32) {
		if y < 0 || y >= s.h || x < 0 || x >= s.w {
			s.index[at+k], s.weight[at+k] = b*s.h*s.w, 0
			outside = outside + weight
			return
		}
		s.index[at+k], s.weight[at+k] = (b*s.h+y)*s.w+x, weight
	}
	if interp == NearestPixel {
		tap(0, roundIndex(inY), roundIndex(inX), 1)
		return outside
	}
	y0f, x0f := float32(math.Floor(float64(inY))), float32(math.Floor(float64(inX)))
	wy1, wx1 := inY-y0f, inX-x0f         // weights of the row and column below / right
	wy0, wx0 := (y0f+1)-inY, (x0f+1)-inX // and above / left
	y0, x0 := floorIndex(y0f), floorIndex(x0f)
	tap(0, y0, x0, float32(wy0*wx0))
	tap(1, y0, x0+1, float32(wy0*wx1))
	tap(2, y0+1, x0, float32(wy1*wx0))
	tap(3, y0+1, x0+1, float32(wy1*wx1))
	return outside
}

// roundIndex is the pixel a coordinate rounds to, halves away from zero
// (see floorIndex for coordinates far outside).
func roundIndex(c float32) int { return floorIndex(float32(math.Round(float64(c)))) }

// floorIndex converts an integral coordinate to an index. Coordinates far
// outside any image (or NaN, from a degenerate transform) become -2 or
// 1<<30, so that the index and the next one are both outside.
func floorIndex(c float32) int {
	switch {
	case c >= 1<<30:
		return 1 << 30
	case c >= -2:
		return int(c)
	}
	return -2
}

// apply computes the output batch from x (N, H, W, C).
func (s *sampling) apply(x *tensor.Tensor) *tensor.Tensor {
	c := x.Shape[3]
	out := tensor.New(x.Shape...)
	in := x.Data
	for p := range s.n * s.h * s.w {
		row := out.Data[p*c : (p+1)*c]
		for k := range s.taps {
			src, wt := s.index[p*s.taps+k]*c, s.weight[p*s.taps+k]
			for ch := range row {
				row[ch] = row[ch] + float32(wt*in[src+ch])
			}
		}
		if s.fill != nil {
			for ch := range row {
				row[ch] = row[ch] + s.fill[p]
			}
		}
	}
	return out
}
