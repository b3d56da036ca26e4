package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"gonn/nn"
	"gonn/nn/datasets/addition"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
)

// additionRNN is keras/examples/addition_rnn.py: 50,000 unique questions
// "a+b" of up to 3-digit numbers, reversed, one-hot over 12 characters;
// LSTM(128) encoder → RepeatVector(4) → LSTM(128, return_sequences) decoder
// → TimeDistributed(Dense(12, softmax)); Adam; categorical cross-entropy;
// batch 32; a tenth held out. Keras reports 99% train and validation
// accuracy in 30 epochs.
func additionRNN(o options) error {
	const name, batchSize, defaultEpochs, hidden = "addition_rnn", 32, 30, 128
	epochs := defaultEpochs
	if o.epochs != 0 {
		epochs = o.epochs
	}
	cfg := addition.Default()
	set, err := addition.Generate(cfg, rng.New(o.seed))
	if err != nil {
		return err
	}
	train, val := set.Split(rng.New(o.seed+1), 0.1)
	xTrain, yTrain := train.X(), train.Y()
	xVal, yVal := val.X(), val.Y()

	m := nn.NewSequential(
		layers.NewInput(cfg.QueryLen(), len(addition.Chars)),
		layers.NewLSTM(hidden),
		layers.NewRepeatVector(cfg.AnswerLen()),
		decoderLSTM(hidden),
		layers.NewTimeDistributed(layers.NewDense(len(addition.Chars), "softmax")),
	)
	m.SetSeed(o.seed)
	if err := m.Build(); err != nil {
		return err
	}
	if err := m.Compile(optimizers.NewAdam(), losses.CategoricalCrossentropy{}, "accuracy"); err != nil {
		return err
	}
	summary, _ := m.Summary()
	fmt.Print(summary)

	out := o.out
	if out == "" {
		out = filepath.Join("results", name+".md")
	}
	var rows []string
	resumed, err := resumeAddition(m, out)
	if err != nil {
		return err
	}
	if resumed > 0 {
		rows = epochRows(out, resumed)
	}
	var examples string
	start := time.Now()
	epochStart := start
	var epochErr error
	log := nn.CallbackFuncs{
		EpochBegin: func(*nn.Sequential, int) { epochStart = time.Now() },
		BatchEnd: func(_ *nn.Sequential, epoch, batch int, logs nn.Logs) {
			if (batch+1)%200 == 0 {
				fmt.Printf("  epoch %d, batch %d: %s (%.1fs)\n", epoch+1, batch+1, logs, time.Since(epochStart).Seconds())
			}
		},
		EpochEnd: func(m *nn.Sequential, epoch int, logs nn.Logs) {
			secs := time.Since(epochStart).Seconds()
			pred, err := m.Predict(xVal, 256)
			if err != nil {
				epochErr = err
				m.Stop()
				return
			}
			guess := addition.Decode(pred)
			seqAcc, charAcc := addition.Accuracy(guess, val.Answers)
			row := fmt.Sprintf("| %d | %.4f | %.4f | %.4f | %.2f%% | %.2f%% | %.0f |", epoch+1, logs["loss"], logs["accuracy"],
				logs["val_loss"], 100*charAcc, 100*seqAcc, secs)
			fmt.Println(row)
			rows = append(rows, row)
			examples = sampleAnswers(val, guess, 10)
			if err := writeAdditionResults(out, o, epochs, rows, examples, summary, time.Since(start)); err != nil {
				epochErr = err
				m.Stop()
				return
			}
			if err := saveAdditionCheckpoint(m); err != nil {
				epochErr = err
				m.Stop()
			}
		},
	}
	_, err = m.Fit(xTrain, yTrain, nn.FitConfig{
		Epochs: epochs, BatchSize: batchSize, Resume: true,
		ValidationData: &nn.Dataset{X: xVal, Y: yVal},
		Callbacks:      []nn.Callback{log},
	})
	if err != nil {
		return err
	}
	if epochErr != nil {
		return epochErr
	}
	fmt.Printf("%d epochs in %s; wrote %s\n", len(rows), time.Since(start).Round(time.Second), out)
	return nil
}

