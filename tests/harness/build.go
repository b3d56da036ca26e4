// Package harness loads gonn's engine module (engine.wasm) into wazero and
// drives it through docs/abi.md: BuildEngine makes the file, NewRuntime
// compiles it and the SIMD kernel module once, Runtime.Instantiate makes an
// Engine (with its kernel instance linked and on), whose methods
// mirror the exports (CreateModel, Compile, CreateTensor, FitBegin,
// FitStep, Predict, WeightsHash, Dispose, …) and return an *Error carrying
// the status code and message when the engine refuses a call.
package harness

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"gonn/cmd/build/dist"
)

// BuildEngine builds the site's engine exactly as browsers get it, with
// cmd/build's dist.Build (no data packs) into dir/dist, and returns the path
// of dir/dist/gonn/engine.wasm: the tests load the very bytes that are
// served.
func BuildEngine(dir string) (string, error) {
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "dist")
	if _, err := dist.Build(dist.Options{Root: root, Out: out, SkipData: true}); err != nil {
		return "", fmt.Errorf("harness: building dist/: %w", err)
	}
	if err := statSources(root); err != nil {
		return "", err
	}
	return filepath.Join(out, "gonn", "engine.wasm"), nil
}

// statSources looks at every Go file of gonn that the engine is built from.
// go test caches a test's result keyed by the files the test consults; the
// build runs in another process, so without this an edit to wasm/ or nn/
// (or a new kernels.wasm, which the build copies) would leave a stale
// "(cached)" pass.
func statSources(root string) error {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{range .GoFiles}}{{$.Dir}}/{{.}}\n{{end}}{{end}}", "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	list, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("harness: listing the engine's sources: %w", err)
	}
	for _, f := range strings.Fields(string(list)) {
		if strings.HasPrefix(f, root) {
			if _, err := os.Stat(f); err != nil {
				return err
			}
		}
	}
	for _, f := range []string{"go.mod", "wasm/kernels/kernels.wasm"} {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(f))); err != nil {
			return err
		}
	}
	return nil
}

// ModuleRoot is the folder of gonn's go.mod, searched upward from the
// working directory (a test's package folder).
func ModuleRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return dist.FindRoot(wd)
}
