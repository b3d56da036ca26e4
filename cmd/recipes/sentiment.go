package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"gonn/nn"
	"gonn/nn/datasets/sentiment"
	"gonn/nn/models"
	"gonn/nn/tensor"
)

const (
	sentimentEpochs = 20
	sentimentSeeds  = 3 // the summary trains from seeds seed, seed+1, …
)

// sentimentRun is one model trained on one seed: its scores after each
// epoch and its test outputs at the end.
type sentimentRun struct {
	loss   []float64
	scores []sentiment.Scores
	pred   *tensor.Tensor // (test N, 1)
	wall   time.Duration
}

// sentimentRecipe trains the Embedding+LSTM model and the bag-of-words
// baseline of nn/datasets/sentiment on the AFINN-165 sentences, with the
// same budget, from several seeds, and writes results/sentiment.md.
func sentimentRecipe(o options) error {
	epochs := sentimentEpochs
	if o.epochs != 0 {
		epochs = o.epochs
	}
	lex, err := sentiment.AFINN165()
	if err != nil {
		return err
	}
	start := time.Now()
	var lstm, bow []sentimentRun
	var first *sentiment.Data
	for s := range uint64(sentimentSeeds) {
		seed := o.seed + s
		d, err := sentiment.Prepare(lex, sentiment.DefaultConfig(), seed)
		if err != nil {
			return err
		}
		if first == nil {
			first = d
		}
		l, err := trainSentiment("LSTM", models.SentimentLSTM(d.InputDim(), d.MaxLen), d.TrainX, d.TestX, d, seed, epochs)
		if err != nil {
			return err
		}
		b, err := trainSentiment("bag of words", models.SentimentBagOfWords(d.InputDim()), d.TrainBag, d.TestBag, d, seed, epochs)
		if err != nil {
			return err
		}
		lstm, bow = append(lstm, l), append(bow, b)
	}
	out := o.out
	if out == "" {
		out = filepath.Join("results", "sentiment.md")
	}
	report := sentimentReport(o, epochs, first, lstm, bow, time.Since(start))
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s in %s\n", out, time.Since(start).Round(time.Second))
	return nil
}

// trainSentiment compiles m as the comparison does and trains it on x for
// epochs, scoring it on the test set (xTest) after each epoch.
func trainSentiment(name string, m *nn.Sequential, x, xTest *tensor.Tensor, d *sentiment.Data, seed uint64, epochs int) (sentimentRun, error) {
	var run sentimentRun
	m.SetSeed(seed)
	if err := models.CompileSentiment(m); err != nil {
		return run, err
	}
	var epochErr error
	start := time.Now()
	score := nn.CallbackFuncs{EpochEnd: func(m *nn.Sequential, epoch int, logs nn.Logs) {
		pred, err := m.Predict(xTest, 256)
		if err == nil {
			var s sentiment.Scores
			if s, err = sentiment.Score(pred, d.Test); err == nil {
				run.loss = append(run.loss, logs["loss"])
				run.scores = append(run.scores, s)
				run.pred = pred
				fmt.Printf("seed %d, %s, epoch %d: loss %.4f, test %.1f%% (%s)\n", seed, name, epoch+1, logs["loss"], 100*s.All, time.Since(start).Round(time.Millisecond))
			}
		}
		if err != nil {
			epochErr = err
			m.Stop()
		}
	}}
	_, err := m.Fit(x, d.TrainY, nn.FitConfig{Epochs: epochs, BatchSize: sentiment.BatchSize, Callbacks: []nn.Callback{score}})
	run.wall = time.Since(start)
	if err == nil {
		err = epochErr
	}
	return run, err
}

func pct(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }

