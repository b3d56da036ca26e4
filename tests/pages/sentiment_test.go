package pages

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn"
	"gonn/nn/datasets/sentiment"
	"gonn/nn/models"
	"gonn/nn/tensor"
)

// The short settings of sentiment.html?quick=1: 4,000 training and 1,000
// test sentences (seed 1), 3 epochs of 125 batches for each model; for the
// CSV file, 2 epochs.
const (
	sentimentSentences = 4000
	sentimentEpochs    = 3
	sentimentBatches   = 125
	csvEpochs          = 2
)

// sentimentRun is what the comparison panel shows after a run: per epoch
// LSTM loss, LSTM test accuracy, bag loss, bag test accuracy, margin.
type sentimentRun struct {
	Epochs   [][]float64
	Progress [][]float64 // per model: value, max
	Margin   float64
}

// TestSentiment trains both models of the sentiment page in Chromium with
// ?quick=1: the table's numbers must be those of the same training in
// native Go, bit for bit, the LSTM must read the rule (95 % or more, 30
// points above the bag of words) and no bag of words may pass its ceiling.
// The typed sentence is read by both models (unknown words as <oov>) and
// answered. It uploads a CSV file the test writes, trains the LSTM on it
// and hears it answer; a CSV file with a bad row shows an error naming its
// line on the page; Stop ends a run within its first epoch and leaves the
// models answering. The console must stay clean. It saves screenshots.
func TestSentiment(t *testing.T) {
	if testing.Short() {
		t.Skip("trains an LSTM in Chromium: not with -short")
	}
	b := openPage(t, "sentiment.html?quick=1", 3*time.Minute, "status", "csv-status", "csv-error")
	ctx := b.ctx
	b.waitReady(t, "train")
	form, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`['sentences', 'epochs', 'seed', 'csv-epochs'].map(id => document.getElementById(id).value)`))
	require.NoError(t, err)
	assert.Equal(t, []string{"4000", "3", "1", "2"}, form, "?quick=1 fills in the short settings")
	credit, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS("footer")))
	require.NoError(t, err)
	assert.Contains(t, strings.Join(strings.Fields(credit), " "),
		"Contains information from AFINN, which is made available here under the Open Database License (ODbL).")

	// The rule answers before any model: "but" decides.
	typeSentence(t, ctx, "the film was not terrible but good")
	rule, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.ID("rule")))
	require.NoError(t, err)
	assert.Equal(t, "The data set's rule says positive.", rule)

	// Both models, three epochs each; the same natively meanwhile.
	d := quickData(t)
	native := make(chan [][]float64, 1)
	go func() {
		rows, err := nativeComparison(d)
		if err != nil {
			t.Errorf("training natively: %v", err)
		}
		native <- rows
	}()
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("train"))))
	run := waitSentiment(t, ctx, "status", "the comparison")
	require.Len(t, run.Epochs, sentimentEpochs, "one table row per epoch")
	ceiling := bagCeiling(d)
	for i, e := range run.Epochs {
		t.Logf("epoch %d: LSTM loss %.4f, test %.1f%%; bag loss %.4f, test %.1f%%; margin %+.1f",
			i+1, e[0], 100*e[1], e[2], 100*e[3], e[4])
		for _, v := range e[:4] {
			assert.True(t, v >= 0 && v < 10, "epoch %d: %v", i+1, e)
		}
		assert.LessOrEqual(t, e[3], ceiling+1e-9, "epoch %d: no bag of words passes %.4f", i+1, ceiling)
		assert.InDelta(t, 100*(e[1]-e[3]), e[4], 0.051, "epoch %d: the margin in points", i+1)
	}
	last := run.Epochs[sentimentEpochs-1]
	assert.Less(t, last[0], run.Epochs[0][0], "the LSTM's loss falls")
	assert.GreaterOrEqual(t, last[1], 0.95, "the LSTM reads the rule")
	assert.GreaterOrEqual(t, last[4], 30.0, "and beats the bag of words by 30 points or more")
	rows := <-native
	for i, e := range run.Epochs {
		assert.Equal(t, rows[i], e[:4], "epoch %d: the page's numbers are native Go's, bit for bit (seed 1)", i+1)
	}
	want := float64(sentimentEpochs * sentimentBatches)
	assert.Equal(t, [][]float64{{want, want}, {want, want}}, run.Progress, "both progress bars full")
	assert.InDelta(t, run.Epochs[sentimentEpochs-1][4], run.Margin, 1e-9)

	// The typed sentence, read and answered by both models.
	answers := waitAnswers(t, ctx, "the film was not terrible but good", []string{"lstm", "bag"})
	for _, id := range []string{"lstm", "bag"} {
		assert.Equal(t, "the film was not terrible but good", answers[id].Read, id)
	}
	unknown := waitAnswers(t, ctx, "The soup was purple!", []string{"lstm", "bag"})
	assert.Equal(t, "the <oov> was <oov>", unknown["lstm"].Read, "unknown words read as <oov>")
	assert.Equal(t, "2", unknown["lstm"].Unknown)
	rule, err = chromedp.Run(ctx, chromedp.TextContent(chromedp.ID("rule")))
	require.NoError(t, err)
	assert.Equal(t, `The data set's rule cannot label it: the last word "purple" is not in the lexicon.`, rule)

	b.screenshot(t, "sentiment-trained.png")

	// The user's file: written here, uploaded, trained on, answering.
	dir := t.TempDir()
	good := filepath.Join(dir, "reviews.csv")
	require.NoError(t, os.WriteFile(good, []byte(reviewsCSV(200)), 0o644))
	chooseFile(t, ctx, good)
	info := waitText(t, ctx, "csv-info", "200 rows")
	assert.Equal(t, "reviews.csv: 200 rows, 100 positive and 100 negative. Choose the settings and press Train on this file.", info)
	waitEnabled(t, ctx, "csv-train", 10*time.Second)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("csv-train"))))
	waitSentiment(t, ctx, "csv-status", "the CSV training")
	csvRows, err := chromedp.Run(ctx, chromedp.Evaluate[[][]float64](`[...document.querySelectorAll('#csv-rows tr[data-epoch]')]
		.map(tr => [...tr.cells].slice(1).map(td => +td.dataset.value))`))
	require.NoError(t, err)
	require.Len(t, csvRows, csvEpochs)
	for i, r := range csvRows {
		t.Logf("CSV epoch %d: loss %.4f, accuracy %.1f%%, validation loss %.4f, accuracy %.1f%%", i+1, r[0], 100*r[1], r[2], 100*r[3])
		for _, v := range r {
			assert.True(t, v >= 0 && v < 10, "CSV epoch %d: %v", i+1, r)
		}
	}
	assert.Less(t, csvRows[csvEpochs-1][0], csvRows[0][0], "the loss on the file falls")
	mine := waitAnswers(t, ctx, "what a great film, truly splendid", []string{"lstm", "bag", "csv"})
	assert.Equal(t, "great film <oov> <oov>", mine["csv"].Read,
		"the file's words, the last 4 (the longest training text): the others cut")

	// A file with a bad row: the error on the page names the line.
	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("text,label\na great film,1\na bad film,0\n\"quoted, with a comma\",1\nno idea,maybe\n"), 0o644))
	chooseFile(t, ctx, bad)
	msg := waitText(t, ctx, "csv-error", "bad.csv")
	assert.Equal(t, `bad.csv: line 5: the label "maybe" is not 0 or 1 (or negative, positive).`, msg)
	disabled, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('csv-train').disabled`))
	require.NoError(t, err)
	assert.True(t, disabled, "no training on a file that was not read")

	// Stop: a new comparison, stopped after its first batch.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("train"))))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('lstm-progress').value >= 1`,
		chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(time.Minute)))
	require.NoError(t, err, "the first batch ends")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("stop"))))
	status := waitText(t, ctx, "status", "Stopped")
	t.Logf("stopped: %s", status)
	progress, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById('lstm-progress').value`))
	require.NoError(t, err)
	assert.Less(t, progress, float64(sentimentBatches), "stopped within the first epoch")
	waitEnabled(t, ctx, "train", 10*time.Second)
	waitAnswers(t, ctx, "the film was good", []string{"lstm", "bag"}) // the stopped models answer

	require.NoError(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS("h1"))))
	b.screenshot(t, "sentiment.png")
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
	t.Logf("the whole test took %.1f s", time.Since(b.opened).Seconds())
}

// quickData is the quick run's sentences, made natively by the same
// generator with the same seed.
func quickData(t *testing.T) *sentiment.Data {
	t.Helper()
	lex, err := sentiment.AFINN165()
	require.NoError(t, err)
	cfg := sentiment.DefaultConfig()
	cfg.Train, cfg.Test = sentimentSentences, sentimentSentences/4
	d, err := sentiment.Prepare(lex, cfg, 1)
	require.NoError(t, err)
	return d
}

// bagCeiling is the best test accuracy a bag of words can reach on d's
// test set: every one-clause sentence and one twin of each contrast pair.
func bagCeiling(d *sentiment.Data) float64 {
	best := 0.0
	for _, k := range d.Test.Kinds {
		if k == sentiment.Simple {
			best++
		} else {
			best += 0.5
		}
	}
	return best / float64(d.Test.Len())
}

// nativeComparison trains the quick run's two models natively as the page
// does (seed 1, one fit per epoch, each model evaluated on the test set
// after each epoch) and returns the rows of its table: per epoch LSTM
// loss, LSTM test accuracy, bag loss, bag test accuracy.
func nativeComparison(d *sentiment.Data) ([][]float64, error) {
	rows := make([][]float64, sentimentEpochs)
	for _, m := range []struct {
		model    *nn.Sequential
		x, testX *tensor.Tensor
	}{
		{models.SentimentLSTM(d.InputDim(), d.MaxLen), d.TrainX, d.TestX},
		{models.SentimentBagOfWords(d.InputDim()), d.TrainBag, d.TestBag},
	} {
		m.model.SetSeed(1)
		if err := models.CompileSentiment(m.model); err != nil {
			return nil, err
		}
		for e := range sentimentEpochs {
			h, err := m.model.Fit(m.x, d.TrainY, nn.FitConfig{Epochs: e + 1, InitialEpoch: e, BatchSize: sentiment.BatchSize})
			if err != nil {
				return nil, err
			}
			logs, err := m.model.Evaluate(m.testX, d.TestY, 500)
			if err != nil {
				return nil, err
			}
			rows[e] = append(rows[e], h.History["loss"][0], logs["accuracy"])
		}
	}
	return rows, nil
}

// reviewsCSV is n labelled reviews with a header, positive ones with words
// that the negative ones never use, alternating.
func reviewsCSV(n int) string {
	pos := []string{"a great film", "really good acting", "I loved it, great", "good fun, good story", "great music"}
	neg := []string{"a bad film", "really awful acting", "I hated it, bad", "dull and boring", "awful music"}
	var b strings.Builder
	b.WriteString("text,label\n")
	for i := range n {
		if i%2 == 0 {
			b.WriteString(`"` + pos[i/2%len(pos)] + `",1` + "\n")
		} else {
			b.WriteString(`"` + neg[i/2%len(neg)] + `",0` + "\n")
		}
	}
	return b.String()
}

// typeSentence replaces the sentence in the box by text, typed key by key.
func typeSentence(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.getElementById('sentence').value = '') === ''`))
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("sentence"), text)))
}

