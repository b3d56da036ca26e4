package nn_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn"
	"gonn/nn/losses"
	"gonn/nn/mnist"
	"gonn/nn/models"
	"gonn/nn/tensor"
)

// TestTransfer_LearnsMNISTHalves is a short mnist_transfer_cnn: a convnet
// trained on 2,000 images of 0–4, its feature layers frozen, then its head
// retrained on 2,000 images of 5–9. The frozen layers must not move, and
// both halves must be learnt (thresholds below the measured accuracies).
func TestTransfer_LearnsMNISTHalves(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a convnet")
	}
	train, test, err := mnist.Default()
	require.NoError(t, err)
	xy := func(s *mnist.Set, n int) (*tensor.Tensor, *tensor.Tensor) {
		s = s.Subset(n)
		return tensor.From(s.Images, s.N, 28, 28, 1), tensor.From(s.OneHotN(5), s.N, 5)
	}
	m, features := models.MNISTTransfer(5)
	m.SetSeed(1)
	require.NoError(t, m.Compile(models.Adadelta1(), losses.CategoricalCrossentropy{}, "accuracy"))
	x, y := xy(train.Digits(0, 5), 2000)
	_, err = m.Fit(x, y, nn.FitConfig{Epochs: 1, BatchSize: 32})
	require.NoError(t, err)
	xt, yt := xy(test.Digits(0, 5), 1000)
	low, err := m.Evaluate(xt, yt, 256)
	require.NoError(t, err)
	t.Logf("digits 0–4: %.2f%%", 100*low["accuracy"])
	assert.Greater(t, low["accuracy"], 0.92) // measured 94.60%

	for _, l := range m.Layers[:features] {
		l.SetTrainable(false)
	}
	require.NoError(t, m.Compile(models.Adadelta1(), losses.CategoricalCrossentropy{}, "accuracy"))
	frozen := m.Layers[1].Weights()[0].Data()
	before := append([]float32(nil), frozen...)
	x, y = xy(train.Digits(5, 10), 2000)
	_, err = m.Fit(x, y, nn.FitConfig{Epochs: 1, BatchSize: 32})
	require.NoError(t, err)
	xt, yt = xy(test.Digits(5, 10), 1000)
	high, err := m.Evaluate(xt, yt, 256)
	require.NoError(t, err)
	t.Logf("digits 5–9 with frozen features: %.2f%%", 100*high["accuracy"])
	assert.Greater(t, high["accuracy"], 0.82) // measured 86.30%
	assert.Equal(t, before, frozen, "a frozen convolution moved")
}
