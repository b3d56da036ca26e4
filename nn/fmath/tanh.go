package fmath

import "math"

// Tanh returns the hyperbolic tangent of x.
//
// Special cases: Tanh(±0) = ±0, Tanh(±Inf) = ±1, Tanh(NaN) = NaN.
func Tanh(x float32) float32 {
	if x != x {
		return x
	}
	t := math.Abs(float64(x))
	var r float64
	switch {
	case t > 10:
		// 1 - tanh(t) < 2e-9, below half a float32 ulp of 1.
		r = 1
	case t < 0x1p-10:
		// tanh(t) = t - t**3/3 + 2*t**5/15 - ...; the next term is
		// below 2**-60 relative, so this also keeps ±0.
		t2 := float64(t * t)
		r = t + float64(t*float64(t2*(-1.0/3+float64(t2*(2.0/15)))))
	default:
		// (e-1)/(e+1) with e = exp(2t). For t >= 2**-10 the cancellation
		// in e-1 costs at most 10 of float64's 53 bits.
		e := Exp64(2 * t)
		r = (e - 1) / (e + 1)
	}
	if math.Signbit(float64(x)) {
		r = -r
	}
	return float32(r)
}

// Sigmoid returns the logistic function 1/(1+e**-x). It never overflows:
// it saturates to 0 and 1 for large |x| and is accurate in both tails.
//
// Special cases: Sigmoid(+Inf) = 1, Sigmoid(-Inf) = 0, Sigmoid(NaN) = NaN.
func Sigmoid(x float32) float32 {
	if x != x {
		return x
	}
	if x >= 0 {
		return float32(1 / (1 + Exp64(-float64(x))))
	}
	e := Exp64(float64(x)) // in (0, 1): no overflow, full relative accuracy
	return float32(e / (1 + e))
}
