package rng

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRand_Golden(t *testing.T) {
	// The first draws of seed 42 are part of gonn's contract: a change here
	// changes every model trained with a seed.
	r := New(42)
	got := []uint64{r.Uint64(), r.Uint64(), r.Uint64()}
	again := New(42)
	for _, g := range got {
		require.Equal(t, g, again.Uint64())
	}
	assert.NotEqual(t, got, []uint64{New(43).Uint64(), 0, 0})
}

func TestRand_Intn(t *testing.T) {
	r := New(1)
	counts := make([]int, 7)
	for range 70000 {
		counts[r.Intn(7)]++
	}
	for i, c := range counts {
		assert.InDelta(t, 10000, c, 400, "bucket %d", i)
	}
	assert.Panics(t, func() { r.Intn(0) })
}

func TestRand_Floats(t *testing.T) {
	r := New(2)
	for range 10000 {
		f := r.Float32()
		require.True(t, f >= 0 && f < 1, "Float32 %v", f)
		d := r.Float64()
		require.True(t, d >= 0 && d < 1, "Float64 %v", d)
	}
}

func TestRand_Normal(t *testing.T) {
	tests := []struct {
		name string
		draw func(*Rand) float64
		std  float64 // expected deviation
		max  float64 // bound on |x|, 0 for none
	}{
		{"normal", (*Rand).Normal, 1, 0},
		{"truncated", (*Rand).TruncatedNormal, 0.87962566, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := New(3)
			const n = 200000
			var sum, sq float64
			for range n {
				x := tc.draw(r)
				if tc.max > 0 {
					require.LessOrEqual(t, math.Abs(x), tc.max)
				}
				sum += x
				sq += x * x
			}
			mean := sum / n
			assert.InDelta(t, 0, mean, 0.01)
			assert.InDelta(t, tc.std, math.Sqrt(sq/n-mean*mean), 0.01)
		})
	}
}

func TestRand_Perm(t *testing.T) {
	p := New(4).Perm(100)
	seen := make([]bool, 100)
	for _, v := range p {
		require.False(t, seen[v])
		seen[v] = true
	}
	assert.Equal(t, p, New(4).Perm(100))
}
