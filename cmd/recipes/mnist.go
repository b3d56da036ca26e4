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
	"gonn/nn/optimizers"
	"gonn/nn/tensor"
)

// mnistRecipe is a Keras MNIST example: a model, its optimiser, and how it
// is trained and described in the results file.
type mnistRecipe struct {
	name      string
	about     string // one paragraph for the results file
	keras     string // Keras' published result
	epochs    int    // the recipe's own
	batchSize int
	shape     []int // one image as the model takes it: (784) or (28, 28, 1)
	model     func() *nn.Sequential
	optimizer func() optimizers.Optimizer
}

// run trains the recipe on all 60,000 training images with the 10,000 test
// images as validation data, as the Keras examples do, prints a row per
// epoch and writes results/<name>.md.
func (r mnistRecipe) run(o options) error {
	epochs := r.epochs
	if o.epochs != 0 {
		epochs = o.epochs
	}
	train, test, err := mnist.Default()
	if err != nil {
		return err
	}
	xTrain, yTrain := mnistXY(train, r.shape)
	xTest, yTest := mnistXY(test, r.shape)

	m := r.model()
	m.SetSeed(o.seed)
	if err := m.Build(); err != nil {
		return err
	}
	loss, err := losses.Get("categorical_crossentropy")
	if err != nil {
		return err
	}
	if err := m.Compile(r.optimizer(), loss, "accuracy"); err != nil {
		return err
	}
	summary, _ := m.Summary()
	fmt.Print(summary)

	var rows []string
	start := time.Now()
	epochStart := start
	log := nn.CallbackFuncs{
		EpochBegin: func(*nn.Sequential, int) { epochStart = time.Now() },
		BatchEnd: func(_ *nn.Sequential, epoch, batch int, logs nn.Logs) {
			if (batch+1)%50 == 0 {
				fmt.Printf("  epoch %d, batch %d: %s (%.1fs)\n", epoch+1, batch+1, logs, time.Since(epochStart).Seconds())
			}
		},
		EpochEnd: func(_ *nn.Sequential, epoch int, logs nn.Logs) {
			row := fmt.Sprintf("| %d | %.4f | %.4f | %.4f | %.2f%% | %.1f |", epoch+1, logs["loss"], logs["accuracy"],
				logs["val_loss"], 100*logs["val_accuracy"], time.Since(epochStart).Seconds())
			fmt.Println(row)
			rows = append(rows, row)
		},
	}
	hist, err := m.Fit(xTrain, yTrain, nn.FitConfig{
		Epochs: epochs, BatchSize: r.batchSize,
		ValidationData: &nn.Dataset{X: xTest, Y: yTest},
		Callbacks:      []nn.Callback{log},
	})
	if err != nil {
		return err
	}
	wall := time.Since(start)
	final, _ := hist.Last("val_accuracy")

	out := o.out
	if out == "" {
		out = filepath.Join("results", r.name+".md")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s %d epochs on all 60,000 training images; test accuracy on the 10,000 test images.\n\n", r.name, r.about, epochs)
	fmt.Fprintf(&b, "Made by `go run ./cmd/recipes -seed %d %s` on %s/%s, %d CPUs, %s, %s.\n\n",
		o.seed, r.name, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(&b, "**Final test accuracy: %.2f%%** (%s). Wall time: %s.\n\n", 100*final, r.keras, wall.Round(time.Second))
	b.WriteString("| epoch | loss | accuracy | test loss | test accuracy | seconds |\n|---|---|---|---|---|---|\n")
	b.WriteString(strings.Join(rows, "\n") + "\n\n```\n" + summary + "```\n")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	fmt.Printf("final test accuracy %.2f%%, wall time %s; wrote %s\n", 100*final, wall.Round(time.Second), out)
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

// mnistXY turns a MNIST set into x (N, shape…) and one-hot y (N, 10).
func mnistXY(s *mnist.Set, shape []int) (x, y *tensor.Tensor) {
	return tensor.From(s.Images, append([]int{s.N}, shape...)...), tensor.From(s.OneHot(), s.N, 10)
}
