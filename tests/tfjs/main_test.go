// Package tfjs checks gonn's TF.js layers format (nn/tfjs) against real
// TensorFlow.js 4.22 in Node, on its cpu backend: models that TF.js saves
// load in gonn and predict what TF.js predicts, and models that gonn saves
// load in TF.js and predict what gonn predicts, within 1e-5.
//
// The npm packages are pinned in package.json and package-lock.json of this
// folder (test-only; nothing ships); the test runs `npm ci` when
// node_modules is missing. Without node or npm the tests skip, except when
// the environment variable CI is set, where they fail.
package tfjs

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"gonn/nn/tensor"
)

// tolerance is the largest difference allowed between gonn's and TF.js'
// predictions.
const tolerance = 1e-5

// node returns the node binary, after making sure node_modules holds the
// pinned packages, or skips the test (fails it under CI).
func node(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("node")
	if err == nil {
		_, err = exec.LookPath("npm")
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("node and npm are needed (CI must install them): %v", err)
		}
		t.Skipf("node or npm missing: %v", err)
	}
	installOnce.Do(func() { installErr = npmCI() })
	require.NoError(t, installErr)
	return bin
}

var (
	installOnce sync.Once
	installErr  error
)

// npmCI installs the locked packages when node_modules lacks TF.js.
func npmCI() error {
	if _, err := os.Stat(filepath.Join("node_modules", "@tensorflow", "tfjs", "package.json")); err == nil {
		return nil
	}
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return &cmdError{"npm ci", err, string(out)}
	}
	return nil
}

// runNode runs tfjs.mjs with args and fails the test on error, with
// TF.js' output.
func runNode(t *testing.T, args ...string) {
	t.Helper()
	start := time.Now()
	cmd := exec.Command(node(t), append([]string{"tfjs.mjs"}, args...)...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "node tfjs.mjs %s:\n%s", strings.Join(args, " "), out)
	t.Logf("node tfjs.mjs %s: %v", args[0], time.Since(start).Round(time.Millisecond))
}

type cmdError struct {
	what string
	err  error
	out  string
}

func (e *cmdError) Error() string { return e.what + ": " + e.err.Error() + "\n" + e.out }

// readTensor reads <dir>/<name>.bin (little-endian float32) with its shape
// from <dir>/<name>.json.
func readTensor(t *testing.T, dir, name string) *tensor.Tensor {
	t.Helper()
	var meta struct {
		Shape []int `json:"shape"`
	}
	b, err := os.ReadFile(filepath.Join(dir, name+".json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &meta))
	raw, err := os.ReadFile(filepath.Join(dir, name+".bin"))
	require.NoError(t, err)
	x := tensor.New(meta.Shape...)
	require.Len(t, raw, 4*x.Size())
	for i := range x.Data {
		x.Data[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
	}
	return x
}

// writeTensor writes x as readTensor reads it.
func writeTensor(t *testing.T, dir, name string, x *tensor.Tensor) {
	t.Helper()
	meta, err := json.Marshal(map[string][]int{"shape": x.Shape})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".json"), meta, 0o644))
	raw := make([]byte, 0, 4*x.Size())
	for _, v := range x.Data {
		raw = binary.LittleEndian.AppendUint32(raw, math.Float32bits(v))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".bin"), raw, 0o644))
}

// requireClose checks that got and want have one shape and differ by at
// most tolerance everywhere, reporting the first index that differs.
func requireClose(t *testing.T, want, got *tensor.Tensor) {
	t.Helper()
	require.Equal(t, want.Shape, got.Shape)
	worst, lo, hi := 0.0, math.Inf(1), math.Inf(-1)
	for i := range want.Data {
		lo, hi = min(lo, float64(want.Data[i])), max(hi, float64(want.Data[i]))
		d := math.Abs(float64(want.Data[i]) - float64(got.Data[i]))
		require.False(t, math.IsNaN(d), "index %d: %v vs %v", i, want.Data[i], got.Data[i])
		require.LessOrEqual(t, d, tolerance, "index %d: TF.js %v, gonn %v", i, want.Data[i], got.Data[i])
		worst = max(worst, d)
	}
	t.Logf("%d values in [%.3g, %.3g], largest difference %.2g", len(want.Data), lo, hi, worst)
}
