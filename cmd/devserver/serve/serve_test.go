package serve

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/cmd/build/dist"
)

// secret is the content of a file beside the site that no request may read.
const secret = "the secret outside the site"

// site builds a small site with dist.Build and returns its folder, whose
// parent also holds secret.txt, and its files (slash path → content).
func site(t *testing.T) (string, map[string]string) {
	t.Helper()
	tmp := t.TempDir()
	root := filepath.Join(tmp, "src")
	files := map[string]string{
		"index.html":       "<!doctype html>\n<title>gonn</title>\n" + strings.Repeat("<p>hello</p>\n", 20),
		"style.css":        strings.Repeat("p { margin: 0 }\n", 20),
		"app.js":           strings.Repeat("console.log(1);\n", 20),
		"mod.mjs":          strings.Repeat("export const x = 1;\n", 20),
		"img/logo.png":     strings.Repeat("\x89PNG", 50),
		"sub/index.html":   strings.Repeat("<p>sub</p>\n", 20),
		"ui/app.wasm":      "\x00asm\x01\x00\x00\x00" + strings.Repeat("\x00\x01\x02\x03", 100),
		"data/x.gmn":       "GMN1" + strings.Repeat("\x00", 200),
		"noext":            strings.Repeat("z", 100),
		"Upper.HTML":       strings.Repeat("<p>upper</p>", 20),
		"gonn/gonn.js":     strings.Repeat("export function f() {}\n", 20),
		"gonn/gonn.d.ts":   strings.Repeat("export declare function f(): void;\n", 20),
		"gonn/tiny.js":     "x",
		"names with space": "spaces",
	}
	write := func(name, content string) {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	write("go.mod", "module gonn\n")
	for name, content := range files {
		if strings.HasPrefix(name, "gonn/") {
			write("wasm/js/"+strings.TrimPrefix(name, "gonn/"), content)
		} else {
			write("web/static/"+name, content)
		}
	}
	out := filepath.Join(tmp, "dist")
	_, err := dist.Build(dist.Options{Root: root, Out: out, SkipGoBuilds: true, SkipData: true})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(tmp, "secret.txt"), []byte(secret), 0o644))
	m, err := os.ReadFile(filepath.Join(out, dist.ManifestName))
	require.NoError(t, err)
	files[dist.ManifestName] = string(m)
	return out, files
}

// get serves one request and returns the response.
func get(t *testing.T, h http.Handler, target string, header map[string]string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return string(b)
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestHandler_ContentType(t *testing.T) {
	dir, files := site(t)
	h := Handler(dir, Options{})
	tests := []struct {
		path, file, contentType string
	}{
		{"/", "index.html", "text/html; charset=utf-8"},
		{"/index.html", "index.html", "text/html; charset=utf-8"},
		{"/sub/", "sub/index.html", "text/html; charset=utf-8"},
		{"/Upper.HTML", "Upper.HTML", "text/html; charset=utf-8"},
		{"/style.css", "style.css", "text/css; charset=utf-8"},
		{"/app.js", "app.js", "text/javascript"},
		{"/mod.mjs", "mod.mjs", "text/javascript"},
		{"/gonn/gonn.js", "gonn/gonn.js", "text/javascript"},
		{"/gonn/gonn.d.ts", "gonn/gonn.d.ts", "text/plain; charset=utf-8"},
		{"/manifest.json", "manifest.json", "application/json"},
		{"/ui/app.wasm", "ui/app.wasm", "application/wasm"},
		{"/data/x.gmn", "data/x.gmn", "application/octet-stream"},
		{"/img/logo.png", "img/logo.png", "image/png"},
		{"/noext", "noext", "application/octet-stream"},
		{"/names%20with%20space", "names with space", "application/octet-stream"},
		{"/./app.js", "app.js", "text/javascript"},
		{"/img//logo.png", "img/logo.png", "image/png"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res := get(t, h, tt.path, nil)
			require.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, tt.contentType, res.Header.Get("Content-Type"))
			assert.Empty(t, res.Header.Get("Content-Encoding"))
			assert.Equal(t, files[tt.file], body(t, res))
		})
	}
}

