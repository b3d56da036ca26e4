package tfjs

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// testModel is a model of the tests, with the example shape it reads and,
// for models that start with an Embedding, the vocabulary its ids come from.
type testModel struct {
	name  string
	make  func() *nn.Sequential
	vocab int // > 0: inputs are ids in [0, vocab), 0 included (masked)
}

// testModels covers every layer class the package supports.
var testModels = []testModel{
	{name: "mlp", make: func() *nn.Sequential {
		return nn.NewSequential(layers.NewInput(8), layers.NewDense(16, "relu"), layers.NewDropout(0.3), layers.NewDense(4, "softmax"))
	}},
	{name: "cnn", make: func() *nn.Sequential {
		return nn.NewSequential(layers.NewInput(8, 8, 2), layers.NewConv2D(4, 3, "relu"), layers.NewBatchNormalization(),
			layers.NewMaxPooling2D(2, 2), layers.NewZeroPadding2D(1, 1), layers.NewConv2D(3, 2, "linear"),
			layers.NewActivation("relu"), layers.NewFlatten(), layers.NewDense(3, "softmax"))
	}},
	{name: "text", vocab: 20, make: func() *nn.Sequential {
		emb := layers.DefaultEmbeddingConfig()
		emb.InputDim, emb.OutputDim, emb.MaskZero = 20, 5, true
		lstm := layers.DefaultLSTMConfig()
		lstm.Units, lstm.ReturnSequences = 4, true
		gru := layers.DefaultGRUConfig()
		gru.Units, gru.ResetAfter = 3, false
		return nn.NewSequential(layers.NewInput(6), layers.NewEmbeddingWith(emb),
			layers.NewBidirectional(layers.NewLSTMWith(lstm), "concat"), layers.NewGRUWith(gru), layers.NewDense(2, "sigmoid"))
	}},
	{name: "sequence", make: func() *nn.Sequential {
		rnn := layers.DefaultSimpleRNNConfig()
		rnn.Units, rnn.ReturnSequences = 5, true
		return nn.NewSequential(layers.NewInput(10, 3), layers.NewConv1D(4, 3, "tanh"), layers.NewMaxPooling1D(2),
			layers.NewSimpleRNNWith(rnn), layers.NewTimeDistributed(layers.NewDense(2, "")),
			layers.NewGlobalAveragePooling1D(), layers.NewRepeatVector(3), layers.NewMasking(0), layers.NewLSTM(2))
	}},
	{name: "generator", make: func() *nn.Sequential {
		return nn.NewSequential(layers.NewInput(4), layers.NewDense(12, "linear"), layers.NewReshape(2, 2, 3),
			layers.NewUpSampling2D(2, 2), layers.NewConv2DTranspose(2, 3, 2, "linear"), layers.NewBatchNormalization(),
			layers.NewLeakyReLU(0.2), layers.NewAveragePooling2D(2, 2), layers.NewGlobalMaxPooling2D(), layers.NewActivation("tanh"))
	}},
	{name: "activations", make: func() *nn.Sequential {
		m := nn.NewSequential(layers.NewInput(5))
		for _, act := range []string{"elu", "selu", "softplus", "softsign", "silu", "mish", "relu6", "sigmoid"} {
			m.Add(layers.NewDense(6, act))
		}
		m.Add(layers.NewDense(3, "log_softmax"))
		return m
	}},
}

// built makes tm's model, seeded, built, with every weight drawn afresh
// (moving variances positive) so that no weight keeps its initial value.
func (tm testModel) built(t *testing.T, seed uint64) *nn.Sequential {
	t.Helper()
	m := tm.make()
	m.SetSeed(seed)
	require.NoError(t, m.Build())
	r := rng.New(seed + 1)
	for _, w := range m.Weights() {
		for i := range w.Data() {
			v := r.Float32() - 0.5
			if strings.HasSuffix(w.Name, "moving_variance") {
				v += 1
			}
			w.Data()[i] = v
		}
	}
	return m
}

// input makes n examples for tm's model: ids for an Embedding (some 0, so
// masked), else uniform values in [-1, 1).
func (tm testModel) input(m *nn.Sequential, n int, seed uint64) *tensor.Tensor {
	x := tensor.New(append([]int{n}, m.InputShape()...)...)
	r := rng.New(seed)
	for i := range x.Data {
		if tm.vocab > 0 {
			x.Data[i] = float32(r.Intn(tm.vocab))
		} else {
			x.Data[i] = 2*r.Float32() - 1
		}
	}
	return x
}
