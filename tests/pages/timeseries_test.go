package pages

import (
	"context"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The CO2 cut of the time-series page (as the recipe's results file gives
// it): 87 held-out months, and the last-value forecast's error on them.
const (
	co2HeldOut  = 87
	co2NaiveMAE = 1.273 // ppm
)

// tsTable is the MAE table: per row (naive, then the models), the steps
// it sees and its held-out MAE (-1 while there is none).
type tsTable struct {
	Keys []string
	Sees []string
	MAE  []float64
}

// TestTimeSeries opens timeseries.html?quick=1 (two epochs per model),
// checks the Conv1D's stated receptive field as the kernel and layers
// change, trains the four models on CO2, then checks the MAE table (every
// model measured, the naive error as the recipe's), the chart (truth,
// naive and four forecasts over the held-out months), retrains the Conv1D
// with a wider kernel (its row alone changes), and trains all four again
// with the same seed: the same numbers. It saves a screenshot.
func TestTimeSeries(t *testing.T) {
	if testing.Short() {
		t.Skip("trains four networks in Chromium: not with -short")
	}
	b := openPage(t, "timeseries.html?quick=1", 2*time.Minute)
	ctx := b.ctx
	b.waitReady(t, "train")
	form, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`['series', 'epochs', 'seed', 'kernel', 'depth'].map(id => document.getElementById(id).value)`))
	require.NoError(t, err)
	assert.Equal(t, []string{"co2", "2", "1", "3", "1"}, form, "?quick=1 fills in the short settings")

	// The receptive field follows the kernel and the layers.
	tests := []struct {
		kernel, depth string
		sees          string // data-value: "" when the stack sees beyond the window
		text          string
	}{
		{"3", "1", "3", "sees the last 3 of the 24 months"},
		{"6", "2", "11", "sees the last 11 of the 24 months of its window (1 + 2 × (6 − 1))"},
		{"13", "2", "", "2 layers of kernel 13 would see 25 months, more than the window of 24"},
		{"12", "1", "12", "sees the last 12 of the 24 months"},
	}
	for _, tt := range tests {
		setInput(t, ctx, "kernel", tt.kernel)
		setInput(t, ctx, "depth", tt.depth)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(el => [el.textContent, el.dataset.value,
			String(document.querySelectorAll('#window-strip span.seen').length)])(document.getElementById('receptive'))`))
		require.NoError(t, err)
		assert.Contains(t, got[0], tt.text, "kernel %s, %s layers", tt.kernel, tt.depth)
		assert.Equal(t, tt.sees, got[1], "kernel %s, %s layers", tt.kernel, tt.depth)
		if tt.sees != "" {
			assert.Equal(t, tt.sees, got[2], "the strip fills in the steps seen")
		}
	}

	// All four, a Conv1D that sees 3 months.
	setInput(t, ctx, "kernel", "3")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("train"))))
	first := waitTimeSeries(t, ctx, "all four")
	assert.Equal(t, []string{"naive", "simple-rnn", "lstm", "gru", "conv1d"}, first.Keys)
	assert.Equal(t, []string{"1", "24", "24", "24", "3"}, first.Sees)
	for i, v := range first.MAE {
		assert.True(t, v > 0 && !math.IsInf(v, 0), "%s: MAE %v", first.Keys[i], v)
	}
	assert.InDelta(t, co2NaiveMAE, first.MAE[0], 5e-4, "the naive forecast's error, as the recipe measures it")
	chart, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`(c => [c.dataset.lines, c.dataset.points])(document.getElementById('forecast'))`))
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"truth", "naive", "simple-rnn", "lstm", "gru", "conv1d"}, strings.Split(chart[0], ","))
	assert.Equal(t, strconv.Itoa(co2HeldOut), chart[1], "one point per held-out month")
	progress, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](
		`(p => [p.value, p.max])(document.getElementById('progress'))`))
	require.NoError(t, err)
	assert.Equal(t, progress[1], progress[0], "the progress bar is full")

	// The Conv1D alone, seeing 12 months.
	setInput(t, ctx, "kernel", "12")
	waitEnabled(t, ctx, "retrain-conv", 5*time.Second)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("retrain-conv"))))
	wider := waitTimeSeries(t, ctx, "Conv1D retrained")
	assert.Equal(t, "12", wider.Sees[4])
	assert.Equal(t, first.MAE[:4], wider.MAE[:4], "the other rows stay")
	assert.NotEqual(t, first.MAE[4], wider.MAE[4], "another Conv1D, another error")

	// All four again, same seed: the same numbers.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("train"))))
	again := waitTimeSeries(t, ctx, "all four again")
	assert.Equal(t, wider.MAE, again.MAE, "the same seed gives the same errors")

	require.NoError(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS("h1"))))
	b.screenshot(t, "timeseries.png")
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
	t.Logf("the whole test took %.1f s", time.Since(b.opened).Seconds())
}

// setInput sets the input id to value and tells the page, as typing would.
func setInput(t *testing.T, ctx context.Context, id, value string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(el => { el.value = '`+value+`';
		return el.dispatchEvent(new Event('input', {bubbles: true})); })(document.getElementById('`+id+`'))`))
	require.NoError(t, err)
}

// waitTimeSeries waits for the run in progress to end and returns the
// table.
func waitTimeSeries(t *testing.T, ctx context.Context, what string) tsTable {
	t.Helper()
	start := time.Now()
	status, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const s = document.getElementById('status').textContent;
		return (s.startsWith('Training failed') || s.startsWith('Done') || s.startsWith('Stopped')) &&
			!document.getElementById('train').disabled && s; })()`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(90*time.Second)))
	require.NoError(t, err, "waiting for %s to end", what)
	t.Logf("%s: %.1f s; %s", what, time.Since(start).Seconds(), status)
	require.True(t, strings.HasPrefix(status, "Done"), what)
	table, err := chromedp.Run(ctx, chromedp.Evaluate[tsTable](`(() => {
		const rows = [...document.querySelectorAll('#mae-rows tr')];
		return {
			Keys: rows.map(tr => tr.id.replace('row-', '')),
			Sees: rows.map(tr => tr.cells[1].textContent),
			MAE: rows.map(tr => tr.cells[2].dataset.value === undefined ? -1 : +tr.cells[2].dataset.value),
		}; })()`))
	require.NoError(t, err)
	for i, k := range table.Keys {
		t.Logf("%s: sees %s, MAE %.4f", k, table.Sees[i], table.MAE[i])
	}
	return table
}
