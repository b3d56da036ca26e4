package tests

import (
	"fmt"
	"math"
	"testing"

	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tinyGAN makes the harness' tiny GAN in e and steps it TinyGANSteps
// times; it returns the GAN and the generator's and discriminator's handles.
func tinyGAN(t *testing.T, e *harness.Engine) (net, g, d int32) {
	t.Helper()
	g, err := e.CreateModel(harness.TinyGANGenerator)
	require.NoError(t, err)
	d, err = e.CreateModel(harness.TinyGANDiscriminator)
	require.NoError(t, err)
	net, err = e.GANCreate(harness.TinyGANConfig(g, d))
	require.NoError(t, err)
	for s := range harness.TinyGANSteps {
		real, err := e.CreateTensor(harness.TinyGANReal(s), harness.TinyGANBatch, 6)
		require.NoError(t, err)
		logs, err := e.GANStep(net, real)
		require.NoError(t, err)
		assert.Equal(t, s+1, logs.Step)
		require.NotNil(t, logs.DLoss)
		require.NotNil(t, logs.GLoss)
		require.NoError(t, e.Dispose(real))
	}
	return net, g, d
}

// TestGAN_SameBitsAsNative steps the tiny GAN in the engine under wazero
// and natively with nn/gan: the generator and the discriminator must end
// with the same weights, bit for bit.
func TestGAN_SameBitsAsNative(t *testing.T) {
	wantG, wantD, err := harness.NativeTinyGAN()
	require.NoError(t, err)
	e := newEngine(t)
	_, g, d := tinyGAN(t, e)
	hg, err := e.WeightsHash(g)
	require.NoError(t, err)
	hd, err := e.WeightsHash(d)
	require.NoError(t, err)
	assert.Equal(t, wantG, hg, "generator")
	assert.Equal(t, wantD, hd, "discriminator")
	t.Logf("tiny GAN after %d steps: generator %s, discriminator %s", harness.TinyGANSteps, hg, hd)
}

func TestGAN_NoiseGenerateDispose(t *testing.T) {
	e := newEngine(t)
	net, g, _ := tinyGAN(t, e)
	z, err := e.GANNoise(net, 3)
	require.NoError(t, err)
	shape, err := e.TensorShape(z)
	require.NoError(t, err)
	assert.Equal(t, []int{3, harness.TinyGANLatent}, shape)
	h, err := e.GANGenerate(net, z)
	samples := data(t, e, h, err)
	h, err = e.Predict(g, z, 0)
	assert.Equal(t, data(t, e, h, err), samples, "generate is the generator's predict")
	for _, v := range samples {
		assert.LessOrEqual(t, math.Abs(float64(v)), 1.0)
	}

	// The wrong kinds, bad arguments, and the GAN gone: the models stay.
	_, err = e.Predict(net, z, 0)
	requireCode(t, e, err, harness.UnknownHandle, "is a GAN, not a model")
	_, err = e.GANStep(g, z)
	requireCode(t, e, err, harness.UnknownHandle, "is a model, not a GAN")
	_, err = e.GANStep(net, z)
	requireCode(t, e, err, harness.Shape, "the discriminator reads (None, 6)")
	_, err = e.GANNoise(net, -2)
	requireCode(t, e, err, harness.BadArgument, "negative n -2")
	_, err = e.GANCreate(`{"generator": 1, "discriminator": 1,`)
	requireCode(t, e, err, harness.BadArgument, "gonn_gan_create:")
	_, err = e.GANCreate(fmt.Sprintf(`{"generator": %d, "discriminator": %d}`, g, g))
	requireCode(t, e, err, harness.BadArgument, "the same model")
	require.NoError(t, e.Dispose(net))
	_, err = e.GANNoise(net, 1)
	requireCode(t, e, err, harness.UnknownHandle, "was disposed")
	_, err = e.Predict(g, z, 0)
	require.NoError(t, err, "the generator outlives its GAN")
}
