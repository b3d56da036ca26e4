package main

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testServer serves a small dist/ and node_modules made in a temp folder.
func testServer(t *testing.T) (*server, *httptest.Server) {
	dir := t.TempDir()
	files := map[string]string{
		"dist/gonn/gonn.js":                    "export const gonn = 1;",
		"node_modules/convnetjs/build/c.js":    "var convnetjs = {};",
		"node_modules/@tensorflow/tfjs/t.wasm": "\x00asm",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	s := newServer(filepath.Join(dir, "dist"), filepath.Join(dir, "node_modules"))
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return s, hs
}

func get(t *testing.T, url string, gzipOK bool) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("If-None-Match", `"anything"`)
	if gzipOK {
		req.Header.Set("Accept-Encoding", "gzip")
	} else {
		req.Header.Set("Accept-Encoding", "identity")
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var body io.Reader = res.Body
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(res.Body)
		require.NoError(t, err)
		body = zr
	}
	b, err := io.ReadAll(body)
	require.NoError(t, err)
	return res, string(b)
}

func TestServer(t *testing.T) {
	tests := []struct {
		path, body, contentType string
		gzip, isolated          bool
	}{
		{"/gonn/gonn.js", "export const gonn = 1;", "text/javascript", false, false},
		{"/npm/convnetjs/build/c.js", "var convnetjs = {};", "text/javascript", true, false},
		{"/npm/convnetjs/build/c.js", "var convnetjs = {};", "text/javascript", false, false},
		{"/isolated/npm/@tensorflow/tfjs/t.wasm", "\x00asm", "application/wasm", true, true},
		{"/bench/data.js", "", "text/javascript", false, false},
	}
	_, hs := testServer(t)
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, body := get(t, hs.URL+tt.path, tt.gzip)
			require.Equal(t, http.StatusOK, res.StatusCode, "never a 304, whatever the request holds")
			if tt.body != "" {
				assert.Equal(t, tt.body, body)
			} else {
				assert.Contains(t, body, "mulberry32", "the embedded page scripts")
			}
			assert.Contains(t, res.Header.Get("Content-Type"), tt.contentType)
			assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
			assert.Empty(t, res.Header.Get("Etag"))
			if tt.gzip {
				assert.Equal(t, "gzip", res.Header.Get("Content-Encoding"))
			}
			coop, coep := "", ""
			if tt.isolated {
				coop, coep = "same-origin", "require-corp"
			}
			assert.Equal(t, coop, res.Header.Get("Cross-Origin-Opener-Policy"))
			assert.Equal(t, coep, res.Header.Get("Cross-Origin-Embedder-Policy"))
		})
	}
	res, _ := get(t, hs.URL+"/npm/../dist/gonn/gonn.js", false)
	assert.NotEqual(t, http.StatusOK, res.StatusCode, "nothing outside node_modules")
}

func TestServer_record(t *testing.T) {
	s, hs := testServer(t)
	get(t, hs.URL+"/gonn/gonn.js", true)
	s.record()
	for _, p := range []string{"/bench/?lib=gonn", "/isolated/npm/convnetjs/build/c.js", "/gonn/gonn.js", "/gonn/gonn.js"} {
		get(t, hs.URL+p, true)
	}
	paths := s.recorded()
	assert.Equal(t, []string{"/bench/", "/npm/convnetjs/build/c.js", "/gonn/gonn.js"}, paths, "each path once, in order, without the isolated prefix")
	get(t, hs.URL+"/gonn/gonn.js", true)
	assert.Empty(t, s.recorded(), "nothing noted after recorded()")

	files := map[string]bool{}
	for _, p := range paths {
		if name, ok := s.file(p); ok {
			_, err := os.Stat(name)
			assert.NoError(t, err, p)
			files[filepath.Base(name)] = true
		}
	}
	assert.Equal(t, map[string]bool{"c.js": true, "gonn.js": true}, files, "the benchmark page is no library's file")
}
