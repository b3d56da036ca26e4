package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/mnist"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"
)

// mnistMLP is keras/examples/mnist_mlp.py: Dense 512 relu, Dropout 0.2,
// Dense 512 relu, Dropout 0.2, Dense 10 softmax; RMSprop with Keras
// defaults; categorical cross-entropy; batch 128; 20 epochs; the test set as
// validation data. Keras reports 98.40% test accuracy after 20 epochs.
func mnistMLP(o options) error {
	epochs := o.epochs
	if epochs == 0 {
		epochs = 20
	}
	train, test, err := mnist.Default()
	if err != nil {
		return err
	}
	xTrain, yTrain := flatXY(train)
	xTest, yTest := flatXY(test)

	m := nn.NewSequential(
		layers.NewInput(784),
		layers.NewDense(512, "relu"),
		layers.NewDropout(0.2),
		layers.NewDense(512, "relu"),
		layers.NewDropout(0.2),
		layers.NewDense(10, "softmax"),
	)
	m.SetSeed(o.seed)
	if err := m.Build(); err != nil {
		return err
	}
	loss, err := losses.Get("categorical_crossentropy")
	if err != nil {
		return err
	}
	if err := m.Compile(optimizers.NewRMSprop(), loss, "accuracy"); err != nil {
		return err
	}
	summary, _ := m.Summary()
	fmt.Print(summary)

	var rows []string
	start := time.Now()
	epochStart := start
	log := nn.CallbackFuncs{
		EpochBegin: func(*nn.Sequential, int) { epochStart = time.Now() },
		EpochEnd: func(_ *nn.Sequential, epoch int, logs nn.Logs) {
			row := fmt.Sprintf("| %d | %.4f | %.4f | %.4f | %.2f%% | %.1f |", epoch+1, logs["loss"], logs["accuracy"],
				logs["val_loss"], 100*logs["val_accuracy"], time.Since(epochStart).Seconds())
			fmt.Println(row)
			rows = append(rows, row)
		},
	}
	hist, err := m.Fit(xTrain, yTrain, nn.FitConfig{
		Epochs: epochs, BatchSize: 128,
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
		out = filepath.Join("results", "mnist_mlp.md")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# mnist_mlp\n\nKeras `mnist_mlp.py` in gonn: 784-512-512-10, relu, dropout 0.2, RMSprop (Keras defaults), "+
		"categorical cross-entropy, batch 128, %d epochs on all 60,000 training images; test accuracy on the 10,000 test images.\n\n", epochs)
	fmt.Fprintf(&b, "Made by `go run ./cmd/recipes -seed %d mnist_mlp` on %s/%s, %d CPUs, %s, %s.\n\n",
		o.seed, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(&b, "**Final test accuracy: %.2f%%** (Keras reports 98.40%% after 20 epochs). Wall time: %s.\n\n", 100*final, wall.Round(time.Second))
	b.WriteString("| epoch | loss | accuracy | test loss | test accuracy | seconds |\n|---|---|---|---|---|---|\n")
	b.WriteString(strings.Join(rows, "\n") + "\n\n```\n" + summary + "```\n")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	fmt.Printf("final test accuracy %.2f%%, wall time %s; wrote %s\n", 100*final, wall.Round(time.Second), out)
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

// flatXY turns a MNIST set into x (N, 784) and one-hot y (N, 10).
func flatXY(s *mnist.Set) (x, y *tensor.Tensor) {
	return tensor.From(s.Images, s.N, s.Rows*s.Cols), tensor.From(s.OneHot(), s.N, 10)
}
