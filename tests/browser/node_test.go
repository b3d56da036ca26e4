package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runNode runs tests/node/run.mjs on the site with args (flags and
// scenario names) and decodes its JSON report.
func runNode(t *testing.T, nodeFlags []string, args ...string) map[string]json.RawMessage {
	t.Helper()
	node := needNode(t)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	argv := append([]string{"--disable-warning=ExperimentalWarning"}, nodeFlags...)
	argv = append(argv, filepath.Join(root, "tests", "node", "run.mjs"), siteDir)
	argv = append(argv, args...)
	cmd := exec.CommandContext(ctx, node, argv...)
	cmd.Dir = root
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	require.NoError(t, err, "node %v\nstderr:\n%s", args, stderr.Bytes())
	t.Logf("node %v: %v", args, time.Since(start).Round(time.Millisecond))
	if stderr.Len() > 0 {
		t.Logf("node stderr:\n%s", stderr.Bytes())
	}
	var out map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &out), "node output:\n%s", stdout.Bytes())
	return out
}

// needNode returns the node binary, which must be Node 20 or later (the
// API's target; older ones lack --disable-warning and the global crypto).
func needNode(t *testing.T) string {
	t.Helper()
	node := needTool(t, "node", "nodejs")
	out, err := exec.Command(node, "--version").Output()
	require.NoError(t, err)
	var major int
	if _, err := fmt.Sscanf(string(out), "v%d.", &major); err != nil || major < 20 {
		if os.Getenv("CI") != "" {
			t.Fatalf("node %s: gonn needs Node 20 or later", bytes.TrimSpace(out))
		}
		t.Skipf("skipped: node %s is older than 20", bytes.TrimSpace(out))
	}
	return node
}

func decode[T any](t *testing.T, raw json.RawMessage) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(raw, &v), "%s", raw)
	return v
}

// TestNode_Reference trains the reference MLP through the JS API in Node,
// with gonn's WASI shim and with node:wasi, and finds native Go's hash.
func TestNode_Reference(t *testing.T) {
	t.Parallel()
	for _, wasi := range []string{"shim", "node"} {
		t.Run(wasi, func(t *testing.T) {
			t.Parallel()
			out := runNode(t, nil, "--wasi="+wasi, "reference", "reference-keras")
			init := decode[struct {
				LoadMs   float64 `json:"loadMs"`
				InWorker bool    `json:"inWorker"`
				Version  struct {
					ABI     int  `json:"abi"`
					Kernels bool `json:"kernels"`
				} `json:"version"`
			}](t, out["init"])
			assert.Equal(t, harness.ABIVersion, init.Version.ABI)
			assert.True(t, init.Version.Kernels, "the SIMD kernels run by default")
			assert.False(t, init.InWorker, "Node runs the engine in-thread by default")
			t.Logf("engine loaded in %.0f ms", init.LoadMs)
			for _, name := range []string{"reference", "reference-keras"} {
				r := decode[referenceReport](t, out[name])
				checkReference(t, r)
				t.Logf("%s: hash %s, fit %.0f ms", name, r.Hash, r.FitMs)
			}
		})
	}
}

// TestNode_API checks the Model API beyond fit and the errors: every
// failure is a GonnError with the engine's code and the next call works.
func TestNode_API(t *testing.T) {
	t.Parallel()
	out := runNode(t, nil, "api", "errors", "load-error")
	checkAPI(t, decode[apiReport](t, out["api"]))
	checkErrors(t, decode[map[string]outcome](t, out["errors"]))
	load := decode[outcome](t, out["load-error"])
	assert.False(t, load.OK)
	assert.True(t, load.GonnError, load.Message)
	assert.Equal(t, "load_failed", load.CodeName, load.Message)
}

// TestNode_Control checks stop, pause and resume, and that the
// FinalizationRegistry frees the engine handles of forgotten objects.
func TestNode_Control(t *testing.T) {
	t.Parallel()
	out := runNode(t, []string{"--expose-gc"}, "--expected="+nativeHash, "stop", "pause", "finalize")
	// In-thread, stop() and pause() act before the next batch.
	checkStop(t, decode[stopReport](t, out["stop"]), 0)
	checkPause(t, decode[pauseReport](t, out["pause"]), 0)
	fin := decode[struct{ Before, After int }](t, out["finalize"])
	assert.Equal(t, 2, fin.Before, "live handles before GC (a model and a tensor)")
	assert.Equal(t, 0, fin.After, "live handles after GC")
}