// answer is one model's row for the typed sentence.
type answer struct {
	Read, Unknown, Label string
	P                    float64
}

// waitAnswers types sentence and waits until each model of ids has read
// and answered it (both cells name the sentence they show); it returns
// the rows by id.
func waitAnswers(t *testing.T, ctx context.Context, sentence string, ids []string) map[string]answer {
	t.Helper()
	typeSentence(t, ctx, sentence)
	got, err := chromedp.Run(ctx, chromedp.Poll[map[string]answer](`(() => {
		const out = {}, sentence = `+strconv.Quote(sentence)+`;
		for (const id of `+jsStrings(ids)+`) {
			const read = document.getElementById('read-' + id), says = document.getElementById('says-' + id);
			if (read.dataset.sentence !== sentence || says.dataset.sentence !== sentence) return false;
			out[id] = {Read: read.dataset.value, Unknown: read.dataset.unknown, Label: says.dataset.label, P: +says.dataset.value};
		}
		return out; })()`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "the models answer %q", sentence)
	for _, id := range ids {
		a := got[id]
		t.Logf("%s reads %q: %s, P(positive) %.3f", id, a.Read, a.Label, a.P)
		assert.False(t, math.IsNaN(a.P) || a.P < 0 || a.P > 1, "%s: P(positive) %v", id, a.P)
		want := "negative"
		if a.P > 0.5 {
			want = "positive"
		}
		assert.Equal(t, want, a.Label, "%s: the label follows P(positive)", id)
	}
	return got
}

func jsStrings(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = strconv.Quote(v)
	}
	return "[" + strings.Join(q, ",") + "]"
}

