package imageops

import "math"

// Transform is a projective transform as Keras and TensorFlow write it,
// eight numbers [a0 a1 a2 b0 b1 b2 c0 c1] (the ninth, 1, is implicit). It
// maps an output pixel (x, y) (x the column, y the row) to the input
// point it samples:
//
//	k = c0·x + c1·y + 1
//	input x = (a0·x + a1·y + a2) / k
//	input y = (b0·x + b1·y + b2) / k
//
// so it is the inverse of the motion the image undergoes: Translation(1, 0)
// samples one pixel to the left, which moves the image one pixel right.
type Transform [8]float32

// Identity samples every pixel where it is.
var Identity = Transform{1, 0, 0, 0, 1, 0, 0, 0}

// Map returns the input point that output pixel (x, y) samples, in float32
// with every product rounded on its own.
func (t Transform) Map(x, y float32) (inX, inY float32) {
	k := float32(t[6]*x) + float32(t[7]*y) + 1
	inX = (float32(t[0]*x) + float32(t[1]*y) + t[2]) / k
	inY = (float32(t[3]*x) + float32(t[4]*y) + t[5]) / k
	return inX, inY
}

// Rotation turns an image of h rows and w columns by angle radians about
// its centre ((w−1)/2, (h−1)/2), counter-clockwise as it is seen (rows
// downwards) for a positive angle: Keras' RandomRotation matrix,
//
//	[cos −sin x_offset; sin cos y_offset]
//	x_offset = ((w−1) − (cos·(w−1) − sin·(h−1))) / 2
//	y_offset = ((h−1) − (sin·(w−1) + cos·(h−1))) / 2
//
// computed in float64 and rounded once to float32.
func Rotation(angle float64, h, w int) Transform {
	sin, cos := sincos(angle)
	hf, wf := float64(h-1), float64(w-1)
	xOffset := (wf - (float64(cos*wf) - float64(sin*hf))) / 2
	yOffset := (hf - (float64(sin*wf) + float64(cos*hf))) / 2
	return Transform{
		float32(cos), float32(-sin), float32(xOffset),
		float32(sin), float32(cos), float32(yOffset),
		0, 0,
	}
}

// Translation moves an image dx pixels right and dy pixels down (Keras'
// RandomTranslation matrix [1 0 −dx; 0 1 −dy]).
func Translation(dx, dy float32) Transform {
	return Transform{1, 0, -dx, 0, 1, -dy, 0, 0}
}

// Zoom scales the sampling grid of an image of h rows and w columns about
// its centre by zx across and zy down (Keras' RandomZoom matrix): a factor
// above 1 zooms out (the image shrinks), below 1 zooms in (0.5 doubles it).
//
//	[zx 0 (w−1)/2·(1−zx); 0 zy (h−1)/2·(1−zy)]
func Zoom(zx, zy float32, h, w int) Transform {
	xOffset := float32(float32(w-1)/2) * (1 - zx)
	yOffset := float32(float32(h-1)/2) * (1 - zy)
	return Transform{zx, 0, xOffset, 0, zy, yOffset, 0, 0}
}

// sincos returns sin x and cos x for |x| up to about 1e6 (augmentation
// angles are within ±2π), to about 1e-16, with the same bits on every
// platform: x is reduced by the nearest multiple q of π/2 (π/2 split in two
// parts, Cody–Waite, so the reduction loses nothing), then Taylor series of
// the remainder r, |r| ≤ π/4, to the r¹⁷ and r¹⁶ terms, with every product
// rounded on its own.
func sincos(x float64) (sin, cos float64) {
	const (
		pio2Hi = 1.57079632673412561417e+00 // the first 33 bits of π/2
		pio2Lo = 6.07710050650619224932e-11 // π/2 − pio2Hi
	)
	q := math.Round(x / (math.Pi / 2))
	r := (x - float64(q*pio2Hi)) - float64(q*pio2Lo)
	s, c := sinSeries(r), cosSeries(r)
	switch int64(q) & 3 {
	case 0:
		return s, c
	case 1:
		return c, -s
	case 2:
		return -s, -c
	default:
		return -c, s
	}
}

// sinSeries is Σ (−1)^k r^(2k+1)/(2k+1)! for k = 0…8, by Horner's rule.
func sinSeries(r float64) float64 {
	r2 := float64(r * r)
	p := 1.0 / 355687428096000 // 1/17!
	for _, c := range [...]float64{-1.0 / 1307674368000, 1.0 / 6227020800, -1.0 / 39916800,
		1.0 / 362880, -1.0 / 5040, 1.0 / 120, -1.0 / 6, 1} {
		p = c + float64(p*r2)
	}
	return float64(p * r)
}

// cosSeries is Σ (−1)^k r^(2k)/(2k)! for k = 0…8, by Horner's rule.
func cosSeries(r float64) float64 {
	r2 := float64(r * r)
	p := 1.0 / 20922789888000 // 1/16!
	for _, c := range [...]float64{-1.0 / 87178291200, 1.0 / 479001600, -1.0 / 3628800,
		1.0 / 40320, -1.0 / 720, 1.0 / 24, -1.0 / 2, 1} {
		p = c + float64(p*r2)
	}
	return p
}
