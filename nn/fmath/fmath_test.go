package fmath

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reference results: the float64 math package result rounded to float32.
var (
	refExp   = func(x float32) float32 { return float32(math.Exp(float64(x))) }
	refLog   = func(x float32) float32 { return float32(math.Log(float64(x))) }
	refTanh  = func(x float32) float32 { return float32(math.Tanh(float64(x))) }
	refSqrt  = func(x float32) float32 { return float32(math.Sqrt(float64(x))) }
	refSigmo = func(x float32) float32 {
		if x >= 0 {
			return float32(1 / (1 + math.Exp(-float64(x))))
		}
		e := math.Exp(float64(x))
		return float32(e / (1 + e))
	}
)

var funcs32 = []struct {
	name   string
	f, ref func(float32) float32
	maxUlp uint64
}{
	{"Exp", Exp, refExp, 1},
	{"Log", Log, refLog, 1},
	{"Tanh", Tanh, refTanh, 1},
	{"Sigmoid", Sigmoid, refSigmo, 1},
	{"Sqrt", Sqrt, refSqrt, 0},
}

// ulps32 returns the number of float32 values between a and b (0 if equal,
// or if both are NaN; MaxUint64 if only one is NaN). +0 and -0 differ by 1.
func ulps32(a, b float32) uint64 {
	if a != a || b != b {
		if a != a && b != b {
			return 0
		}
		return math.MaxUint64
	}
	return dist(ordered32(a), ordered32(b))
}

func ulps64(a, b float64) uint64 {
	if a != a || b != b {
		if a != a && b != b {
			return 0
		}
		return math.MaxUint64
	}
	return dist(ordered64(a), ordered64(b))
}

// ordered32 maps float32 bits to integers in the same order as the floats.
func ordered32(x float32) int64 {
	b := int64(math.Float32bits(x))
	if b&(1<<31) != 0 {
		return -(b &^ (1 << 31)) - 1
	}
	return b
}

func ordered64(x float64) int64 {
	b := math.Float64bits(x)
	if b>>63 != 0 {
		return -int64(b&^(1<<63)) - 1
	}
	return int64(b)
}

func dist(a, b int64) uint64 {
	if a > b {
		return uint64(a - b)
	}
	return uint64(b - a)
}