func TestHandler_Gzip(t *testing.T) {
	dir, files := site(t)
	h := Handler(dir, Options{})
	tests := []struct {
		acceptEncoding string
		path           string
		gzip           bool
	}{
		{"gzip", "/app.js", true},
		{"gzip, deflate, br, zstd", "/ui/app.wasm", true}, // what Chromium sends
		{"br;q=1.0, gzip;q=0.8, *;q=0.1", "/", true},
		{"GZIP", "/style.css", true},
		{"x-gzip", "/manifest.json", true},
		{"*", "/data/x.gmn", true},
		{"", "/app.js", false},
		{"identity", "/app.js", false},
		{"br, deflate", "/app.js", false},
		{"gzip;q=0", "/app.js", false},
		{"gzip;q=0.000, *", "/app.js", false},
		{"*;q=0", "/app.js", false},
		{"gzip;q=bad", "/app.js", false},
		{"gzip", "/gonn/tiny.js", false}, // no gzip copy: gzip is not smaller
		{"gzip", "/img/logo.png", false}, // not compressible
	}
	for _, tt := range tests {
		t.Run(tt.acceptEncoding+" "+tt.path, func(t *testing.T) {
			res := get(t, h, tt.path, map[string]string{"Accept-Encoding": tt.acceptEncoding})
			require.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, "Accept-Encoding", res.Header.Get("Vary"))
			name := strings.TrimPrefix(tt.path, "/")
			if name == "" {
				name = "index.html"
			}
			assert.Equal(t, ContentType(name), res.Header.Get("Content-Type"), "the original's type")
			got := body(t, res)
			assert.Equal(t, strconv.Itoa(len(got)), res.Header.Get("Content-Length"))
			if !tt.gzip {
				assert.Empty(t, res.Header.Get("Content-Encoding"))
				assert.Equal(t, files[name], got)
				return
			}
			assert.Equal(t, "gzip", res.Header.Get("Content-Encoding"))
			assert.Less(t, len(got), len(files[name]))
			z, err := gzip.NewReader(strings.NewReader(got))
			require.NoError(t, err)
			plain, err := io.ReadAll(z)
			require.NoError(t, err)
			assert.Equal(t, files[name], string(plain))
		})
	}
}

func TestHandler_ETag(t *testing.T) {
	dir, files := site(t)
	h := Handler(dir, Options{})
	tag := `"` + sha(files["app.js"]) + `"`
	gzTag := `"` + sha(files["app.js"]) + `-gzip"`
	tests := []struct {
		name           string
		acceptEncoding string
		ifNoneMatch    string
		status         int
		etag           string
	}{
		{"identity", "", "", http.StatusOK, tag},
		{"gzip", "gzip", "", http.StatusOK, gzTag},
		{"identity revalidated", "", tag, http.StatusNotModified, tag},
		{"gzip revalidated", "gzip", gzTag, http.StatusNotModified, gzTag},
		{"weak match", "", "W/" + tag, http.StatusNotModified, tag},
		{"in a list", "", `"other", ` + tag, http.StatusNotModified, tag},
		{"star", "", "*", http.StatusNotModified, tag},
		{"other tag", "", `"other"`, http.StatusOK, tag},
		{"gzip tag for identity", "", gzTag, http.StatusOK, tag},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, h, "/app.js", map[string]string{"Accept-Encoding": tt.acceptEncoding, "If-None-Match": tt.ifNoneMatch})
			assert.Equal(t, tt.status, res.StatusCode)
			assert.Equal(t, tt.etag, res.Header.Get("Etag"))
			assert.Equal(t, "no-cache", res.Header.Get("Cache-Control"))
			if tt.status == http.StatusNotModified {
				assert.Empty(t, body(t, res))
				assert.Empty(t, res.Header.Get("Content-Length"))
				assert.Empty(t, res.Header.Get("Content-Encoding"))
			}
		})
	}

	t.Run("range of the gzip copy", func(t *testing.T) {
		res := get(t, h, "/app.js", map[string]string{"Accept-Encoding": "gzip", "Range": "bytes=0-9"})
		assert.Equal(t, http.StatusPartialContent, res.StatusCode)
		assert.Equal(t, "10", res.Header.Get("Content-Length"))
		assert.Len(t, body(t, res), 10)
	})
	t.Run("manifest.json has a tag too", func(t *testing.T) {
		res := get(t, h, "/manifest.json", nil)
		assert.Equal(t, `"`+sha(files["manifest.json"])+`"`, res.Header.Get("Etag"))
	})
	t.Run("stale manifest", func(t *testing.T) {
		// Same size, new bytes, written after the manifest: hashed.
		changed := strings.Replace(files["app.js"], "1", "2", 1)
		p := filepath.Join(dir, "app.js")
		require.NoError(t, os.WriteFile(p, []byte(changed), 0o644))
		later := time.Now().Add(time.Hour)
		require.NoError(t, os.Chtimes(p, later, later))
		res := get(t, h, "/app.js", nil)
		assert.Equal(t, `"`+sha(changed)+`"`, res.Header.Get("Etag"))
		assert.Equal(t, changed, body(t, res))
	})
	t.Run("no manifest", func(t *testing.T) {
		require.NoError(t, os.Remove(filepath.Join(dir, dist.ManifestName)))
		res := get(t, h, "/style.css", map[string]string{"Accept-Encoding": "gzip"})
		gz, err := os.ReadFile(filepath.Join(dir, "style.css.gz"))
		require.NoError(t, err)
		assert.Equal(t, `"`+sha(string(gz))+`"`, res.Header.Get("Etag"))
		assert.Equal(t, string(gz), body(t, res))
	})
}

