package harness

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// Runtime is a wazero runtime with WASI, the engine module and the SIMD
// kernel module compiled, ready to make instances.
type Runtime struct {
	rt      wazero.Runtime
	module  wazero.CompiledModule // engine.wasm
	kernels wazero.CompiledModule // kernels.wasm
	links   kernelLinks
	// CompileTime is how long compiling the module took (short when the
	// compilation cache held it).
	CompileTime time.Duration
}

// CacheDir is wazero's compilation cache for the tests:
// <user cache dir>/gonn-wazero.
func CacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "gonn-wazero"), nil
}

// NewRuntime compiles the engine module at wasmPath and the kernel module
// kernels.wasm beside it (as the site serves them), with a compilation
// cache in cacheDir ("" for none).
func NewRuntime(ctx context.Context, wasmPath, cacheDir string) (*Runtime, error) {
	bin, err := os.ReadFile(wasmPath)
	if err != nil {
		return nil, err
	}
	kernelsPath := filepath.Join(filepath.Dir(wasmPath), "kernels.wasm")
	kernelsBin, err := os.ReadFile(kernelsPath)
	if err != nil {
		return nil, fmt.Errorf("harness: the kernel module beside the engine: %w", err)
	}
	cfg := wazero.NewRuntimeConfig()
	if cacheDir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(cacheDir)
		if err != nil {
			return nil, err
		}
		cfg = cfg.WithCompilationCache(cache)
	}
	rt := wazero.NewRuntimeWithConfig(ctx, cfg)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		rt.Close(ctx)
		return nil, err
	}
	start := time.Now()
	mod, err := rt.CompileModule(ctx, bin)
	if err != nil {
		rt.Close(ctx)
		return nil, fmt.Errorf("harness: compiling %s: %w", wasmPath, err)
	}
	compileTime := time.Since(start)
	kernels, err := rt.CompileModule(ctx, kernelsBin)
	if err != nil {
		rt.Close(ctx)
		return nil, fmt.Errorf("harness: compiling %s: %w", kernelsPath, err)
	}
	r := &Runtime{rt: rt, module: mod, kernels: kernels, CompileTime: compileTime}
	if err := r.instantiateTrampolines(ctx); err != nil {
		rt.Close(ctx)
		return nil, err
	}
	return r, nil
}

// Close releases the runtime and every instance.
func (r *Runtime) Close(ctx context.Context) error { return r.rt.Close(ctx) }

// ExportedFunctions lists the module's exports: name → definition.
func (r *Runtime) ExportedFunctions() map[string]api.FunctionDefinition {
	return r.module.ExportedFunctions()
}

// Instantiate makes a new, independent instance of the engine, running
// _initialize (a reactor's start), with real clocks, sleep and randomness,
// and the engine's stdout and stderr going to out. Like the JS API, it
// links a kernel instance and turns the kernels on (gonn_use_kernels),
// unless WithoutKernels.
func (r *Runtime) Instantiate(ctx context.Context, out io.Writer, opts ...InstanceOption) (*Engine, error) {
	c := instanceConfig{kernels: true}
	for _, o := range opts {
		o(&c)
	}
	cfg := wazero.NewModuleConfig().
		WithName(""). // anonymous, so that many instances may live in one runtime
		WithStartFunctions("_initialize").
		WithSysNanotime().WithSysWalltime().WithSysNanosleep().
		WithRandSource(rand.Reader).
		WithStdout(out).WithStderr(out)
	mod, err := r.rt.InstantiateModule(ctx, r.module, cfg)
	if err != nil {
		return nil, fmt.Errorf("harness: instantiating the engine: %w", err)
	}
	e := &Engine{ctx: ctx, mod: mod, rt: r}
	if !c.kernels {
		return e, nil
	}
	if err := r.linkKernels(ctx, mod); err != nil {
		e.Close()
		return nil, err
	}
	if err := e.UseKernels(true); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

// ImportedFunctions lists the engine module's imported functions.
func (r *Runtime) ImportedFunctions() []api.FunctionDefinition {
	return r.module.ImportedFunctions()
}

// KernelExports lists the kernel module's exports: name → definition.
func (r *Runtime) KernelExports() map[string]api.FunctionDefinition {
	return r.kernels.ExportedFunctions()
}