// sweep32 returns every stride-th float32 bit pattern (all signs, NaNs and
// infinities included) plus n seeded random values, plus the special values.
func sweep32(stride uint64, n int) []float32 {
	xs := specials32()
	for b := uint64(0); b < 1<<32; b += stride {
		xs = append(xs, math.Float32frombits(uint32(b)))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range n / 2 {
		xs = append(xs, math.Float32frombits(r.Uint32()))
	}
	for range n / 2 { // dense in the range that matters for activations
		xs = append(xs, float32(r.Float64()*64-32))
	}
	return xs
}

func specials32() []float32 {
	inf := float32(math.Inf(1))
	return []float32{0, float32(math.Copysign(0, -1)), 1, -1, 0.5, -0.5, 2, -2, 1e-45, -1e-45,
		math.SmallestNonzeroFloat32, math.MaxFloat32, -math.MaxFloat32, 0x1p-126, 0x1p-10, -0x1p-10,
		88.72283, 88.72284, -103.97208, -103.97209, -87.33655, 9, 9.1, 10, -10, 20, -20,
		inf, -inf, float32(math.NaN())}
}

// worst reports the largest ulp error of f against ref over xs and the first
// input at which it occurs.
func worst(f, ref func(float32) float32, xs []float32) (maxUlp uint64, at float32) {
	for _, x := range xs {
		if d := ulps32(f(x), ref(x)); d > maxUlp {
			maxUlp, at = d, x
		}
	}
	return maxUlp, at
}

func TestAccuracy32(t *testing.T) {
	xs := sweep32(997, 200000)
	for _, tc := range funcs32 {
		t.Run(tc.name, func(t *testing.T) {
			d, x := worst(tc.f, tc.ref, xs)
			t.Logf("%s: max %d ulp over %d inputs", tc.name, d, len(xs))
			require.LessOrEqualf(t, d, tc.maxUlp, "%s(%g) [bits %#08x] = %g, want %g (%d ulp)",
				tc.name, x, math.Float32bits(x), tc.f(x), tc.ref(x), d)
		})
	}
}

func TestAccuracyPow(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var maxUlp uint64
	for i := range 300000 {
		var x, y float32
		switch i % 3 {
		case 0: // any positive x, moderate y
			x = math.Float32frombits(r.Uint32() >> 1)
			y = float32(r.Float64()*8 - 4)
		case 1: // x near 1, large y
			x = float32(0.5 + r.Float64())
			y = float32(r.Float64()*400 - 200)
		default: // negative x, integer y
			x = -float32(r.Float64() * 10)
			y = float32(r.IntN(41) - 20)
		}
		want := float32(math.Pow(float64(x), float64(y)))
		d := ulps32(Pow(x, y), want)
		if d > 1 {
			require.Failf(t, "Pow", "Pow(%g, %g) = %g, want %g", x, y, Pow(x, y), want)
		}
		maxUlp = max(maxUlp, d)
	}
	t.Logf("Pow: max %d ulp", maxUlp)
}

func TestAccuracy64(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var xs []float64
	for range 200000 {
		xs = append(xs, math.Float64frombits(r.Uint64()))
		xs = append(xs, r.Float64()*1400-700)
		xs = append(xs, r.Float64()*20-10)
		xs = append(xs, r.Float64()) // PRNG inputs: uniform in [0, 1)
	}
	for b := uint64(0); b < 1<<32; b += 9973 { // sweep the top half of the bits
		xs = append(xs, math.Float64frombits(b<<32))
	}
	for _, tc := range []struct {
		name   string
		f, ref func(float64) float64
		maxUlp uint64
	}{
		// amd64's assembly math.Exp is itself off by up to ~1.3 ulp.
		{"Exp64", Exp64, math.Exp, 2},
		{"Log64", Log64, refLog64, 1},
		{"Sin64", Sin64, math.Sin, 1},
		{"Cos64", Cos64, math.Cos, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var maxUlp uint64
			for _, x := range xs {
				if (tc.name == "Sin64" || tc.name == "Cos64") && math.Abs(x) > 1e6 {
					// the stdlib pure-Go path is the reference; its asm on other
					// platforms may differ. Compare only against itself here.
					continue
				}
				d := ulps64(tc.f(x), tc.ref(x))
				if d > tc.maxUlp {
					require.Failf(t, tc.name, "%s(%v) [bits %#016x] = %v, want %v", tc.name, x,
						math.Float64bits(x), tc.f(x), tc.ref(x))
				}
				maxUlp = max(maxUlp, d)
			}
			t.Logf("%s: max %d ulp over %d inputs", tc.name, maxUlp, len(xs))
		})
	}
}

// refLog64 is math.Log, except for subnormal x, where amd64's assembly
// math.Log is badly wrong (golang/go#56600).
func refLog64(x float64) float64 {
	if x > 0 && x < 0x1p-1022 {
		return math.Log(x*0x1p54) - 54*math.Ln2
	}
	return math.Log(x)
}

