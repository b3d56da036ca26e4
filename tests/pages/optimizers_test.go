package pages

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/web/ui/optimizers/race"
)

// raceRow is one racer as the page's table shows it.
type raceRow struct {
	Key, At, Where, Loss string
}

// TestOptimizers opens optimizers.html?quick=1 (races of 60 steps) on the
// skier's surface, takes a step with the Step button and one with the N
// key, runs the race to its end with Space, then checks every racer's
// position and loss against the same race run natively with gonn's
// optimisers: the same bits. It checks that a bad hyper-parameter is named
// and marked, that a click on the map moves the start, and that another
// surface brings its own learning rates. It saves a screenshot.
func TestOptimizers(t *testing.T) {
	b := openPage(t, "optimizers.html?quick=1", 2*time.Minute)
	ctx := b.ctx
	b.waitReady(t, "play")
	form, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`['surface', 'steps', 'start-x', 'start-y', 'lr-sgd', 'momentum-momentum', 'beta_2-adam'].map(id => document.getElementById(id).value)`))
	require.NoError(t, err)
	assert.Equal(t, []string{"skier", "60", "-2", "1.5", "0.05", "0.9", "0.999"}, form, "the skier first, 60 steps with ?quick=1")
	assert.Equal(t, "0", mapAttr(t, ctx, "steps"))
	assert.Equal(t, "sgd,momentum,rmsprop,adam,adagrad,adadelta", mapAttr(t, ctx, "racers"))

	// One step with the button, one with the keyboard.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("step"))))
	assert.Equal(t, "1", mapAttr(t, ctx, "steps"))
	assert.Equal(t, "2,2,2,2,2,2", mapAttr(t, ctx, "lengths"), "each path has the start and one step")
	pressKey(t, ctx, "n")
	assert.Equal(t, "2", mapAttr(t, ctx, "steps"))
	assert.Contains(t, valueOf(t, ctx, `document.getElementById('status').textContent`), "Step 2 of 60")

	// Space runs the race to its end.
	pressKey(t, ctx, " ")
	status, err := chromedp.Run(ctx, chromedp.Poll[string](
		`(s => s.startsWith('Finished') && s)(document.getElementById('status').textContent)`,
		chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "the race ends")
	t.Logf("status: %s", status)
	assert.Equal(t, "60", mapAttr(t, ctx, "steps"))
	assert.Equal(t, "Start", valueOf(t, ctx, `document.getElementById('play').textContent`))
	progress, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(p => [p.value, p.max])(document.getElementById('progress'))`))
	require.NoError(t, err)
	assert.Equal(t, []float64{60, 60}, progress, "the progress bar is full")
	assert.Equal(t, "61", strings.Split(valueOf(t, ctx, `document.getElementById('race-loss').dataset.points`), ",")[0],
		"the loss chart has the start and each step")
	b.screenshot(t, "optimizers.png")

	// The same race natively: the same positions and losses, bit for bit.
	skier := race.SurfaceOf("skier")
	native, err := race.New(skier, skier.Start, race.Defaults(skier))
	require.NoError(t, err)
	for range 60 {
		native.Step()
	}
	rows := raceRows(t, ctx)
	require.Len(t, rows, len(native.Racers))
	for i, r := range native.Racers {
		at := r.At()
		assert.Equal(t, r.Kind.Key, rows[i].Key)
		assert.Equal(t, f32(at[0])+","+f32(at[1]), rows[i].At, "%s: the position", r.Kind.Key)
		assert.Equal(t, f32(r.Losses[len(r.Losses)-1]), rows[i].Loss, "%s: the loss", r.Kind.Key)
		assert.Equal(t, r.Where(), rows[i].Where, "%s: where", r.Kind.Key)
		t.Logf("%-8s at (%s), loss %s, %q", r.Kind.Key, rows[i].At, rows[i].Loss, rows[i].Where)
	}
	assert.Equal(t, "global", rows[1].Where, "with momentum, the skier carries over the hill")

	// A bad hyper-parameter is named and marked.
	setChange(t, ctx, "beta_1-adam", "1.5")
	waitStatus(t, ctx, "Adam: beta_1 must be at least 0 and below 1, not 1.5")
	assert.Equal(t, "true", valueOf(t, ctx, `document.getElementById('beta_1-adam').getAttribute('aria-invalid')`))
	assert.Equal(t, "", mapAttr(t, ctx, "racers"), "no race while a setting is wrong")
	setChange(t, ctx, "beta_1-adam", "0.9")
	waitStatus(t, ctx, "6 optimisers at the start")
	assert.Equal(t, "", valueOf(t, ctx, `document.getElementById('beta_1-adam').getAttribute('aria-invalid') || ''`))

	// A click on the map moves the start: the middle of the map is near (0, 0).
	r, err := chromedp.Run(ctx, chromedp.Evaluate[rect](`(() => {
		const c = document.getElementById('map'); c.scrollIntoView();
		const r = c.getBoundingClientRect(); return {X: r.x, Y: r.y, Width: r.width, Height: r.height}; })()`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.MouseClickXY(r.X+34+(r.Width-40)/2, r.Y+6+(r.Height-30)/2)))
	waitStatus(t, ctx, "New start")
	x, err := strconv.ParseFloat(valueOf(t, ctx, `document.getElementById('start-x').value`), 64)
	require.NoError(t, err)
	assert.InDelta(t, 0, x, 0.1, "the start moved to the click")

	// Another surface, with its own learning rates.
	require.NoError(t, chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("surface"), "valley")))
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('surface').dispatchEvent(new Event('change'))`))
	require.NoError(t, err)
	assert.Equal(t, "valley", mapAttr(t, ctx, "surface"))
	assert.Equal(t, "0.001", valueOf(t, ctx, `document.getElementById('lr-sgd').value`))
	assert.Equal(t, "-1.5", valueOf(t, ctx, `document.getElementById('start-x').value`))

	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
	t.Logf("the whole test took %.1f s", time.Since(b.opened).Seconds())
}

func f32(v float32) string { return strconv.FormatFloat(float64(v), 'g', -1, 32) }

// mapAttr returns the map canvas's data-<name>.
func mapAttr(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	return valueOf(t, ctx, `document.getElementById('map').dataset.`+name+` || ''`)
}

// pressKey sends key to the page with nothing focused, as a user who
// clicked on the page's background would.
func pressKey(t *testing.T, ctx context.Context, key string) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`),
		chromedp.KeyEvent(key)))
}

// setChange sets the input id to value and fires change, as leaving the
// field after typing would.
func setChange(t *testing.T, ctx context.Context, id, value string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(el => { el.value = `+strconv.Quote(value)+`;
		return el.dispatchEvent(new Event('change', {bubbles: true})); })(document.getElementById('`+id+`'))`))
	require.NoError(t, err)
}

func raceRows(t *testing.T, ctx context.Context) []raceRow {
	t.Helper()
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]raceRow](`[...document.querySelectorAll('#racer-rows tr')].map(tr => {
		const key = tr.id.replace('row-', ''), v = id => document.getElementById(id + '-' + key).dataset.value || '';
		return {Key: key, At: v('at'), Where: v('where'), Loss: v('loss')}; })`))
	require.NoError(t, err)
	return rows
}
