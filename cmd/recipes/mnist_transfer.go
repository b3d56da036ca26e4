package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"gonn/nn"
	"gonn/nn/losses"
	"gonn/nn/mnist"
	"gonn/nn/models"
	"gonn/nn/tensor"
)

// mnistTransfer is keras/examples/mnist_transfer_cnn.py: the convnet of
// models.MNISTTransfer trained 5 epochs on the digits 0–4 (batch 128,
// Adadelta 1.0), then its feature layers frozen, the model compiled again
// and its classification layers trained 5 epochs on 5–9. Keras reports
// 99.8% test accuracy on 0–4, then 99.2% on 5–9.
func mnistTransfer(o options) error {
	const name, batch, defaultEpochs = "mnist_transfer_cnn", 128, 5
	epochs := defaultEpochs
	if o.epochs != 0 {
		epochs = o.epochs
	}
	train, test, err := mnist.Default()
	if err != nil {
		return err
	}
	m, features := models.MNISTTransfer(5)
	m.SetSeed(o.seed)
	var rows []string
	var summaries []string
	start := time.Now()
	phase := func(title string, lo, hi int) (float64, error) {
		if err := m.Compile(models.Adadelta1(), losses.CategoricalCrossentropy{}, "accuracy"); err != nil {
			return 0, err
		}
		tr, te := train.Digits(lo, hi), test.Digits(lo, hi)
		x, y := tensor.From(tr.Images, tr.N, 28, 28, 1), tensor.From(tr.OneHotN(5), tr.N, 5)
		xt, yt := tensor.From(te.Images, te.N, 28, 28, 1), tensor.From(te.OneHotN(5), te.N, 5)
		s, _ := m.Summary()
		summaries = append(summaries, fmt.Sprintf("%s:\n%s", title, s))
		epochStart := time.Now()
		log := nn.CallbackFuncs{
			EpochBegin: func(*nn.Sequential, int) { epochStart = time.Now() },
			EpochEnd: func(_ *nn.Sequential, epoch int, logs nn.Logs) {
				row := fmt.Sprintf("| %s | %d | %.4f | %.4f | %.2f%% | %.0f |", title, epoch+1, logs["loss"], logs["val_loss"],
					100*logs["val_accuracy"], time.Since(epochStart).Seconds())
				fmt.Println(row)
				rows = append(rows, row)
			},
		}
		fmt.Printf("%s: %d training and %d test images\n", title, tr.N, te.N)
		hist, err := m.Fit(x, y, nn.FitConfig{Epochs: epochs, BatchSize: batch,
			ValidationData: &nn.Dataset{X: xt, Y: yt}, Callbacks: []nn.Callback{log}})
		if err != nil {
			return 0, err
		}
		acc, _ := hist.Last("val_accuracy")
		return acc, nil
	}
	if err := m.Build(); err != nil {
		return err
	}
	low, err := phase("digits 0–4, all layers", 0, 5)
	if err != nil {
		return err
	}
	for _, l := range m.Layers[:features] {
		l.SetTrainable(false)
	}
	high, err := phase("digits 5–9, feature layers frozen", 5, 10)
	if err != nil {
		return err
	}
	wall := time.Since(start)

	out := o.out
	if out == "" {
		out = filepath.Join("results", name+".md")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\nKeras `mnist_transfer_cnn.py` in gonn: Conv2D 32 3×3 relu, Conv2D 32 3×3 relu, MaxPooling2D 2×2, "+
		"Dropout 0.25, Flatten (the feature layers), Dense 128 relu, Dropout 0.5, Dense 5 softmax; Adadelta 1.0, batch 128, "+
		"%d epochs on the training images of 0–4; then the feature layers frozen, the model compiled again, and %d epochs on "+
		"5–9 (labels 0–4). Test accuracy on the test images of each half.\n\n", name, epochs, epochs)
	fmt.Fprintf(&b, "Made by `go run ./cmd/recipes -seed %d %s` on %s/%s, %d CPUs, %s, %s.\n\n",
		o.seed, "mnist_transfer_cnn", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(&b, "**Test accuracy: %.2f%% on 0–4, then %.2f%% on 5–9 with frozen features** (Keras reports 99.8%% and 99.2%%). "+
		"Wall time: %s.\n\n", 100*low, 100*high, wall.Round(time.Second))
	b.WriteString("| phase | epoch | loss | test loss | test accuracy | seconds |\n|---|---|---|---|---|---|\n")
	b.WriteString(strings.Join(rows, "\n") + "\n\n```\n" + strings.Join(summaries, "\n") + "```\n")
	fmt.Printf("%.2f%% then %.2f%%, wall time %s; wrote %s\n", 100*low, 100*high, wall.Round(time.Second), out)
	return os.WriteFile(out, []byte(b.String()), 0o644)
}
