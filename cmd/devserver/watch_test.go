package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWatcher_Fingerprint(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "web", "dist")
	write := func(rel, content string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	write("nn/a.go", "package nn")
	write("web/static/index.html", "<p>")
	w := newWatcher(root, out)
	base := w.fingerprint()

	tests := []struct {
		name    string
		change  func()
		rebuild bool
	}{
		{"unwatched folder", func() { write("cmd/x.go", "package cmd") }, false},
		{"output folder", func() { write("web/dist/index.html", "built") }, false},
		{"editor swap file", func() { write("web/static/.index.html.swp", "x") }, false},
		{"staging folder", func() { write("web/.dist.build-1/x", "x") }, false},
		{"new file", func() { write("wasm/main.go", "package main") }, true},
		{"same size, new time", func() {
			later := time.Now().Add(time.Hour)
			require.NoError(t, os.Chtimes(filepath.Join(root, "nn", "a.go"), later, later))
		}, true},
		{"new content", func() { write("web/static/index.html", "<p>hi") }, true},
		{"go.mod", func() { write("go.mod", "module gonn") }, true},
		{"removed", func() { require.NoError(t, os.Remove(filepath.Join(root, "wasm", "main.go"))) }, true},
	}
	for _, tt := range tests {
		tt.change()
		now := w.fingerprint()
		assert.Equal(t, tt.rebuild, now != base, tt.name)
		base = now
	}
}
