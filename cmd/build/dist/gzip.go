package dist

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// GzipChunk is the size of the pieces Gzip compresses independently, each
// primed with the 32 KiB before it. It is part of the output's identity:
// changing it changes the bytes of every file larger than it.
const GzipChunk = 1 << 20

// Gzip compresses data at gzip.BestCompression into one gzip member with no
// name, no time stamp and OS "unknown", so the bytes depend only on data
// (and the Go version's compress/flate). Data is cut into GzipChunk pieces
// compressed in parallel, each with the previous 32 KiB as its dictionary
// and ended by a sync flush, as pigz does: the result is one ordinary
// deflate stream, only a few bytes per MiB longer than a serial one. Data of
// at most GzipChunk bytes gives the same bytes as a gzip.Writer would.
func Gzip(data []byte) []byte {
	n := max(1, (len(data)+GzipChunk-1)/GzipChunk)
	parts := make([][]byte, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				parts[i] = deflateChunk(data, i)
			}
		})
	}
	wg.Wait()

	// Header: ID1 ID2, CM=deflate, no flags, MTIME 0, XFL 2 (best
	// compression), OS 255 (unknown): what gzip.Writer writes.
	out := []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255}
	for _, p := range parts {
		out = append(out, p...)
	}
	out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(data))
	return binary.LittleEndian.AppendUint32(out, uint32(len(data)))
}

// deflateChunk compresses chunk i of data, primed with the 32 KiB before it;
// the last chunk ends the stream, the others end with a sync flush.
func deflateChunk(data []byte, i int) []byte {
	start, end := i*GzipChunk, min((i+1)*GzipChunk, len(data))
	var b bytes.Buffer
	w, err := flate.NewWriterDict(&b, gzip.BestCompression, data[max(0, start-32<<10):start])
	if err != nil {
		panic(err) // only for a bad level
	}
	w.Write(data[start:end]) // a bytes.Buffer does not fail
	if end == len(data) {
		w.Close()
	} else {
		w.Flush()
	}
	return b.Bytes()
}

// Compressible reports whether the build makes a gzip copy of the file at
// the slash-separated path, judging by its extension.
func Compressible(path string) bool {
	for _, ext := range []string{".wasm", ".js", ".mjs", ".html", ".css", ".json", ".gmn", ".svg", ".txt", ".d.ts", ".md"} {
		if strings.HasSuffix(path, ext) {
			return true
		}
	}
	return false
}

// gzipCache keeps the gzip copies of large files between builds, keyed by
// the SHA-256 of the original, the compression settings and the Go version
// (compress/flate's output may change between versions). Compressing the
// 47 MB training pack at BestCompression takes about 17 s on one core;
// a hit costs a decompression to verify it, about 0.2 s.
type gzipCache struct {
	dir string // "" disables the cache
}

// Files smaller than cacheMin are compressed every time; the cache keeps at
// most cacheEntries files, dropping the least recently used.
const (
	cacheMin     = 4 << 20
	cacheEntries = 8
)

// DefaultCacheDir is the cache folder the commands use:
// $XDG_CACHE_HOME/gonn/build or its platform equivalent, or "" (no cache)
// if the platform has none.
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "gonn", "build")
}

func (c gzipCache) path(sum [32]byte) string {
	version := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' {
			return r
		}
		return '_'
	}, runtime.Version())
	name := fmt.Sprintf("%s-l%d-c%d-%s.gz", hex.EncodeToString(sum[:]), gzip.BestCompression, GzipChunk, version)
	return filepath.Join(c.dir, name)
}

// compress returns Gzip(data), whose SHA-256 is sum, from the cache if it
// holds a copy that decompresses to data, else compressing it and storing
// the result. Cache failures only cost time.
func (c gzipCache) compress(data []byte, sum [32]byte) []byte {
	if c.dir == "" || len(data) < cacheMin {
		return Gzip(data)
	}
	path := c.path(sum)
	if gz, err := os.ReadFile(path); err == nil && gunzipsTo(gz, sum) {
		now := time.Now()
		os.Chtimes(path, now, now) // least recently used goes first
		return gz
	}
	gz := Gzip(data)
	if err := c.put(path, gz); err == nil {
		c.prune()
	}
	return gz
}

// gunzipsTo reports whether gz is one gzip member whose content has the
// SHA-256 sum.
func gunzipsTo(gz []byte, sum [32]byte) bool {
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return false
	}
	r.Multistream(false)
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return false
	}
	return bytes.Equal(h.Sum(nil), sum[:])
}

// put writes gz to path through a temporary file, so a reader never sees
// half an entry.
func (c gzipCache) put(path string, gz []byte) error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(c.dir, ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(gz)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// prune removes all but the cacheEntries most recently used entries.
func (c gzipCache) prune() {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	type entry struct {
		name string
		used time.Time
	}
	var es []entry
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && strings.HasSuffix(e.Name(), ".gz") {
			es = append(es, entry{e.Name(), info.ModTime()})
		}
	}
	slices.SortFunc(es, func(a, b entry) int { return b.used.Compare(a.used) })
	for _, e := range es[min(len(es), cacheEntries):] {
		os.Remove(filepath.Join(c.dir, e.name))
	}
}
