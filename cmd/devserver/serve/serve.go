// Package serve is the HTTP handler of gonn's development server: it serves
// a built site (dist/, see docs/dist.md) with the types and headers the
// browser needs.
//
// Handler(dir, opts) serves the regular files under dir, and nothing else:
//
//   - only GET and HEAD (405 otherwise);
//   - paths are decoded once; a path holding a ".." segment, a backslash, a
//     NUL, or naming an absolute path ("//etc/passwd") is refused with 400;
//     any segment starting with "." (".git") is 404; files are opened with
//     os.OpenInRoot, so no symbolic link leads out of dir;
//   - a path ending in "/" serves that folder's index.html ("/" serves
//     dir/index.html); other folders are 404, never listed;
//   - Content-Type comes from a fixed table by extension (application/wasm,
//     text/javascript, application/json, application/octet-stream for .gmn
//     and anything unknown, …), never from sniffing or the system;
//   - when the request accepts gzip and file.gz exists, it is sent with
//     Content-Encoding: gzip and the original's Content-Type; every file
//     response carries Vary: Accept-Encoding;
//   - the ETag is the SHA-256 from dir/manifest.json (with "-gzip" added for
//     the gzip copy) when the manifest is current for the file (same size,
//     file not newer than the manifest), else the SHA-256 of the bytes sent;
//     If-None-Match gives 304;
//   - every response has Cache-Control: no-cache, X-Content-Type-Options:
//     nosniff and the Content-Security-Policy CSP; with
//     Options.CrossOriginIsolated also Cross-Origin-Opener-Policy:
//     same-origin and Cross-Origin-Embedder-Policy: require-corp, which
//     browsers require before they give pages SharedArrayBuffer (threads).
//
// Files are opened per request, so a rebuild that swaps dir's contents is
// served at once.
package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"gonn/cmd/build/dist"
)

// CSP is the Content-Security-Policy of every response: scripts and wasm
// from the site only (wasm compilation needs 'wasm-unsafe-eval'), workers
// from the site or blob: URLs, no inline scripts or styles, no plugins.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; " +
	"style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; frame-ancestors 'self'"

// Options change the headers Handler sends.
type Options struct {
	// CrossOriginIsolated adds Cross-Origin-Opener-Policy: same-origin and
	// Cross-Origin-Embedder-Policy: require-corp to every response.
	CrossOriginIsolated bool
}

// Handler serves the site in dir as the package comment describes.
func Handler(dir string, opts Options) http.Handler {
	return &handler{dir: dir, opts: opts}
}

type handler struct {
	dir  string
	opts Options

	mu  sync.Mutex
	man manifestCache
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Security-Policy", CSP)
	if h.opts.CrossOriginIsolated {
		hdr.Set("Cross-Origin-Opener-Policy", "same-origin")
		hdr.Set("Cross-Origin-Embedder-Policy", "require-corp")
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, status := siteName(r.URL.Path)
	if status != 0 {
		http.Error(w, http.StatusText(status), status)
		return
	}

	f, info, err := h.open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	encoded := name
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		if gz, gzInfo, err := h.open(name + ".gz"); err == nil {
			defer gz.Close()
			f, info, encoded = gz, gzInfo, name+".gz"
			hdr.Set("Content-Encoding", "gzip")
		}
	}
	hdr.Set("Content-Type", ContentType(name))
	hdr.Set("Vary", "Accept-Encoding")
	tag, err := h.etag(encoded, f, info)
	if err != nil {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	hdr.Set("Etag", tag)
	if hdr.Get("Content-Encoding") != "" {
		// ServeContent leaves the length out when the body is encoded (for
		// handlers that compress on the fly); this one is a file of known
		// size. A 304, a range or an error replaces or removes it.
		hdr.Set("Content-Length", strconv.FormatInt(info.Size(), 10))
	}
	http.ServeContent(w, r, name, info.ModTime(), f)
}

// siteName turns a request path into the slash-separated name of a file
// under the site's root, or a status: 400 for a path that could leave the
// root, 404 for a hidden name.
func siteName(p string) (string, int) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", http.StatusBadRequest
	}
	rel := p[1:]
	if strings.HasPrefix(rel, "/") {
		return "", http.StatusBadRequest // "//etc/passwd" names an absolute path
	}
	for _, seg := range strings.Split(rel, "/") {
		if seg == ".." {
			return "", http.StatusBadRequest
		}
	}
	dirIndex := rel == "" || strings.HasSuffix(rel, "/")
	rel = path.Clean("/" + rel)[1:] // drops "." and empty segments
	if dirIndex {
		rel = path.Join(rel, "index.html")
	}
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return "", http.StatusBadRequest
	}
	for _, seg := range strings.Split(rel, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", http.StatusNotFound
		}
	}
	return rel, 0
}

