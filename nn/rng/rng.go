// Package rng is gonn's seeded pseudo-random number generator. Each model
// owns one Rand, and every random choice it makes (initial weights, shuffling,
// dropout masks, augmentation, noise) draws from it in a fixed order, so a seed
// fixes the whole run, bit for bit, on every platform.
//
// The stream is PCG (math/rand/v2's PCG, whose output is fixed by its
// published algorithm). Everything built on it here (integers in a range,
// floats, normal samples, permutations) is written out in this package rather
// than borrowed, so no library change can alter a trained model.
package rng

import (
	"math"
	"math/bits"
	"math/rand/v2"

	"gonn/nn/fmath"
)

// Rand is a seeded random source. It is not safe for concurrent use.
type Rand struct {
	pcg *rand.PCG
}

// New returns a Rand seeded with seed.
func New(seed uint64) *Rand {
	return &Rand{pcg: rand.NewPCG(seed, 0x9e3779b97f4a7c15^seed)}
}

// Uint64 returns 64 uniformly random bits.
func (r *Rand) Uint64() uint64 { return r.pcg.Uint64() }

// Intn returns a uniform integer in [0, n); n must be positive. It uses
// Lemire's multiply-and-reject method, so there is no modulo bias.
func (r *Rand) Intn(n int) int {
	if n <= 0 {
		panic("rng: Intn of non-positive n")
	}
	bound := uint64(n)
	hi, lo := bits.Mul64(r.Uint64(), bound)
	if lo < bound {
		threshold := -bound % bound
		for lo < threshold {
			hi, lo = bits.Mul64(r.Uint64(), bound)
		}
	}
	return int(hi)
}

// Float32 returns a uniform float32 in [0, 1) with 24 random bits.
func (r *Rand) Float32() float32 { return float32(r.Uint64()>>40) / (1 << 24) }

// Float64 returns a uniform float64 in [0, 1) with 53 random bits.
func (r *Rand) Float64() float64 { return float64(r.Uint64()>>11) / (1 << 53) }

// Normal returns a standard normal sample (mean 0, deviation 1) by
// Marsaglia's polar method, using gonn's own deterministic logarithm. The
// method yields samples in pairs; the second is dropped so that State alone
// captures the generator.
func (r *Rand) Normal() float64 {
	for {
		u := 2*r.Float64() - 1
		v := 2*r.Float64() - 1
		s := float64(u*u) + float64(v*v)
		if s == 0 || s >= 1 {
			continue
		}
		return float64(u * math.Sqrt(-2*fmath.Log64(s)/s))
	}
}

// TruncatedNormal returns a standard normal sample redrawn until it lies
// within two deviations of the mean, as Keras' truncated_normal does.
func (r *Rand) TruncatedNormal() float64 {
	for {
		if x := r.Normal(); x >= -2 && x <= 2 {
			return x
		}
	}
}

// Perm returns a random permutation of [0, n) (Fisher–Yates).
func (r *Rand) Perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	r.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// Shuffle permutes n items with swap (Fisher–Yates, from the end).
func (r *Rand) Shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		swap(i, r.Intn(i+1))
	}
}
