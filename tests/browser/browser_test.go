package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newBrowser starts Debian's Chromium, headless, with a fresh profile and
// the flags that keep it off the network (without them it hangs on a
// closed network), and returns a context for one tab, for 90 seconds.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return newBrowserFor(t, 90*time.Second)
}

// newBrowserFor is newBrowser with a context that lasts timeout.
func newBrowserFor(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	chromium := needTool(t, "chromium", "chromium")
	var output syncBuffer
	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(),
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.CombinedOutput(&output), // dbus and /dev/shm noise
	)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
		if t.Failed() {
			t.Logf("chromium output:\n%s", output.Bytes())
		}
	})
	return ctx
}

// syncBuffer is a bytes.Buffer safe for the browser's output goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return bytes.Clone(s.b.Bytes())
}

// console collects the tab's console messages until stop is called.
func console(ctx context.Context) (stop func() []chromedp.ConsoleMessage) {
	ctx, cancel := context.WithCancel(ctx)
	messages := chromedp.Console(ctx)
	var got []chromedp.ConsoleMessage
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			got = append(got, m)
		}
	}()
	return func() []chromedp.ConsoleMessage {
		cancel()
		<-done
		return got
	}
}

// pageRun calls gonnTest.run(name, args...) in the page and decodes its report.
func pageRun[T any](t *testing.T, ctx context.Context, name string, args ...any) T {
	t.Helper()
	call, err := json.Marshal(append([]any{name}, args...))
	require.NoError(t, err)
	start := time.Now()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](
		fmt.Sprintf("gonnTest.run(...%s)", call), chromedp.EvalAwaitPromise))
	require.NoError(t, err, "gonnTest.run(%s)", name)
	t.Logf("%s in the page: %v", name, time.Since(start).Round(time.Millisecond))
	var v T
	require.NoError(t, json.Unmarshal(raw, &v), "%s", raw)
	return v
}

// TestBrowser loads the test page in Chromium and runs the scenarios with
// the engine in a Web Worker (and once in the page's thread, once in a
// worker of the page's own): the reference MLP's hash, the Model API,
// GonnErrors, fit progress, stop and pause; the console must show no error.
func TestBrowser(t *testing.T) {
	ctx := newBrowser(t)
	require.NoError(t, chromedp.Do(ctx)) // starts the browser and the tab
	stopConsole := console(ctx)

	start := time.Now()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(siteURL+"/_test/")))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool]("window.gonnTest !== undefined", chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "the test page did not load")

	t.Run("cold start", func(t *testing.T) {
		cold, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
			InitMs            float64 `json:"initMs"`
			LoadMs            float64 `json:"loadMs"`
			FirstPredictionMs float64 `json:"firstPredictionMs"`
			Shape             []int   `json:"shape"`
			InWorker          bool    `json:"inWorker"`
		}]("gonnTest.cold()", chromedp.EvalAwaitPromise))
		require.NoError(t, err)
		assert.True(t, cold.InWorker, "the engine runs in a Web Worker by default")
		assert.Equal(t, []int{1, 10}, cold.Shape)
		t.Logf("cold start (fresh profile): engine ready %.0f ms after navigation (init %.0f ms), first prediction at %.0f ms; Go saw %v",
			cold.InitMs, cold.LoadMs, cold.FirstPredictionMs, time.Since(start).Round(time.Millisecond))
	})
	t.Run("reference", func(t *testing.T) {
		r := pageRun[referenceReport](t, ctx, "reference")
		checkReference(t, r)
		t.Logf("hash %s, fit of 20 batches %.0f ms", r.Hash, r.FitMs)
	})
	t.Run("reference main thread", func(t *testing.T) {
		r := pageRun[referenceReport](t, ctx, "reference-main-thread")
		checkReference(t, r)
	})
	t.Run("reference in a worker of the page", func(t *testing.T) {
		r := pageRun[struct {
			referenceReport
			InWorker bool `json:"inWorker"`
		}](t, ctx, "reference-user-worker")
		checkReference(t, r.referenceReport)
		assert.False(t, r.InWorker, "inside a worker gonn runs the engine in that thread")
	})
	t.Run("api", func(t *testing.T) {
		checkAPI(t, pageRun[apiReport](t, ctx, "api"))
	})
	t.Run("errors", func(t *testing.T) {
		checkErrors(t, pageRun[map[string]outcome](t, ctx, "errors"))
	})
	t.Run("load error", func(t *testing.T) {
		r := pageRun[outcome](t, ctx, "load-error")
		assert.False(t, r.OK)
		assert.True(t, r.GonnError, r.Message)
		assert.Equal(t, "load_failed", r.CodeName, r.Message)
	})
	t.Run("stop", func(t *testing.T) {
		// stop() crosses to the worker while it trains: one batch may
		// finish before the message is read.
		checkStop(t, pageRun[stopReport](t, ctx, "stop"), 1)
	})
	t.Run("pause", func(t *testing.T) {
		checkPause(t, pageRun[pauseReport](t, ctx, "pause", nativeHash), 1)
	})

	for _, m := range stopConsole() {
		t.Logf("console %s (%s)", m, m.URL)
		assert.NotContains(t, []chromedp.ConsoleType{chromedp.ConsoleError, chromedp.ConsoleException}, m.Type, "console: %s", m)
	}
}
