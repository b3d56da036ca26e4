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

// TestNotebook runs every cell of the notebook page: MNIST loads, the model
// trains with a live chart, the loss is plotted inline, and the test
// accuracy is that of a trained MLP; then an edited cell runs, and cells
// that are not valid, or reach for eval, fail with a clear message.
func TestNotebook(t *testing.T) {
	base := serveSite(t)
	b := newBrowser(t, 3*time.Minute)
	ctx := b.ctx
	defer func() {
		if t.Failed() {
			b.logConsole(t)
			b.screenshot(t, "notebook-failed.png")
		}
	}()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"notebook.html")))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.getElementById('run-all').disabled`, chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err)

	start := time.Now()
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("run-all"))))
	states, err := chromedp.Run(ctx, chromedp.Poll[[]string](`(() => {
		const s = [...document.querySelectorAll('.cell')].map((c) => c.dataset.state ?? '');
		return (s.every((x) => x === 'done') || s.includes('error')) && s; })()`,
		chromedp.WithPollingTimeout(2*time.Minute), chromedp.WithPollingInterval(200*time.Millisecond)))
	require.NoError(t, err)
	require.Equal(t, []string{"done", "done", "done", "done", "done"}, states, "every cell runs: %v", cellOutputs(t, ctx))
	t.Logf("all cells ran in %.1f s", time.Since(start).Seconds())

	out := cellOutputs(t, ctx)
	assert.Contains(t, out[0], "6000 training digits, 1000 test digits")
	assert.Contains(t, out[1], "Dense", "the model's summary")
	assert.Contains(t, out[2], "val_loss", "the fit's history")
	acc := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(out[4]), "test accuracy: "), "%")
	accuracy, err := strconv.ParseFloat(acc, 64)
	require.NoError(t, err, "cell 5 says %q", out[4])
	assert.Greater(t, accuracy, 85.0, "an MLP after 5 epochs on 6,000 digits (chance is 10%)")

	// The inline charts: the live one of cell 3 and two in cell 4, drawn.
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[...document.querySelectorAll('.inline-chart canvas')].map((c) => {
		const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
		let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; })`))
	require.NoError(t, err)
	require.Len(t, charts, 3)
	for i, ink := range charts {
		assert.Greater(t, ink, 500, "chart %d is drawn", i)
	}
	points, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelectorAll('.cell')[3].querySelector('canvas').dataset.points`))
	require.NoError(t, err)
	assert.Equal(t, "10", points, "loss and val_loss for 5 epochs")
	b.screenshot(t, "notebook.png")

	// Edit cell 5 and run it alone.
	tests := []struct {
		code, want, state string
	}{
		{"const squares = [1, 2, 3].map((v) => v ** 2)\nsquares.length + ' squares, the last ' + squares[2]", "3 squares, the last 9", "done"},
		{"(await model.predict(gonn.tensor(test.x.row(0).data, [1, 784]))).shape", "[1, 10]", "done"},
		{"model.fit(", "line 1, column 11: unexpected the end of the cell", "error"},
		{"eval('1 + 1')", "eval is not defined", "error"},
		{"gonn.tensor.constructor('return 1')", "the property constructor is not available", "error"},
	}
	for _, tc := range tests {
		got, state := runEditedCell(t, ctx, 4, tc.code)
		assert.Equal(t, tc.state, state, tc.code)
		assert.Contains(t, got, tc.want, tc.code)
	}
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
}

// cellOutputs returns the text of every cell's output.
func cellOutputs(t *testing.T, ctx context.Context) []string {
	t.Helper()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.cell .output')].map((o) => o.textContent)`))
	require.NoError(t, err)
	return out
}

// runEditedCell puts code in cell i, runs it with Shift+Enter, and returns
// its output and state.
func runEditedCell(t *testing.T, ctx context.Context, i int, code string) (string, string) {
	t.Helper()
	sel := `.cell:nth-of-type(` + strconv.Itoa(i+1) + `) textarea`
	evalJS(t, ctx, `(() => { const c = document.querySelectorAll('.cell')[`+strconv.Itoa(i)+`];
		c.dataset.state = ''; c.querySelector('textarea').value = `+strconv.Quote(code)+`; })()`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierShift))))
	r, err := chromedp.Run(ctx, chromedp.Poll[[]string](`(() => { const c = document.querySelectorAll('.cell')[`+strconv.Itoa(i)+`];
		return (c.dataset.state === 'done' || c.dataset.state === 'error') && [c.querySelector('.output').textContent, c.dataset.state]; })()`,
		chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err)
	return r[0], r[1]
}
