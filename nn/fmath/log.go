package fmath

import "math"

// Log returns the natural logarithm of x.
//
// Special cases: Log(+Inf) = +Inf, Log(±0) = -Inf, Log(x < 0) = NaN,
// Log(NaN) = NaN.
func Log(x float32) float32 {
	if x != x {
		return x
	}
	return float32(Log64(float64(x)))
}

// Log64 returns the natural logarithm of x in float64 with the same bits on
// every platform. It is a port of the standard library's pure-Go log (from
// FreeBSD's e_log.c) with explicitly rounded products. Error < 1 ulp.
func Log64(x float64) float64 {
	const (
		Ln2Hi = 6.93147180369123816490e-01 /* 3fe62e42 fee00000 */
		Ln2Lo = 1.90821492927058770002e-10 /* 3dea39ef 35793c76 */
		L1    = 6.666666666666735130e-01   /* 3FE55555 55555593 */
		L2    = 3.999999999940941908e-01   /* 3FD99999 9997FA04 */
		L3    = 2.857142874366239149e-01   /* 3FD24924 94229359 */
		L4    = 2.222219843214978396e-01   /* 3FCC71C5 1D8E78AF */
		L5    = 1.818357216161805012e-01   /* 3FC74664 96CB03DE */
		L6    = 1.531383769920937332e-01   /* 3FC39A09 D078C69F */
		L7    = 1.479819860511658591e-01   /* 3FC2F112 DF3E5244 */
	)

	switch {
	case x != x || x > math.MaxFloat64: // NaN, +Inf
		return x
	case x < 0:
		return nan64
	case x == 0:
		return -inf64
	}

	// Reduce: x = 2**ki * f1 with f1 in [sqrt(2)/2, sqrt(2)).
	f1, ki := frexp(x)
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	f := f1 - 1
	k := float64(ki)

	// log(1+f) = f - f*f/2 + s*(f*f/2 + R) with s = f/(2+f).
	s := f / (2 + f)
	s2 := float64(s * s)
	s4 := float64(s2 * s2)
	t1 := L5 + float64(s4*L7)
	t1 = L3 + float64(s4*t1)
	t1 = L1 + float64(s4*t1)
	t1 = float64(s2 * t1)
	t2 := L4 + float64(s4*L6)
	t2 = L2 + float64(s4*t2)
	t2 = float64(s4 * t2)
	R := t1 + t2
	hfsq := float64(0.5 * f * f)
	return float64(k*Ln2Hi) - ((hfsq - (float64(s*(hfsq+R)) + float64(k*Ln2Lo))) - f)
}

// frexp splits a finite x > 0 into a fraction in [0.5, 1) and a power of two.
func frexp(x float64) (frac float64, exp int) {
	if x < 0x1p-1022 { // subnormal: normalize exactly
		x *= 0x1p52
		exp = -52
	}
	b := math.Float64bits(x)
	exp += int(b>>52) - 1022
	b = b&^(0x7ff<<52) | 1022<<52
	return math.Float64frombits(b), exp
}