func TestHandler_Headers(t *testing.T) {
	dir, _ := site(t)
	for _, isolated := range []bool{false, true} {
		h := Handler(dir, Options{CrossOriginIsolated: isolated})
		for _, path := range []string{"/", "/ui/app.wasm", "/missing", "/img/", "/../x"} {
			res := get(t, h, path, nil)
			assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"), path)
			assert.Equal(t, "no-cache", res.Header.Get("Cache-Control"), path)
			assert.Equal(t, CSP, res.Header.Get("Content-Security-Policy"), path)
			coop, coep := "", ""
			if isolated {
				coop, coep = "same-origin", "require-corp"
			}
			assert.Equal(t, coop, res.Header.Get("Cross-Origin-Opener-Policy"), path)
			assert.Equal(t, coep, res.Header.Get("Cross-Origin-Embedder-Policy"), path)
		}
	}
	assert.Equal(t, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; "+
		"style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "+
		"base-uri 'none'; frame-ancestors 'self'", CSP)
}

func TestHandler_Methods(t *testing.T) {
	dir, files := site(t)
	h := Handler(dir, Options{})
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodOptions} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(method, "/app.js", nil))
		assert.Equal(t, http.StatusMethodNotAllowed, w.Code, method)
		assert.Equal(t, "GET, HEAD", w.Header().Get("Allow"), method)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodHead, "/app.js", nil))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Empty(t, w.Body.String())
	assert.Equal(t, "text/javascript", w.Header().Get("Content-Type"))
	assert.Equal(t, strconv.Itoa(len(files["app.js"])), w.Header().Get("Content-Length"))
}

func TestHandler_Folders(t *testing.T) {
	dir, _ := site(t)
	h := Handler(dir, Options{})
	for _, path := range []string{"/img", "/img/", "/gonn/", "/data", "/index.html/", "/missing/", "/sub"} {
		res := get(t, h, path, nil)
		assert.Equal(t, http.StatusNotFound, res.StatusCode, path)
		b := body(t, res)
		assert.NotContains(t, b, "logo.png", path)
		assert.NotContains(t, b, "gonn.js", path)
	}
}

