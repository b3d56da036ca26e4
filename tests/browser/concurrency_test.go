package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/cmd/devserver/serve"
	"gonn/tests/harness"
)

// Issue #9, point 5, in Chromium: several models in one engine and several
// engines in one page (testdata/concurrency.mjs). Every model is the
// reference MLP with its own seed, fitted one epoch on the 640 reference
// images; each must end with the hash native nn gives that model alone.
//
// This file also holds the page that concurrency, stop and soak tests share
// (testdata/reliability.html).

// reliabilityPage serves the site at /, testdata at /_reliability/ and
// tests/node at /_node/ (the MNIST decoder and the reference layers), opens
// testdata/reliability.html in a fresh Chromium for timeout, and returns
// the tab and a func that fails the test on console errors.
func reliabilityPage(t *testing.T, timeout time.Duration) (ctx context.Context, checkConsole func()) {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/", serve.Handler(siteDir, serve.Options{}))
	mux.Handle("/_reliability/", http.StripPrefix("/_reliability", serve.Handler(filepath.Join(root, "tests", "browser", "testdata"), serve.Options{})))
	mux.Handle("/_node/", http.StripPrefix("/_node", serve.Handler(filepath.Join(root, "tests", "node"), serve.Options{})))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	ctx = newBrowserFor(t, timeout)
	require.NoError(t, chromedp.Do(ctx))
	stopConsole := console(ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/_reliability/reliability.html")))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool]("window.reliabilityTest !== undefined", chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "the page did not load")
	return ctx, func() {
		for _, m := range stopConsole() {
			t.Logf("console %s (%s)", m, m.URL)
			assert.NotContains(t, []chromedp.ConsoleType{chromedp.ConsoleError, chromedp.ConsoleException}, m.Type, "console: %s", m)
		}
	}
}

// reliabilityRun calls reliabilityTest.run(name, args) in the page and
// decodes its report.
func reliabilityRun[T any](t *testing.T, ctx context.Context, name string, args any) T {
	t.Helper()
	a, err := json.Marshal(args)
	require.NoError(t, err)
	start := time.Now()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](
		fmt.Sprintf("reliabilityTest.run(%q, %s)", name, a), chromedp.EvalAwaitPromise))
	require.NoError(t, err, "reliabilityTest.run(%s, %s)", name, a)
	t.Logf("%s %s in the page: %v", name, a, time.Since(start).Round(time.Millisecond))
	var v T
	require.NoError(t, json.Unmarshal(raw, &v), "%s", raw)
	return v
}

// referenceHashWithSeed is nativeHash for the reference MLP seeded seed.
func referenceHashWithSeed(t *testing.T, seed int) string {
	t.Helper()
	if seed == 42 {
		return nativeHash
	}
	x, y := referenceData(t)
	spec := strings.Replace(harness.ReferenceSpec, `"seed": 42`, fmt.Sprintf(`"seed": %d`, seed), 1)
	require.NotEqual(t, harness.ReferenceSpec, spec)
	h, err := harness.NativeHash(spec, x.Data, y.Data)
	require.NoError(t, err)
	return h
}

type settled struct {
	OK       bool   `json:"ok"`
	CodeName string `json:"codeName"`
	Message  string `json:"message"`
}

func TestBrowser_Concurrency(t *testing.T) {
	ctx, checkConsole := reliabilityPage(t, 3*time.Minute)
	want := map[int]string{}
	for _, seed := range []int{42, 7, 3} {
		want[seed] = referenceHashWithSeed(t, seed)
	}
	require.NotEqual(t, want[42], want[7])

	for _, tc := range []struct {
		name   string
		seeds  []int
		worker bool
	}{
		{"two models in a worker", []int{42, 7}, true},
		{"the same model twice", []int{42, 42}, true},
		{"three models in the page's thread", []int{42, 7, 3}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := reliabilityRun[struct {
				Hashes               []string
				Switches, Batches    int
				Doomed, AfterDispose settled
				InWorker             bool
			}](t, ctx, "modelsInOneEngine", map[string]any{"seeds": tc.seeds, "disposeAt": 4, "worker": tc.worker})
			require.Len(t, r.Hashes, len(tc.seeds))
			for i, seed := range tc.seeds {
				assert.Equal(t, want[seed], r.Hashes[i], "model %d (seed %d) differs from its lone run", i, seed)
			}
			assert.Equal(t, "unknown_handle", r.AfterDispose.CodeName, r.AfterDispose.Message)
			assert.Equal(t, tc.worker, r.InWorker)
			assert.Equal(t, 20*len(tc.seeds)+4, r.Batches, "onBatchEnd calls: 20 a model, 4 for the one disposed")
			assert.Greater(t, r.Switches, 10, "the fits took turns")
			assert.Equal(t, "unknown_handle", r.Doomed.CodeName, "the disposed model's fit: %s", r.Doomed.Message)
			t.Logf("%d batches, the model changed %d times", r.Batches, r.Switches)
		})
	}

	for _, tc := range []struct {
		name         string
		closeFirstAt int
	}{
		{"two engines", 0},
		{"the first engine closed mid-fit", 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := reliabilityRun[struct {
				Results          []settled
				Hashes           []string
				Switches         int
				Batches          []int
				SecondStillWorks []int
				InWorker         []bool
			}](t, ctx, "twoEngines", map[string]any{"seeds": []int{42, 7}, "closeFirstAt": tc.closeFirstAt})
			assert.Equal(t, []bool{true, true}, r.InWorker, "each engine in its own worker")
			require.Len(t, r.Results, 2)
			assert.True(t, r.Results[1].OK, "the second engine's fit: %s", r.Results[1].Message)
			assert.Equal(t, want[7], r.Hashes[1], "the second engine's model differs from its lone run")
			assert.Equal(t, 20, r.Batches[1])
			assert.Equal(t, []int{2, 10}, r.SecondStillWorks)
			if tc.closeFirstAt == 0 {
				assert.True(t, r.Results[0].OK, r.Results[0].Message)
				assert.Equal(t, want[42], r.Hashes[0], "the first engine's model differs from its lone run")
				assert.GreaterOrEqual(t, r.Switches, 2, "the engines trained at the same time: batches of one between batches of the other")
			} else {
				assert.Equal(t, "engine_lost", r.Results[0].CodeName, "the closed engine's fit: %s", r.Results[0].Message)
				assert.Equal(t, "engine_lost", r.Hashes[0], "the closed engine answers no call")
				assert.Equal(t, tc.closeFirstAt, r.Batches[0], "no callback after close")
			}
			t.Logf("batches %v, the engine changed %d times", r.Batches, r.Switches)
		})
	}
	checkConsole()
}
