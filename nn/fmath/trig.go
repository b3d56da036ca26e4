package fmath

import (
	"math"
	"math/bits"
)

// Sin64 returns the sine of the radian argument x in float64 with the same
// bits on every platform. It is a port of the standard library's pure-Go sin
// (Cephes) with explicitly rounded products; huge arguments use Payne-Hanek
// reduction. Sin64(±0) = ±0, Sin64(±Inf) = NaN, Sin64(NaN) = NaN.
func Sin64(x float64) float64 {
	switch {
	case x == 0 || x != x:
		return x
	case math.IsInf(x, 0):
		return nan64
	}
	sign := false
	if x < 0 {
		x = -x
		sign = true
	}
	j, z := trigOctant(x)
	if j > 3 { // reflect in x axis
		sign = !sign
		j -= 4
	}
	var y float64
	if j == 1 || j == 2 {
		y = cosPoly(z)
	} else {
		y = sinPoly(z)
	}
	if sign {
		y = -y
	}
	return y
}

// Cos64 returns the cosine of the radian argument x in float64 with the same
// bits on every platform. Cos64(±Inf) = NaN, Cos64(NaN) = NaN.
func Cos64(x float64) float64 {
	switch {
	case x != x:
		return x
	case math.IsInf(x, 0):
		return nan64
	}
	j, z := trigOctant(math.Abs(x))
	sign := false
	if j > 3 {
		j -= 4
		sign = !sign
	}
	if j > 1 {
		sign = !sign
	}
	var y float64
	if j == 1 || j == 2 {
		y = sinPoly(z)
	} else {
		y = cosPoly(z)
	}
	if sign {
		y = -y
	}
	return y
}

// trigOctant reduces x >= 0 to z in [-pi/4, pi/4] and the octant j in 0..7
// (always even after mapping zeros to the origin) with x = j*pi/4 + z mod 2pi.
func trigOctant(x float64) (j uint64, z float64) {
	const (
		PI4A = 7.85398125648498535156e-1  // 0x3fe921fb40000000, Pi/4 split into three parts
		PI4B = 3.77489470793079817668e-8  // 0x3e64442d00000000,
		PI4C = 2.69515142907905952645e-15 // 0x3ce8469898cc5170,
	)
	if x >= reduceThreshold {
		return trigReduce(x)
	}
	j = uint64(float64(x * (4 / math.Pi)))
	y := float64(j)
	if j&1 == 1 { // map zeros to origin
		j++
		y++
	}
	j &= 7
	z = ((x - float64(y*PI4A)) - float64(y*PI4B)) - float64(y*PI4C)
	return j, z
}

// sinPoly approximates sin(z) for |z| <= pi/4.
func sinPoly(z float64) float64 {
	const (
		S0 = 1.58962301576546568060e-10 // 0x3de5d8fd1fd19ccd
		S1 = -2.50507477628578072866e-8 // 0xbe5ae5e5a9291f5d
		S2 = 2.75573136213857245213e-6  // 0x3ec71de3567d48a1
		S3 = -1.98412698295895385996e-4 // 0xbf2a01a019bfdf03
		S4 = 8.33333333332211858878e-3  // 0x3f8111111110f7d0
		S5 = -1.66666666666666307295e-1 // 0xbfc5555555555548
	)
	zz := float64(z * z)
	p := float64(S0*zz) + S1
	p = float64(p*zz) + S2
	p = float64(p*zz) + S3
	p = float64(p*zz) + S4
	p = float64(p*zz) + S5
	return z + float64(float64(z*zz)*p)
}

