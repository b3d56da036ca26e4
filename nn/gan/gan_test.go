package gan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// tiny is a GAN on 6-dimensional vectors, fast enough for unit tests.
func tiny(t *testing.T, seed uint64) *GAN {
	t.Helper()
	g := nn.NewSequential(layers.NewDense(8, "relu"), layers.NewBatchNormalization(), layers.NewDense(6, "tanh"))
	g.SetSeed(seed)
	d := nn.NewSequential(layers.NewDense(8, "relu"), layers.NewDropout(0.2), layers.NewDense(1, "sigmoid"))
	d.SetSeed(seed + 1)
	net, err := New(g, d, 4, optimizers.NewAdam(), optimizers.NewAdam(), seed+2)
	require.NoError(t, err)
	return net
}

func realBatch(seed uint64, n int) *tensor.Tensor {
	r := rng.New(seed)
	x := tensor.New(n, 6)
	for i := range x.Data {
		x.Data[i] = float32(0.5 + 0.1*r.Normal())
	}
	return x
}

func TestStep_TrainsEachModelOnItsTurn(t *testing.T) {
	net := tiny(t, 1)
	d := net.Discriminator.WeightsHash()
	_, _, err := net.Combined.TrainOnBatch(net.Noise(8), tensor.Full(1, 8, 1))
	require.NoError(t, err)
	assert.Equal(t, d, net.Discriminator.WeightsHash(), "the combined model trained the discriminator")
	g0, d0 := net.Generator.WeightsHash(), net.Discriminator.WeightsHash()
	logs, err := net.Step(realBatch(5, 16))
	require.NoError(t, err)
	assert.Equal(t, 1, logs.Step)
	assert.Greater(t, logs.DLoss, float32(0))
	assert.Greater(t, logs.GLoss, float32(0))
	assert.NotEqual(t, g0, net.Generator.WeightsHash())
	assert.NotEqual(t, d0, net.Discriminator.WeightsHash())
}

func TestStep_SameSeedSameBits(t *testing.T) {
	hash := func(seed uint64) (uint64, uint64, []float32) {
		net := tiny(t, seed)
		for i := range 5 {
			_, err := net.Step(realBatch(uint64(10+i), 16))
			require.NoError(t, err)
		}
		s, err := net.Generate(tensor.Full(0.5, 2, 4))
		require.NoError(t, err)
		return net.Generator.WeightsHash(), net.Discriminator.WeightsHash(), s.Data
	}
	g1, d1, s1 := hash(3)
	g2, d2, s2 := hash(3)
	g3, _, _ := hash(4)
	assert.Equal(t, g1, g2)
	assert.Equal(t, d1, d2)
	assert.Equal(t, s1, s2)
	assert.NotEqual(t, g1, g3)
}

func TestNew_Errors(t *testing.T) {
	dense := func(units int, act string) *nn.Sequential { return nn.NewSequential(layers.NewDense(units, act)) }
	cases := []struct {
		name   string
		g, d   *nn.Sequential
		latent int
		want   string
	}{
		{"no latent", dense(6, "tanh"), dense(1, "sigmoid"), 0, "latent size 0"},
		{"discriminator reads another shape", nn.NewSequential(layers.NewInput(4), layers.NewDense(6, "tanh")),
			nn.NewSequential(layers.NewInput(5), layers.NewDense(1, "sigmoid")), 4, "declared input shape (5,)"},
		{"discriminator outputs two", dense(6, "tanh"), dense(2, "softmax"), 4, "want (1)"},
		{"generator takes another size", nn.NewSequential(layers.NewInput(3), layers.NewDense(6, "tanh")), dense(1, "sigmoid"), 4, "declared input shape (3,)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(c.g, c.d, c.latent, optimizers.NewAdam(), optimizers.NewAdam(), 1)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	opt := optimizers.NewAdam()
	_, err := New(dense(6, "tanh"), dense(1, "sigmoid"), 4, opt, opt, 1)
	assert.ErrorContains(t, err, "their own optimizers")

	net := tiny(t, 1)
	_, err = net.Step(tensor.New(4, 5))
	assert.ErrorContains(t, err, "real examples have shape [5]")
	_, err = net.Generate(tensor.New(2, 3))
	assert.ErrorContains(t, err, "noise must be (n, 4)")
	_, err = net.Step(realBatch(1, 4))
	assert.NoError(t, err, "the GAN still trains after bad calls")
}

func TestMeasure(t *testing.T) {
	// A "classifier" that is a fixed softmax over two inputs.
	clf := nn.NewSequential(layers.NewDense(2, "softmax"))
	require.NoError(t, clf.Build(2))
	copy(clf.Weights()[0].Data(), []float32{10, 0, 0, 10}) // identity × 10
	q, err := Measure(clf, tensor.From([]float32{1, 0, 1, 0, 0, 1}, 3, 2), nil)
	require.NoError(t, err)
	assert.Equal(t, []int{2, 1}, q.Counts)
	assert.Equal(t, 2, q.Classes)
	assert.InDelta(t, 1/(1+0.0000453999), q.MeanConfidence, 1e-6)
	u := ToUnit(2)(tensor.From([]float32{-1, 1}, 1, 2))
	assert.Equal(t, []float32{0, 1}, u.Data)
}
