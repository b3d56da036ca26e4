// Package harness loads gonn's engine module (engine.wasm) into wazero and
// drives it through docs/abi.md: BuildEngine makes the file, NewRuntime
// compiles it once, Runtime.Instantiate makes an Engine, whose methods
// mirror the exports (CreateModel, Compile, CreateTensor, FitBegin,
// FitStep, Predict, WeightsHash, Dispose, …) and return an *Error carrying
// the status code and message when the engine refuses a call.
package harness

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// BuildEngine builds the engine module from ./wasm into dir and returns the
// file's path:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -trimpath -o <dir>/engine.wasm ./wasm
//
// It is the one place that makes the file the tests load; swap it for the
// dist/ build when cmd/build exists.
func BuildEngine(dir string) (string, error) {
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "engine.wasm")
	cmd := exec.Command("go", "build", "-buildmode=c-shared", "-trimpath", "-o", out, "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("harness: building the engine: %w\n%s", err, strings.TrimSpace(stderr.String()))
	}
	if err := statSources(root); err != nil {
		return "", err
	}
	return out, nil
}

// statSources looks at every Go file of gonn that the engine is built from.
// go test caches a test's result keyed by the files the test consults; the
// build runs in another process, so without this an edit to wasm/ or nn/
// would leave a stale "(cached)" pass.
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
	_, err = os.Stat(filepath.Join(root, "go.mod"))
	return err
}

// ModuleRoot is the folder of gonn's go.mod, searched upward from the
// working directory (a test's package folder).
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.HasPrefix(b, []byte("module gonn\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("harness: no go.mod of module gonn above the working directory")
		}
		dir = parent
	}
}
