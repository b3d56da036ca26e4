package dist

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// EnginePath is the engine module's path in dist/.
const EnginePath = "gonn/engine.wasm"

// engine builds wasm/ as a WASI reactor into gonn/engine.wasm, or warns and
// skips it while wasm/ holds no Go files yet.
func (b *builder) engine(ctx context.Context) error {
	if !hasGoFiles(b.src("wasm")) {
		b.logf("warning: wasm/ holds no Go files yet: the site has no %s", EnginePath)
		return nil
	}
	return b.goBuild(ctx, "wasip1", EnginePath, "./wasm", "-buildmode=c-shared", "-ldflags=-buildid=")
}

// pages builds every web/ui/<page>/ holding Go files into ui/<page>.wasm
// and, if there is any, adds Go's ui/wasm_exec.js.
func (b *builder) pages(ctx context.Context) error {
	entries, err := os.ReadDir(b.src("web/ui"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	built := 0
	for _, e := range entries { // sorted by name
		if !e.IsDir() || !hasGoFiles(b.src("web/ui/"+e.Name())) {
			continue
		}
		if err := b.goBuild(ctx, "js", "ui/"+e.Name()+".wasm", "./web/ui/"+e.Name(), "-ldflags=-s -w -buildid="); err != nil {
			return err
		}
		built++
	}
	if built == 0 {
		return nil
	}
	loader, err := b.wasmExec(ctx)
	if err != nil {
		return err
	}
	return b.write("ui/wasm_exec.js", loader)
}

// goBuild runs "go build" for GOARCH=wasm and goos on the package pkg (a
// ./ path from the module root), writing the site file out. Builds are
// reproducible: -trimpath, no VCS stamp, and an empty build ID in ldflags.
func (b *builder) goBuild(ctx context.Context, goos, out, pkg string, flags ...string) error {
	dst := b.dst(out)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	args := append([]string{"build", "-trimpath", "-buildvcs=false", "-o", dst}, flags...)
	args = append(args, pkg)
	if _, err := b.runGo(ctx, []string{"GOOS=" + goos, "GOARCH=wasm"}, args...); err != nil {
		return err
	}
	return os.Chmod(dst, 0o644) // a .wasm is not a program to run
}

// wasmExec returns Go's loader for GOOS=js programs: lib/wasm/wasm_exec.js
// in GOROOT (Go 1.24 and later), or misc/wasm/wasm_exec.js before.
func (b *builder) wasmExec(ctx context.Context) ([]byte, error) {
	out, err := b.runGo(ctx, nil, "env", "GOROOT")
	if err != nil {
		return nil, err
	}
	goroot := strings.TrimSpace(string(out))
	var errs []error
	for _, rel := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		data, err := os.ReadFile(filepath.Join(goroot, filepath.FromSlash(rel)))
		if err == nil {
			return data, nil
		}
		errs = append(errs, err)
	}
	return nil, fmt.Errorf("no wasm_exec.js in GOROOT %s: %w", goroot, errors.Join(errs...))
}

// runGo runs the go command from PATH in the module root with env added to
// the environment and returns its standard output; a failure's error holds
// the command and its output.
func (b *builder) runGo(ctx context.Context, env []string, args ...string) ([]byte, error) {
	if b.goCmd == "" {
		goCmd, err := exec.LookPath("go")
		if err != nil {
			return nil, fmt.Errorf("the build needs the go command: %w", err)
		}
		b.goCmd = goCmd
	}
	cmd := exec.CommandContext(ctx, b.goCmd, args...)
	cmd.Dir = b.root
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s go %s: %w\n%s", strings.Join(env, " "), strings.Join(args, " "), err,
			strings.TrimSpace(stderr.String()+stdout.String()))
	}
	return stdout.Bytes(), nil
}

// hasGoFiles reports whether dir holds a Go file that is not a test.
func hasGoFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") && n[0] != '.' && n[0] != '_' {
			return true
		}
	}
	return false
}
