package dist

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readTree returns every file under dir: slash path → bytes.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		require.NoError(t, err)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	}))
	return files
}

// checkSite checks that the manifest m and the files in out agree: every
// file is listed (or is a listed file's gzip copy, or the manifest), with
// its size and hash; every gzip copy decompresses to its original; the
// manifest on disk is m. It returns the listed paths.
func checkSite(t *testing.T, out string, m *Manifest) []string {
	t.Helper()
	tree := readTree(t, out)
	onDisk, err := ReadManifest(filepath.Join(out, ManifestName))
	require.NoError(t, err)
	assert.Equal(t, m, onDisk)
	assert.Equal(t, Generator, m.Generator)
	assert.Equal(t, string(m.Marshal()), string(tree[ManifestName]))
	if gz, ok := tree[ManifestName+".gz"]; ok {
		assert.Equal(t, tree[ManifestName], gunzip(t, gz))
	}

	seen := map[string]bool{ManifestName: true, ManifestName + ".gz": true}
	var paths []string
	var size, gzipSize int64
	for _, f := range m.Files {
		paths = append(paths, f.Path)
		data, ok := tree[f.Path]
		if !assert.True(t, ok, "listed file %s exists", f.Path) {
			continue
		}
		seen[f.Path] = true
		sum := sha256.Sum256(data)
		assert.Equal(t, int64(len(data)), f.Size, f.Path)
		assert.Equal(t, hex.EncodeToString(sum[:]), f.SHA256, f.Path)
		size += f.Size
		gz, hasGz := tree[f.Path+".gz"]
		if f.GzipSize == 0 {
			assert.False(t, hasGz, "%s has a gzip copy the manifest does not list", f.Path)
			gzipSize += f.Size
			continue
		}
		seen[f.Path+".gz"] = true
		assert.True(t, Compressible(f.Path), f.Path)
		assert.Equal(t, int64(len(gz)), f.GzipSize, f.Path)
		assert.Less(t, f.GzipSize, f.Size, f.Path)
		assert.True(t, bytes.Equal(data, gunzip(t, gz)), "%s.gz decompresses to %s", f.Path, f.Path)
		gzipSize += f.GzipSize
	}
	for p := range tree {
		assert.True(t, seen[p], "file %s is not in the manifest", p)
	}
	assert.True(t, slices.IsSorted(paths), "paths sorted")
	assert.Equal(t, len(m.Files), m.TotalFiles)
	assert.Equal(t, size, m.TotalSize)
	assert.Equal(t, gzipSize, m.TotalGzipSize)
	return paths
}

// assertSameTree checks that two folders hold the same files, byte for byte.
func assertSameTree(t *testing.T, a, b string) {
	t.Helper()
	ta, tb := readTree(t, a), readTree(t, b)
	assert.Equal(t, slices.Sorted(maps.Keys(ta)), slices.Sorted(maps.Keys(tb)))
	for p, data := range ta {
		assert.True(t, bytes.Equal(data, tb[p]), "%s differs between %s and %s", p, a, b)
	}
}

// assertNoLeftovers checks that no staging folder remains beside out.
func assertNoLeftovers(t *testing.T, out string) {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".build-*"))
	require.NoError(t, err)
	assert.Empty(t, matches)
}

// siteSource is a module without Go programs: pages, a JavaScript API and
// files the build must skip.
var siteSource = map[string]string{
	"web/static/index.html":        "<!doctype html>\n<title>gonn</title>\n" + strings.Repeat("<p>demo</p>\n", 50),
	"web/static/style.css":         strings.Repeat("body { margin: 0 }\n", 20),
	"web/static/img/logo.png":      strings.Repeat("\x89PNG", 100), // not compressible by name
	"web/static/mnist/index.html":  strings.Repeat("<p>mnist</p>\n", 40),
	"web/static/.DS_Store":         "skipped",
	"web/static/_draft.html":       "skipped",
	"web/static/.hidden/x.html":    "skipped",
	"wasm/js/gonn.js":              strings.Repeat("export function f() {}\n", 30),
	"wasm/js/gonn.d.ts":            strings.Repeat("export declare function f(): void;\n", 30),
	"wasm/js/worker.js":            strings.Repeat("self.onmessage = () => {};\n", 30),
	"wasm/js/tiny.js":              "x", // gzip would only make it longer
	"wasm/js/node_modules/dep.js":  "skipped",
	"wasm/README.md":               "wasm/ has no Go files: the engine is skipped",
	"web/ui/README.md":             "no page UI yet",
	"web/ui/empty/notes.txt":       "a folder without Go files is no page",
	"web/ui/hello/main_test.go":    "package main",
	"nn/unrelated.go":              "package nn",
	"cmd/build/ignored/index.html": "not part of the site",
}

