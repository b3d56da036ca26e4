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

// The short settings of addition.html?quick=1: 320 questions of up to 3
// digits, 32 held out, 2 epochs of 9 batches of the recipe's network
// (LSTM(128) → RepeatVector → LSTM(128) → TimeDistributed(Dense)), seed 1.
// A batch takes 0.2 s to 0.8 s in Chromium (alone or on a busy machine), so
// a run takes 4 to 15 s. Two such epochs teach the model little: the loss
// falls, no more is asked.
const (
	additionEpochs  = 2
	additionBatches = 9
	additionSamples = 10
)

// additionRun is what the page shows after a run.
type additionRun struct {
	Epochs   [][]float64 // per epoch: loss, characters right, held-out characters, held-out answers
	Hash     string
	HeldOut  string     // data-value of the held-out accuracy
	Progress []float64  // value, max
	Samples  [][]string // per held-out question: question, true answer, the model's (trimmed), the mark
}

// TestAddition trains Keras' addition_rnn on the addition page in Chromium
// with ?quick=1: the typed sum gets its true answer at once and the model's
// answer as it trains; the held-out questions get answers marked right or
// wrong; the loss falls. A second run with the same seed, stopped after a
// batch (the model answers while it is held) and resumed, ends with the
// same table and weights hash. It saves a screenshot.
func TestAddition(t *testing.T) {
	if testing.Short() {
		t.Skip("trains an LSTM in Chromium: not with -short")
	}
	b := openPage(t, "addition.html?quick=1", 2*time.Minute)
	ctx := b.ctx
	b.waitReady(t, "train")
	form, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`['digits', 'questions', 'epochs', 'seed'].map(id => document.getElementById(id).value)`))
	require.NoError(t, err)
	assert.Equal(t, []string{"3", "320", "2", "1"}, form, "?quick=1 fills in the short settings")

	// The typed sum: its true answer at once, a clear error for a bad one.
	typeSum(t, ctx, "12+x")
	bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[
		document.getElementById('sum-error').textContent,
		document.getElementById('sum').getAttribute('aria-invalid')]`))
	require.NoError(t, err)
	assert.Contains(t, bad[0], "“x” is not a digit")
	assert.Equal(t, "true", bad[1])
	typeSum(t, ctx, "535+61")
	truth, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('true-answer').dataset.value`))
	require.NoError(t, err)
	assert.Equal(t, "596", truth)

	// A run, start to end.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("train"))))
	first := waitAddition(t, ctx, "first run")
	require.Len(t, first.Epochs, additionEpochs, "one table row per epoch")
	for i, e := range first.Epochs {
		t.Logf("epoch %d: loss %.4f, characters %.4f, held-out characters %.4f, answers %.4f", i+1, e[0], e[1], e[2], e[3])
		for _, v := range e {
			assert.True(t, v >= 0 && v < 10, "epoch %d: %v", i+1, e)
		}
	}
	assert.Less(t, first.Epochs[1][0], first.Epochs[0][0], "the loss falls")
	assert.Regexp(t, `^[0-9a-f]{16}$`, first.Hash)
	assert.NotEmpty(t, first.HeldOut)
	assert.Equal(t, []float64{additionEpochs * additionBatches, additionEpochs * additionBatches}, first.Progress)
	require.Len(t, first.Samples, additionSamples)
	for _, s := range first.Samples {
		assert.Regexp(t, `^\d{1,3}\+\d{1,3}$`, s[0])
		assert.Regexp(t, `^\d{1,4}$`, s[1])
		assert.Regexp(t, `^[+0-9]{0,4}$`, s[2], "the model's answer is characters it knows")
		want := "✗ wrong"
		if s[1] == s[2] {
			want = "✓ right"
		}
		assert.Equal(t, want, s[3], "%v", s)
	}
	modelAnswer(t, ctx, additionEpochs*additionBatches, "the trained model's answer")
	summary, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.ID("summary")))
	require.NoError(t, err)
	for _, s := range []string{"LSTM", "RepeatVector", "TimeDistributed", "205,324"} {
		assert.Contains(t, summary, s, "the model summary")
	}

	// The same seed again, stopped after a batch, asked, resumed.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("train"))))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('progress').value >= 1`,
		chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(time.Minute)))
	require.NoError(t, err, "the first batch ends")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("stop"))))
	waitEnabled(t, ctx, "resume", time.Minute)
	stopped, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[
		document.getElementById('status').textContent,
		document.getElementById('weights-hash').dataset.value || '',
		String(document.getElementById('progress').value)]`))
	require.NoError(t, err)
	t.Logf("stopped: %s", stopped[0])
	assert.Contains(t, stopped[0], "Stopped in epoch")
	assert.NotEqual(t, first.Hash, stopped[1], "the weights of a stopped run are not the final ones")
	batchesAtStop, err := strconv.Atoi(stopped[2])
	require.NoError(t, err)
	assert.Less(t, batchesAtStop, additionEpochs*additionBatches, "stopped before the end")
	typeSum(t, ctx, "12+34")
	modelAnswer(t, ctx, batchesAtStop, "the held model's answer, with the weights where it stopped")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("resume"))))
	second := waitAddition(t, ctx, "resumed run")
	assert.Equal(t, first.Epochs, second.Epochs, "the same seed gives the same table, stopped and resumed or not")
	assert.Equal(t, first.Hash, second.Hash, "and the same weights")
	require.Len(t, second.Samples, additionSamples)
	for i, s := range second.Samples {
		assert.Equal(t, first.Samples[i][:2], s[:2], "the same held-out questions")
	}

	require.NoError(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS("h1"))))
	b.screenshot(t, "addition.png")
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
	t.Logf("the whole test took %.1f s", time.Since(b.opened).Seconds())
}

// typeSum replaces the sum in the box by text, typed key by key.
func typeSum(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.getElementById('sum').value = '') === ''`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("sum"), text)))
}