// cosPoly approximates cos(z) for |z| <= pi/4.
func cosPoly(z float64) float64 {
	const (
		C0 = -1.13585365213876817300e-11 // 0xbda8fa49a0861a9b
		C1 = 2.08757008419747316778e-9   // 0x3e21ee9d7b4e3f05
		C2 = -2.75573141792967388112e-7  // 0xbe927e4f7eac4bc6
		C3 = 2.48015872888517045348e-5   // 0x3efa01a019c844f5
		C4 = -1.38888888888730564116e-3  // 0xbf56c16c16c14f91
		C5 = 4.16666666666665929218e-2   // 0x3fa555555555554b
	)
	zz := float64(z * z)
	p := float64(C0*zz) + C1
	p = float64(p*zz) + C2
	p = float64(p*zz) + C3
	p = float64(p*zz) + C4
	p = float64(p*zz) + C5
	return 1.0 - float64(0.5*zz) + float64(float64(zz*zz)*p)
}

// reduceThreshold is the largest x for which the 3-part Cody-Waite
// reduction by pi/4 in trigOctant is exact enough (see math/trig_reduce.go).
const reduceThreshold = 1 << 29

// trigReduce implements Payne-Hanek range reduction by pi/4 for
// x >= reduceThreshold using only integer arithmetic (copied from the
// standard library's math/trig_reduce.go). It returns the octant j and
// the remainder z in [-pi/4, pi/4].
func trigReduce(x float64) (j uint64, z float64) {
	const (
		PI4   = math.Pi / 4
		shift = 52
		mask  = 0x7ff
		bias  = 1023
	)
	// x = ix * 2**exp.
	ix := math.Float64bits(x)
	exp := int(ix>>shift&mask) - bias - shift
	ix &^= mask << shift
	ix |= 1 << shift
	// Use the exponent to extract the 3 appropriate uint64 digits from mPi4,
	// B ~ (z0, z1, z2), such that the product leading digit has the exponent -61.
	digit, bitshift := uint(exp+61)/64, uint(exp+61)%64
	z0 := (mPi4[digit] << bitshift) | (mPi4[digit+1] >> (64 - bitshift))
	z1 := (mPi4[digit+1] << bitshift) | (mPi4[digit+2] >> (64 - bitshift))
	z2 := (mPi4[digit+2] << bitshift) | (mPi4[digit+3] >> (64 - bitshift))
	// Multiply mantissa by the digits and extract the upper two digits (hi, lo).
	z2hi, _ := bits.Mul64(z2, ix)
	z1hi, z1lo := bits.Mul64(z1, ix)
	z0lo := z0 * ix
	lo, c := bits.Add64(z1lo, z2hi, 0)
	hi, _ := bits.Add64(z0lo, z1hi, c)
	// The top 3 bits are j.
	j = hi >> 61
	// Extract the fraction and find its magnitude.
	hi = hi<<3 | lo>>61
	lz := uint(bits.LeadingZeros64(hi))
	e := uint64(bias - (lz + 1))
	// Clear implicit mantissa bit and shift into place.
	hi = (hi << (lz + 1)) | (lo >> (64 - (lz + 1)))
	hi >>= 64 - shift
	// Include the exponent and convert to a float.
	hi |= e << shift
	z = math.Float64frombits(hi)
	// Map zeros to origin.
	if j&1 == 1 {
		j++
		j &= 7
		z--
	}
	return j, z * PI4
}

// mPi4 is the binary digits of 4/pi as a uint64 array,
// that is, 4/pi = Sum mPi4[i]*2^(-64*i).
var mPi4 = [...]uint64{
	0x0000000000000001,
	0x45f306dc9c882a53,
	0xf84eafa3ea69bb81,
	0xb6c52b3278872083,
	0xfca2c757bd778ac3,
	0x6e48dc74849ba5c0,
	0x0c925dd413a32439,
	0xfc3bd63962534e7d,
	0xd1046bea5d768909,
	0xd338e04d68befc82,
	0x7323ac7306a673e9,
	0x3908bf177bf25076,
	0x3ff12fffbc0b301f,
	0xde5e2316b414da3e,
	0xda6cfd9e4f96136e,
	0x9e8c7ecd3cbfd45a,
	0xea4f758fd7cbe2f6,
	0x7a0e73ef14a525d4,
	0xd7f6bf623f1aba10,
	0xac06608df8f6d757,
}
