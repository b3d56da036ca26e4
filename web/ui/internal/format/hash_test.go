package format

import (
	"hash/fnv"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHash(t *testing.T) {
	values := []float32{0, 1, -2.5, float32(math.Inf(1))}
	ref := fnv.New64a() // the standard library's FNV-1a on the same bytes
	for _, v := range values {
		b := math.Float32bits(v)
		ref.Write([]byte{byte(b), byte(b >> 8), byte(b >> 16), byte(b >> 24)})
	}
	want := ref.Sum64()
	got := Hash(values)
	assert.Regexp(t, `^[0-9a-f]{16}$`, got)
	assert.Equal(t, want, parseHex(got))
	assert.NotEqual(t, got, Hash([]float32{0, 1, -2.5, math.MaxFloat32}), "one value differs")
	assert.Equal(t, "cbf29ce484222325", Hash(nil), "FNV-1a's offset basis")
}

func parseHex(s string) uint64 {
	var v uint64
	for _, c := range s {
		v <<= 4
		if c >= 'a' {
			v |= uint64(c-'a') + 10
		} else {
			v |= uint64(c - '0')
		}
	}
	return v
}
