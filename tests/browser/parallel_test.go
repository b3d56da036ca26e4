package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/cmd/devserver/serve"
	"gonn/nn"
	"gonn/tests/harness"
)

// Data-parallel training through the JS API (fit's workers): the reference
// MLP trained with {workers: 2} must end with the weights of native
// nn.FitParallel over 2 replicas, in Node (replicas in the same thread) and
// in Chromium (replicas in Web Workers, from the engine's worker or from
// the page). The scenarios are tests/node/parallel.mjs.

// parallelReport is parallelFit's report.
type parallelReport struct {
	Hash             string         `json:"hash"`
	History          stoppedHistory `json:"history"`
	Calls            [][2]int       `json:"calls"`
	EpochEnds        []int          `json:"epochEnds"`
	FitMs            float64        `json:"fitMs"`
	InWorker         bool           `json:"inWorker"`
	PoolWhileAlive   int            `json:"poolWhileAlive"`
	PoolAfterDispose int            `json:"poolAfterDispose"`
}

// nativeParallelHash is nn.FitParallel over workers replicas of the
// reference MLP on the reference data, stopped after stopAt batches of 2
// epochs when stopAt > 0 (else 1 epoch), after fits−1 earlier fits of one
// epoch on the same replicas.
func nativeParallelHash(t *testing.T, workers, stopAt, fits int) string {
	t.Helper()
	x, y := referenceData(t)
	cfg := nn.FitConfig{Epochs: 1, BatchSize: 32}
	if stopAt > 0 {
		cfg.Epochs, cfg.Callbacks = 2, []nn.Callback{harness.StopAfter(stopAt)}
	}
	h, _, err := harness.NativeParallelFits(harness.ReferenceSpec, workers, max(fits, 1), x, y, cfg)
	require.NoError(t, err)
	return h
}

// checkParallel checks a parallelFit report against native FitParallel.
func checkParallel(t *testing.T, r parallelReport, workers, stopAt, fits int) {
	t.Helper()
	assert.Equal(t, nativeParallelHash(t, workers, stopAt, fits), r.Hash, "%d workers, stop at %d, fit %d times: not native FitParallel's weights", workers, stopAt, fits)
	n := stopBatchesPerEpoch
	if stopAt > 0 {
		n = stopAt
	}
	require.Len(t, r.Calls, n, "onBatchEnd calls: one per batch, none after a stop")
	for i, c := range r.Calls {
		assert.Equal(t, [2]int{i / stopBatchesPerEpoch, i % stopBatchesPerEpoch}, c, "call %d: [epoch, batch]", i)
	}
	assert.Equal(t, n, r.History.batches(), "the history's batches")
	assert.Equal(t, r.History.Epoch, r.EpochEnds, "onEpochEnd for every epoch in the history")
	if workers > 1 {
		assert.Equal(t, workers-1, r.PoolWhileAlive, "replicas kept for the next fit")
	}
	assert.Zero(t, r.PoolAfterDispose, "the replicas end with the model")
}

// runParallelNode runs tests/node/parallel-run.mjs with the scenarios.
func runParallelNode(t *testing.T, args ...string) map[string]json.RawMessage {
	t.Helper()
	node := needNode(t)
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	argv := append([]string{"--disable-warning=ExperimentalWarning", filepath.Join(root, "tests", "node", "parallel-run.mjs"), siteDir}, args...)
	cmd := exec.CommandContext(ctx, node, argv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "node %v\nstderr:\n%s", args, stderr.Bytes())
	var out map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &out), "node output:\n%s", stdout.Bytes())
	return out
}

func TestNode_Parallel(t *testing.T) {
	t.Parallel()
	out := runParallelNode(t, `parallelFit:{"workers":2,"fits":2}`, `parallelFit:{"workers":1}`, `parallelFit:{"workers":3,"stopAt":23}`, "parallelErrors")
	for _, tc := range []struct{ workers, stopAt, fits int }{{2, 0, 2}, {1, 0, 1}, {3, 23, 1}} {
		key := fmt.Sprintf(`parallelFit:{"workers":%d}`, tc.workers)
		switch {
		case tc.stopAt > 0:
			key = fmt.Sprintf(`parallelFit:{"workers":%d,"stopAt":%d}`, tc.workers, tc.stopAt)
		case tc.fits > 1:
			key = fmt.Sprintf(`parallelFit:{"workers":%d,"fits":%d}`, tc.workers, tc.fits)
		}
		r := decode[parallelReport](t, out[key])
		assert.False(t, r.InWorker)
		checkParallel(t, r, tc.workers, tc.stopAt, tc.fits)
		t.Logf("%s: hash %s, fit %.0f ms", key, r.Hash, r.FitMs)
	}
	assert.Equal(t, nativeHash, decode[parallelReport](t, out[`parallelFit:{"workers":1}`]).Hash, "workers 1 is the plain fit")
	checkParallelErrors(t, out["parallelErrors"])
}