// wantSitePaths are the files a fast build of siteSource lists.
var wantSitePaths = []string{
	TestPack, TrainPack,
	"gonn/gonn.d.ts", "gonn/gonn.js", "gonn/tiny.js", "gonn/worker.js",
	"img/logo.png", "index.html", "mnist/index.html", "style.css",
}

// fastOptions builds root into out without the go command, with small
// MNIST files.
func fastOptions(t *testing.T, root, out string) Options {
	mnistDir := filepath.Join(root, "mnist-data")
	if !isDir(mnistDir) {
		require.NoError(t, os.MkdirAll(mnistDir, 0o755))
		writeMNIST(t, mnistDir, testPack(6, 28, 28, 1), testPack(3, 28, 28, 2))
	}
	return Options{Root: root, Out: out, SkipGoBuilds: true, MNISTDir: mnistDir, Log: t.Output()}
}

func TestBuild_Fast(t *testing.T) {
	root := fakeModule(t, siteSource)
	tmp := t.TempDir()
	out1, out2 := filepath.Join(tmp, "a", "dist"), filepath.Join(tmp, "b", "site")

	m, err := Build(fastOptions(t, root, out1))
	require.NoError(t, err)
	assert.Equal(t, wantSitePaths, checkSite(t, out1, m))
	assertNoLeftovers(t, out1)

	f, _ := m.File("gonn/tiny.js")
	assert.Zero(t, f.GzipSize, "no gzip copy when it is not smaller")
	f, _ = m.File("img/logo.png")
	assert.Zero(t, f.GzipSize, "no gzip copy of a png")
	f, _ = m.File("index.html")
	assert.NotZero(t, f.GzipSize)

	data, err := os.ReadFile(filepath.Join(out1, filepath.FromSlash(TrainPack)))
	require.NoError(t, err)
	p, err := DecodePack(data)
	require.NoError(t, err)
	assert.Equal(t, testPack(6, 28, 28, 1), p)

	t.Run("same bytes in another folder", func(t *testing.T) {
		m2, err := Build(fastOptions(t, root, out2))
		require.NoError(t, err)
		assert.Equal(t, m, m2)
		assertSameTree(t, out1, out2)
	})
	t.Run("rebuild replaces the previous build", func(t *testing.T) {
		require.NoError(t, os.WriteFile(filepath.Join(out1, "stale.html"), []byte("old"), 0o644))
		_, err := Build(fastOptions(t, root, out1))
		require.NoError(t, err)
		assertSameTree(t, out1, out2)
		assertNoLeftovers(t, out1)
	})
	t.Run("default output is dist in the root", func(t *testing.T) {
		opts := fastOptions(t, root, "")
		_, err := Build(opts)
		require.NoError(t, err)
		assertSameTree(t, out1, filepath.Join(root, "dist"))
	})
}

func TestBuild_Errors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		edit  func(*Options)
		want  string
	}{
		{
			name:  "static file collides with the api",
			files: map[string]string{"wasm/js/gonn.js": "a", "web/static/gonn/gonn.js": "b"},
			want:  "gonn/gonn.js is made twice",
		},
		{
			name:  "static manifest",
			files: map[string]string{"web/static/manifest.json": "{}"},
			want:  "build manifest: manifest.json is made twice",
		},
		{
			name: "no mnist files",
			edit: func(o *Options) { o.MNISTDir = o.Root },
			want: "build data: mnist pack",
		},
		{
			name: "cancelled",
			edit: func(o *Options) {},
			want: "context canceled",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := fakeModule(t, nil)
			out := filepath.Join(t.TempDir(), "dist")
			// A good build first: a failed one must leave it alone.
			good, err := Build(fastOptions(t, root, out))
			require.NoError(t, err)
			writeFiles(t, root, tt.files)

			opts := fastOptions(t, root, out)
			ctx := context.Background()
			if tt.edit != nil {
				tt.edit(&opts)
			}
			if tt.name == "cancelled" {
				c, cancel := context.WithCancel(ctx)
				cancel()
				ctx = c
			}
			_, err = BuildContext(ctx, opts)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			checkSite(t, out, good)
			assertNoLeftovers(t, out)
		})
	}
}

