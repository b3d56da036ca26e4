package dist

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testData returns n seeded bytes that compress to about half: 64-byte
// blocks, each either random or a copy of a recent one. (Runs of zeros
// with noise, like pixels, would make BestCompression crawl through long
// hash chains, about 2 s per MiB.)
func testData(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := 0; i < n; i += 64 {
		block := b[i:min(i+64, n)]
		if i > 0 && r.IntN(2) == 0 {
			j := i - 64*(1+r.IntN(min(i/64, 500))) // within deflate's 32 KiB window
			copy(block, b[j:j+64])
			continue
		}
		for k := range block {
			block[k] = byte(r.Uint32())
		}
	}
	return b
}

func gunzip(t *testing.T, gz []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(gz))
	require.NoError(t, err)
	r.Multistream(false)
	data, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.True(t, r.ModTime.IsZero(), "no time stamp")
	assert.Empty(t, r.Name, "no name")
	return data
}

func TestGzip(t *testing.T) {
	tests := []struct {
		name string
		size int
	}{
		{"empty", 0},
		{"one byte", 1},
		{"small", 1000},
		{"one chunk", GzipChunk},
		{"chunk and a byte", GzipChunk + 1},
		{"three and a half chunks", 7 * GzipChunk / 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := testData(tt.size, uint64(tt.size))
			gz := Gzip(data)
			assert.True(t, bytes.Equal(data, gunzip(t, gz)), "round trip")
			if tt.size > 1000 {
				assert.Less(t, len(gz), tt.size*6/10, "compresses")
			}

			// Same bytes whatever the number of cores.
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			assert.True(t, bytes.Equal(gz, Gzip(data)), "GOMAXPROCS 1")
			runtime.GOMAXPROCS(5)
			assert.True(t, bytes.Equal(gz, Gzip(data)), "GOMAXPROCS 5")

			if tt.size <= GzipChunk {
				// One chunk: exactly what gzip.Writer makes.
				var want bytes.Buffer
				w, err := gzip.NewWriterLevel(&want, gzip.BestCompression)
				require.NoError(t, err)
				_, err = w.Write(data)
				require.NoError(t, err)
				require.NoError(t, w.Close())
				assert.True(t, bytes.Equal(want.Bytes(), gz), "same as gzip.Writer")
			}
		})
	}
}

func TestCompressible(t *testing.T) {
	for path, want := range map[string]bool{
		"gonn/engine.wasm": true, "gonn/gonn.js": true, "gonn/gonn.d.ts": true, "a.mjs": true,
		"index.html": true, "s.css": true, "manifest.json": true, "data/mnist-train.gmn": true,
		"i.svg": true, "robots.txt": true, "README.md": true,
		"x.png": false, "x.ts": false, "x.gz": false, "wasm": false, "x.wasm.map": false,
	} {
		assert.Equal(t, want, Compressible(path), path)
	}
}

func TestGzipCache(t *testing.T) {
	c := gzipCache{dir: t.TempDir()}
	data := testData(cacheMin, 7)
	sum := sha256.Sum256(data)
	want := Gzip(data)

	assert.Equal(t, want, c.compress(data, sum), "miss")
	stored, err := os.ReadFile(c.path(sum))
	require.NoError(t, err, "a miss stores the copy")
	assert.Equal(t, want, stored)
	assert.Equal(t, want, c.compress(data, sum), "hit")

	// A corrupt entry is not used, and is replaced.
	require.NoError(t, os.WriteFile(c.path(sum), want[:len(want)/2], 0o644))
	assert.Equal(t, want, c.compress(data, sum), "corrupt entry")
	stored, err = os.ReadFile(c.path(sum))
	require.NoError(t, err)
	assert.Equal(t, want, stored)

	t.Run("small files are not cached", func(t *testing.T) {
		c := gzipCache{dir: t.TempDir()}
		small := testData(1000, 1)
		assert.Equal(t, Gzip(small), c.compress(small, sha256.Sum256(small)))
		entries, err := os.ReadDir(c.dir)
		require.NoError(t, err)
		assert.Empty(t, entries)
	})
	t.Run("prune keeps the newest", func(t *testing.T) {
		c := gzipCache{dir: t.TempDir()}
		for i := range cacheEntries + 3 {
			require.NoError(t, os.WriteFile(filepath.Join(c.dir, string(rune('a'+i))+".gz"), nil, 0o644))
		}
		c.prune()
		entries, err := os.ReadDir(c.dir)
		require.NoError(t, err)
		assert.Len(t, entries, cacheEntries)
	})
}
