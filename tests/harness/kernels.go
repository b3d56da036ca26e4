package harness

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Linking the SIMD kernel module (docs/abi.md, "Kernels"): the engine
// imports gonn_kernels.*, and the kernel module imports the engine's
// memory as engine.memory, so neither can be instantiated on the other's
// exports. The runtime holds one host module gonn_kernels whose functions
// are trampolines: each finds the kernel instance linked to the engine
// instance that calls it and calls the same-named export there, once per
// operation. The kernel instance is made after the engine, on its memory.

const (
	// KernelsImport is the module name of the engine's kernel imports.
	KernelsImport = "gonn_kernels"
	// kernelsMemoryModule is the module name under which the kernel
	// module imports the engine's memory.
	kernelsMemoryModule = "engine"
)

// kernelLink is the kernel instance of one engine instance, with its
// exports looked up once.
type kernelLink struct {
	mod   api.Module
	funcs map[string]api.Function
	calls atomic.Int64 // calls forwarded so far
}

// kernelLinks maps engine instances to their kernel instances.
type kernelLinks struct {
	mu    sync.RWMutex
	links map[api.Module]*kernelLink
}

func (l *kernelLinks) get(engine api.Module) *kernelLink {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.links[engine]
}

func (l *kernelLinks) set(engine api.Module, k *kernelLink) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.links == nil {
		l.links = map[api.Module]*kernelLink{}
	}
	l.links[engine] = k
}

// remove unlinks engine and returns its kernel instance, if any.
func (l *kernelLinks) remove(engine api.Module) *kernelLink {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := l.links[engine]
	delete(l.links, engine)
	return k
}

// instantiateTrampolines makes the gonn_kernels host module: one
// trampoline for every function the engine imports from it, with the
// import's signature.
func (r *Runtime) instantiateTrampolines(ctx context.Context) error {
	b := r.rt.NewHostModuleBuilder(KernelsImport)
	for _, f := range r.module.ImportedFunctions() {
		module, name, _ := f.Import()
		if module != KernelsImport {
			continue
		}
		b.NewFunctionBuilder().
			WithGoModuleFunction(r.trampoline(name), f.ParamTypes(), f.ResultTypes()).
			Export(name)
	}
	_, err := b.Instantiate(ctx)
	return err
}

// trampoline forwards the import name to the kernel instance linked to the
// calling engine. An engine with no kernel module traps, as the ABI says
// its stubs do (the engine never calls them unless told to).
func (r *Runtime) trampoline(name string) api.GoModuleFunc {
	return func(ctx context.Context, engine api.Module, stack []uint64) {
		k := r.links.get(engine)
		if k == nil {
			panic(fmt.Sprintf("harness: the engine called %s.%s, but no kernel module is linked to it", KernelsImport, name))
		}
		fn := k.funcs[name]
		if fn == nil {
			panic(fmt.Sprintf("harness: the kernel module exports no %s", name))
		}
		k.calls.Add(1)
		if err := fn.CallWithStack(ctx, stack); err != nil {
			panic(err)
		}
	}
}

// linkKernels makes a kernel instance on engine's memory and links it.
func (r *Runtime) linkKernels(ctx context.Context, engine api.Module) error {
	kctx := experimental.WithImportResolver(ctx, func(name string) api.Module {
		if name == kernelsMemoryModule {
			return engine
		}
		return nil
	})
	mod, err := r.rt.InstantiateModule(kctx, r.kernels, wazero.NewModuleConfig().WithName(""))
	if err != nil {
		return fmt.Errorf("harness: instantiating the kernel module: %w", err)
	}
	k := &kernelLink{mod: mod, funcs: map[string]api.Function{}}
	for name := range r.kernels.ExportedFunctions() {
		k.funcs[name] = mod.ExportedFunction(name)
	}
	r.links.set(engine, k)
	return nil
}

// InstanceOption changes how Runtime.Instantiate makes an instance.
type InstanceOption func(*instanceConfig)

type instanceConfig struct{ kernels bool }

// WithoutKernels makes an instance with no kernel module: the engine keeps
// its Go loops, and gonn_use_kernels(1) traps (the trampolines find no
// kernel), as with a host that has no kernels.wasm.
func WithoutKernels() InstanceOption { return func(c *instanceConfig) { c.kernels = false } }

// UseKernels calls gonn_use_kernels: the kernel module's GEMM (after the
// engine checked its bits) or the Go loops.
func (e *Engine) UseKernels(on bool) error {
	enable := int32(0)
	if on {
		enable = 1
	}
	return e.Status("gonn_use_kernels", I32(enable))
}

// KernelCalls is how many kernel calls the engine made through its
// trampolines (0 without a kernel module).
func (e *Engine) KernelCalls() int64 {
	if k := e.rt.links.get(e.mod); k != nil {
		return k.calls.Load()
	}
	return 0
}
