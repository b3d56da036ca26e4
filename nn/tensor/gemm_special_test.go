package tensor

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// specialSlice returns n values from a seeded PCG that stress float32
// arithmetic in a product whose inner extent is k: ordinary values, ±0,
// subnormals, tiny normals whose products underflow, values spread over
// 2^±40, and, rarer as k grows so that most sums stay finite, large
// magnitudes whose products overflow and ±Inf and NaNs (quiet, with random
// payloads and signs).
func specialSlice(seed uint64, n, k int) []float32 {
	r := rand.New(rand.NewPCG(seed, 2))
	sign := func() uint32 { return r.Uint32() & (1 << 31) }
	s := make([]float32, n)
	for i := range s {
		switch {
		case r.IntN(16*(k+1)) == 0: // about one C element in eight sees an Inf or a NaN
			s[i] = [3]float32{float32(math.Inf(1)), float32(math.Inf(-1)),
				math.Float32frombits(sign() | 0x7fc00000 | r.Uint32N(1<<22))}[r.IntN(3)]
		case r.IntN(2*(k+1)) == 0: // ≥ 2^73: the product of two overflows
			s[i] = math.Float32frombits(sign() | (200+r.Uint32N(54))<<23 | r.Uint32N(1<<23))
		default:
			switch u := r.IntN(10); {
			case u < 4:
				s[i] = r.Float32()*2 - 1
			case u < 5:
				s[i] = math.Float32frombits(sign()) // ±0
			case u < 7:
				s[i] = math.Float32frombits(sign() | (1 + r.Uint32N(1<<23-1))) // subnormal
			case u < 8:
				s[i] = math.Float32frombits(sign() | (1+r.Uint32N(8))<<23 | r.Uint32N(1<<23)) // tiny normal
			default:
				s[i] = float32(math.Ldexp(r.Float64()*2-1, r.IntN(81)-40))
			}
		}
	}
	return s
}

// kindOf sorts a float32 into the kinds specialSlice makes.
func kindOf(v float32) string {
	bits := math.Float32bits(v)
	switch exp := bits >> 23 & 0xff; {
	case v != v:
		return "NaN"
	case math.IsInf(float64(v), 0):
		return "Inf"
	case v == 0 && bits != 0:
		return "-0"
	case v == 0:
		return "+0"
	case exp == 0:
		return "subnormal"
	case exp >= 200:
		return "large"
	}
	return "normal"
}

// sameBits returns the index of the first element whose bits differ, or -1.
// Two NaNs count as equal: which NaN's payload a sum or product carries is
// not part of the contract (see Gemm).
func sameBits(want, got []float32) int {
	for i := range want {
		w, g := want[i], got[i]
		if math.Float32bits(w) != math.Float32bits(g) && !(w != w && g != g) {
			return i
		}
	}
	return -1
}

// specialSlice makes every kind of value, and a product of its matrices
// every kind of result, so that the tests comparing kernels see them all.
func TestSpecialSlice_Covers(t *testing.T) {
	const m, n, k = 200, 200, 1
	a, b, c0 := specialSlice(1, m*k, k), specialSlice(2, k*n, k), specialSlice(3, m*n, k)
	for name, values := range map[string][]float32{"inputs": append(a, b...), "products": naive32(false, false, m, n, k, a, b, c0)} {
		count := map[string]int{}
		for _, v := range values {
			count[kindOf(v)]++
		}
		for _, kind := range []string{"NaN", "Inf", "-0", "+0", "subnormal", "large", "normal"} {
			assert.Positive(t, count[kind], "no %s among the %s", kind, name)
		}
	}
}

func TestSameBits(t *testing.T) {
	nan1, nan2 := math.Float32frombits(0x7fc00001), math.Float32frombits(0xffc00002)
	negZero := math.Float32frombits(1 << 31)
	tests := []struct {
		name      string
		want, got []float32
		diff      int
	}{
		{"equal", []float32{1, 2}, []float32{1, 2}, -1},
		{"value", []float32{1, 2}, []float32{1, 3}, 1},
		{"zero sign", []float32{0}, []float32{negZero}, 0},
		{"NaN payloads", []float32{nan1}, []float32{nan2}, -1},
		{"NaN against a number", []float32{1, nan1}, []float32{1, 1}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { require.Equal(t, tc.diff, sameBits(tc.want, tc.got)) })
	}
}
