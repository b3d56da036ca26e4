package mnistdata

import "math"

// The MNIST geometry: each digit was scaled, keeping its aspect ratio, to fit
// a Box×Box square, then placed in a Side×Side image so that its center of
// mass falls on the image's center.
const (
	Side   = 28
	Box    = 20
	Pixels = Side * Side
)

// Digitize turns a drawing into an MNIST image the way the MNIST digits were
// made: it crops the ink to its bounding box, scales it by area averaging
// (anti-aliased, aspect ratio kept) to fit Box×Box, and places it in a
// Side×Side image with its center of mass at the center, moved by whole
// pixels. ink holds w×h values row-major, 0 for paper and 255 for full ink.
// The result is Pixels values in [0, 1], row-major; ok is false if there is
// no ink at all. Digitize panics if len(ink) is not w·h.
func Digitize(ink []uint8, w, h int) (img []float32, ok bool) {
	if w < 0 || h < 0 || len(ink) != w*h {
		panic("Digitize: ink does not hold w×h values")
	}
	x0, y0, x1, y1, ok := inkBounds(ink, w, h)
	if !ok {
		return nil, false
	}
	bw, bh := x1-x0, y1-y0
	scale := float64(Box) / float64(max(bw, bh))
	tw, th := scaledSize(bw, scale), scaledSize(bh, scale)

	// Resample rows, then columns: area averaging is separable.
	cols := overlaps(bw, tw, scale)
	rows := overlaps(bh, th, scale)
	wide := make([]float64, bh*tw) // (bh, tw): the rows, resampled
	for y := range bh {
		src := ink[(y0+y)*w+x0 : (y0+y)*w+x1]
		dst := wide[y*tw : (y+1)*tw]
		for x, v := range src {
			if v == 0 {
				continue
			}
			for _, o := range cols[x] {
				dst[o.to] += float64(v) / 255 * o.weight
			}
		}
	}
	small := make([]float64, th*tw) // (th, tw): the digit, Box×Box at most
	for y := range bh {
		for _, o := range rows[y] {
			for x := range tw {
				small[o.to*tw+x] += wide[y*tw+x] * o.weight
			}
		}
	}
	return center(small, tw, th), true
}

// inkBounds returns the bounding box [x0, x1)×[y0, y1) of the nonzero ink.
func inkBounds(ink []uint8, w, h int) (x0, y0, x1, y1 int, ok bool) {
	x0, y0 = w, h
	for y := range h {
		for x, v := range ink[y*w : (y+1)*w] {
			if v != 0 {
				x0, x1 = min(x0, x), max(x1, x+1)
				y0, y1 = min(y0, y), max(y1, y+1)
			}
		}
	}
	return x0, y0, x1, y1, x1 > x0
}

// scaledSize is the number of target pixels that n source pixels cover at
// scale, at most Box (rounding cannot push the long side past it).
func scaledSize(n int, scale float64) int {
	return min(Box, max(1, int(math.Ceil(float64(n)*scale-1e-9))))
}

// overlap says that a source pixel covers weight of target pixel to (in
// target pixel areas along one axis).
type overlap struct {
	to     int
	weight float64
}

// overlaps returns, for each of n source pixels at scale, the target pixels
// (of m) it covers: source pixel i spans [i·scale, (i+1)·scale) in target
// units, and its weight in target pixel t is the length of that span inside
// [t, t+1). The weights of one source pixel sum to scale, and the weights
// into one inner target pixel sum to 1, so a target value is the mean of
// the ink it covers.
func overlaps(n, m int, scale float64) [][]overlap {
	out := make([][]overlap, n)
	for i := range n {
		lo, hi := float64(i)*scale, float64(i+1)*scale
		for t := int(lo); t < m && float64(t) < hi; t++ {
			if w := min(hi, float64(t+1)) - max(lo, float64(t)); w > 0 {
				out[i] = append(out[i], overlap{t, w})
			}
		}
	}
	return out
}

// center places the w×h image small in a Side×Side image, shifted by whole
// pixels so that its center of mass is as close as possible to the center,
// and clamps the values to [0, 1]. Pixels shifted out of the image are lost.
func center(small []float64, w, h int) []float32 {
	var mass, mx, my float64
	for y := range h {
		for x := range w {
			v := small[y*w+x]
			mass += v
			mx += v * (float64(x) + 0.5)
			my += v * (float64(y) + 0.5)
		}
	}
	dx := int(math.Round(Side/2 - mx/mass))
	dy := int(math.Round(Side/2 - my/mass))
	img := make([]float32, Pixels)
	for y := range h {
		for x := range w {
			tx, ty := x+dx, y+dy
			if tx >= 0 && tx < Side && ty >= 0 && ty < Side {
				img[ty*Side+tx] = float32(min(1, small[y*w+x]))
			}
		}
	}
	return img
}

// AlphaInk returns the alpha channel of RGBA pixels (a canvas's ImageData):
// on a transparent canvas, the ink.
func AlphaInk(rgba []byte) []uint8 {
	ink := make([]uint8, len(rgba)/4)
	for i := range ink {
		ink[i] = rgba[4*i+3]
	}
	return ink
}
