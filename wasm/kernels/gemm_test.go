package kernels

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"slices"
	"testing"

	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/require"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// memoryModule is the smallest module exporting a memory ("memory", one
// page, no maximum): the stand-in for the engine, whose memory the kernels
// import as engine.memory.
var memoryModule = []byte{
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
	0x05, 0x03, 0x01, 0x00, 0x01, // memory section: one memory, min 1 page, no max
	0x07, 0x0a, 0x01, 0x06, 'm', 'e', 'm', 'o', 'r', 'y', 0x02, 0x00, // export "memory", memory 0
}

// kernelModule is kernels.wasm instantiated in wazero on a memory of its
// own, with a bump allocator over that memory.
type kernelModule struct {
	ctx  context.Context
	mem  api.Memory
	gemm api.Function
	next uint32 // the next free byte
}

func newKernelModule(t testing.TB) *kernelModule {
	t.Helper()
	bin, err := os.ReadFile("kernels.wasm")
	require.NoError(t, err)
	return newKernelModuleFrom(t, bin)
}

// newKernelModuleFrom instantiates the kernel module bin.
func newKernelModuleFrom(t testing.TB, bin []byte) *kernelModule {
	t.Helper()
	ctx := context.Background()
	rt := wazero.NewRuntime(ctx)
	t.Cleanup(func() { rt.Close(ctx) })
	engine, err := rt.InstantiateWithConfig(ctx, memoryModule, wazero.NewModuleConfig().WithName("engine"))
	require.NoError(t, err)
	mod, err := rt.InstantiateWithConfig(ctx, bin, wazero.NewModuleConfig().WithName("kernels"))
	require.NoError(t, err)
	gemm := mod.ExportedFunction("gemm")
	require.NotNil(t, gemm, "kernels.wasm exports no gemm")
	return &kernelModule{ctx: ctx, mem: engine.Memory(), gemm: gemm}
}

// reset frees every buffer.
func (km *kernelModule) reset() { km.next = 64 }

// guard is written after every buffer: a kernel that writes past one
// changes it.
var guard = []float32{math.Float32frombits(0x12345678), -1234.5, 3e38, 1e-40}

// put stores f at a fresh address that is 4-byte but not 16-byte aligned
// (the kernels must not rely on more than float alignment), followed by
// guard, and returns the address.
func (km *kernelModule) put(t testing.TB, f []float32) uint32 {
	t.Helper()
	p := (km.next+15)&^15 + 4
	km.next = p + uint32(4*(len(f)+len(guard)))
	if need := km.next; need > km.mem.Size() {
		_, ok := km.mem.Grow((need - km.mem.Size() + 65535) / 65536)
		require.True(t, ok, "growing the memory to %d bytes", need)
	}
	require.True(t, km.mem.Write(p, floatBytes(slices.Concat(f, guard))))
	return p
}