func TestSpecialValues(t *testing.T) {
	inf := float32(math.Inf(1))
	nan := float32(math.NaN())
	negZero := float32(math.Copysign(0, -1))
	for _, tc := range []struct {
		name string
		got  float32
		want float32
	}{
		{"Exp(0)", Exp(0), 1},
		{"Exp(-0)", Exp(negZero), 1},
		{"Exp(1)", Exp(1), float32(math.E)},
		{"Exp(+Inf)", Exp(inf), inf},
		{"Exp(-Inf)", Exp(-inf), 0},
		{"Exp(NaN)", Exp(nan), nan},
		{"Exp(89) overflow", Exp(89), inf},
		{"Exp(-104) underflow", Exp(-104), 0},
		{"Exp(-103) subnormal", Exp(-103), refExp(-103)},
		{"Log(1)", Log(1), 0},
		{"Log(2)", Log(2), float32(math.Ln2)},
		{"Log(0)", Log(0), -inf},
		{"Log(-0)", Log(negZero), -inf},
		{"Log(-1)", Log(-1), nan},
		{"Log(-Inf)", Log(-inf), nan},
		{"Log(+Inf)", Log(inf), inf},
		{"Log(NaN)", Log(nan), nan},
		{"Log(min subnormal)", Log(math.SmallestNonzeroFloat32), refLog(math.SmallestNonzeroFloat32)},
		{"Tanh(0)", Tanh(0), 0},
		{"Tanh(-0)", Tanh(negZero), negZero},
		{"Tanh(+Inf)", Tanh(inf), 1},
		{"Tanh(-Inf)", Tanh(-inf), -1},
		{"Tanh(20)", Tanh(20), 1},
		{"Tanh(-1e30)", Tanh(-1e30), -1},
		{"Tanh(NaN)", Tanh(nan), nan},
		{"Tanh(1e-30)", Tanh(1e-30), 1e-30},
		{"Sigmoid(0)", Sigmoid(0), 0.5},
		{"Sigmoid(+Inf)", Sigmoid(inf), 1},
		{"Sigmoid(-Inf)", Sigmoid(-inf), 0},
		{"Sigmoid(100)", Sigmoid(100), 1},
		{"Sigmoid(-100)", Sigmoid(-100), refSigmo(-100)},
		{"Sigmoid(-1000)", Sigmoid(-1000), 0},
		{"Sigmoid(MaxFloat32)", Sigmoid(math.MaxFloat32), 1},
		{"Sigmoid(-MaxFloat32)", Sigmoid(-math.MaxFloat32), 0},
		{"Sigmoid(NaN)", Sigmoid(nan), nan},
		{"Sqrt(4)", Sqrt(4), 2},
		{"Sqrt(-0)", Sqrt(negZero), negZero},
		{"Sqrt(-1)", Sqrt(-1), nan},
		{"Sqrt(+Inf)", Sqrt(inf), inf},
		{"Sqrt(NaN)", Sqrt(nan), nan},
		{"Pow(2, 10)", Pow(2, 10), 1024},
		{"Pow(NaN, 0)", Pow(nan, 0), 1},
		{"Pow(1, NaN)", Pow(1, nan), 1},
		{"Pow(NaN, 1)", Pow(nan, 1), nan},
		{"Pow(2, NaN)", Pow(2, nan), nan},
		{"Pow(0, 2)", Pow(0, 2), 0},
		{"Pow(0, -2)", Pow(0, -2), inf},
		{"Pow(-0, 3)", Pow(negZero, 3), negZero},
		{"Pow(-0, -3)", Pow(negZero, -3), -inf},
		{"Pow(-0, 0.5)", Pow(negZero, 0.5), 0},
		{"Pow(-2, 3)", Pow(-2, 3), -8},
		{"Pow(-2, 2)", Pow(-2, 2), 4},
		{"Pow(-2, -1)", Pow(-2, -1), -0.5},
		{"Pow(-2, 0.5)", Pow(-2, 0.5), nan},
		{"Pow(-2, 1e10)", Pow(-2, 1e10), inf},
		{"Pow(-1, Inf)", Pow(-1, inf), 1},
		{"Pow(-1, -Inf)", Pow(-1, -inf), 1},
		{"Pow(0.5, Inf)", Pow(0.5, inf), 0},
		{"Pow(2, Inf)", Pow(2, inf), inf},
		{"Pow(2, -Inf)", Pow(2, -inf), 0},
		{"Pow(-3, Inf)", Pow(-3, inf), inf},
		{"Pow(Inf, 2)", Pow(inf, 2), inf},
		{"Pow(Inf, -2)", Pow(inf, -2), 0},
		{"Pow(-Inf, 3)", Pow(-inf, 3), -inf},
		{"Pow(-Inf, -3)", Pow(-inf, -3), negZero},
		{"Pow(-Inf, 2)", Pow(-inf, 2), inf},
		{"Pow(-Inf, 0.5)", Pow(-inf, 0.5), inf},
		{"Pow(10, 39) overflow", Pow(10, 39), inf},
		{"Pow(-10, 39) overflow", Pow(-10, 39), -inf},
		{"Pow(10, -46) underflow", Pow(10, -46), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.want != tc.want {
				assert.True(t, tc.got != tc.got, "got %v, want NaN", tc.got)
				return
			}
			assert.Equal(t, math.Float32bits(tc.want), math.Float32bits(tc.got), "got %v, want %v", tc.got, tc.want)
		})
	}
	// Pow agrees with math.Pow on every combination of special arguments.
	sp := specials32()
	for _, x := range sp {
		for _, y := range sp {
			want := float32(math.Pow(float64(x), float64(y)))
			require.LessOrEqualf(t, ulps32(Pow(x, y), want), uint64(1), "Pow(%v, %v) = %v, want %v", x, y, Pow(x, y), want)
		}
	}
	// Generated NaNs are canonical; NaN arguments pass through unchanged.
	payload := math.Float32frombits(0x7fc01234)
	for _, f := range funcs32 {
		assert.Equal(t, uint32(0x7fc01234), math.Float32bits(f.f(payload)), f.name)
	}
	assert.Equal(t, uint32(0x7fc00000), math.Float32bits(Log(-1)))
	assert.Equal(t, uint32(0x7fc00000), math.Float32bits(Pow(-2, 0.5)))
	assert.Equal(t, math.Float64bits(math.NaN()), math.Float64bits(Log64(-1)))
	assert.Equal(t, math.Float64bits(math.NaN()), math.Float64bits(Sin64(math.Inf(1))))
}

