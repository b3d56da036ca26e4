package pages

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// transferRun is what transfer.html shows after both phases.
type transferRun struct {
	Accuracy1, Accuracy2 float64
	Layers               [][2]string // per layer: trainable in phase 2, parameters
	Weights              [][3]string // per weight: trainable, moved, ok
	Verdict              map[string]string
	Progress             []float64
}

// TestTransfer opens transfer.html?quick=1 (512 training and 200 test
// images per phase, one epoch each) and trains both phases of Keras'
// mnist_transfer_cnn: both accuracies are far above chance (20 % for five
// digits); the five feature layers are frozen in phase 2 and the three
// classification layers are not; every frozen weight kept every bit through
// phase 2 and every trainable one moved. It saves a screenshot.
func TestTransfer(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a CNN twice in Chromium: not with -short")
	}
	base := serveSite(t)
	b := newBrowser(t, 4*time.Minute)
	ctx := b.ctx
	defer func() {
		if t.Failed() {
			b.logConsole(t)
			if status, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("status"))); err == nil {
				t.Logf("status: %s", status)
			}
			b.screenshot(t, "transfer-failed.png")
		}
	}()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"transfer.html?quick=1")))
	waitEnabled(t, ctx, "train", time.Minute)
	start := time.Now()
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("train"))))
	status, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const s = document.getElementById('status').textContent;
		return (s.includes('failed') || s.startsWith('Done')) && s; })()`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(3*time.Minute)))
	require.NoError(t, err, "waiting for both phases")
	require.NotContains(t, status, "failed")
	t.Logf("%.1f s: %s", time.Since(start).Seconds(), status)

	r, err := chromedp.Run(ctx, chromedp.Evaluate[transferRun](`(() => {
		const p = document.getElementById('progress');
		return {
			Accuracy1: +document.getElementById('accuracy-1').dataset.value,
			Accuracy2: +document.getElementById('accuracy-2').dataset.value,
			Layers: [...document.querySelectorAll('#layer-rows tr')].map(tr => [tr.dataset.trainable, tr.dataset.params]),
			Weights: [...document.querySelectorAll('#weight-rows tr')].map(tr => [tr.dataset.trainable, tr.dataset.moved, tr.dataset.ok]),
			Verdict: {...document.getElementById('frozen-verdict').dataset},
			Progress: [p.value, p.max],
		}; })()`))
	require.NoError(t, err)
	t.Logf("accuracies %.4f then %.4f; verdict %v", r.Accuracy1, r.Accuracy2, r.Verdict)
	assert.Greater(t, r.Accuracy1, 0.5, "phase 1 on 0–4, far above chance")
	assert.Greater(t, r.Accuracy2, 0.5, "phase 2 on 5–9 with frozen features, far above chance")
	require.Len(t, r.Layers, 8, "the eight layers of mnist_transfer_cnn")
	for i, l := range r.Layers {
		assert.Equal(t, i >= 5, l[0] == "true", "layer %d trainable in phase 2 only if it classifies", i)
	}
	assert.Equal(t, []string{"320", "9248", "0", "0", "0", "589952", "0", "645"},
		[]string{r.Layers[0][1], r.Layers[1][1], r.Layers[2][1], r.Layers[3][1], r.Layers[4][1], r.Layers[5][1], r.Layers[6][1], r.Layers[7][1]},
		"Keras' parameter counts")
	require.Len(t, r.Weights, 8, "a kernel and a bias for each conv and dense layer")
	for i, w := range r.Weights {
		frozen := i < 4
		assert.Equal(t, !frozen, w[0] == "true", "weight %d trainable", i)
		assert.Equal(t, !frozen, w[1] == "true", "weight %d moved in phase 2 exactly when trainable", i)
		assert.Equal(t, "true", w[2], "weight %d", i)
	}
	assert.Equal(t, map[string]string{"frozenKept": "4", "frozen": "4", "trainedMoved": "4", "trained": "4"}, r.Verdict)
	assert.Equal(t, []float64{8, 8}, r.Progress, "four batches of 128 in each phase")

	require.NoError(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS("h1"))))
	b.screenshot(t, "transfer.png")
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
}