// sentimentReport is results/sentiment.md: the set-up, the per-epoch table
// of the first seed, the summary over seeds and some test twins.
func sentimentReport(o options, epochs int, d *sentiment.Data, lstm, bow []sentimentRun, wall time.Duration) string {
	cfg := sentiment.DefaultConfig()
	var b strings.Builder
	b.WriteString("# sentiment: word order decides, Embedding+LSTM against a bag of words\n\n")
	fmt.Fprintf(&b, "Sentences built from the AFINN-165 valence lexicon (`data/afinn/`) by `nn/datasets/sentiment`: a frame "+
		"(\"the film was\"), then one clause or two joined by \"but\"; a clause is an optional negator (not, never, hardly), an optional "+
		"intensifier (very, extremely, really) and one of %d adjectives AFINN rates (half positive, half negative). The label is the "+
		"polarity of the last clause: its adjective's sign, flipped by its negator. A quarter of the sentences have one clause; the "+
		"others are contrasts made in twins with the same words and opposite labels (\"the film was not good but terrible\" is negative, "+
		"\"the film was not terrible but good\" positive), so a model that sees only the bag of words gets exactly one twin of each pair "+
		"right: its ceiling is 100%% × ¼ + 50%% × ¾ = 62.5%%.\n\n", len(sentiment.DefaultAdjectives))
	fmt.Fprintf(&b, "%d training and %d test sentences; the test contrasts use adjective pairs that never meet in training (a fifth of "+
		"the pairs), the test's one-clause sentences texts that are not in training. Vocabulary: %d ids (padding and `%s` included); "+
		"sentences padded in front to %d words.\n\n", cfg.Train, cfg.Test, d.InputDim(), sentiment.OOVToken, d.MaxLen)
	fmt.Fprintf(&b, "- **LSTM**: Embedding(%d, %d, mask_zero) → LSTM(32) → Dense(1, sigmoid), reading the ids in order.\n", d.InputDim(), sentiment.EmbeddingDim)
	fmt.Fprintf(&b, "- **bag of words**: word counts (%d columns, Keras' `sequences_to_matrix` mode `count`) → Dense(32, relu) → Dense(1, sigmoid).\n\n", d.InputDim())
	fmt.Fprintf(&b, "Both: Adam (lr %g), binary cross-entropy, batch %d, %d epochs; accuracy on the %d test sentences after each epoch "+
		"(output > 0.5 is positive).\n\n", sentiment.LearningRate, sentiment.BatchSize, epochs, cfg.Test)
	fmt.Fprintf(&b, "Made by `go run ./cmd/recipes -seed %d -epochs %d sentiment` on %s/%s, %d CPUs, %s, %s. Wall time: %s. "+
		"The learning test `TestLSTMBeatsBagOfWords` (in `nn/datasets/sentiment`) asserts, after 10 epochs from seed 1, the LSTM at "+
		"≥ 95%% and ≥ 30 points above the bag of words.\n\n",
		o.seed, epochs, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"), wall.Round(time.Second))

	l, w := lstm[0], bow[0]
	last := len(l.scores) - 1
	fmt.Fprintf(&b, "## Seed %d, epoch by epoch\n\n", o.seed)
	b.WriteString("| epoch | LSTM loss | LSTM test | LSTM one-clause | LSTM contrasts | bag loss | bag test | bag one-clause | bag contrasts | margin |\n" +
		"|---|---|---|---|---|---|---|---|---|---|\n")
	for e := range l.scores {
		ls, ws := l.scores[e], w.scores[e]
		fmt.Fprintf(&b, "| %d | %.4f | %s | %s | %s | %.4f | %s | %s | %s | %+.1f |\n", e+1, l.loss[e], pct(ls.All), pct(ls.Simple), pct(ls.Contrast),
			w.loss[e], pct(ws.All), pct(ws.Simple), pct(ws.Contrast), 100*(ls.All-ws.All))
	}
	fmt.Fprintf(&b, "\nTraining time: LSTM %s, bag of words %s.\n\n", l.wall.Round(time.Second), w.wall.Round(100*time.Millisecond))

	fmt.Fprintf(&b, "## After %d epochs, by seed\n\n", epochs)
	b.WriteString("Each seed draws its own sentences and initial weights. \"Both twins\" is the share of test twin pairs with both sentences right.\n\n" +
		"| seed | LSTM test | LSTM both twins | bag test | bag contrasts | bag both twins | margin (points) |\n|---|---|---|---|---|---|---|\n")
	minMargin := 1.0
	for i := range lstm {
		ls, ws := lstm[i].scores[last], bow[i].scores[last]
		minMargin = min(minMargin, ls.All-ws.All)
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %+.1f |\n", o.seed+uint64(i), pct(ls.All), pct(ls.TwinsBothRight),
			pct(ws.All), pct(ws.Contrast), pct(ws.TwinsBothRight), 100*(ls.All-ws.All))
	}
	fmt.Fprintf(&b, "\nSmallest margin: **%.1f points**.\n\n", 100*minMargin)

	b.WriteString("## Test twins (seed " + fmt.Sprint(o.seed) + ", after the last epoch)\n\nOutputs are P(positive).\n\n" +
		"| sentence | label | LSTM | bag of words |\n|---|---|---|---|\n")
	shown := 0
	for i, twin := range d.Test.Twins {
		if twin < i || shown >= 5 {
			continue
		}
		shown++
		for _, k := range []int{i, twin} {
			fmt.Fprintf(&b, "| %s | %d | %.3f | %.3f |\n", d.Test.Texts[k], d.Test.Labels[k], l.pred.Data[k], w.pred.Data[k])
		}
	}
	return b.String()
}
