package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tetratelabs/wazero/api"
)

// docExport is an export as docs/abi.md's tables list it.
type docExport struct {
	name   string
	params []string
}

// docRow matches a table row naming an export: | `gonn_x` | (a, b) … |.
var docRow = regexp.MustCompile("^\\| `(gonn_[a-z0-9_]+)` \\| \\(([^)]*)\\)")

// readDocExports reads the exports listed in docs/abi.md.
func readDocExports(t *testing.T) []docExport {
	root, err := harness.ModuleRoot()
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(root, "docs", "abi.md"))
	require.NoError(t, err)
	var out []docExport
	for line := range strings.Lines(string(b)) {
		m := docRow.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		var params []string
		for p := range strings.SplitSeq(m[2], ",") {
			if p = strings.TrimSpace(p); p != "" {
				params = append(params, p)
			}
		}
		out = append(out, docExport{m[1], params})
	}
	return out
}

// TestABI_ExportsMatchDoc checks that the module exports exactly the
// functions docs/abi.md lists, with the parameters it gives, and that every
// one takes and returns i32 only, so the doc cannot drift from the engine.
func TestABI_ExportsMatchDoc(t *testing.T) {
	doc := readDocExports(t)
	require.NotEmpty(t, doc, "no exports found in docs/abi.md")
	defs := runtime(t).ExportedFunctions()

	var docNames, modNames []string
	for _, d := range doc {
		docNames = append(docNames, d.name)
	}
	for name := range defs {
		if strings.HasPrefix(name, "gonn_") {
			modNames = append(modNames, name)
		}
	}
	slices.Sort(docNames)
	slices.Sort(modNames)
	require.Equal(t, modNames, docNames, "docs/abi.md and the module's gonn_ exports differ")

	for _, d := range doc {
		def := defs[d.name]
		assert.Len(t, def.ParamTypes(), len(d.params), "%s: docs/abi.md gives params %v", d.name, d.params)
		for _, typ := range append(def.ParamTypes(), def.ResultTypes()...) {
			assert.Equal(t, api.ValueTypeI32, typ, "%s takes or returns %s: the ABI is i32 only", d.name, api.ValueTypeName(typ))
		}
		assert.Len(t, def.ResultTypes(), 1, d.name)
	}
	assert.Contains(t, defs, "_initialize")
	t.Logf("%d exports, as documented", len(doc))
}

// docKernelRow matches a kernel import in docs/abi.md's Kernels table:
// | engine imports | `gonn_kernels` | `gemm` | (a, b) → () |.
var docKernelRow = regexp.MustCompile("^\\| engine imports \\| `" + harness.KernelsImport + "` \\| `([a-z0-9_]+)` \\| \\(([^)]*)\\) → \\(\\) \\|")

// TestABI_ImportsMatchDoc checks the engine's imports: WASI, and exactly
// the kernel functions docs/abi.md lists, with the parameter types it
// gives them (i32 unless a group ends in ": f32"), each one exported by
// kernels.wasm with the same signature (what lets a host forward the call
// as it is).
func TestABI_ImportsMatchDoc(t *testing.T) {
	root, err := harness.ModuleRoot()
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(root, "docs", "abi.md"))
	require.NoError(t, err)
	doc := map[string][]string{} // name → parameter types
	for line := range strings.Lines(string(b)) {
		if m := docKernelRow.FindStringSubmatch(line); m != nil {
			doc[m[1]] = docParamTypes(m[2])
		}
	}
	require.NotEmpty(t, doc, "no kernel imports found in docs/abi.md")

	rt := runtime(t)
	kernels := rt.KernelExports()
	imported := map[string][]string{}
	for _, f := range rt.ImportedFunctions() {
		module, name, _ := f.Import()
		if module == "wasi_snapshot_preview1" {
			continue
		}
		require.Equal(t, harness.KernelsImport, module, "the engine imports %s.%s", module, name)
		for _, typ := range f.ParamTypes() {
			imported[name] = append(imported[name], api.ValueTypeName(typ))
		}
		assert.Empty(t, f.ResultTypes(), "%s.%s returns a value", module, name)
		export, ok := kernels[name]
		if assert.True(t, ok, "kernels.wasm does not export %s", name) {
			assert.Equal(t, f.ParamTypes(), export.ParamTypes(), name)
			assert.Equal(t, f.ResultTypes(), export.ResultTypes(), name)
		}
	}
	assert.Equal(t, doc, imported, "docs/abi.md and the engine's %s imports differ", harness.KernelsImport)
}

// docParamTypes reads a parameter list as docs/abi.md writes it, "a, b"
// (all i32) or "w, n: i32, c1, c2: f32" (a type after a name types it and
// the untyped names before it).
func docParamTypes(list string) []string {
	var types []string
	untyped := 0
	for _, p := range strings.Split(list, ",") {
		types = append(types, "i32")
		untyped++
		if _, typ, ok := strings.Cut(p, ":"); ok {
			for i := len(types) - untyped; i < len(types); i++ {
				types[i] = strings.TrimSpace(typ)
			}
			untyped = 0
		}
	}
	return types
}
