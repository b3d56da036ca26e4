package pages

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// batchRow is one batch size's row of the table.
type batchRow struct {
	Size     string
	Updates  float64
	Accuracy []float64 // after each epoch
	Seconds  float64
}

// TestBatches opens batches.html?quick=1 (batch sizes 4, 32 and 512, two
// epochs on 512 images, 500 test images), trains, and checks the charts
// (a thin and a thick curve per size against the examples, one per batch
// of each; a thick one against time), the table (updates per epoch, a test
// accuracy per epoch, the time) and the full progress bar. Every run sees
// all 1,024 examples; batches of 4 make 128 updates an epoch, far better
// than 512's one. A second run gives the same accuracies: the same seed,
// the same weights. It saves a screenshot.
func TestBatches(t *testing.T) {
	if testing.Short() {
		t.Skip("trains three networks on MNIST in Chromium: not with -short")
	}
	b := openPage(t, "batches.html?quick=1", 3*time.Minute)
	ctx := b.ctx
	b.waitReady(t, "train")
	form, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[
		[...document.querySelectorAll('#sizes input:checked')].map(i => i.value).join(','),
		...['train-size', 'epochs', 'test-size', 'optimizer', 'lr', 'seed'].map(id => document.getElementById(id).value)]`))
	require.NoError(t, err)
	assert.Equal(t, []string{"4,32,512", "512", "2", "500", "sgd", "0.05", "1"}, form, "?quick=1 fills in the short settings")

	first := trainBatches(t, ctx, "first run")
	require.Len(t, first, 3)
	for i, want := range []struct {
		size    string
		updates float64
	}{{"4", 128}, {"32", 16}, {"512", 1}} {
		row := first[i]
		assert.Equal(t, want.size, row.Size)
		assert.Equal(t, want.updates, row.Updates, "updates per epoch with batches of %s", want.size)
		require.Len(t, row.Accuracy, 2, "a test accuracy per epoch")
		for _, a := range row.Accuracy {
			assert.True(t, a >= 0 && a <= 1, "accuracy %v", a)
		}
		assert.Positive(t, row.Seconds)
		t.Logf("batch size %s: accuracy %v, %.2f s", row.Size, row.Accuracy, row.Seconds)
	}
	assert.Greater(t, first[0].Accuracy[1], first[2].Accuracy[1]+0.2,
		"128 updates an epoch learn far more than one, on the same examples")
	assert.Greater(t, first[0].Accuracy[1], 0.6, "batches of 4 learn the digits in two epochs")

	charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`['loss-examples', 'loss-time'].flatMap(id =>
		[document.getElementById(id).dataset.series, document.getElementById(id).dataset.points])`))
	require.NoError(t, err)
	assert.Equal(t, "raw-4,avg-4,raw-32,avg-32,raw-512,avg-512", charts[0])
	assert.Equal(t, "256,256,32,32,2,2", charts[1], "a point per batch: 2 epochs of 128, 16 and 1")
	assert.Equal(t, "avg-4,avg-32,avg-512", charts[2])
	assert.Equal(t, "256,32,2", charts[3])
	progress, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(p => [p.value, p.max])(document.getElementById('progress'))`))
	require.NoError(t, err)
	assert.Equal(t, []float64{3 * 2 * 512, 3 * 2 * 512}, progress, "every size saw every example twice")

	require.NoError(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS("h1"))))
	b.screenshot(t, "batches.png")

	second := trainBatches(t, ctx, "second run")
	for i := range first {
		assert.Equal(t, first[i].Accuracy, second[i].Accuracy, "batch size %s: the same seed, the same accuracies", first[i].Size)
	}
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
	t.Logf("the whole test took %.1f s", time.Since(b.opened).Seconds())
}

// trainBatches presses Train, waits for the run to end and reads the table.
func trainBatches(t *testing.T, ctx context.Context, what string) []batchRow {
	t.Helper()
	start := time.Now()
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("train"))))
	status, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const s = document.getElementById('status').textContent;
		return (s.startsWith('Training failed') || s.startsWith('Done')) && !document.getElementById('train').disabled && s; })()`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(2*time.Minute)))
	require.NoError(t, err, "waiting for the %s to end", what)
	t.Logf("%s: %.1f s; %s", what, time.Since(start).Seconds(), status)
	require.True(t, strings.HasPrefix(status, "Done"), what)
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]batchRow](`[...document.querySelectorAll('#size-rows tr')].map(tr => {
		const v = c => +c.dataset.value, cells = [...tr.cells];
		return {Size: cells[0].textContent, Updates: v(cells[1]),
			Accuracy: cells.slice(2, cells.length - 2).map(v), Seconds: v(cells[cells.length - 2])}; })`))
	require.NoError(t, err)
	return rows
}
