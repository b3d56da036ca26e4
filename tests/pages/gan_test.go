package pages

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ganRun is what gan.html shows after a run.
type ganRun struct {
	Step           int
	Hash           string
	DLoss, GLoss   float64
	Judge          float64     // the classifier's test accuracy
	Confidence     float64     // the latest mean top-class confidence
	Digits         int         // the latest digits present
	Counts         []int       // samples per digit
	Rows           [][]float64 // per measure: step, confidence, digits
	LossPoints     string      // the chart's data-points
	GridDeviations []float64   // the spread of each sample's grey levels
}

// TestGAN opens gan.html?quick=1 (4 steps of 16 real images, 100 samples
// judged every 2 steps by a classifier trained on 1,000 images) and trains
// the DCGAN: the losses are finite and positive, the grid is drawn, the
// judge (far better than chance) labels every sample, and the verdict table
// has the steps 0, 2 and 4. A second run with the same seed gives the same
// samples and losses. It saves a screenshot.
func TestGAN(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a GAN in Chromium: not with -short")
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
			b.screenshot(t, "gan-failed.png")
		}
	}()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"gan.html?quick=1")))
	waitEnabled(t, ctx, "train", time.Minute)

	first := trainGAN(t, ctx, "first run")
	t.Logf("first run: %+v", first)
	assert.Equal(t, 4, first.Step)
	assert.Regexp(t, `^[0-9a-f]{16}$`, first.Hash)
	for _, l := range []float64{first.DLoss, first.GLoss} {
		assert.True(t, l > 0 && !math.IsInf(l, 0), "a binary cross-entropy: %v", l)
	}
	assert.Greater(t, first.Judge, 0.6, "the judge reads digits far better than chance")
	assert.True(t, first.Confidence >= 0.1 && first.Confidence <= 1, "a mean top-class probability: %v", first.Confidence)
	assert.True(t, first.Digits >= 1 && first.Digits <= 10, "digits present: %v", first.Digits)
	require.Len(t, first.Counts, 10)
	total := 0
	for _, n := range first.Counts {
		total += n
	}
	assert.Equal(t, 100, total, "every sample judged gets a label")
	require.Len(t, first.Rows, 3, "measured before training, after step 2 and after step 4")
	for i, row := range first.Rows {
		assert.Equal(t, float64(2*i), row[0], "the step of verdict %d", i)
	}
	assert.Equal(t, "d,g", first.LossPoints[:3], "the chart holds both losses")
	require.Len(t, first.GridDeviations, 16)
	for i, d := range first.GridDeviations {
		assert.Greater(t, d, 0.0, "sample %d is not blank", i)
	}

	second := trainGAN(t, ctx, "second run")
	assert.Equal(t, first.Hash, second.Hash, "the same seed, the same samples")
	assert.Equal(t, first.DLoss, second.DLoss, "and the same losses")
	assert.Equal(t, first.GLoss, second.GLoss)
	assert.Equal(t, first.Counts, second.Counts)

	require.NoError(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS("h1"))))
	b.screenshot(t, "gan.png")
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
}

// trainGAN presses Train and waits for the run to end.
func trainGAN(t *testing.T, ctx context.Context, what string) ganRun {
	t.Helper()
	start := time.Now()
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("train"))))
	status, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const s = document.getElementById('status').textContent;
		return (s.includes('failed') || s.startsWith('Trained')) && s; })()`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(3*time.Minute)))
	require.NoError(t, err, "waiting for the %s to end", what)
	require.NotContains(t, status, "failed")
	t.Logf("%s: %.1f s; %s", what, time.Since(start).Seconds(), status)
	r, err := chromedp.Run(ctx, chromedp.Evaluate[ganRun](`(() => {
		const d = id => document.getElementById(id).dataset;
		const spread = c => {
			const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
			let s = 0, s2 = 0, n = px.length / 4;
			for (let i = 0; i < px.length; i += 4) { s += px[i]; s2 += px[i] * px[i]; }
			return Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2));
		};
		const plot = document.getElementById('losses').dataset;
		return {
			Step: +d('samples-info').step, Hash: d('samples-info').hash,
			DLoss: +d('step-stats').dLoss, GLoss: +d('step-stats').gLoss,
			Judge: +d('classifier-accuracy').value, Confidence: +d('confidence').value, Digits: +d('digits').value,
			Counts: [...document.querySelectorAll('#counts li')].map(li => +li.dataset.count),
			Rows: [...document.querySelectorAll('#quality-rows tr')].map(tr => [...tr.cells].slice(0, 3).map(c => +c.dataset.value)),
			LossPoints: (plot.series || '') + ' ' + (plot.points || ''),
			GridDeviations: [...document.querySelectorAll('#sample-grid canvas')].map(spread),
		}; })()`))
	require.NoError(t, err)
	return r
}
