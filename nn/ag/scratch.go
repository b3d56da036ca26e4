package ag

import (
	mbits "math/bits"
	"sync"
)

// Scratch buffers: the patch matrices of the convolutions (up to
// im2colBudget float32s each) are needed for the length of one op, then
// dropped. Taking them from a pool spares the allocator and, in a browser,
// the garbage collector the work of a few megabytes per training step and of
// most of what a single prediction allocates. Buffers are kept in size
// classes of powers of two; a buffer comes back with whatever its last user
// wrote, so every user writes all of it before reading (im2col writes every
// element, a Gemm without accumulate overwrites C). sync.Pool makes it safe
// for goroutines and lets the garbage collector drop buffers no one used
// since the last collection.

// scratchPools[k] holds buffers of capacity 1<<k.
var scratchPools [mbits.UintSize]sync.Pool

// getScratch returns a buffer of n float32s, not zeroed. Give it back with
// putScratch once nothing reads it.
func getScratch(n int) []float32 {
	k := scratchClass(n)
	if p, ok := scratchPools[k].Get().(*[]float32); ok {
		return (*p)[:n]
	}
	return make([]float32, n, 1<<k)
}

// putScratch hands buf, from getScratch, back to its pool.
func putScratch(buf []float32) {
	if c := cap(buf); c > 0 && c&(c-1) == 0 {
		buf = buf[:c]
		scratchPools[mbits.TrailingZeros(uint(c))].Put(&buf)
	}
}

// scratchClass is the size class of n: the least k with 1<<k ≥ n.
func scratchClass(n int) int { return mbits.Len(uint(max(n, 1) - 1)) }
