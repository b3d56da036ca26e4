//go:build amd64 && !purego

package tensor

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// withGoLoops runs fn with the AVX2 kernel switched off.
func withGoLoops(fn func()) {
	saved := useAVX2
	useAVX2 = false
	defer func() { useAVX2 = saved }()
	fn()
}

// The AVX2 kernel gives the bits of the contract's triple loop and of the Go
// loops, for shapes around its 6×16 tiles, 256-product slices and
// 256-column blocks, with special values, whichever rows each goroutine gets.
func TestGemm_AVX2SameBits(t *testing.T) {
	if !useAVX2 {
		t.Skip("this CPU or OS lacks AVX2: Gemm runs the Go loops")
	}
	prev := runtime.GOMAXPROCS(3) // three goroutines: row ranges that are not multiples of 6
	defer runtime.GOMAXPROCS(prev)
	sizes := [][3]int{ // m, n, k: empty, one tile, odd edges, several k slices (256) and column blocks (256)
		{0, 5, 3}, {5, 0, 3}, {1, 1, 1}, {4, 3, 0}, {1, 16, 1}, {6, 16, 1}, {6, 16, 2}, {6, 16, 3},
		{5, 15, 7}, {7, 17, 5}, {12, 32, 256}, {13, 33, 257}, {2, 100, 513}, {300, 7, 33},
		{37, 250, 300}, {200, 130, 64}, {131, 47, 600}, {20, 300, 40}, {9, 530, 270},
	}
	for _, sz := range sizes {
		m, n, k := sz[0], sz[1], sz[2]
		for _, family := range []string{"uniform", "special"} {
			for _, transA := range []bool{false, true} {
				for _, transB := range []bool{false, true} {
					for _, accumulate := range []bool{false, true} {
						name := fmt.Sprintf("%s/m=%d n=%d k=%d transA=%v transB=%v acc=%v", family, m, n, k, transA, transB, accumulate)
						t.Run(name, func(t *testing.T) {
							values := randSlice
							if family == "special" {
								values = func(seed uint64, n int) []float32 { return specialSlice(seed, n, k) }
							}
							seed := uint64(m*1_000_000 + n*1000 + k)
							a, b, c0 := values(seed, m*k), values(seed+1, k*n), values(seed+2, m*n)

							c := append([]float32(nil), c0...)
							Gemm(transA, transB, m, n, k, a, b, c, accumulate)
							goLoops := append([]float32(nil), c0...)
							withGoLoops(func() { Gemm(transA, transB, m, n, k, a, b, goLoops, accumulate) })
							var start []float32
							if accumulate {
								start = c0
							}
							want := naive32(transA, transB, m, n, k, a, b, start)

							if i := sameBits(want, c); i >= 0 {
								t.Fatalf("element %d (row %d, col %d): AVX2 %g (%#08x), contract %g (%#08x)",
									i, i/n, i%n, c[i], math.Float32bits(c[i]), want[i], math.Float32bits(want[i]))
							}
							require.Equal(t, -1, sameBits(goLoops, c), "AVX2 kernel against the Go loops")
						})
					}
				}
			}
		}
	}
}

// packTransposed lays out B (n, k) as panels (k, 16) of op(B) = Bᵀ, zero
// past column n, for panel and block edges on both axes, serially and
// shared among goroutines.
func TestPackTransposed(t *testing.T) {
	prev := runtime.GOMAXPROCS(3)
	defer runtime.GOMAXPROCS(prev)
	for _, sz := range [][2]int{{1, 1}, {3, 7}, {16, 8}, {16, 9}, {17, 15}, {40, 24}, {33, 100}, {300, 301}} {
		n, k := sz[0], sz[1]
		t.Run(fmt.Sprintf("n=%d k=%d", n, k), func(t *testing.T) {
			b := specialSlice(uint64(n*1000+k), n*k, k)
			packed := packTransposed(n, k, b)
			panels := (n + tileCols - 1) / tileCols
			require.Len(t, packed, panels*k*tileCols)
			for q := range panels {
				for p := range k {
					for c := range tileCols {
						want := uint32(0)
						if j := q*tileCols + c; j < n {
							want = math.Float32bits(b[j*k+p])
						}
						got := math.Float32bits(packed[q*k*tileCols+p*tileCols+c])
						require.Equal(t, want, got, "panel %d row %d column %d", q, p, c)
					}
				}
			}
		})
	}
}

// cpuHasAVX2 agrees with the flags Linux reports for the first CPU.
func TestCPUHasAVX2_MatchesLinux(t *testing.T) {
	info, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Skip("no /proc/cpuinfo:", err)
	}
	var flags []string
	for line := range strings.Lines(string(info)) {
		if name, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "flags" {
			flags = strings.Fields(value)
			break
		}
	}
	require.NotEmpty(t, flags, "no flags line in /proc/cpuinfo")
	require.Equal(t, slices.Contains(flags, "avx2"), cpuHasAVX2())
}
