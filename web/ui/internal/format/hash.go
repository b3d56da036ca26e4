package format

import "math"

// Hash is the 64-bit FNV-1a hash of the float32 values' bits
// (little-endian), as 16 hex digits: pages show it so that two results can
// be told equal or not at a glance, and tests compare it.
func Hash(values []float32) string {
	h := uint64(14695981039346656037)
	for _, v := range values {
		b := math.Float32bits(v)
		for range 4 {
			h ^= uint64(b & 0xff)
			h *= 1099511628211
			b >>= 8
		}
	}
	const hex = "0123456789abcdef"
	out := make([]byte, 16)
	for i := 15; i >= 0; i-- {
		out[i] = hex[h&15]
		h >>= 4
	}
	return string(out)
}
