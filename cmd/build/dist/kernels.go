package dist

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// KernelsSource is the committed SIMD kernel module in the module
// (assembled from wasm/kernels/kernels.wat; a test there proves it
// current), and KernelsPath its path in the site, beside EnginePath.
const (
	KernelsSource = "wasm/kernels/kernels.wasm"
	KernelsPath   = "gonn/kernels.wasm"
)

// kernels copies the SIMD kernel module into the site, where the JS API
// loads it beside the engine. A module without it gets a warning and no
// file (the engine then runs its Go loops).
func (b *builder) kernels(context.Context) error {
	data, err := os.ReadFile(b.src(KernelsSource))
	if errors.Is(err, fs.ErrNotExist) {
		b.logf("warning: no %s: the site has no SIMD kernels", KernelsSource)
		return nil
	}
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(data, []byte("\x00asm")) {
		return fmt.Errorf("%s is not a WebAssembly module", KernelsSource)
	}
	return b.write(KernelsPath, data)
}
