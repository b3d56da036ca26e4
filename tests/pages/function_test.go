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
)

// fnRun is what the function page shows after a run.
type fnRun struct {
	Status   string
	Final    float64   // the last epoch's mean squared error
	Series   []string  // the fit plot's series
	Points   []string  // and their numbers of points
	Losses   string    // the loss plot's numbers of points
	Progress []float64 // value, max
}

// TestFunction opens function.html?quick=1 (150 epochs), checks the sample
// and the program the page states, adds a point by clicking the plot,
// trains, and checks that the fitted curve is drawn on the whole grid, the
// loss plot has a point per epoch, the progress bar is full and the net
// fits the sine far better than a constant could (its variance is 0.5).
// The same seed trains again to the same loss, bit for bit. The user's own
// points start empty, refuse to train, and take points typed in. It saves
// a screenshot.
func TestFunction(t *testing.T) {
	b := openPage(t, "function.html?quick=1", 2*time.Minute)
	ctx := b.ctx
	b.waitReady(t, "train")
	form, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`['target', 'points', 'noise', 'layers', 'units', 'activation', 'epochs', 'lr', 'seed'].map(id => document.getElementById(id).value)`))
	require.NoError(t, err)
	assert.Equal(t, []string{"sine", "48", "0.05", "2", "16", "relu", "150", "0.01", "1"}, form, "?quick=1 fills in the short settings")
	program := valueOf(t, ctx, `document.getElementById('program').textContent`)
	assert.Contains(t, program, "h1 = relu(np.dot(x, W1) + b1)")
	assert.Contains(t, program, "return np.dot(h2, W3) + b3")
	assert.Equal(t, "321", valueOf(t, ctx, `document.getElementById('params').dataset.value`), "1·16+16 + 16·16+16 + 16+1")
	assert.Equal(t, "48", fnPointCount(t, ctx))

	// The program follows the form.
	setInput(t, ctx, "layers", "1")
	assert.NotContains(t, valueOf(t, ctx, `document.getElementById('program').textContent`), "h2")
	assert.Equal(t, "49", valueOf(t, ctx, `document.getElementById('params').dataset.value`), "1·16+16 + 16+1")
	setInput(t, ctx, "layers", "2")

	// A click in the plot adds a point.
	r, err := chromedp.Run(ctx, chromedp.Evaluate[rect](`(() => {
		const r = document.getElementById('fit').getBoundingClientRect(); return {X: r.x, Y: r.y, Width: r.width, Height: r.height}; })()`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.MouseClickXY(r.X+r.Width*0.6, r.Y+r.Height*0.4)))
	assert.Equal(t, "49", fnPointCount(t, ctx), "the click added a point")
	assert.Contains(t, valueOf(t, ctx, `document.getElementById('status').textContent`), "Point added")

	first := trainFunction(t, ctx, "first run")
	assert.Equal(t, []string{"points", "target", "fit"}, first.Series)
	assert.Equal(t, []string{"49", "201", "201"}, first.Points, "the fit is drawn over the whole grid")
	assert.Equal(t, "150", first.Losses, "a loss per epoch")
	assert.Equal(t, []float64{150, 150}, first.Progress, "the progress bar is full")
	assert.Less(t, first.Final, 0.2, "far below the 0.5 of predicting 0 everywhere")

	second := trainFunction(t, ctx, "second run")
	assert.Equal(t, first.Final, second.Final, "the same seed and points give the same loss, bit for bit")

	require.NoError(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS("h1"))))
	b.screenshot(t, "function.png")

	// The user's own points.
	require.NoError(t, chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("target"), "points")))
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('target').dispatchEvent(new Event('change'))`))
	require.NoError(t, err)
	assert.Equal(t, "0", fnPointCount(t, ctx))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("train"))))
	waitStatus(t, ctx, "There are no points to learn")
	for _, xy := range [][2]string{{"-0.5", "0.25"}, {"0.5", "-0.25"}} {
		require.NoError(t, chromedp.Do(ctx,
			chromedp.SetValue(chromedp.ID("add-x"), xy[0]),
			chromedp.SetValue(chromedp.ID("add-y"), xy[1]),
			chromedp.Click(chromedp.ID("add")),
		))
	}
	assert.Equal(t, "2", fnPointCount(t, ctx), "two points typed in")
	series := valueOf(t, ctx, `document.getElementById('fit').dataset.series`)
	assert.Equal(t, "points,fit", series, "no target curve for the user's own points")

	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
	t.Logf("the whole test took %.1f s", time.Since(b.opened).Seconds())
}

func fnPointCount(t *testing.T, ctx context.Context) string {
	t.Helper()
	return valueOf(t, ctx, `document.getElementById('point-count').dataset.value`)
}

// trainFunction presses Train and waits for the run to end.
func trainFunction(t *testing.T, ctx context.Context, what string) fnRun {
	t.Helper()
	start := time.Now()
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("train"))))
	status, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const s = document.getElementById('status').textContent;
		return (s.startsWith('Training failed') || s.startsWith('Trained')) && !document.getElementById('train').disabled && s; })()`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(90*time.Second)))
	require.NoError(t, err, "waiting for the %s to end", what)
	t.Logf("%s: %.1f s; %s", what, time.Since(start).Seconds(), status)
	require.True(t, strings.HasPrefix(status, "Trained"), what)
	run, err := chromedp.Run(ctx, chromedp.Evaluate[fnRun](`(() => {
		const fit = document.getElementById('fit'), p = document.getElementById('progress');
		return {
			Status: document.getElementById('status').textContent,
			Final: +document.getElementById('final-loss').dataset.value,
			Series: fit.dataset.series.split(','),
			Points: fit.dataset.points.split(','),
			Losses: document.getElementById('loss').dataset.points,
			Progress: [p.value, p.max],
		}; })()`))
	require.NoError(t, err)
	t.Logf("%s: final loss %s", what, strconv.FormatFloat(run.Final, 'g', -1, 64))
	return run
}