// skipUnlessLong skips slow tests under go test -short.
func skipUnlessLong(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the go command or compresses all of MNIST: skipped with -short")
	}
}

// The Go builds on a small module: a reactor as the engine, a GOOS=js page.
func TestBuild_GoPrograms(t *testing.T) {
	skipUnlessLong(t)
	root := fakeModule(t, map[string]string{
		"wasm/main.go": "package main\n\n//go:wasmexport add\nfunc add(a, b int32) int32 { return a + b }\n\nfunc main() {}\n",
		"web/ui/hello/main.go": "package main\n\nimport \"syscall/js\"\n\n" +
			"func main() { js.Global().Get(\"console\").Call(\"log\", \"hello\") }\n",
		"web/ui/notes/README.md": "no Go files: no page",
	})
	tmp := t.TempDir()
	out1, out2 := filepath.Join(tmp, "1", "dist"), filepath.Join(tmp, "2", "dist")
	opts := fastOptions(t, root, out1)
	opts.SkipGoBuilds, opts.SkipData = false, true
	m, err := Build(opts)
	require.NoError(t, err)
	assert.Equal(t, []string{EnginePath, "ui/hello.wasm", "ui/wasm_exec.js"}, checkSite(t, out1, m))
	for _, p := range []string{EnginePath, "ui/hello.wasm"} {
		data, err := os.ReadFile(filepath.Join(out1, filepath.FromSlash(p)))
		require.NoError(t, err)
		assert.Equal(t, []byte("\x00asm"), data[:4], p)
		assert.NotContains(t, string(data), root, "%s holds the source path: -trimpath missing", p)
	}
	b := &builder{root: root}
	want, err := b.wasmExec(context.Background())
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(out1, "ui", "wasm_exec.js"))
	require.NoError(t, err)
	assert.Equal(t, want, got)

	opts.Out = out2
	_, err = Build(opts)
	require.NoError(t, err)
	assertSameTree(t, out1, out2)

	t.Run("compile error", func(t *testing.T) {
		writeFiles(t, root, map[string]string{"wasm/broken.go": "package main\n\nvar x int = \"s\"\n"})
		_, err := Build(opts)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "build engine: GOOS=wasip1 GOARCH=wasm go build")
		assert.Contains(t, err.Error(), "broken.go:3")
	})
}

// The whole site from this module: engine (if wasm/ has Go files yet),
// page UIs, real MNIST packs. Built twice; the second build's gzip copies
// of the packs come from the cache the first filled, so this also checks
// that the cache gives the bytes of a fresh compression.
func TestBuild_EndToEnd(t *testing.T) {
	skipUnlessLong(t)
	root, err := FindRoot(".")
	require.NoError(t, err)
	tmp := t.TempDir()
	cache := filepath.Join(tmp, "cache")
	out1, out2 := filepath.Join(tmp, "1", "dist"), filepath.Join(tmp, "2", "dist")

	m, err := Build(Options{Root: root, Out: out1, CacheDir: cache, Log: t.Output()})
	require.NoError(t, err)
	paths := checkSite(t, out1, m)
	assert.Contains(t, paths, TrainPack)
	assert.Contains(t, paths, TestPack)
	assert.Equal(t, hasGoFiles(filepath.Join(root, "wasm")), slices.Contains(paths, EnginePath))

	for _, tt := range []struct {
		path       string
		n          int
		firstLabel byte
	}{{TrainPack, 60000, 5}, {TestPack, 10000, 7}} {
		data, err := os.ReadFile(filepath.Join(out1, filepath.FromSlash(tt.path)))
		require.NoError(t, err)
		p, err := DecodePack(data)
		require.NoError(t, err)
		assert.Equal(t, tt.n, p.N, tt.path)
		assert.Equal(t, 28, p.Rows, tt.path)
		assert.Equal(t, 28, p.Cols, tt.path)
		assert.Equal(t, tt.firstLabel, p.Labels[0], tt.path)
	}

	m2, err := Build(Options{Root: root, Out: out2, CacheDir: cache, Log: t.Output()})
	require.NoError(t, err)
	assert.Equal(t, m, m2)
	assertSameTree(t, out1, out2)
}
