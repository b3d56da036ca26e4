package pages

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// augmentGrid is what augment.html says of its grid (#variants-stats).
type augmentGrid struct {
	Variants, Changed, Layers, Canvases int
	Identity                            bool
	Hash                                string
}

// TestAugment opens augment.html?quick=1: one test image through the five
// augmentation layers in training mode gives 8 variants that all differ
// from it, while training: false gives it back; the same seed gives the
// same grid, another seed another; with every layer off the variants are
// the image. The lecture's examples are computed: a 6 turned half a turn, a
// mirrored 7 and 2, small perturbations of a 6. It saves a screenshot.
func TestAugment(t *testing.T) {
	base := serveSite(t)
	b := newBrowser(t, 2*time.Minute)
	ctx := b.ctx
	defer func() {
		if t.Failed() {
			b.logConsole(t)
			if status, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("status"))); err == nil {
				t.Logf("status: %s", status)
			}
			b.screenshot(t, "augment-failed.png")
		}
	}()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"augment.html?quick=1")))

	first := waitAugment(t, ctx, "")
	t.Logf("seed 1: %+v", first)
	assert.Equal(t, 8, first.Variants, "?quick=1 asks for 8 variants")
	assert.Equal(t, 8, first.Canvases, "one canvas per variant")
	assert.Equal(t, 4, first.Layers, "rotation, translation, zoom and contrast (no flip by default)")
	assert.Equal(t, 8, first.Changed, "every variant is perturbed in training mode")
	assert.True(t, first.Identity, "training: false gives the image back")

	setField(t, ctx, "seed", "2")
	second := waitAugment(t, ctx, first.Hash)
	assert.NotEqual(t, first.Hash, second.Hash, "another seed, other perturbations")
	setField(t, ctx, "seed", "1")
	again := waitAugment(t, ctx, second.Hash)
	assert.Equal(t, first.Hash, again.Hash, "the same seed, the same grid")

	setField(t, ctx, "rotation", "0", "shift", "0", "zoom", "0", "contrast", "0")
	none := waitAugment(t, ctx, first.Hash)
	assert.Zero(t, none.Layers)
	assert.Zero(t, none.Changed, "no layer: the variants are the image")

	setField(t, ctx, "flip", "vertical")
	flipped := waitAugment(t, ctx, none.Hash)
	assert.Equal(t, 1, flipped.Layers)
	assert.Greater(t, flipped.Changed, 0, "about half the copies turn upside down")
	assert.Less(t, flipped.Changed, 8)
	assert.True(t, flipped.Identity)

	examples, err := chromedp.Run(ctx, chromedp.Poll[[]string](`(() => {
		const ids = ['example-turn', 'example-mirror', 'example-mirror-2', 'example-allowed'];
		const els = ids.map(id => document.getElementById(id));
		return els.every(e => e.dataset.ready) && els.map(e => e.dataset.changed + '/' + e.querySelectorAll('canvas').length); })()`,
		chromedp.WithPollingTimeout(time.Minute)))
	require.NoError(t, err, "the lecture's examples")
	assert.Equal(t, []string{"1/3", "1/2", "1/2", "6/7"}, examples,
		"changed/canvases: the 6, turned, a real 9; a 7 and its mirror; a 2 and its mirror; a 6 and six variants")

	require.NoError(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS("h1"))))
	b.screenshot(t, "augment.png")
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
}

// waitAugment waits for a grid whose hash is not old and returns it.
func waitAugment(t *testing.T, ctx context.Context, old string) augmentGrid {
	t.Helper()
	g, err := chromedp.Run(ctx, chromedp.Poll[augmentGrid](`(() => {
		const s = document.getElementById('variants-stats').dataset;
		if (!s.hash || s.hash === `+strconv.Quote(old)+`) return null;
		return {Variants: +s.variants, Changed: +s.changed, Layers: +s.layers, Identity: s.identity === 'true',
			Hash: s.hash, Canvases: document.querySelectorAll('#grid canvas').length}; })()`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(time.Minute)))
	require.NoError(t, err, "waiting for a grid other than %q", old)
	return g
}

// setField sets the values of form fields (id, value, id, value, …), then
// fires their input and change events, as a user's edits do.
func setField(t *testing.T, ctx context.Context, idValues ...string) {
	t.Helper()
	require.Zero(t, len(idValues)%2, "setField takes pairs of id and value")
	pairs := "["
	for i := 0; i < len(idValues); i += 2 {
		pairs += "[" + strconv.Quote(idValues[i]) + ", " + strconv.Quote(idValues[i+1]) + "],"
	}
	pairs += "]"
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(pairs => {
		const els = pairs.map(([id, v]) => { const el = document.getElementById(id); el.value = v; return el; });
		for (const el of els) for (const type of ['input', 'change']) el.dispatchEvent(new Event(type, {bubbles: true}));
		return true; })(`+pairs+`)`))
	require.NoError(t, err, "setting %v", idValues)
}