// resumeAddition loads the -checkpoint file into m when it exists and
// returns the epochs it holds (0 without one).
func resumeAddition(m *nn.Sequential, results string) (int, error) {
	if *checkpointFlag == "" {
		return 0, nil
	}
	f, err := os.Open(*checkpointFlag)
	if errors.Is(err, os.ErrNotExist) {
		fmt.Printf("no checkpoint at %s yet: starting afresh, saving there after every epoch\n", *checkpointFlag)
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if err := m.LoadCheckpoint(bufio.NewReader(f)); err != nil {
		return 0, fmt.Errorf("%s: %w (delete the file to start afresh)", *checkpointFlag, err)
	}
	done, _ := m.TrainingPosition()
	fmt.Printf("resuming from %s: %d epochs done; earlier rows kept from %s\n", *checkpointFlag, done, results)
	return done, nil
}

// saveAdditionCheckpoint writes the -checkpoint file, if any, atomically.
func saveAdditionCheckpoint(m *nn.Sequential) error {
	if *checkpointFlag == "" {
		return nil
	}
	return writeAtomically(*checkpointFlag, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := m.SaveCheckpoint(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// decoderLSTM is LSTM(units, return_sequences=True).
func decoderLSTM(units int) *layers.LSTM {
	cfg := layers.DefaultLSTMConfig()
	cfg.Units, cfg.ReturnSequences = units, true
	return layers.NewLSTMWith(cfg)
}

// sampleAnswers prints n held-out questions with the model's answers, as
// the Keras example does after each epoch (✓ right, ✗ wrong).
func sampleAnswers(val *addition.Set, guess []string, n int) string {
	var b strings.Builder
	for i := range min(n, len(guess)) {
		q := val.Questions[i]
		if val.Reverse {
			q = reverseString(q)
		}
		mark := "✗"
		if guess[i] == val.Answers[i] {
			mark = "✓"
		}
		fmt.Fprintf(&b, "Q %s T %s %s %s\n", q, val.Answers[i], mark, guess[i])
	}
	return b.String()
}

func reverseString(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// writeAdditionResults writes results/addition_rnn.md after every epoch, so
// that a run cut short leaves its rows, marked partial.
func writeAdditionResults(out string, o options, epochs int, rows []string, examples, summary string, wall time.Duration) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# addition_rnn\n\nKeras `addition_rnn.py` in gonn: 50,000 unique questions \"a+b\" of up to 3-digit numbers "+
		"(query reversed, padded to 7 characters, one-hot over the 12 characters \" +0123456789\"), 45,000 to train and 5,000 held out; "+
		"LSTM(128) → RepeatVector(4) → LSTM(128, return_sequences) → TimeDistributed(Dense(12, softmax)); Adam (Keras defaults); "+
		"categorical cross-entropy; batch 32, %d epochs.\n\n", epochs)
	cmd := fmt.Sprintf("go run ./cmd/recipes -seed %d -epochs %d", o.seed, epochs)
	if *checkpointFlag != "" {
		cmd += " -checkpoint " + *checkpointFlag
	}
	cmd += " addition_rnn"
	fmt.Fprintf(&b, "Made by `%s` on %s/%s, %d CPUs, %s, %s.\n\n",
		cmd, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"))
	if len(rows) < epochs {
		fmt.Fprintf(&b, "**PARTIAL: %d of %d epochs** (wall time of this run so far %s). To finish, run the same command again: "+
			"with `-checkpoint FILE` it resumes after the last epoch saved (bit for bit, docs/checkpoint.md), without it it starts over.\n\n",
			len(rows), epochs, wall.Round(time.Second))
	} else {
		fmt.Fprintf(&b, "Wall time of the last run: %s. Keras reports 99%% train and validation accuracy in 30 epochs.\n\n", wall.Round(time.Second))
	}
	b.WriteString("Per-character accuracy is Keras' `accuracy` metric on the held-out set; sequence accuracy counts held-out answers " +
		"right in all 4 characters.\n\n")
	b.WriteString("| epoch | loss | accuracy | held-out loss | held-out char accuracy | held-out sequence accuracy | seconds |\n" +
		"|---|---|---|---|---|---|---|\n")
	b.WriteString(strings.Join(rows, "\n") + "\n\nHeld-out questions after the last epoch:\n\n```\n" + examples + "```\n\n```\n" + summary + "```\n")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}
