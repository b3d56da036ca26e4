package ag

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestScratch_SizesAndClasses(t *testing.T) {
	tests := []struct{ n, class int }{{0, 0}, {1, 0}, {2, 1}, {3, 2}, {4, 2}, {5, 3}, {1 << 20, 20}, {1<<20 + 1, 21}}
	for _, tt := range tests {
		assert.Equal(t, tt.class, scratchClass(tt.n), "class of %d", tt.n)
		buf := getScratch(tt.n)
		assert.Len(t, buf, tt.n)
		assert.Equal(t, 1<<tt.class, cap(buf), "capacity for %d", tt.n)
		putScratch(buf)
	}
}

// TestScratch_PutIgnoresForeignBuffers: a buffer whose capacity is not a
// size class is not pooled, so getScratch never hands out one too short.
func TestScratch_PutIgnoresForeignBuffers(t *testing.T) {
	putScratch(make([]float32, 0))
	putScratch(make([]float32, 5, 6))
	for _, n := range []int{5, 6, 8} {
		buf := getScratch(n)
		assert.Len(t, buf, n)
		assert.Equal(t, 8, cap(buf))
	}
}
