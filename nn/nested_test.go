package nn_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"
)

func snapshot(m *nn.Sequential) [][]float32 {
	var out [][]float32
	for _, w := range m.Weights() {
		out = append(out, append([]float32(nil), w.Data()...))
	}
	return out
}

// TestNested_GANComposition is the Keras GAN pattern: the discriminator
// trains on its own, the combined model (generator → frozen discriminator)
// trains the generator only, and both models share the discriminator's
// weights.
func TestNested_GANComposition(t *testing.T) {
	gen := nn.NewSequential(layers.NewInput(4), layers.NewDense(8, "relu"), layers.NewDense(6, "tanh"))
	gen.SetSeed(1)
	dis := nn.NewSequential(layers.NewInput(6), layers.NewDense(5, "relu"), layers.NewDense(1, "sigmoid"))
	dis.SetSeed(2)
	bce := mustLoss(t, "binary_crossentropy")
	require.NoError(t, gen.Build())
	require.NoError(t, dis.Build())
	require.NoError(t, dis.Compile(optimizers.NewAdam(), bce))
	nested := nn.Nested(dis)
	nested.SetTrainable(false)
	combined := nn.NewSequential(nn.Nested(gen), nested)
	require.NoError(t, combined.Compile(optimizers.NewAdam(), bce))
	require.NoError(t, combined.Build())

	assert.Equal(t, []int{4}, combined.InputShape())
	assert.Equal(t, []int{1}, combined.OutputShape())
	require.Len(t, combined.Weights(), 8)
	assert.Same(t, dis.Weights()[0], combined.Weights()[4], "the discriminator's weights are shared, not copied")
	assert.Len(t, combined.TrainableWeights(), 4, "only the generator is trainable in the combined model")

	z := tensor.Full(0.3, 16, 4)
	ones := tensor.Full(1, 16, 1)
	g0, d0 := snapshot(gen), snapshot(dis)
	_, _, err := combined.TrainOnBatch(z, ones)
	require.NoError(t, err)
	assert.NotEqual(t, g0, snapshot(gen), "the combined step did not train the generator")
	assert.Equal(t, d0, snapshot(dis), "the combined step trained the frozen discriminator")

	fake, err := gen.PredictOnBatch(z)
	require.NoError(t, err)
	g1 := snapshot(gen)
	_, _, err = dis.TrainOnBatch(fake, tensor.New(16, 1))
	require.NoError(t, err)
	assert.NotEqual(t, d0, snapshot(dis), "the discriminator, compiled while trainable, did not train")
	assert.Equal(t, g1, snapshot(gen))

	logs, err := dis.TestOnBatch(fake, tensor.New(16, 1))
	require.NoError(t, err)
	assert.Contains(t, logs, "loss")
	s, err := combined.Summary()
	require.NoError(t, err)
	assert.Contains(t, s, "(Sequential)")
}

func TestNested_BuildsAnUnbuiltModel(t *testing.T) {
	inner := nn.NewSequential(layers.NewDense(3, "relu"))
	outer := nn.NewSequential(layers.NewInput(5), nn.Nested(inner), layers.NewDense(2, "softmax"))
	require.NoError(t, outer.Build())
	assert.Equal(t, []int{5}, inner.InputShape())
	out, err := outer.PredictOnBatch(tensor.Full(1, 4, 5))
	require.NoError(t, err)
	assert.Equal(t, []int{4, 2}, out.Shape)
	_, err = outer.PredictOnBatch(tensor.Full(1, 4, 6))
	assert.ErrorContains(t, err, "expects")
	_, err = outer.TestOnBatch(tensor.Full(1, 4, 5), tensor.Full(1, 4, 2))
	assert.ErrorContains(t, err, "compile the model first")
}