func TestMonotonic(t *testing.T) {
	for _, tc := range []struct {
		name   string
		f      func(float32) float32
		lo, hi float32
	}{
		{"Exp", Exp, -110, 90},
		{"Log", Log, 0, math.MaxFloat32},
		{"Tanh", Tanh, -12, 12},
		{"Sigmoid", Sigmoid, -110, 30},
		{"Sqrt", Sqrt, 0, math.MaxFloat32},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Walk the floats in [lo, hi] in increasing order, 251 at a time.
			prev := tc.f(tc.lo)
			for o := ordered32(tc.lo); o <= ordered32(tc.hi); o += 251 {
				x := fromOrdered32(o)
				y := tc.f(x)
				if y < prev {
					require.Failf(t, tc.name, "%s not monotonic at %g", tc.name, x)
				}
				prev = y
			}
		})
	}
}

func fromOrdered32(o int64) float32 {
	if o < 0 {
		return math.Float32frombits(uint32(-o-1) | 1<<31)
	}
	return math.Float32frombits(uint32(o))
}

// goldenInputs returns 100k fixed inputs: 50k bit patterns spread evenly over
// all float32 (including infinities and NaNs) and 50k spread over [-16, 16].
func goldenInputs() []float32 {
	xs := make([]float32, 0, 100000)
	for i := range uint64(50000) {
		xs = append(xs, math.Float32frombits(uint32(i*(1<<32)/50000)))
	}
	for i := range uint64(50000) {
		b := uint32(i * 0x41800000 / 25000 / 2) // |x| < 16
		if i&1 == 1 {
			b |= 1 << 31
		}
		xs = append(xs, math.Float32frombits(b))
	}
	return xs
}

// golden holds FNV-64a hashes of the result bits over goldenInputs, recorded
// on linux/amd64. They must be the same on every platform.
var golden = map[string]uint64{
	"Exp":     0x2dc2235f6fbb6773,
	"Log":     0x1282c44b331a70c6,
	"Tanh":    0xd62cc4df6f27bf3c,
	"Sigmoid": 0x8472ac442aca5434,
	"Sqrt":    0xb69cdb0f2d294e46,
	"Pow":     0x3bc9c31b99e29ac1,
	"Exp64":   0x9e05281f43bdb6d0,
	"Log64":   0x1addfb8550a63711,
	"Sin64":   0x1ac426898937762c,
	"Cos64":   0x2967e0a15258fd76,
}

