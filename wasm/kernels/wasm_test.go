package kernels

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite kernels.wasm from kernels.wat")

// wabtDir is the test-only npm folder that pins wabt.
var wabtDir = filepath.Join("..", "..", "tests", "wabt")

// TestKernelsWasm_Current assembles kernels.wat with wabt's wat2wasm (the
// version pinned in tests/wabt/package-lock.json) and requires the bytes
// of the committed kernels.wasm. wat2wasm is deterministic: the same text
// and version give the same bytes (no time stamp, no path, no name
// section), so the bytes themselves are compared. With -update the test
// writes kernels.wasm instead.
func TestKernelsWasm_Current(t *testing.T) {
	wat2wasm := installWabt(t)
	out := filepath.Join(t.TempDir(), "kernels.wasm")
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, needTool(t, "node"), wat2wasm, "kernels.wat", "-o", out)
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "wat2wasm kernels.wat:\n%s", msg)
	assembled, err := os.ReadFile(out)
	require.NoError(t, err)

	if *update {
		require.NoError(t, os.WriteFile("kernels.wasm", assembled, 0o644))
		t.Logf("wrote kernels.wasm: %d bytes", len(assembled))
		return
	}
	committed, err := os.ReadFile("kernels.wasm")
	require.NoError(t, err)
	if !bytes.Equal(assembled, committed) {
		t.Fatalf("kernels.wasm (%d bytes) is not kernels.wat assembled (%d bytes): run\n"+
			"\tgo test ./wasm/kernels/ -run TestKernelsWasm_Current -update", len(committed), len(assembled))
	}
}

// installWabt returns the path of wabt's wat2wasm script, running npm ci
// in tests/wabt first when its node_modules is missing.
func installWabt(t *testing.T) string {
	t.Helper()
	script := filepath.Join(wabtDir, "node_modules", "wabt", "bin", "wat2wasm")
	if _, err := os.Stat(script); err == nil {
		return script
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, needTool(t, "npm"), "ci", "--no-audit", "--no-fund")
	cmd.Dir = wabtDir
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "npm ci in tests/wabt:\n%s", msg)
	_, err = os.Stat(script)
	require.NoError(t, err, "npm ci installed no wat2wasm")
	return script
}

// needTool returns the path of a program the test needs, or skips the test
// when it is missing, except under CI (env CI set), where it fails.
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing (CI must install it): %v", name, err)
		}
		t.Skipf("skipped: no %s (install Node.js 20 or later to run this test)", name)
	}
	return path
}
