package browser

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The SIMD kernel module (wasm/kernels/) in Node and Chromium: on by
// default, off with kernels: false, and the same bits either way. With
// GONN_BENCH=1 the bench tests log the speed of both.

// kernelsState is kernels.mjs' kernelsState.
type kernelsState struct {
	Kernels bool `json:"kernels"`
	ABI     int  `json:"abi"`
}

// runKernelsNode runs testdata/kernels-node.mjs: the scenario with the
// kernels and with the Go loops.
func runKernelsNode(t *testing.T, timeout time.Duration, args ...string) map[string]json.RawMessage {
	t.Helper()
	node := needNode(t)
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	defer cancel()
	argv := append([]string{"--disable-warning=ExperimentalWarning", filepath.Join(root, "tests", "browser", "testdata", "kernels-node.mjs"), siteDir}, args...)
	cmd := exec.CommandContext(ctx, node, argv...)
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	stdout, err := cmd.Output()
	require.NoError(t, err, "node kernels-node.mjs %v", args)
	var out map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(stdout, &out), "%s", stdout)
	return out
}

// TestNode_Kernels trains the reference MLP in Node with the SIMD kernels
// and with the Go loops, behind gonn's WASI shim and node:wasi: native
// Go's hash every time.
func TestNode_Kernels(t *testing.T) {
	t.Parallel()
	for _, wasi := range []string{"shim", "node"} {
		t.Run(wasi, func(t *testing.T) {
			t.Parallel()
			out := runKernelsNode(t, 2*time.Minute, "reference", wasi)
			for _, tc := range []struct {
				key     string
				kernels bool
			}{{"kernels", true}, {"goLoops", false}} {
				r := decode[struct {
					kernelsState
					referenceReport
				}](t, out[tc.key])
				assert.Equal(t, tc.kernels, r.Kernels, "%s: engine.version.kernels", tc.key)
				checkReference(t, r.referenceReport)
				t.Logf("%s: hash %s, fit %.0f ms", tc.key, r.Hash, r.FitMs)
			}
		})
	}
}

// TestBrowser_Kernels checks in Chromium that the kernels run by default
// (in the worker and in the page's thread), that kernels: false runs the
// Go loops with the same bits, and that a missing kernel module is a
// load_failed error.
func TestBrowser_Kernels(t *testing.T) {
	ctx := newBrowser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(siteURL+"/_test/")))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool]("window.gonnTest !== undefined", chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "the test page did not load")

	states := pageRun[map[string]kernelsState](t, ctx, "kernels-state")
	for name, want := range map[string]bool{"default": true, "mainThread": true, "url": true, "off": false} {
		assert.Equal(t, want, states[name].Kernels, "%s: engine.version.kernels", name)
		assert.Equal(t, harness.ABIVersion, states[name].ABI, name)
	}
	for _, name := range []string{"reference-go-loops", "reference-go-loops-main-thread"} {
		t.Run(name, func(t *testing.T) {
			r := pageRun[struct {
				kernelsState
				referenceReport
			}](t, ctx, name)
			assert.False(t, r.Kernels)
			checkReference(t, r.referenceReport)
		})
	}
	missing := pageRun[outcome](t, ctx, "kernels-missing")
	assert.False(t, missing.OK)
	assert.Equal(t, "load_failed", missing.CodeName, missing.Message)
	assert.Contains(t, missing.Message, "no-such-kernels.wasm")
}

// benchReport is the kernels-bench report: each engine's GEMM and MLP
// figures, and the kernel module alone.
type benchReport struct {
	Kernels, GoLoops struct {
		kernelsState
		Gemm struct {
			MedianMs float64   `json:"medianMs"`
			GFLOPS   float64   `json:"gflops"`
			Head     []float64 `json:"head"`
		} `json:"gemm"`
		MLP struct {
			MedianMs          float64 `json:"medianMs"`
			ExamplesPerSecond float64 `json:"examplesPerSecond"`
			Hash              string  `json:"hash"`
		} `json:"mlp"`
	}
	Raw struct {
		GFLOPS float64 `json:"gflops"`
	} `json:"raw"`
}

// checkBench checks that both engines computed the same things and logs
// the figures.
func checkBench(t *testing.T, where string, r benchReport) {
	t.Helper()
	assert.True(t, r.Kernels.Kernels)
	assert.False(t, r.GoLoops.Kernels)
	assert.Equal(t, r.GoLoops.Gemm.Head, r.Kernels.Gemm.Head, "the 512³ products differ")
	assert.Equal(t, r.GoLoops.MLP.Hash, r.Kernels.MLP.Hash, "the MLP trained differently")
	t.Logf("%s, medians: GEMM 512³ %.2f GFLOP/s with the kernels, %.2f with the Go loops (the kernel module alone %.2f); "+
		"MLP 784-512-10, batch 128: %.0f examples/s with the kernels, %.0f with the Go loops",
		where, r.Kernels.Gemm.GFLOPS, r.GoLoops.Gemm.GFLOPS, r.Raw.GFLOPS,
		r.Kernels.MLP.ExamplesPerSecond, r.GoLoops.MLP.ExamplesPerSecond)
}

func needBench(t *testing.T) {
	if os.Getenv("GONN_BENCH") == "" {
		t.Skip("a measurement: GONN_BENCH=1 runs it")
	}
}

// TestNode_KernelsBench logs the speed of the kernels and of the Go loops
// in Node (GONN_BENCH=1).
func TestNode_KernelsBench(t *testing.T) {
	needBench(t)
	out := runKernelsNode(t, 10*time.Minute, "bench")
	raw, err := json.Marshal(out)
	require.NoError(t, err)
	var r benchReport
	require.NoError(t, json.Unmarshal(raw, &r))
	checkBench(t, "Node", r)
}

// TestBrowser_KernelsBench logs the speed of the kernels and of the Go
// loops in Chromium, the engine in a Web Worker (GONN_BENCH=1).
func TestBrowser_KernelsBench(t *testing.T) {
	needBench(t)
	ctx := newBrowserFor(t, 10*time.Minute)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(siteURL+"/_test/")))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool]("window.gonnTest !== undefined", chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "the test page did not load")
	checkBench(t, "Chromium", pageRun[benchReport](t, ctx, "kernels-bench"))
}