func TestGoldenHash(t *testing.T) {
	xs := goldenInputs()
	hash32 := func(f func(float32) float32) uint64 {
		h := fnv.New64a()
		var buf [4]byte
		for _, x := range xs {
			binary.LittleEndian.PutUint32(buf[:], math.Float32bits(f(x)))
			h.Write(buf[:])
		}
		return h.Sum64()
	}
	hash64 := func(f func(float64) float64) uint64 {
		h := fnv.New64a()
		var buf [8]byte
		for i, x := range xs {
			// Widen the inputs with extra low bits so all 52 bits matter.
			x64 := math.Float64frombits(math.Float64bits(float64(x)) ^ uint64(i)*0x9e3779b9&(1<<29-1))
			binary.LittleEndian.PutUint64(buf[:], math.Float64bits(f(x64)))
			h.Write(buf[:])
		}
		return h.Sum64()
	}
	got := map[string]uint64{
		"Exp":     hash32(Exp),
		"Log":     hash32(Log),
		"Tanh":    hash32(Tanh),
		"Sigmoid": hash32(Sigmoid),
		"Sqrt":    hash32(Sqrt),
		"Pow": hash32(func() func(float32) float32 {
			// Cycle y through a fixed list, with both x and |x| as the base.
			// (No arithmetic on x here: NaN payloads of arithmetic are
			// platform dependent.)
			ys := []float32{2, -2, 3, -3, 0.5, -0.5, 0.75, 1.5, -1.25, 7, 1e-3, 40, -45, 0}
			i := 0
			return func(x float32) float32 {
				i++
				if i&1 == 0 {
					x = math.Float32frombits(math.Float32bits(x) &^ (1 << 31))
				}
				return Pow(x, ys[i%len(ys)])
			}
		}()),
		"Exp64": hash64(Exp64),
		"Log64": hash64(Log64),
		"Sin64": hash64(Sin64),
		"Cos64": hash64(Cos64),
	}
	for name, want := range golden {
		assert.Equalf(t, want, got[name], "%s: golden hash %#x, got %#x", name, want, got[name])
	}
	if t.Failed() {
		for name, h := range got {
			t.Logf("%q: %#x,", name, h)
		}
	}
}

var sink32 float32
var sink64 float64

func bench32(b *testing.B, f func(float32) float32, lo, hi float32) {
	xs := make([]float32, 1024)
	r := rand.New(rand.NewPCG(7, 8))
	for i := range xs {
		xs[i] = lo + float32(r.Float64())*(hi-lo)
	}
	var s float32
	for i := 0; b.Loop(); i++ {
		s += f(xs[i&1023])
	}
	sink32 = s
}

func bench64(b *testing.B, f func(float64) float64, lo, hi float64) {
	xs := make([]float64, 1024)
	r := rand.New(rand.NewPCG(7, 8))
	for i := range xs {
		xs[i] = lo + r.Float64()*(hi-lo)
	}
	var s float64
	for i := 0; b.Loop(); i++ {
		s += f(xs[i&1023])
	}
	sink64 = s
}

func BenchmarkExp(b *testing.B)     { bench32(b, Exp, -20, 20) }
func BenchmarkLog(b *testing.B)     { bench32(b, Log, 0, 100) }
func BenchmarkTanh(b *testing.B)    { bench32(b, Tanh, -5, 5) }
func BenchmarkSigmoid(b *testing.B) { bench32(b, Sigmoid, -10, 10) }
func BenchmarkSqrt(b *testing.B)    { bench32(b, Sqrt, 0, 100) }
func BenchmarkPow(b *testing.B) {
	bench32(b, func(x float32) float32 { return Pow(x, 0.75) }, 0, 100)
}
func BenchmarkExp64(b *testing.B) { bench64(b, Exp64, -20, 20) }
func BenchmarkLog64(b *testing.B) { bench64(b, Log64, 0, 1) }
func BenchmarkSin64(b *testing.B) { bench64(b, Sin64, 0, 2*math.Pi) }
func BenchmarkCos64(b *testing.B) { bench64(b, Cos64, 0, 2*math.Pi) }

// Standard library, for comparison (not deterministic across platforms).
func BenchmarkMathExp(b *testing.B) {
	bench32(b, func(x float32) float32 { return float32(math.Exp(float64(x))) }, -20, 20)
}
func BenchmarkMathTanh(b *testing.B) {
	bench32(b, func(x float32) float32 { return float32(math.Tanh(float64(x))) }, -5, 5)
}
