package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestSizeText(t *testing.T) {
	for bytes, want := range map[int]string{1: "1 byte", 999: "999 bytes", 1500: "1.5 kB", 3_200_000: "3.2 MB"} {
		assert.Equal(t, want, sizeText(bytes))
	}
}

func TestSigned(t *testing.T) {
	for v, want := range map[float64]string{37.5: "+37.5", -1.25: "-1.2", 0: "0.0", 0.01: "0.0", -0.01: "0.0", 100: "+100.0"} {
		assert.Equal(t, want, signed(v), "%v", v)
	}
}

func TestClipAndCount(t *testing.T) {
	assert.Equal(t, "abc", clip("abc", 3))
	assert.Equal(t, "ab…", clip("abc", 2))
	assert.Equal(t, "é…", clip("éé", 1), "counts characters, not bytes")
	assert.Equal(t, "1 row", count(1, "row", "rows"))
	assert.Equal(t, "1,024 rows", count(1024, "row", "rows"))
	assert.Equal(t, "0 rows", count(0, "row", "rows"))
}

func TestSeconds(t *testing.T) {
	assert.Equal(t, "0.0 s", seconds(0))
	assert.Equal(t, "0.4 s", seconds(400*time.Millisecond))
	assert.Equal(t, "9.9 s", seconds(9940*time.Millisecond))
	assert.Equal(t, "10 s", seconds(9960*time.Millisecond))
	assert.Equal(t, "125 s", seconds(125*time.Second))
}