// checkParallelErrors: every bad workers is a bad_argument GonnError, and
// the model then fits.
func checkParallelErrors(t *testing.T, raw json.RawMessage) {
	t.Helper()
	errs := decode[map[string]struct {
		OK       bool   `json:"ok"`
		CodeName string `json:"codeName"`
		Message  string `json:"message"`
		Epochs   int    `json:"epochs"`
	}](t, raw)
	for _, w := range []string{"0", "-1", "17", "1.5", "2", "null"} {
		assert.False(t, errs[w].OK, "workers %s", w)
		assert.Equal(t, "bad_argument", errs[w].CodeName, "workers %s", w)
		assert.Contains(t, errs[w].Message, "workers must be an integer from 1 to 16", "workers %s", w)
	}
	assert.True(t, errs["after"].OK)
	assert.Equal(t, 1, errs["after"].Epochs)
}

// parallelPage opens testdata/parallel.html in Chromium.
func parallelPage(t *testing.T, timeout time.Duration) (ctx context.Context, checkConsole func()) {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/", serve.Handler(siteDir, serve.Options{}))
	mux.Handle("/_parallel/", http.StripPrefix("/_parallel", serve.Handler(filepath.Join(root, "tests", "browser", "testdata"), serve.Options{})))
	mux.Handle("/_node/", http.StripPrefix("/_node", serve.Handler(filepath.Join(root, "tests", "node"), serve.Options{})))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	ctx = newBrowserFor(t, timeout)
	require.NoError(t, chromedp.Do(ctx))
	stopConsole := console(ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/_parallel/parallel.html")))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool]("window.parallelTest !== undefined", chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "the page did not load")
	return ctx, func() {
		for _, m := range stopConsole() {
			t.Logf("console %s (%s)", m, m.URL)
			assert.NotContains(t, []chromedp.ConsoleType{chromedp.ConsoleError, chromedp.ConsoleException}, m.Type, "console: %s", m)
		}
	}
}

// parallelRun calls parallelTest.run(name, args) in the page.
func parallelRun[T any](t *testing.T, ctx context.Context, name string, args any) T {
	t.Helper()
	a, err := json.Marshal(args)
	require.NoError(t, err)
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](fmt.Sprintf("parallelTest.run(%q, %s)", name, a), chromedp.EvalAwaitPromise))
	require.NoError(t, err, "parallelTest.run(%s, %s)", name, a)
	var v T
	require.NoError(t, json.Unmarshal(raw, &v), "%s", raw)
	return v
}

func TestBrowser_Parallel(t *testing.T) {
	ctx, checkConsole := parallelPage(t, 6*time.Minute)
	for _, tc := range []struct {
		worker                bool
		workers, stopAt, fits int
	}{
		{worker: true, workers: 2, fits: 2},
		{worker: false, workers: 2},
		{worker: true, workers: 2, stopAt: 23},
		{worker: false, workers: 3, stopAt: 5},
	} {
		t.Run(fmt.Sprintf("worker %v, workers %d, stop at %d, fits %d", tc.worker, tc.workers, tc.stopAt, tc.fits), func(t *testing.T) {
			r := parallelRun[parallelReport](t, ctx, "parallelFit", map[string]any{"worker": tc.worker, "workers": tc.workers, "stopAt": tc.stopAt, "fits": tc.fits})
			assert.Equal(t, tc.worker, r.InWorker)
			checkParallel(t, r, tc.workers, tc.stopAt, tc.fits)
			t.Logf("hash %s, fit %.0f ms", r.Hash, r.FitMs)
		})
	}
	t.Run("errors", func(t *testing.T) {
		checkParallelErrors(t, parallelRun[json.RawMessage](t, ctx, "parallelErrors", map[string]any{}))
	})
	t.Run("speed", func(t *testing.T) {
		// For the record (issue #8 point 4): MLP 784-512-10, Adam, batches of 128.
		for _, workers := range []int{1, 2} {
			r := parallelRun[struct {
				Examples          int     `json:"examples"`
				Ms                float64 `json:"ms"`
				ExamplesPerSecond float64 `json:"examplesPerSecond"`
			}](t, ctx, "parallelSpeed", map[string]any{"workers": workers, "batches": 16})
			assert.Positive(t, r.ExamplesPerSecond)
			t.Logf("MLP 784-512-10 batch 128, workers %d: %.0f examples/s (%d examples in %.0f ms)", workers, r.ExamplesPerSecond, r.Examples, r.Ms)
		}
	})
	checkConsole()
}