// modelAnswer waits until the model, trained for batches, has answered
// the typed sum, and returns its answer (trimmed: "" if only spaces).
func modelAnswer(t *testing.T, ctx context.Context, batches int, what string) string {
	t.Helper()
	a, err := chromedp.Run(ctx, chromedp.Poll[[]string](`(el => el.dataset.value !== undefined &&
		el.dataset.batches === '`+strconv.Itoa(batches)+`' && [el.dataset.value])(document.getElementById('model-answer'))`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, what)
	require.Len(t, a, 1)
	t.Logf("%s: %q after %d batches", what, a[0], batches)
	assert.Regexp(t, `^[+0-9]{0,4}$`, a[0], what)
	return a[0]
}

// waitAddition waits for the run in progress to end (Train enabled again,
// with a weights hash) and returns what the page shows.
func waitAddition(t *testing.T, ctx context.Context, what string) additionRun {
	t.Helper()
	start := time.Now()
	_, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const s = document.getElementById('status').textContent;
		if (s.startsWith('Training failed')) return 'failed';
		const done = !document.getElementById('train').disabled && document.getElementById('resume').disabled;
		return done && document.getElementById('weights-hash').dataset.value; })()`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(90*time.Second)))
	require.NoError(t, err, "waiting for the %s to end", what)
	r, err := chromedp.Run(ctx, chromedp.Evaluate[additionRun](`(() => {
		const p = document.getElementById('progress');
		return {
			Epochs: [...document.querySelectorAll('#epoch-rows tr[data-epoch]')].map(tr =>
				[...tr.cells].slice(1).map(td => +td.dataset.value)),
			Hash: document.getElementById('weights-hash').dataset.value,
			HeldOut: document.getElementById('heldout-accuracy').dataset.value || '',
			Progress: [p.value, p.max],
			Samples: [...document.querySelectorAll('#sample-rows tr[data-sample]')].map(tr => [
				tr.cells[0].textContent, tr.cells[1].textContent, tr.cells[2].dataset.value, tr.cells[3].textContent]),
		}; })()`))
	require.NoError(t, err)
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("status")))
	require.NoError(t, err)
	require.NotContains(t, status, "failed", what)
	t.Logf("%s: %.1f s; %s", what, time.Since(start).Seconds(), status)
	return r
}
