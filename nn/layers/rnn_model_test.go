package layers_test

// Recurrent layers inside a model: the mask threaded by Sequential, a
// learning test, the weight hash that must be the same on every platform,
// and the benchmark of a text classifier's training step.

import (
	"fmt"
	"testing"

	"gonn/nn"
	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// paddedIDs returns n sequences of ids in [1, vocab) of random lengths in
// [1, steps], padded with 0 at the end, and their lengths.
func paddedIDs(r *rng.Rand, n, steps, vocab int) (*tensor.Tensor, []int) {
	x, lens := tensor.New(n, steps), make([]int, n)
	for i := range n {
		lens[i] = 1 + r.Intn(steps)
		for s := range lens[i] {
			x.Data[i*steps+s] = float32(1 + r.Intn(vocab-1))
		}
	}
	return x, lens
}

// TestSequential_ThreadsMask: in a model, Embedding(mask_zero) → LSTM
// predicts for a padded sequence what the two layers give on the unpadded
// sequence alone; a Dropout between them passes the mask on. Masking → GRU
// does the same for float features.
func TestSequential_ThreadsMask(t *testing.T) {
	const steps, vocab = 6, 12
	x, lens := paddedIDs(rng.New(3), 8, steps, vocab)
	for _, withDropout := range []bool{false, true} {
		cfg := layers.DefaultEmbeddingConfig()
		cfg.InputDim, cfg.OutputDim, cfg.MaskZero = vocab, 4, true
		emb, lstm := layers.NewEmbeddingWith(cfg), layers.NewLSTM(3)
		ls := []layers.Layer{emb, lstm}
		if withDropout {
			ls = []layers.Layer{emb, layers.NewDropout(0.5), lstm}
		}
		m := nn.NewSequential(ls...)
		require.NoError(t, m.Build(steps))
		pred, err := m.Predict(x, 4)
		require.NoError(t, err)
		for i, n := range lens {
			prefix := ag.Const(tensor.From(x.Data[i*steps:i*steps+n], 1, n))
			want := lstm.Call(inference(), emb.Call(inference(), prefix))
			assert.Equal(t, want.Data(), pred.Data[i*3:(i+1)*3], "example %d (%d steps), dropout %v", i, n, withDropout)
		}
	}

	// Masking → GRU: steps of all zeros are skipped.
	mask, gru := layers.NewMasking(0), layers.NewGRU(2)
	m := nn.NewSequential(mask, gru)
	require.NoError(t, m.Build(4, 3))
	f := tensor.New(2, 4, 3)
	r := rng.New(4)
	for i := range 2 * 3 * 3 { // three real steps each, then a zero step
		f.Data[(i/9)*12+i%9] = float32(r.Float32()*2 - 1)
	}
	pred, err := m.Predict(f, 2)
	require.NoError(t, err)
	for i := range 2 {
		want := gru.Call(inference(), ag.Const(tensor.From(f.Data[i*12:i*12+9], 1, 3, 3)))
		assert.Equal(t, want.Data(), pred.Data[i*2:(i+1)*2], "example %d", i)
	}
}

// TestLSTM_Learns: an LSTM learns to recall the sign of the first element
// of a sequence of 6 random numbers, which the later steps hide, in 400 Adam
// steps.
func TestLSTM_Learns(t *testing.T) {
	const n, steps = 640, 6
	r := rng.New(17)
	x, y := tensor.New(n, steps, 1), tensor.New(n, 1)
	for i := range n {
		for s := range steps {
			x.Data[i*steps+s] = float32(r.Float32()*2 - 1)
		}
		if x.Data[i*steps] > 0 {
			y.Data[i] = 1
		}
	}
	m := nn.NewSequential(layers.NewLSTM(8), layers.NewDense(1, "sigmoid"))
	m.SetSeed(5)
	opt := optimizers.NewAdam()
	opt.LR = 0.01
	require.NoError(t, m.Compile(opt, losses.BinaryCrossentropy{}, "accuracy"))
	trainX, trainY := tensor.From(x.Data[:512*steps], 512, steps, 1), tensor.From(y.Data[:512], 512, 1)
	testX, testY := tensor.From(x.Data[512*steps:], 128, steps, 1), tensor.From(y.Data[512:], 128, 1)
	hist, err := m.Fit(trainX, trainY, nn.FitConfig{Epochs: 25, BatchSize: 32}) // 400 steps
	require.NoError(t, err)
	logs, err := m.Evaluate(testX, testY, 128)
	require.NoError(t, err)
	t.Logf("first epoch %v, test %v", hist.History["loss"][0], logs)
	assert.GreaterOrEqual(t, logs["accuracy"], 0.95)
}

// trainRecurrent trains a model with every layer of this package's
// recurrent family (masks included) for 8 Adam steps and returns the hash
// of its weights.
func trainRecurrent(t testing.TB, seed uint64) uint64 {
	const n, steps, vocab = 64, 7, 16
	x, lens := paddedIDs(rng.New(1), n, steps, vocab)
	y := tensor.New(n, 1)
	for i, l := range lens {
		y.Data[i] = float32(l % 2)
	}
	emb := layers.DefaultEmbeddingConfig()
	emb.InputDim, emb.OutputDim, emb.MaskZero = vocab, 6, true
	gru := layers.DefaultGRUConfig()
	gru.Units, gru.ReturnSequences, gru.ResetAfter = 4, true, false
	m := nn.NewSequential(
		layers.NewEmbeddingWith(emb),
		layers.NewLSTMWith(layers.LSTMConfig{Units: 5, Activation: "tanh", RecurrentActivation: "sigmoid", UseBias: true,
			KernelInitializer: layers.DefaultLSTMConfig().KernelInitializer, RecurrentInitializer: layers.DefaultLSTMConfig().RecurrentInitializer,
			BiasInitializer: layers.DefaultLSTMConfig().BiasInitializer, UnitForgetBias: true,
			RNNOptions: layers.RNNOptions{ReturnSequences: true, GoBackwards: true}}),
		layers.NewGRUWith(gru),
		layers.NewGRU(4),
		layers.NewDense(1, "sigmoid"),
	)
	m.SetSeed(seed)
	require.NoError(t, m.Compile(optimizers.NewAdam(), losses.BinaryCrossentropy{}))
	_, err := m.Fit(x, y, nn.FitConfig{Epochs: 1, BatchSize: 8})
	require.NoError(t, err)
	s := nn.NewSequential(layers.NewSimpleRNN(3), layers.NewDense(1, ""))
	s.SetSeed(seed)
	require.NoError(t, s.Compile(optimizers.NewRMSprop(), losses.MeanSquaredError{}))
	f := tensor.New(16, 5, 2)
	r := rng.New(2)
	for i := range f.Data {
		f.Data[i] = float32(r.Float32()*2 - 1)
	}
	_, err = s.Fit(f, tensor.Full(0.5, 16, 1), nn.FitConfig{Epochs: 2, BatchSize: 4})
	require.NoError(t, err)
	return m.WeightsHash() ^ s.WeightsHash()<<1
}

// TestRecurrent_WeightHash: the same seed gives the same weights, bit for
// bit, and the recorded hash, on every platform (docs/determinism.md;
// nn.TestDeterminism_Arm64 runs it under qemu).
func TestRecurrent_WeightHash(t *testing.T) {
	const recorded = uint64(0xb4a9912a1c9ed82c)
	a, b := trainRecurrent(t, 42), trainRecurrent(t, 42)
	require.Equal(t, a, b, "two runs with one seed differ")
	assert.Equal(t, fmt.Sprintf("%#016x", recorded), fmt.Sprintf("%#016x", a),
		"the weights' hash changed: if the change is intended (new init, new op order), record the new value")
	assert.NotEqual(t, a, trainRecurrent(t, 43), "another seed gave the same weights")
}

// BenchmarkEmbeddingLSTM_TrainStep is one training step of the lecture's
// text classifier: Embedding(10000, 32) → LSTM(32) → Dense(1, sigmoid) on a
// batch of 64 sequences of 100 ids, Adam, binary cross-entropy.
func BenchmarkEmbeddingLSTM_TrainStep(b *testing.B) {
	const batch, steps, vocab = 64, 100, 10000
	r := rng.New(1)
	x, y := tensor.New(batch, steps), tensor.New(batch, 1)
	for i := range x.Data {
		x.Data[i] = float32(r.Intn(vocab))
	}
	for i := range y.Data {
		y.Data[i] = float32(r.Intn(2))
	}
	m := nn.NewSequential(layers.NewEmbedding(vocab, 32), layers.NewLSTM(32), layers.NewDense(1, "sigmoid"))
	require.NoError(b, m.Compile(optimizers.NewAdam(), losses.BinaryCrossentropy{}))
	require.NoError(b, m.Build(steps))
	b.ResetTimer()
	for range b.N {
		if _, _, err := m.TrainOnBatch(x, y); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/step")
}