// The paths are sent over a real connection, byte for byte, so that no
// client cleans them first.
func TestHandler_Traversal(t *testing.T) {
	dir, _ := site(t)
	parent := filepath.Dir(dir)
	require.NoError(t, os.Symlink(filepath.Join(parent, "secret.txt"), filepath.Join(dir, "link.txt")))
	require.NoError(t, os.Symlink(parent, filepath.Join(dir, "linkdir")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".hidden"), []byte(secret), 0o644))
	srv := httptest.NewServer(Handler(dir, Options{}))
	defer srv.Close()

	tests := []struct {
		target string
		status int
	}{
		{"/../secret.txt", http.StatusBadRequest},
		{"/%2e%2e/secret.txt", http.StatusBadRequest},
		{"/%2E%2E/secret.txt", http.StatusBadRequest},
		{"/..%2fsecret.txt", http.StatusBadRequest},
		{"/.%2e/secret.txt", http.StatusBadRequest},
		{"/img/../../secret.txt", http.StatusBadRequest},
		{"/img/%2e%2e/%2e%2e/secret.txt", http.StatusBadRequest},
		{"/./../secret.txt", http.StatusBadRequest},
		{"/..", http.StatusBadRequest},
		{"//etc/passwd", http.StatusBadRequest},
		{"/%2fetc/passwd", http.StatusBadRequest},
		{`/a\..\b`, http.StatusBadRequest},
		{`/..\secret.txt`, http.StatusBadRequest},
		{"/%5c..%5csecret.txt", http.StatusBadRequest},
		{"/a%00b", http.StatusBadRequest},
		{"/index.html%00.png", http.StatusBadRequest},
		{"/link.txt", http.StatusNotFound},
		{"/linkdir/secret.txt", http.StatusNotFound},
		{"/.hidden", http.StatusNotFound},
		{"/%2ehidden", http.StatusNotFound},
		{"/%252e%252e/secret.txt", http.StatusNotFound}, // decoded once: a file named "%2e%2e"
		{"/etc/passwd", http.StatusNotFound},
		{"/app.js", http.StatusOK}, // the control: raw requests work
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			res, b := rawGet(t, srv.Listener.Addr().String(), tt.target)
			assert.Equal(t, tt.status, res.StatusCode)
			assert.Equal(t, CSP, res.Header.Get("Content-Security-Policy"), "answered by the handler, not net/http")
			assert.NotContains(t, b, secret)
			assert.NotContains(t, b, "root:")
		})
	}
}

// rawGet sends "GET target HTTP/1.1" as is and returns the response and body.
func rawGet(t *testing.T, addr, target string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
	require.NoError(t, err)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	defer res.Body.Close()
	var b bytes.Buffer
	_, err = io.Copy(&b, res.Body)
	require.NoError(t, err)
	return res, b.String()
}

func TestSiteName(t *testing.T) {
	tests := []struct {
		path, name string
		status     int
	}{
		{"/", "index.html", 0},
		{"/a/b.js", "a/b.js", 0},
		{"/a/", "a/index.html", 0},
		{"/a/./b", "a/b", 0},
		{"/a//b", "a/b", 0},
		{"", "", http.StatusBadRequest},
		{"a", "", http.StatusBadRequest},
		{"/a/../b", "", http.StatusBadRequest},
		{"//x", "", http.StatusBadRequest},
		{`/a\b`, "", http.StatusBadRequest},
		{"/a\x00", "", http.StatusBadRequest},
		{"/.git/config", "", http.StatusNotFound},
		{"/a/.env", "", http.StatusNotFound},
	}
	for _, tt := range tests {
		name, status := siteName(tt.path)
		assert.Equal(t, tt.name, name, "%q", tt.path)
		assert.Equal(t, tt.status, status, "%q", tt.path)
	}
}

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"gzip": true, "gzip;q=1": true, "gzip; q=0.5": true, "gzip;q=0.001": true, "deflate, gzip": true,
		"x-gzip": true, "*": true, "*;q=0.1": true, "gzip;q=1.000": true,
		"": false, "identity": false, "deflate": false, "gzip;q=0": false, "gzip;q=0.000": false,
		"*;q=0": false, "gzip;q=0, *": false, "gzip;q=2": false, "gzip;q=": false, "gzipx": false,
	} {
		assert.Equal(t, want, acceptsGzip(header), "%q", header)
	}
}

func TestContentType(t *testing.T) {
	for name, want := range map[string]string{
		"a.wasm": "application/wasm", "a.js": "text/javascript", "a.mjs": "text/javascript",
		"a.json": "application/json", "a.gmn": "application/octet-stream",
		"a.html": "text/html; charset=utf-8", "A.WASM": "application/wasm",
		"dir.d/file": "application/octet-stream", "a.unknown": "application/octet-stream",
		"a.css": "text/css; charset=utf-8", "a.svg": "image/svg+xml",
	} {
		assert.Equal(t, want, ContentType(name), name)
	}
}