// open opens the regular file name under h.dir without leaving it.
func (h *handler) open(name string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenInRoot(h.dir, filepath.FromSlash(name))
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = fs.ErrNotExist // folders are never listed
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip: gzip
// (or x-gzip) listed with a non-zero q, or else "*" with a non-zero q.
func acceptsGzip(header string) bool {
	gzip, star := -1.0, -1.0
	for _, item := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(item, ";")
		q := 1.0
		for _, param := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(param, "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				q = parseQ(strings.TrimSpace(v))
			}
		}
		switch strings.ToLower(strings.TrimSpace(coding)) {
		case "gzip", "x-gzip":
			gzip = max(gzip, q)
		case "*":
			star = max(star, q)
		}
	}
	if gzip >= 0 {
		return gzip > 0
	}
	return star > 0
}

// parseQ parses a qvalue ("0", "0.5", "1.000"); anything else counts as 0.
func parseQ(s string) float64 {
	if s == "" || len(s) > 5 || s[0] != '0' && s[0] != '1' {
		return 0
	}
	q, frac := float64(s[0]-'0'), s[1:]
	if frac == "" {
		return q
	}
	if frac[0] != '.' {
		return 0
	}
	scale := 0.1
	for _, c := range frac[1:] {
		if c < '0' || c > '9' {
			return 0
		}
		q += float64(c-'0') * scale
		scale /= 10
	}
	return min(q, 1)
}

// etag returns the strong ETag of the file name (a gzip copy if it ends in
// ".gz" and is listed as one), from the manifest when it is current for the
// file, else by hashing f (which is left at its start).
func (h *handler) etag(name string, f *os.File, info fs.FileInfo) (string, error) {
	if e, ok := h.manifest().lookup(name, info); ok {
		return e, nil
	}
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return "", err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	return `"` + hex.EncodeToString(sum.Sum(nil)) + `"`, nil
}

// manifestCache is the decoded manifest of the site and the file it was
// read from: read again whenever that file changes.
type manifestCache struct {
	info  fs.FileInfo // of manifest.json when read; nil if none
	tags  map[string]manifestTag
	mtime time.Time
}

// manifestTag is a file's ETag and the size it had when listed.
type manifestTag struct {
	etag string
	size int64
}

// lookup returns name's ETag if the manifest lists it with the size it has
// and the file is not newer than the manifest.
func (c manifestCache) lookup(name string, info fs.FileInfo) (string, bool) {
	t, ok := c.tags[name]
	if !ok || t.size != info.Size() || info.ModTime().After(c.mtime) {
		return "", false
	}
	return t.etag, true
}

// manifest returns the current manifest cache, reading manifest.json again
// if it changed.
func (h *handler) manifest() manifestCache {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := filepath.Join(h.dir, dist.ManifestName)
	info, err := os.Stat(p)
	if err != nil {
		h.man = manifestCache{}
		return h.man
	}
	if old := h.man.info; old != nil && os.SameFile(old, info) && old.ModTime().Equal(info.ModTime()) && old.Size() == info.Size() {
		return h.man
	}
	h.man = manifestCache{info: info, mtime: info.ModTime(), tags: map[string]manifestTag{}}
	m, err := dist.ReadManifest(p)
	if err != nil {
		return h.man // no ETags from a broken manifest: files are hashed
	}
	for _, f := range m.Files {
		h.man.tags[f.Path] = manifestTag{`"` + f.SHA256 + `"`, f.Size}
		if f.GzipSize > 0 {
			h.man.tags[f.Path+".gz"] = manifestTag{`"` + f.SHA256 + `-gzip"`, f.GzipSize}
		}
	}
	return h.man
}
