package fmath

import "math"

// Exp returns e**x.
//
// Special cases: Exp(+Inf) = +Inf, Exp(-Inf) = 0, Exp(NaN) = NaN;
// results too large for float32 are +Inf, results too small are 0.
func Exp(x float32) float32 {
	if x != x {
		return x
	}
	return float32(Exp64(float64(x)))
}

// Exp64 returns e**x in float64 with the same bits on every platform.
// It is a port of the standard library's pure-Go exp (from FreeBSD's
// e_exp.c) with explicitly rounded products. Error < 1 ulp.
func Exp64(x float64) float64 {
	const (
		Ln2Hi = 6.93147180369123816490e-01
		Ln2Lo = 1.90821492927058770002e-10
		Log2e = 1.44269504088896338700e+00

		Overflow  = 7.09782712893383973096e+02
		Underflow = -7.45133219101941108420e+02
		NearZero  = 1.0 / (1 << 28) // 2**-28
	)

	switch {
	case x != x:
		return x
	case x > Overflow: // also +Inf
		return inf64
	case x < Underflow: // also -Inf
		return 0
	case -NearZero < x && x < NearZero:
		return 1 + x
	}

	// Reduce: x = k*ln2 + r, |r| <= ln2/2, r = hi - lo for extra precision.
	var k int
	if x < 0 {
		k = int(float64(Log2e*x) - 0.5)
	} else {
		k = int(float64(Log2e*x) + 0.5)
	}
	hi := x - float64(float64(k)*Ln2Hi)
	lo := float64(float64(k) * Ln2Lo)
	return expmulti(hi, lo, k)
}

// expmulti returns e**r * 2**k where r = hi - lo and |r| <= ln(2)/2.
func expmulti(hi, lo float64, k int) float64 {
	const (
		P1 = 1.66666666666666657415e-01  /* 0x3FC55555; 0x55555555 */
		P2 = -2.77777777770155933842e-03 /* 0xBF66C16C; 0x16BEBD93 */
		P3 = 6.61375632143793436117e-05  /* 0x3F11566A; 0xAF25DE2C */
		P4 = -1.65339022054652515390e-06 /* 0xBEBBBD41; 0xC5D26BF1 */
		P5 = 4.13813679705723846039e-08  /* 0x3E663769; 0x72BEA4D0 */
	)
	r := hi - lo
	t := float64(r * r)
	p := P4 + float64(t*P5)
	p = P3 + float64(t*p)
	p = P2 + float64(t*p)
	p = P1 + float64(t*p)
	c := r - float64(t*p)
	y := 1 - ((lo - float64(r*c)/(2-c)) - hi)
	return scalb(y, k)
}

// scalb returns y * 2**k for y in [0.5, 2) and -1100 < k < 1100.
// When the result is subnormal it is rounded once, like math.Ldexp.
func scalb(y float64, k int) float64 {
	switch {
	case k > 1023:
		return y * 0x1p1023 * pow2(k-1023) // first product exact
	case k < -1021:
		return y * pow2(k+1000) * 0x1p-1000 // first product exact and normal
	}
	return y * pow2(k)
}

// pow2 returns 2**k for -1022 <= k <= 1023.
func pow2(k int) float64 {
	return math.Float64frombits(uint64(k+1023) << 52)
}
