package pages

import (
	"context"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// insideLook is what inside.html shows of the digit it looks at.
type insideLook struct {
	Class                 string
	Layers                string
	Shapes                []string // of each layer's output, without the batch
	Maps                  []int    // images per layer section (the input first)
	Saliency, Occlusion   string   // their shapes
	SaliencyW, OcclusionW int      // their canvases' pixel widths
	MaxDrop               float64
}

// TestInside opens inside.html?quick=1 (a small CNN trained on 2,048
// images for two epochs, 200 test images) and trains it: the confusion
// matrix counts every test image once and most on its diagonal; both convolutions show
// their filters (8 of 3×3×1, 16 of 3×3×8); the weight and gradient tables
// list the 6 weights with finite numbers; test image 0 is seen through all
// six layers, with a saliency map of the image's shape and a 14×14
// occlusion map. A digit drawn on the pad is read and looked at too, and
// gradient ascent finds an input for each of the ten classes. It saves a
// screenshot.
func TestInside(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a CNN in Chromium: not with -short")
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
			b.screenshot(t, "inside-failed.png")
		}
	}()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"inside.html?quick=1")))
	waitEnabled(t, ctx, "train", time.Minute)
	start := time.Now()
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("train"))))
	status, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const s = document.getElementById('status').textContent;
		return (s.includes('failed') || s.startsWith('Trained')) && s; })()`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(3*time.Minute)))
	require.NoError(t, err, "waiting for the training")
	require.NotContains(t, status, "failed")
	t.Logf("trained in %.1f s: %s", time.Since(start).Seconds(), status)

	// The confusion matrix.
	cm, err := chromedp.Run(ctx, chromedp.Evaluate[[][]int](
		`[...document.querySelectorAll('#confusion tbody tr')].map(tr => [...tr.querySelectorAll('td')].map(td => +td.dataset.value))`))
	require.NoError(t, err)
	require.Len(t, cm, 10, "a row per true digit")
	all, right := 0, 0
	for i, row := range cm {
		require.Len(t, row, 10, "a column per answer")
		for j, v := range row {
			all += v
			if i == j {
				right += v
			}
		}
	}
	assert.Equal(t, 200, all, "every test image counted once")
	assert.Greater(t, right, 100, "most on the diagonal")
	info, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`({...document.getElementById('confusion-info').dataset})`))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"total": "200", "right": strconv.Itoa(right)}, info)

	// Filters and statistics.
	filters, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('#filters section')].map(s => s.dataset.layer + ':' + s.dataset.filters + ':' + s.querySelectorAll('canvas').length)`))
	require.NoError(t, err)
	assert.Equal(t, []string{"0:8:8", "2:16:16"}, filters, "layer:filters:canvases")
	for _, id := range []string{"weight-rows", "gradient-rows"} {
		rows, err := chromedp.Run(ctx, chromedp.Evaluate[[][]float64](
			`[...document.querySelectorAll('#`+id+` tr')].map(tr => [...tr.querySelectorAll('td[data-value]')].map(td => +td.dataset.value))`))
		require.NoError(t, err)
		require.Len(t, rows, 6, "%s: kernel and bias of two convolutions and a dense layer", id)
		norm := 0.0
		for _, r := range rows {
			require.Len(t, r, 6, "mean, std, min, max, norm, zeros")
			for _, v := range r {
				assert.False(t, math.IsNaN(v) || math.IsInf(v, 0), "%s: %v", id, r)
			}
			assert.LessOrEqual(t, r[2], r[3], "min ≤ max")
			norm += r[4]
		}
		assert.Greater(t, norm, 0.0, "%s: not all zero", id)
	}

	// Test image 0, looked at after training.
	look := waitLook(t, ctx)
	t.Logf("test image 0: %+v", look)
	assert.Equal(t, "6", look.Layers)
	assert.Equal(t, []string{"(26, 26, 8)", "(13, 13, 8)", "(11, 11, 16)", "(5, 5, 16)", "(400)", "(10)"}, look.Shapes)
	assert.Equal(t, []int{1, 8, 8, 16, 16, 0, 0}, look.Maps, "the input, then a map per channel of each convolution and pool")
	assert.Equal(t, "(1, 28, 28, 1)", look.Saliency, "the saliency map has the image's shape")
	assert.Equal(t, 28, look.SaliencyW)
	assert.Equal(t, "(14, 14)", look.Occlusion, "a 4×4 patch every 2 pixels")
	assert.Equal(t, 14, look.OcclusionW)
	assert.Greater(t, look.MaxDrop, 0.0, "hiding some patch lowers the probability")

	// A 7 drawn on the pad.
	pad := padRect(t, ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('look-status').textContent = ''`)))
	require.NoError(t, chromedp.Do(ctx, mouseStroke(pad, [][2]float64{{0.25, 0.2}, {0.75, 0.2}, {0.45, 0.85}})))
	drawn := waitLook(t, ctx)
	t.Logf("the pad's 7: %+v", drawn)
	assert.Equal(t, "(1, 28, 28, 1)", drawn.Saliency)

	// The inputs each class likes most.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("maximise"))))
	acts, err := chromedp.Run(ctx, chromedp.Poll[[]float64](`(() => {
		const f = [...document.querySelectorAll('#maxima figure')];
		return f.length === 10 && !document.getElementById('train').disabled && f.map(x => +x.dataset.activation); })()`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(2*time.Minute)))
	require.NoError(t, err, "ten most-activating inputs")
	for c, a := range acts {
		assert.True(t, a >= 0 && a <= 1, "class %d: a probability, got %v", c, a)
	}

	require.NoError(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS("h1"))))
	b.screenshot(t, "inside.png")
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
}

// waitLook waits until the page has looked at a digit (its look status
// says "Shown") and returns what it shows.
func waitLook(t *testing.T, ctx context.Context) insideLook {
	t.Helper()
	l, err := chromedp.Run(ctx, chromedp.Poll[insideLook](`(() => {
		if (!document.getElementById('look-status').textContent.startsWith('Shown')) return null;
		const maps = document.getElementById('maps'), s = document.getElementById('saliency'), o = document.getElementById('occlusion');
		const sections = [...maps.querySelectorAll('section')];
		return {
			Class: document.getElementById('verdict').dataset.class || '', Layers: maps.dataset.layers,
			Shapes: sections.slice(1).map(x => x.dataset.shape),
			Maps: sections.map(x => x.querySelectorAll('canvas').length),
			Saliency: s.dataset.shape, Occlusion: o.dataset.shape, SaliencyW: s.width, OcclusionW: o.width,
			MaxDrop: +(o.dataset.maxDrop || 0),
		}; })()`, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(time.Minute)))
	require.NoError(t, err, "waiting for the page to look at a digit")
	return l
}
