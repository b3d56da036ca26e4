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

// gonnModel is a model built with gonn's own constructors, for TF.js to
// load: its name, its layers, and the vocabulary of its ids (0: real-valued
// inputs).
type gonnModel struct {
	name  string
	vocab int
	make  func() *nn.Sequential
}

// gonnModels cover every layer class that the TF.js format carries.
var gonnModels = []gonnModel{
	{name: "mlp", make: func() *nn.Sequential {
		return nn.NewSequential(layers.NewInput(8), layers.NewDense(16, "relu"), layers.NewDropout(0.3), layers.NewDense(4, "softmax"))
	}},
	{name: "cnn", make: func() *nn.Sequential {
		return nn.NewSequential(layers.NewInput(8, 8, 2), layers.NewConv2D(4, 3, "relu"), layers.NewBatchNormalization(),
			layers.NewMaxPooling2D(2, 2), layers.NewZeroPadding2D(1, 1), layers.NewConv2D(3, 2, "linear"),
			layers.NewAveragePooling2D(2, 2), layers.NewActivation("relu"), layers.NewFlatten(), layers.NewDense(3, "softmax"))
	}},
	{name: "text", vocab: 20, make: func() *nn.Sequential {
		emb := layers.DefaultEmbeddingConfig()
		emb.InputDim, emb.OutputDim, emb.MaskZero = 20, 5, true
		lstm := layers.DefaultLSTMConfig()
		lstm.Units, lstm.ReturnSequences = 4, true
		gru := layers.DefaultGRUConfig()
		gru.Units, gru.ResetAfter = 3, false // TF.js has only the original GRU
		return nn.NewSequential(layers.NewInput(6), layers.NewEmbeddingWith(emb),
			layers.NewBidirectional(layers.NewLSTMWith(lstm), "concat"), layers.NewGRUWith(gru), layers.NewDense(2, ""))
	}},
	{name: "sequence", make: func() *nn.Sequential {
		rnn := layers.DefaultSimpleRNNConfig()
		rnn.Units, rnn.ReturnSequences = 5, true
		return nn.NewSequential(layers.NewInput(10, 3), layers.NewConv1D(4, 3, "tanh"), layers.NewMaxPooling1D(2),
			layers.NewSimpleRNNWith(rnn), layers.NewTimeDistributed(layers.NewDense(2, "")), layers.NewAveragePooling1D(2),
			layers.NewGlobalMaxPooling1D(), layers.NewRepeatVector(3), layers.NewMasking(0), layers.NewLSTM(2))
	}},
	{name: "generator", make: func() *nn.Sequential {
		return nn.NewSequential(layers.NewInput(4), layers.NewDense(12, "linear"), layers.NewReshape(2, 2, 3),
			layers.NewUpSampling2D(2, 2), layers.NewConv2DTranspose(2, 3, 2, "linear"), layers.NewBatchNormalization(),
			layers.NewLeakyReLU(0.2), layers.NewGlobalAveragePooling2D(), layers.NewActivation("tanh"))
	}},
	{name: "activations", make: func() *nn.Sequential {
		m := nn.NewSequential(layers.NewInput(5))
		for _, act := range []string{"elu", "selu", "softplus", "softsign", "silu", "mish", "relu6", "sigmoid", "tanh"} {
			m.Add(layers.NewDense(6, act))
		}
		m.Add(layers.NewDense(3, "log_softmax"))
		return m
	}},
	{name: "no_input_layer", make: func() *nn.Sequential {
		m := nn.NewSequential(layers.NewDense(3, "relu"), layers.NewDense(2, ""))
		m.Build(5) // built from a shape: Save declares it on the first layer
		return m
	}},
}

// built makes the model, seeded and built, with every weight drawn afresh
// in [-1, 1) (moving variances in [0.5, 1.5)): no weight keeps an initial
// value that TF.js would have too, and the outputs are sensitive to all.
func (gm gonnModel) built(t *testing.T, seed uint64) *nn.Sequential {
	t.Helper()
	m := gm.make()
	m.SetSeed(seed)
	if !m.Built() {
		require.NoError(t, m.Build())
	}
	r := rng.New(seed + 1)
	for _, w := range m.Weights() {
		variance := strings.HasSuffix(w.Name, "moving_variance")
		for i := range w.Data() {
			if variance {
				w.Data()[i] = r.Float32() + 0.5
			} else {
				w.Data()[i] = 2*r.Float32() - 1
			}
		}
	}
	return m
}

// input makes n examples: ids in [0, vocab), about a third of them 0
// (masked), or values in [-1, 1).
func (gm gonnModel) input(m *nn.Sequential, n int, seed uint64) *tensor.Tensor {
	x := tensor.New(append([]int{n}, m.InputShape()...)...)
	r := rng.New(seed)
	for i := range x.Data {
		switch {
		case gm.vocab == 0:
			x.Data[i] = 2*r.Float32() - 1
		case r.Intn(3) > 0:
			x.Data[i] = float32(1 + r.Intn(gm.vocab-1))
		}
	}
	return x
}
