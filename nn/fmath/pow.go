package fmath

import "math"

// Sqrt returns the square root of x, correctly rounded.
//
// It is float32(math.Sqrt(float64(x))): square root is correctly rounded by
// IEEE 754 on every platform, and rounding a correctly rounded float64 square
// root to float32 is itself correctly rounded (53 >= 2*24+2).
// Sqrt(+Inf) = +Inf, Sqrt(±0) = ±0, Sqrt(x < 0) = NaN, Sqrt(NaN) = NaN.
func Sqrt(x float32) float32 {
	switch {
	case x != x:
		return x
	case x < 0:
		return nan32
	}
	return float32(math.Sqrt(float64(x)))
}

// Pow returns x**y, computed as exp(y*log|x|) in float64 and rounded once.
//
// Special cases follow math.Pow:
//
//	Pow(x, ±0) = 1 for any x (even NaN)
//	Pow(1, y) = 1 for any y (even NaN)
//	Pow(x, NaN) = Pow(NaN, y) = NaN otherwise
//	Pow(-1, ±Inf) = 1
//	Pow(±0, y) = ±Inf for y an odd integer < 0, +Inf for other y < 0
//	Pow(±0, y) = ±0 for y an odd integer > 0, +0 for other y > 0
//	Pow(x, y) for finite x < 0: |x|**y if y is an even integer,
//	  -(|x|**y) if y is an odd integer, NaN if y is not an integer
//	Pow(-Inf, y) = Pow(-0, -y)
//	Pow(x, ±Inf) for |x| != 1 is +Inf or +0 as |x|**±Inf
//
// Overflow gives +Inf (or -Inf for a negative base with odd y), underflow 0.
func Pow(x, y float32) float32 {
	switch {
	case y == 0 || x == 1:
		return 1
	case x != x:
		return x
	case y != y:
		return y
	}
	ax := x
	neg := false // negate the result: negative x with odd integer y
	if math.Signbit(float64(x)) {
		ax = -x
		switch {
		case isOddInt(y):
			neg = true
		case x == 0 || x < -math.MaxFloat32:
			// ±0 and ±Inf with non-odd y: sign does not matter.
		case !isInt(y):
			return nan32
		}
	}
	var r float64
	switch {
	case ax == 1: // only reachable with x == -1 and |y| an integer or Inf
		r = 1
	case ax == 0: // log would be -Inf
		if y < 0 {
			r = inf64
		}
	default:
		r = Exp64(float64(y) * Log64(float64(ax))) // y*log never NaN here
	}
	if neg {
		r = -r
	}
	return float32(r)
}

// isInt reports whether y is an integer (±Inf count as even integers).
func isInt(y float32) bool {
	if y > -(1<<24) && y < 1<<24 {
		return float32(int32(y)) == y
	}
	return true // all float32 with |y| >= 2**24 are even integers, or Inf
}

// isOddInt reports whether y is an odd integer.
func isOddInt(y float32) bool {
	return y > -(1<<24) && y < 1<<24 && float32(int32(y)) == y && int32(y)&1 == 1
}