// chooseFile sets the file input to path, as a user choosing it does.
func chooseFile(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("csv-file"), []string{path})))
}

// waitText waits until the element id's text holds want and returns it.
func waitText(t *testing.T, ctx context.Context, id, want string) string {
	t.Helper()
	text, err := chromedp.Run(ctx, chromedp.Poll[string](`(el => el.textContent.includes(`+strconv.Quote(want)+`) && el.textContent)(document.getElementById(`+strconv.Quote(id)+`))`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "#%s says %q", id, want)
	return text
}

// waitSentiment waits until the panel whose status line is statusID has
// ended its run, and returns what the comparison panel shows.
func waitSentiment(t *testing.T, ctx context.Context, statusID, what string) sentimentRun {
	t.Helper()
	start := time.Now()
	status, err := chromedp.Run(ctx, chromedp.Poll[string](`(s => /^(Trained|Stopped|Training failed)/.test(s) && s)(
		document.getElementById(`+strconv.Quote(statusID)+`).textContent)`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(2*time.Minute)))
	require.NoError(t, err, "waiting for %s to end", what)
	require.True(t, strings.HasPrefix(status, "Trained"), "%s: %s", what, status)
	t.Logf("%s: %.1f s; %s", what, time.Since(start).Seconds(), status)
	r, err := chromedp.Run(ctx, chromedp.Evaluate[sentimentRun](`(() => {
		const bar = id => { const p = document.getElementById(id); return [p.value, p.max]; };
		return {
			Epochs: [...document.querySelectorAll('#epoch-rows tr[data-epoch]')].map(tr =>
				[...tr.cells].slice(1).map(td => +td.dataset.value)),
			Progress: [bar('lstm-progress'), bar('bag-progress')],
			Margin: +(document.getElementById('margin').dataset.value || NaN),
		}; })()`))
	require.NoError(t, err)
	return r
}
