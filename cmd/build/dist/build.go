package dist

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"

	"gonn/nn/mnist"
)

// Options say what Build builds and where.
type Options struct {
	// Root is the module root; "" means FindRoot from the working folder.
	Root string
	// Out is the output folder; "" means dist in Root. A relative Out is
	// taken from the working folder.
	Out string
	// Force lets Build replace an Out that is not Root/dist, is not empty
	// and holds no manifest written by Build. Nothing lets it replace a
	// file-system root, the home folder, Root or a folder above it, or a
	// folder holding go.mod, .git or .go files.
	Force bool
	// SkipGoBuilds skips the engine and the page UIs, the slow steps that
	// run the go command (tests of everything else use it).
	SkipGoBuilds bool
	// SkipData skips the MNIST packs.
	SkipData bool
	// MNISTDir is the folder of MNIST's four IDX files; "" means
	// mnist.ModuleDir() (the GoMNIST module, or $GONN_MNIST_DIR).
	MNISTDir string
	// CacheDir keeps gzip copies of large files between builds (see
	// DefaultCacheDir); "" compresses everything every time.
	CacheDir string
	// Log receives one line per step and the warnings; nil discards them.
	Log io.Writer
}

// Build builds the site into opts.Out and returns its manifest.
func Build(opts Options) (*Manifest, error) {
	return BuildContext(context.Background(), opts)
}

