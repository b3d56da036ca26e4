package main

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"gonn/cmd/build/dist"
	"gonn/cmd/devserver/serve"
)

// pages are the benchmark page and its scripts, served under /bench/.
//
//go:embed pages
var pages embed.FS

// isolatedPrefix serves everything below it cross-origin isolated: the
// same files, with COOP same-origin and COEP require-corp, which the
// threaded wasm backend of TF.js needs for SharedArrayBuffer.
const isolatedPrefix = "/isolated"

// server serves one origin on 127.0.0.1:
//
//	/bench/…     the benchmark page (pages/)
//	/npm/…       the peers' npm files (tools/bench/node_modules)
//	/…           gonn's built site (dist/), with the devserver's handler
//	/isolated/…  any of these, cross-origin isolated
//
// Every response is Cache-Control: no-store, without validators, so a cold
// start fetches (and compiles) everything again; the peers' files are sent
// gzip-compressed as dist's are, so both download alike. While recording,
// it notes the path of every request: the files a page really loaded.
type server struct {
	distDir     string
	nodeModules string
	dist        http.Handler
	pages       http.Handler

	mu        sync.Mutex
	gzipped   map[string][]byte // npm file → its gzip copy
	recording bool
	requested []string
}

func newServer(distDir, nodeModules string) *server {
	sub, err := fs.Sub(pages, "pages")
	if err != nil {
		panic(err) // the embedded folder is part of the binary
	}
	return &server{
		distDir:     distDir,
		nodeModules: nodeModules,
		dist:        serve.Handler(distDir, serve.Options{}),
		pages:       http.StripPrefix("/bench", http.FileServerFS(sub)),
		gzipped:     map[string][]byte{},
	}
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if rest, ok := strings.CutPrefix(p, isolatedPrefix+"/"); ok {
		w.Header().Set("Cross-Origin-Opener-Policy", "same-origin")
		w.Header().Set("Cross-Origin-Embedder-Policy", "require-corp")
		p = "/" + rest
	}
	s.note(p)
	r2 := r.Clone(r.Context())
	r2.URL.Path = p
	r2.URL.RawPath = ""
	r2.Header.Del("If-None-Match")
	r2.Header.Del("If-Modified-Since")
	w = &noStore{ResponseWriter: w}
	switch {
	case strings.HasPrefix(p, "/bench/"):
		s.pages.ServeHTTP(w, r2)
	case strings.HasPrefix(p, "/npm/"):
		s.serveNPM(w, r2, strings.TrimPrefix(p, "/npm/"))
	default:
		s.dist.ServeHTTP(w, r2)
	}
}

// serveNPM sends the regular file name under node_modules, gzipped when
// the request accepts it.
func (s *server) serveNPM(w http.ResponseWriter, r *http.Request, name string) {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	data, err := readInRoot(s.nodeModules, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", serve.ContentType(name))
	w.Header().Set("Vary", "Accept-Encoding")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.Header().Set("Content-Encoding", "gzip")
		data = s.gzip(name, data)
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

func (s *server) gzip(name string, data []byte) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	gz, ok := s.gzipped[name]
	if !ok {
		gz = dist.Gzip(data)
		s.gzipped[name] = gz
	}
	return gz
}

// record starts noting request paths, forgetting earlier ones.
func (s *server) record() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.recording, s.requested = true, nil
}

// recorded stops noting and returns the paths requested since record, each
// once, in the order first seen.
func (s *server) recorded() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	paths := s.requested
	s.recording, s.requested = false, nil
	return paths
}

func (s *server) note(p string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.recording && !contains(s.requested, p) {
		s.requested = append(s.requested, p)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// file is the file on disk that a request path served, and false for the
// benchmark's own page and scripts (which no library ships).
func (s *server) file(p string) (string, bool) {
	p = path.Clean(p)
	switch {
	case p == "/bench" || strings.HasPrefix(p, "/bench/"):
		return "", false
	case strings.HasPrefix(p, "/npm/"):
		return filepath.Join(s.nodeModules, filepath.FromSlash(strings.TrimPrefix(p, "/npm/"))), true
	default:
		return filepath.Join(s.distDir, filepath.FromSlash(strings.TrimPrefix(p, "/"))), true
	}
}

// readInRoot reads the regular file name under dir without leaving it.
func readInRoot(dir, name string) ([]byte, error) {
	f, err := os.OpenInRoot(dir, filepath.FromSlash(name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fs.ErrNotExist
	}
	return io.ReadAll(f)
}

// noStore makes every response uncacheable: Cache-Control no-store and no
// ETag or Last-Modified, set just before the header is written.
type noStore struct {
	http.ResponseWriter
	done bool
}

func (n *noStore) fix() {
	if !n.done {
		h := n.Header()
		h.Set("Cache-Control", "no-store")
		h.Del("Etag")
		h.Del("Last-Modified")
		n.done = true
	}
}

func (n *noStore) WriteHeader(code int) {
	n.fix()
	n.ResponseWriter.WriteHeader(code)
}

func (n *noStore) Write(b []byte) (int, error) {
	n.fix()
	return n.ResponseWriter.Write(b)
}
