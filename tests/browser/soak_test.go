package browser

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue #9, point 2, in Chromium: cycles of create → compile → fit one
// batch → predict → dispose through the JS API in one engine in a Web
// Worker (testdata/soak.mjs, the cycle of tests/soak_test.go). Between
// chunks of cycles the test reads the engine's linear memory
// (engine.memory()) and, through the DevTools protocol after a forced
// garbage collection, the JS heaps of the page and of the worker; all three
// must be flat over the second half, and every handle the engine issued
// must be released. results/soak.md records the long run:
//
//	GONN_BROWSER_SOAK_CYCLES=10000 go test ./tests/browser/ -run '^TestBrowser_Soak$' -v -count=1 -timeout 2h

// browserSoakCycles is TestBrowser_Soak's number of cycles:
// GONN_BROWSER_SOAK_CYCLES, or 1000 (about 2 ms each): enough for the
// second half to show a leak of a hundred bytes or more a cycle.
func browserSoakCycles(t *testing.T) int {
	s := os.Getenv("GONN_BROWSER_SOAK_CYCLES")
	if s == "" {
		return 1000
	}
	n, err := strconv.Atoi(s)
	require.NoError(t, err, "GONN_BROWSER_SOAK_CYCLES")
	require.Positive(t, n, "GONN_BROWSER_SOAK_CYCLES")
	return n
}

// Tolerances of growth over the second half of the soak.
const (
	// browserSoakPages: one 4 MiB arena of Go's heap, as in wazero.
	browserSoakPages = 64
	// browserSoakHeap: after a full collection the JS heaps still drift
	// by some 10–25 KiB while V8 warms up (code, inline caches); a leak of
	// 130 bytes a cycle adds 64 KiB over the second half of the default run.
	browserSoakHeap = 64 << 10
)

type browserSoakSample struct {
	cycle, pages     int
	pageHeap, worker float64 // JS heap used, bytes
	elapsed          time.Duration
}

func TestBrowser_Soak(t *testing.T) {
	cycles := browserSoakCycles(t)
	// About 5 ms a cycle, and the handle probe after.
	ctx, checkConsole := reliabilityPage(t, 3*time.Minute+time.Duration(cycles)*20*time.Millisecond)

	start := reliabilityRun[struct {
		Memory   struct{ Pages int }
		InWorker bool
	}](t, ctx, "soakStart", nil)
	require.True(t, start.InWorker, "the soak's engine runs in a Web Worker")
	worker := workerTarget(t, ctx)

	every := max(cycles/soakSamples, 1)
	var curve []browserSoakSample
	began := time.Now()
	for done := 0; done < cycles; {
		n := min(every, cycles-done)
		if done == 0 {
			n = 1 // the first sample: one cycle
		}
		r := runSoakChunk(t, ctx, n)
		done = r.Cycles
		require.Equal(t, done, r.Batches, "one onBatchEnd a cycle")
		s := browserSoakSample{cycle: done, pages: r.Memory.Pages, elapsed: time.Since(began)}
		s.pageHeap = heapUsed(t, ctx)
		s.worker = heapUsed(t, worker)
		curve = append(curve, s)
	}
	elapsed := time.Since(began)
	t.Logf("%d cycles in %v (%v a cycle); engine memory and JS heaps after a full collection:\n%s",
		cycles, elapsed.Round(time.Millisecond), (elapsed / time.Duration(cycles)).Round(time.Microsecond), browserSoakTable(curve))

	// Flat after warm-up: nothing in the second half above the middle
	// sample plus the tolerance.
	mid := curve[0]
	for _, s := range curve {
		if s.cycle <= cycles/2 {
			mid = s
		}
	}
	for _, s := range curve {
		if s.cycle <= cycles/2 {
			continue
		}
		assert.LessOrEqual(t, s.pages, mid.pages+browserSoakPages, "linear memory grew from %d pages at cycle %d to %d at cycle %d", mid.pages, mid.cycle, s.pages, s.cycle)
		assert.LessOrEqual(t, s.pageHeap, mid.pageHeap+browserSoakHeap, "the page's JS heap grew from %.0f at cycle %d to %.0f at cycle %d", mid.pageHeap, mid.cycle, s.pageHeap, s.cycle)
		assert.LessOrEqual(t, s.worker, mid.worker+browserSoakHeap, "the worker's JS heap grew from %.0f at cycle %d to %.0f at cycle %d", mid.worker, mid.cycle, s.worker, s.cycle)
	}

	probeStart := time.Now()
	handles := reliabilityRun[struct {
		Last int
		Live [][3]any
	}](t, ctx, "soakHandles", nil)
	assert.Empty(t, handles.Live, "handles still alive: [handle, asked as, answer]")
	assert.GreaterOrEqual(t, handles.Last, 3*cycles, "a model and its x and y tensors a cycle (predict makes no handle)")
	t.Logf("handles 1 … %d all released (probed in %v)", handles.Last, time.Since(probeStart).Round(time.Millisecond))
	reliabilityRun[struct{}](t, ctx, "soakEnd", nil)
	checkConsole()
}

// soakSamples is how many times TestBrowser_Soak samples the memory.
const soakSamples = 20

type soakChunk struct {
	Cycles, Batches int
	Memory          struct{ Pages int }
}

// runSoakChunk runs n more cycles in the page.
func runSoakChunk(t *testing.T, ctx context.Context, n int) soakChunk {
	t.Helper()
	r, err := chromedp.Run(ctx, chromedp.Evaluate[soakChunk](
		fmt.Sprintf("reliabilityTest.run('soakCycles', {n: %d})", n), chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	return r
}

// workerTarget attaches to the page's one dedicated worker: the engine's.
func workerTarget(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	infos, err := chromedp.Targets(ctx)
	require.NoError(t, err)
	var workers []string
	var wctx context.Context
	for _, info := range infos {
		if info.Type == "worker" {
			workers = append(workers, info.URL)
			c, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(info.TargetID))
			t.Cleanup(cancel)
			wctx = c
		}
	}
	require.Len(t, workers, 1, "the soak's page runs one worker: %v", workers)
	require.True(t, strings.HasSuffix(workers[0], "/gonn/worker.js"), workers[0])
	return wctx
}

// heapUsed collects the garbage of the target's JS heap and returns the
// bytes in use.
func heapUsed(t *testing.T, ctx context.Context) float64 {
	t.Helper()
	_, err := chromedp.Call(ctx, heapprofiler.CollectGarbage, cdp.Empty{})
	require.NoError(t, err)
	u, err := chromedp.Call(ctx, runtime.GetHeapUsage, cdp.Empty{})
	require.NoError(t, err)
	return u.UsedSize
}

// browserSoakTable is the curve as a Markdown table.
func browserSoakTable(curve []browserSoakSample) string {
	var b strings.Builder
	b.WriteString("| cycle | engine pages | MiB | page JS heap (KiB) | worker JS heap (KiB) | elapsed |\n|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range curve {
		fmt.Fprintf(&b, "| %d | %d | %.1f | %.0f | %.0f | %v |\n", s.cycle, s.pages, float64(s.pages)/16, s.pageHeap/1024, s.worker/1024, s.elapsed.Round(time.Millisecond))
	}
	return b.String()
}
