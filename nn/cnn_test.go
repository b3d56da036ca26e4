package nn_test

import (
	"testing"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mnistCNN is Keras' mnist_cnn model (the recipe `go run ./cmd/recipes
// mnist_cnn` trains it fully).
func mnistCNN() *nn.Sequential {
	return nn.NewSequential(
		layers.NewInput(28, 28, 1),
		layers.NewConv2D(32, 3, "relu"),
		layers.NewConv2D(64, 3, "relu"),
		layers.NewMaxPooling2D(2, 2),
		layers.NewDropout(0.25),
		layers.NewFlatten(),
		layers.NewDense(128, "relu"),
		layers.NewDropout(0.5),
		layers.NewDense(10, "softmax"),
	)
}

// TestFit_LearnsMNIST_CNN is the suite's short run of mnist_cnn: one epoch
// on the first 2,000 training images in batches of 16 (125 steps) with Adadelta at
// learning rate 1.0 (the Keras 2 example's setting) must reach the accuracy
// below on the first 1,000 test images.
func TestFit_LearnsMNIST_CNN(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a convnet on 2,000 MNIST images")
	}
	x, y := mnistXY(t, false, 2000)
	xt, yt := mnistXY(t, true, 1000)
	m := mnistCNN()
	m.SetSeed(1)
	require.NoError(t, m.Build())
	opt := optimizers.NewAdadelta()
	opt.LR = 1
	require.NoError(t, m.Compile(opt, mustLoss(t, "categorical_crossentropy"), "accuracy"))
	s, err := m.Summary()
	require.NoError(t, err)
	assert.Contains(t, s, "Total params: 1,199,882") // as Keras prints for mnist_cnn
	_, err = m.Fit(x.Reshape(2000, 28, 28, 1), y, nn.FitConfig{Epochs: 1, BatchSize: 16})
	require.NoError(t, err)
	logs, err := m.Evaluate(tensor.From(xt.Data, 1000, 28, 28, 1), yt, 250)
	require.NoError(t, err)
	t.Logf("test %v", logs)
	assert.GreaterOrEqual(t, logs["accuracy"], 0.88) // 0.899 with seed 1
}
