package fmath

// Tanh returns the hyperbolic tangent of x.
//
// Special cases: Tanh(±0) = ±0, Tanh(±Inf) = ±1, Tanh(NaN) = NaN.
func Tanh(x float32) float32 {
	if x != x || x == 0 {
		return x
	}
	// Work on t = |x| in float64. (Comparisons rather than math.Abs and
	// math.Signbit: those cost a round trip through integer registers,
	// which made this function 3x slower on amd64.)
	t := float64(x)
	neg := t < 0
	if neg {
		t = -t
	}
	var r float64
	switch {
	case t > 10:
		// 1 - tanh(t) < 5e-9, below half a float32 ulp of 1.
		r = 1
	case t < 0x1p-5:
		// Taylor series t - t**3/3 + 2t**5/15 - 17t**7/315 + 62t**9/2835;
		// the first omitted term is below 2**-56 relative.
		t2 := float64(t * t)
		p := -17.0/315 + float64(t2*(62.0/2835))
		p = 2.0/15 + float64(t2*p)
		p = -1.0/3 + float64(t2*p)
		r = t + float64(t*float64(t2*p))
	default:
		// (e-1)/(e+1) with e = exp(2t). For t >= 2**-5 the cancellation
		// in e-1 costs at most 5 of float64's 53 bits.
		e := Exp64(2 * t)
		r = (e - 1) / (e + 1)
	}
	if neg {
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
