package gan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/mnist"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// TestGAN_LearnsMNISTDigits is the short version of `go run ./cmd/recipes
// gan` (results/gan.md): the MNIST DCGAN trained for a stated number of
// steps, its samples from fixed noise judged by a gonn classifier. Stated
// targets after ganSteps steps (measured values beside them).
func TestGAN_LearnsMNISTDigits(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a GAN")
	}
	const ganSteps, batch, latent = 300, 64, 64
	train, _, err := mnist.Default()
	require.NoError(t, err)

	clf := nn.NewSequential(layers.NewInput(784), layers.NewDense(128, "relu"), layers.NewDense(10, "softmax"))
	clf.SetSeed(7)
	require.NoError(t, clf.Compile(optimizers.NewAdam(), losses.CategoricalCrossentropy{}, "accuracy"))
	sub := train.Subset(10000)
	_, err = clf.Fit(tensor.From(sub.Images, sub.N, 784), tensor.From(sub.OneHot(), sub.N, 10), nn.FitConfig{Epochs: 1, BatchSize: 32})
	require.NoError(t, err)

	adam := func() optimizers.Optimizer {
		a := optimizers.NewAdam()
		a.LR, a.Beta1 = 2e-4, 0.5
		return a
	}
	g, d := MNISTGenerator(latent), MNISTDiscriminator()
	g.SetSeed(1)
	d.SetSeed(2)
	net, err := New(g, d, latent, adam(), adam(), 3)
	require.NoError(t, err)
	fixed := net.Noise(1000)
	order := rng.New(4).Perm(train.N)
	real := tensor.New(batch, 28, 28, 1)
	for s := range ganSteps {
		for i := range batch {
			for p, v := range train.Image(order[s*batch+i]) {
				real.Data[i*784+p] = v*2 - 1
			}
		}
		_, err := net.Step(real)
		require.NoError(t, err)
	}
	samples, err := net.Generate(fixed)
	require.NoError(t, err)
	q, err := Measure(clf, samples, ToUnit(784))
	require.NoError(t, err)
	t.Logf("after %d steps: mean confidence %.3f, %d digits, counts %v", ganSteps, q.MeanConfidence, q.Classes, q.Counts)
	assert.GreaterOrEqual(t, q.Classes, 9, "digits present (measured: 10)")
	assert.Greater(t, q.MeanConfidence, 0.55, "mean top-class confidence (measured: 0.642)")
}