// get reads n floats at p.
func (km *kernelModule) get(t testing.TB, p uint32, n int) []float32 {
	t.Helper()
	b, ok := km.mem.Read(p, uint32(4*n))
	require.True(t, ok)
	f := make([]float32, n)
	for i := range f {
		f[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return f
}

// gemmCase is one call of the kernel: shapes, flags and operands.
type gemmCase struct {
	transA, transB, accumulate bool
	m, n, k                    int
	a, b, c                    []float32 // c is C before the call
}

func (g gemmCase) String() string {
	return fmt.Sprintf("m=%d n=%d k=%d transA=%v transB=%v accumulate=%v", g.m, g.n, g.k, g.transA, g.transB, g.accumulate)
}

// run calls the kernel on g's operands, checks that it wrote only C, and
// returns C after the call.
func (km *kernelModule) run(t *testing.T, g gemmCase) []float32 {
	t.Helper()
	km.reset()
	before := km.put(t, guard)
	pa, pb, pc := km.put(t, g.a), km.put(t, g.b), km.put(t, g.c)
	scratch := km.put(t, make([]float32, scratchFloats(g.m, g.n, g.k)))
	_, err := km.gemm.Call(km.ctx, i32(g.transA), i32(g.transB), uint64(g.m), uint64(g.n), uint64(g.k),
		uint64(pa), uint64(pb), uint64(pc), i32(g.accumulate), uint64(scratch))
	require.NoError(t, err, "%v", g)
	requireBits(t, slices.Concat(guard, guard), km.get(t, before, 2*len(guard)), "%v: the kernel wrote before A", g)
	requireBits(t, slices.Concat(g.a, guard), km.get(t, pa, len(g.a)+len(guard)), "%v: A or its guard changed", g)
	requireBits(t, slices.Concat(g.b, guard), km.get(t, pb, len(g.b)+len(guard)), "%v: B or its guard changed", g)
	requireBits(t, guard, km.get(t, pc+uint32(4*len(g.c)), len(guard)), "%v: the kernel wrote past C", g)
	requireBits(t, guard, km.get(t, scratch+uint32(4*scratchFloats(g.m, g.n, g.k)), len(guard)), "%v: the kernel wrote past its scratch", g)
	return km.get(t, pc, len(g.c))
}

func i32(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// naiveGemm is Gemm's contract written straight from the formula: every
// element is c0 + float32(a·b) added one product at a time in increasing p.
func naiveGemm(g gemmCase) []float32 {
	c := append([]float32(nil), g.c...)
	for i := range g.m {
		for j := range g.n {
			var sum float32
			if g.accumulate {
				sum = c[i*g.n+j]
			}
			for p := range g.k {
				a, b := g.a[i*g.k+p], g.b[p*g.n+j]
				if g.transA {
					a = g.a[p*g.m+i]
				}
				if g.transB {
					b = g.b[j*g.k+p]
				}
				sum = sum + float32(a*b)
			}
			c[i*g.n+j] = sum
		}
	}
	return c
}

// randomCase fills a case of the given shape with values of mixed
// magnitudes (so that rounding order shows) drawn from r.
func randomCase(r *rng.Rand, m, n, k int, transA, transB, accumulate bool) gemmCase {
	fill := func(size int) []float32 {
		f := make([]float32, size)
		for i := range f {
			f[i] = float32(r.Normal()) * []float32{1, 1e-3, 10, 1e4}[r.Intn(4)]
		}
		return f
	}
	return gemmCase{transA, transB, accumulate, m, n, k, fill(m * k), fill(k * n), fill(m * n)}
}

// TestGemm_MatchesGoLoops runs the kernel on shapes that reach every path
// (full 4×8 blocks, the 1-row tail, the narrow last panel, k = 0, whole
// blocks of op(A) and panels of op(B) packed 4 values of k at a time, k a
// multiple of 4 or not) with
// every combination of transA, transB and accumulate, plus random shapes,
// and requires the bits of the formula and of tensor.Gemm.
func TestGemm_MatchesGoLoops(t *testing.T) {
	km := newKernelModule(t)
	r := rng.New(7)
	shapes := [][3]int{
		{1, 1, 1}, {1, 1, 0}, {3, 5, 0}, {4, 8, 1}, {4, 8, 16}, {5, 9, 3}, {7, 3, 11},
		{8, 16, 32}, {13, 17, 19}, {1, 33, 7}, {33, 70, 129}, {128, 10, 64}, {2, 100, 5}, {70, 9, 5}, {131, 17, 3},
		{8, 8, 4}, {12, 24, 13}, {16, 16, 6}, {4, 9, 8},
	}
	for range 40 {
		shapes = append(shapes, [3]int{1 + r.Intn(40), 1 + r.Intn(40), r.Intn(60)})
	}
	for _, s := range shapes {
		for flags := range 8 {
			g := randomCase(r, s[0], s[1], s[2], flags&1 != 0, flags&2 != 0, flags&4 != 0)
			got := km.run(t, g)
			requireBits(t, naiveGemm(g), got, "%v: the kernel differs from the formula", g)
			want := append([]float32(nil), g.c...)
			tensor.Gemm(g.transA, g.transB, g.m, g.n, g.k, g.a, g.b, want, g.accumulate)
			requireBits(t, want, got, "%v: the kernel differs from tensor.Gemm", g)
		}
	}
}

// TestGemm_SpecialValues: signed zeros, subnormals, infinities and sums
// that overflow keep the formula's bits too (a NaN result need only be a
// NaN: wasm leaves NaN payloads open).
func TestGemm_SpecialValues(t *testing.T) {
	km := newKernelModule(t)
	specials := []float32{0, float32(math.Copysign(0, -1)), 1e-45, -3e-39, 1.5e-38, 3e38, -3e38,
		float32(math.Inf(1)), float32(math.Inf(-1)), 1, -1, 0.1}
	r := rng.New(3)
	pick := func(n int) []float32 {
		f := make([]float32, n)
		for i := range f {
			f[i] = specials[r.Intn(len(specials))]
		}
		return f
	}
	for _, s := range [][3]int{{4, 8, 5}, {9, 13, 17}, {1, 3, 2}} {
		for flags := range 8 {
			m, n, k := s[0], s[1], s[2]
			g := gemmCase{flags&1 != 0, flags&2 != 0, flags&4 != 0, m, n, k, pick(m * k), pick(k * n), pick(m * n)}
			requireBits(t, naiveGemm(g), km.run(t, g), "%v", g)
		}
	}
}

// TestGemm_ReadsOnlyItsOperands puts A, then B, as the last bytes of the
// memory: a kernel that reads past either (even a value it then drops)
// traps.
func TestGemm_ReadsOnlyItsOperands(t *testing.T) {
	km := newKernelModule(t)
	r := rng.New(9)
	for _, s := range [][3]int{{5, 9, 3}, {3, 13, 6}, {1, 1, 1}, {8, 8, 2}, {8, 8, 7}, {6, 5, 9}} {
		for flags := range 4 {
			g := randomCase(r, s[0], s[1], s[2], flags&1 != 0, flags&2 != 0, false)
			for _, last := range []string{"A", "B"} {
				km.reset()
				pc := km.put(t, g.c)
				scratch := km.put(t, make([]float32, scratchFloats(g.m, g.n, g.k)))
				first, second := g.b, g.a
				if last == "B" {
					first, second = g.a, g.b
				}
				p1 := km.put(t, first)
				p2 := km.mem.Size() - uint32(4*len(second)) // ends where the memory ends
				require.Greater(t, p2, km.next)
				require.True(t, km.mem.Write(p2, floatBytes(second)))
				pa, pb := p1, p2
				if last == "A" {
					pa, pb = p2, p1
				}
				_, err := km.gemm.Call(km.ctx, i32(g.transA), i32(g.transB), uint64(g.m), uint64(g.n), uint64(g.k),
					uint64(pa), uint64(pb), uint64(pc), 0, uint64(scratch))
				require.NoError(t, err, "%v with %s last in memory", g, last)
				requireBits(t, naiveGemm(g), km.get(t, pc, len(g.c)), "%v with %s last in memory", g, last)
			}
		}
	}
}

// requireBits fails unless want and got hold the same float32 bits, or
// NaNs at the same places, and names the first element that differs.
func requireBits(t *testing.T, want, got []float32, format string, args ...any) {
	t.Helper()
	require.Len(t, got, len(want), append([]any{format}, args...)...)
	for i := range want {
		w, g := want[i], got[i]
		if math.Float32bits(w) != math.Float32bits(g) && !(w != w && g != g) {
			t.Fatalf("%s: element %d is %v (%#08x), want %v (%#08x)", fmt.Sprintf(format, args...),
				i, g, math.Float32bits(g), w, math.Float32bits(w))
		}
	}
}

// floatBytes encodes f little-endian.
func floatBytes(f []float32) []byte {
	b := make([]byte, 4*len(f))
	for i, v := range f {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
	}
	return b
}

// BenchmarkGemm times the kernel alone in wazero (no engine) on the
// products of the MLP 784-512-10 with batches of 128, a 512³ one, and
// those of one example through the Keras mnist_cnn (its two convolutions
// as im2col products, its Dense 9216→128).
func BenchmarkGemm(b *testing.B) {
	for _, s := range []struct {
		name           string
		transA, transB bool
		m, n, k        int
	}{
		{"512x512x512", false, false, 512, 512, 512},
		{"forward_128x512x784", false, false, 128, 512, 784},
		{"dW_784x512x128_transA", true, false, 784, 512, 128},
		{"dX_128x784x512_transB", false, true, 128, 784, 512},
		{"cnn_conv1_676x32x9", false, false, 676, 32, 9},
		{"cnn_conv2_576x64x288", false, false, 576, 64, 288},
		{"cnn_dense_1x128x9216", false, false, 1, 128, 9216},
	} {
		b.Run(s.name, func(b *testing.B) {
			km := newKernelModule(b)
			r := rng.New(1)
			g := randomCase(r, s.m, s.n, s.k, s.transA, s.transB, false)
			km.reset()
			pa, pb, pc := km.put(b, g.a), km.put(b, g.b), km.put(b, g.c)
			scratch := km.put(b, make([]float32, scratchFloats(s.m, s.n, s.k)))
			args := []uint64{i32(s.transA), i32(s.transB), uint64(s.m), uint64(s.n), uint64(s.k),
				uint64(pa), uint64(pb), uint64(pc), 0, uint64(scratch)}
			for b.Loop() {
				if _, err := km.gemm.Call(km.ctx, args...); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(2*float64(s.m*s.n*s.k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// scratchFloats is the scratch gemm needs (kernels.wat): op(B) in panels
// of 8 columns, op(A) in blocks of 4 rows, a 4×8 tile.
func scratchFloats(m, n, k int) int { return 8*((n+7)/8)*k + 4*((m+3)/4)*k + 32 }
