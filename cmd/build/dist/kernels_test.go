package dist

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuild_Kernels(t *testing.T) {
	module := "\x00asm\x01\x00\x00\x00" + string(make([]byte, 64))
	for _, tt := range []struct {
		name, source string // "" for no kernels.wasm
		want         []string
		err          string
	}{
		{name: "shipped", source: module, want: []string{KernelsPath}},
		{name: "missing", source: ""},
		{name: "not wasm", source: "(module)", err: KernelsSource + " is not a WebAssembly module"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"web/static/index.html": "<!doctype html>"}
			if tt.source != "" {
				files[KernelsSource] = tt.source
			}
			root := fakeModule(t, files)
			opts := fastOptions(t, root, filepath.Join(t.TempDir(), "dist"))
			opts.SkipData = true
			m, err := Build(opts)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			paths := checkSite(t, opts.Out, m)
			assert.Equal(t, append(tt.want, "index.html"), paths)
			if tt.source != "" {
				got, err := os.ReadFile(filepath.Join(opts.Out, filepath.FromSlash(KernelsPath)))
				require.NoError(t, err)
				assert.Equal(t, tt.source, string(got))
			}
		})
	}
}