// BuildContext is Build, stopped (the go command killed, the partial build
// removed, the previous site kept) when ctx is done.
func BuildContext(ctx context.Context, opts Options) (*Manifest, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	if err := checkReplace(b.root, b.out, opts.Force); err != nil {
		return nil, err
	}
	start := time.Now()
	if err := os.MkdirAll(filepath.Dir(b.out), 0o755); err != nil {
		return nil, err
	}
	b.stage, err = os.MkdirTemp(filepath.Dir(b.out), "."+filepath.Base(b.out)+".build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(b.stage) // gone after the swap; the partial build otherwise
	if err := os.Chmod(b.stage, 0o755); err != nil {
		return nil, err
	}

	steps := []struct {
		name string
		run  func(context.Context) error
		skip bool
	}{
		{"engine", b.engine, opts.SkipGoBuilds},
		{"kernels", b.kernels, false},
		{"js api", b.jsAPI, false},
		{"ui", b.pages, opts.SkipGoBuilds},
		{"static", b.static, false},
		{"data", b.data, opts.SkipData},
		{"vega", b.vega, false},
	}
	for _, s := range steps {
		if s.skip {
			b.logf("%-8s skipped", s.name)
			continue
		}
		t := time.Now()
		if err := s.run(ctx); err != nil {
			return nil, fmt.Errorf("build %s: %w", s.name, err)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b.logf("%-8s %.1fs", s.name, time.Since(t).Seconds())
	}
	t := time.Now()
	m, err := b.finish(ctx)
	if err != nil {
		return nil, fmt.Errorf("build manifest: %w", err)
	}
	b.logf("%-8s %.1fs", "gzip", time.Since(t).Seconds())
	if err := b.swap(); err != nil {
		return nil, err
	}
	b.logf("built %s: %d files, %d bytes, %d with gzip, in %.1fs",
		b.out, m.TotalFiles, m.TotalSize, m.TotalGzipSize, time.Since(start).Seconds())
	return m, nil
}

// builder holds one build's paths.
type builder struct {
	opts  Options
	root  string // module root
	out   string // absolute output folder
	stage string // the folder being built, a hidden sibling of out
	goCmd string // the go command, found when first needed
}

func newBuilder(opts Options) (*builder, error) {
	b := &builder{opts: opts}
	var err error
	if opts.Root == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		if b.root, err = FindRoot(wd); err != nil {
			return nil, err
		}
	} else if b.root, err = filepath.Abs(opts.Root); err != nil {
		return nil, err
	}
	b.out = filepath.Join(b.root, "dist")
	if opts.Out != "" {
		if b.out, err = filepath.Abs(opts.Out); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func (b *builder) logf(format string, args ...any) {
	if b.opts.Log != nil {
		fmt.Fprintf(b.opts.Log, format+"\n", args...)
	}
}

// src is the path of the slash-separated module path rel.
func (b *builder) src(rel string) string { return filepath.Join(b.root, filepath.FromSlash(rel)) }

// dst is the staged path of the slash-separated site path rel.
func (b *builder) dst(rel string) string { return filepath.Join(b.stage, filepath.FromSlash(rel)) }

// write stores data as the site file rel, which must not exist yet: two
// steps writing the same file is an error, not a silent overwrite.
func (b *builder) write(rel string, data []byte) error {
	p := b.dst(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s is made twice (a source file collides with a built one)", rel)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// copyTree copies every regular file under the module folder from into the
// site folder to, keeping the tree. Names starting with "." or "_" are
// skipped, as are node_modules folders; other non-regular files are errors.
func (b *builder) copyTree(from, to string) error {
	dir := b.src(from)
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		name := d.Name()
		if p != dir && (name[0] == '.' || name[0] == '_' || d.IsDir() && name == "node_modules") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return b.write(path.Join(to, filepath.ToSlash(rel)), data)
	})
}

// jsAPI copies wasm/js/ to gonn/.
func (b *builder) jsAPI(context.Context) error {
	if !isDir(b.src("wasm/js")) {
		b.logf("warning: no wasm/js/: the site has no JavaScript API")
		return nil
	}
	return b.copyTree("wasm/js", "gonn")
}

// static copies web/static/ to the site's root.
func (b *builder) static(context.Context) error {
	if !isDir(b.src("web/static")) {
		b.logf("warning: no web/static/: the site has no pages")
		return nil
	}
	return b.copyTree("web/static", ".")
}

// data writes the two MNIST packs.
func (b *builder) data(context.Context) error {
	dir := b.opts.MNISTDir
	if dir == "" {
		var err error
		if dir, err = mnist.ModuleDir(); err != nil {
			return err
		}
	}
	train, test, err := LoadPacks(dir)
	if err != nil {
		return err
	}
	for _, p := range []struct {
		name string
		pack *Pack
	}{{TrainPack, train}, {TestPack, test}} {
		data, err := EncodePack(p.pack)
		if err != nil {
			return err
		}
		if err := b.write(p.name, data); err != nil {
			return err
		}
	}
	return nil
}

// finish adds the gzip copies and the manifest to the staged site.
func (b *builder) finish(ctx context.Context) (*Manifest, error) {
	var paths []string
	err := filepath.WalkDir(b.stage, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(b.stage, p)
		paths = append(paths, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		return nil, err
	}
	// WalkDir visits names in lexical order per folder, which is not the
	// order of full paths ("a-b/x" < "a/x" but "a" < "a-b"): sort them.
	slices.Sort(paths)

	cache := gzipCache{dir: b.opts.CacheDir}
	files := make([]File, 0, len(paths))
	for _, rel := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(b.dst(rel))
		if err != nil {
			return nil, err
		}
		gzipSize := 0
		if Compressible(rel) {
			if gz := cache.compress(data, sha256.Sum256(data)); len(gz) < len(data) {
				if err := b.write(rel+".gz", gz); err != nil {
					return nil, err
				}
				gzipSize = len(gz)
			}
		}
		files = append(files, newFile(rel, data, gzipSize))
	}
	m := newManifest(files)
	raw := m.Marshal()
	if err := b.write(ManifestName, raw); err != nil {
		return nil, err
	}
	if gz := Gzip(raw); len(gz) < len(raw) {
		return m, b.write(ManifestName+".gz", gz)
	}
	return m, nil
}

// swap puts the staged site in place of the output folder.
func (b *builder) swap() error {
	old := ""
	if _, err := os.Lstat(b.out); err == nil {
		// Check again: the folder may have changed during the build.
		if err := checkReplace(b.root, b.out, b.opts.Force); err != nil {
			return err
		}
		old = b.stage + ".old"
		if err := os.Rename(b.out, old); err != nil {
			return err
		}
	}
	if err := os.Rename(b.stage, b.out); err != nil {
		if old != "" {
			os.Rename(old, b.out)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}
