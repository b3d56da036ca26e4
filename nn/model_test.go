package nn_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/mnist"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loadMNIST reads the GoMNIST files once for all tests.
var loadMNIST = sync.OnceValues(func() ([2]*mnist.Set, error) {
	train, test, err := mnist.Default()
	return [2]*mnist.Set{train, test}, err
})

// mnistXY returns the first n images of a set as x (n, 784), one-hot y (n, 10).
func mnistXY(t testing.TB, test bool, n int) (x, y *tensor.Tensor) {
	t.Helper()
	sets, err := loadMNIST()
	require.NoError(t, err)
	s := sets[0]
	if test {
		s = sets[1]
	}
	s = s.Subset(n)
	return tensor.From(s.Images, n, 784), tensor.From(s.OneHot(), n, 10)
}

func mustLoss(t testing.TB, name string) losses.Loss {
	t.Helper()
	l, err := losses.Get(name)
	require.NoError(t, err)
	return l
}

// weightHash is the model's WeightsHash.
func weightHash(m *nn.Sequential) uint64 { return m.WeightsHash() }

// smallMLP is the net of the determinism test: dropout and every op of a
// Dense classifier, small enough for qemu.
func smallMLP(seed uint64) *nn.Sequential {
	m := nn.NewSequential(
		layers.NewInput(784),
		layers.NewDense(64, "relu"),
		layers.NewDropout(0.2),
		layers.NewDense(32, "tanh"),
		layers.NewDense(10, "softmax"),
	)
	m.SetSeed(seed)
	return m
}

// TestDeterminism_WeightHash trains a small net for 20 batches of MNIST
// with a fixed seed and compares the hash of all weights with a constant
// recorded here. The same constant must come out on every platform (amd64,
// arm64 under qemu, wasm): see docs/determinism.md.
func TestDeterminism_WeightHash(t *testing.T) {
	const recorded = uint64(0x203c016c0ac5d2ac)
	tests := []struct {
		name string
		opt  func() optimizers.Optimizer
	}{
		{"adam", func() optimizers.Optimizer { return optimizers.NewAdam() }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x, y := mnistXY(t, false, 640)
			var hashes []uint64
			for range 2 {
				m := smallMLP(42)
				require.NoError(t, m.Compile(tc.opt(), mustLoss(t, "categorical_crossentropy"), "accuracy"))
				_, err := m.Fit(x, y, nn.FitConfig{Epochs: 1, BatchSize: 32})
				require.NoError(t, err)
				hashes = append(hashes, weightHash(m))
			}
			require.Equal(t, hashes[0], hashes[1], "two runs with one seed differ")
			assert.Equal(t, fmt.Sprintf("%#016x", recorded), fmt.Sprintf("%#016x", hashes[0]),
				"the weights' hash changed: if the change is intended (new init, new op order), record the new value")
			other := smallMLP(43)
			require.NoError(t, other.Compile(tc.opt(), mustLoss(t, "categorical_crossentropy")))
			_, err := other.Fit(x, y, nn.FitConfig{Epochs: 1, BatchSize: 32})
			require.NoError(t, err)
			assert.NotEqual(t, hashes[0], weightHash(other), "another seed gave the same weights")
		})
	}
}

// TestFit_LearnsMNIST is the suite's learning test: 784-512-10, relu and
// softmax, trained one epoch on the first 10,000 training images, must reach
// 93% on the 10,000 test images.
func TestFit_LearnsMNIST(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on 10,000 MNIST images")
	}
	x, y := mnistXY(t, false, 10000)
	xt, yt := mnistXY(t, true, 10000)
	m := nn.NewSequential(layers.NewInput(784), layers.NewDense(512, "relu"), layers.NewDense(10, "softmax"))
	m.SetSeed(1)
	require.NoError(t, m.Compile(optimizers.NewAdam(), mustLoss(t, "categorical_crossentropy"), "accuracy"))
	// Batches of 8: 1,250 Adam steps in the one epoch.
	hist, err := m.Fit(x, y, nn.FitConfig{Epochs: 1, BatchSize: 8})
	require.NoError(t, err)
	logs, err := m.Evaluate(xt, yt, 256)
	require.NoError(t, err)
	t.Logf("train %v; test %v", hist.History, logs)
	assert.GreaterOrEqual(t, logs["accuracy"], 0.93)
	assert.Less(t, logs["loss"], 0.25)
}

// TestSequential_Summary checks Keras' parameter counts for mnist_mlp.
func TestSequential_Summary(t *testing.T) {
	m := nn.NewSequential(
		layers.NewInput(784),
		layers.NewDense(512, "relu"), layers.NewDropout(0.2),
		layers.NewDense(512, "relu"), layers.NewDropout(0.2),
		layers.NewDense(10, "softmax"),
	)
	_, err := m.Summary()
	require.Error(t, err, "an unbuilt model has no summary")
	require.NoError(t, m.Build())
	s, err := m.Summary()
	require.NoError(t, err)
	for _, want := range []string{
		"dense (Dense)", "(None, 512)", "401920", "dropout (Dropout)", "dense_1 (Dense)", "262656",
		"dropout_1 (Dropout)", "dense_2 (Dense)", "(None, 10)", "5130",
		"Total params: 669,706", "Trainable params: 669,706", "Non-trainable params: 0",
	} {
		assert.Contains(t, s, want)
	}
	m.Layers[1].SetTrainable(false)
	s, err = m.Summary()
	require.NoError(t, err)
	assert.Contains(t, s, "Trainable params: 267,786")
	assert.Contains(t, s, "Non-trainable params: 401,920")
}

// xorData is a tiny problem every optimiser can learn.
func xorData() (x, y *tensor.Tensor) {
	return tensor.From([]float32{0, 0, 0, 1, 1, 0, 1, 1}, 4, 2), tensor.From([]float32{0, 1, 1, 0}, 4, 1)
}

func TestFit_OptimisersLearnXOR(t *testing.T) {
	for _, name := range []string{"sgd", "rmsprop", "adam", "adagrad", "adadelta"} {
		t.Run(name, func(t *testing.T) {
			opt, err := optimizers.Get(name)
			require.NoError(t, err)
			opt.SetLearningRate(map[string]float32{"sgd": 0.5, "rmsprop": 0.02, "adam": 0.05, "adagrad": 0.5, "adadelta": 5}[name])
			x, y := xorData()
			m := nn.NewSequential(layers.NewDense(16, "tanh"), layers.NewDense(1, "sigmoid"))
			m.SetSeed(3)
			require.NoError(t, m.Compile(opt, mustLoss(t, "binary_crossentropy"), "accuracy"))
			hist, err := m.Fit(x, y, nn.FitConfig{Epochs: 300, BatchSize: 4})
			require.NoError(t, err)
			first, last := hist.History["loss"][0], hist.History["loss"][299]
			assert.Less(t, last, first/4, "loss %v → %v", first, last)
			acc, _ := hist.Last("accuracy")
			assert.Equal(t, 1.0, acc)
		})
	}
}

func TestFit_HistoryValidationAndCallbacks(t *testing.T) {
	x, y := mnistXY(t, false, 500)
	m := nn.NewSequential(layers.NewDense(16, "relu"), layers.NewDense(10, "softmax"))
	require.NoError(t, m.Compile(optimizers.NewAdam(), mustLoss(t, "categorical_crossentropy"), "accuracy"))
	var events []string
	cb := nn.CallbackFuncs{
		TrainBegin: func(*nn.Sequential) { events = append(events, "train") },
		EpochBegin: func(_ *nn.Sequential, e int) { events = append(events, fmt.Sprint("epoch", e)) },
		BatchEnd: func(_ *nn.Sequential, e, b int, logs nn.Logs) {
			events = append(events, fmt.Sprint("batch", b))
			assert.Contains(t, logs, "loss")
			assert.Contains(t, logs, "accuracy")
		},
		EpochEnd: func(_ *nn.Sequential, e int, logs nn.Logs) {
			events = append(events, fmt.Sprint("end", e))
			assert.Contains(t, logs, "val_loss")
			assert.Contains(t, logs, "val_accuracy")
		},
		TrainEnd: func(*nn.Sequential, nn.Logs) { events = append(events, "done") },
	}
	// 500 examples, 20% for validation: 400 to train, 4 batches of 100.
	hist, err := m.Fit(x, y, nn.FitConfig{Epochs: 2, BatchSize: 100, ValidationSplit: 0.2, Callbacks: []nn.Callback{cb}})
	require.NoError(t, err)
	assert.Equal(t, []string{"train", "epoch0", "batch0", "batch1", "batch2", "batch3", "end0",
		"epoch1", "batch0", "batch1", "batch2", "batch3", "end1", "done"}, events)
	assert.Equal(t, []int{0, 1}, hist.Epoch)
	for _, k := range []string{"loss", "accuracy", "val_loss", "val_accuracy"} {
		assert.Len(t, hist.History[k], 2, k)
	}
	// val_ figures are those of Evaluate on the last 100 examples.
	logs, err := m.Evaluate(tensor.From(x.Data[400*784:], 100, 784), tensor.From(y.Data[4000:], 100, 10), 32)
	require.NoError(t, err)
	assert.InDelta(t, logs["loss"], hist.History["val_loss"][1], 1e-6)
	assert.InDelta(t, logs["accuracy"], hist.History["val_accuracy"][1], 1e-9)
}

func TestFit_StopAndEarlyStopping(t *testing.T) {
	x, y := mnistXY(t, false, 256)
	t.Run("stop in a batch callback", func(t *testing.T) {
		m := nn.NewSequential(layers.NewDense(8, "relu"), layers.NewDense(10, "softmax"))
		require.NoError(t, m.Compile(optimizers.NewSGD(), mustLoss(t, "categorical_crossentropy")))
		batches := 0
		stop := nn.CallbackFuncs{BatchEnd: func(m *nn.Sequential, e, b int, _ nn.Logs) {
			batches++
			if b == 2 {
				m.Stop()
			}
		}}
		hist, err := m.Fit(x, y, nn.FitConfig{Epochs: 5, BatchSize: 32, Callbacks: []nn.Callback{stop}})
		require.NoError(t, err)
		assert.Equal(t, 3, batches)
		assert.Len(t, hist.Epoch, 1)
	})
	t.Run("early stopping", func(t *testing.T) {
		m := nn.NewSequential(layers.NewDense(8, "relu"), layers.NewDense(10, "softmax"))
		// A learning rate of 0 never improves: patience 2 stops after 3 epochs.
		opt := optimizers.NewSGD()
		opt.SetLearningRate(0)
		require.NoError(t, m.Compile(opt, mustLoss(t, "categorical_crossentropy")))
		es := &nn.EarlyStopping{Monitor: "loss", Patience: 2}
		hist, err := m.Fit(x, y, nn.FitConfig{Epochs: 10, BatchSize: 64, NoShuffle: true, Callbacks: []nn.Callback{es}})
		require.NoError(t, err)
		assert.Len(t, hist.Epoch, 3)
		assert.Equal(t, 2, es.StoppedEpoch)
	})
}

func TestFit_TrainableFlag(t *testing.T) {
	x, y := mnistXY(t, false, 128)
	m := nn.NewSequential(layers.NewDense(8, "relu"), layers.NewDense(10, "softmax"))
	require.NoError(t, m.Build(784))
	m.Layers[0].SetTrainable(false)
	require.NoError(t, m.Compile(optimizers.NewAdam(), mustLoss(t, "categorical_crossentropy")))
	frozen := append([]float32(nil), m.Layers[0].Weights()[0].Data()...)
	head := append([]float32(nil), m.Layers[1].Weights()[0].Data()...)
	_, err := m.Fit(x, y, nn.FitConfig{Epochs: 1, BatchSize: 32})
	require.NoError(t, err)
	assert.Equal(t, frozen, m.Layers[0].Weights()[0].Data(), "a frozen layer changed")
	assert.NotEqual(t, head, m.Layers[1].Weights()[0].Data(), "the trainable head did not learn")
}

// TestCompile_CollectsTrainableWeights checks the Keras and TF.js rule: the
// trainable flags count when the model is compiled; changing one afterwards
// takes effect at the next Compile.
func TestCompile_CollectsTrainableWeights(t *testing.T) {
	x, y := mnistXY(t, false, 64)
	m := nn.NewSequential(layers.NewDense(8, "relu"), layers.NewDense(10, "softmax"))
	require.NoError(t, m.Compile(optimizers.NewSGD(), mustLoss(t, "categorical_crossentropy")))
	require.NoError(t, m.Build(784)) // compiled before built: collected at Build
	m.Layers[0].SetTrainable(false)  // not compiled again: still trained
	first := append([]float32(nil), m.Layers[0].Weights()[0].Data()...)
	_, _, err := m.TrainOnBatch(x, y)
	require.NoError(t, err)
	assert.NotEqual(t, first, m.Layers[0].Weights()[0].Data(), "the flag changed after Compile took effect before the next Compile")

	require.NoError(t, m.Compile(optimizers.NewSGD(), mustLoss(t, "categorical_crossentropy")))
	first = append(first[:0], m.Layers[0].Weights()[0].Data()...)
	_, _, err = m.TrainOnBatch(x, y)
	require.NoError(t, err)
	assert.Equal(t, first, m.Layers[0].Weights()[0].Data(), "compiled again while frozen, yet trained")
}

// TestFit_BadInput checks that every kind of bad call returns an error that
// says what was wrong, and that the model works afterwards.
func TestFit_BadInput(t *testing.T) {
	x, y := mnistXY(t, false, 64)
	nan := x.Clone()
	nan.Data[3*784+5] = float32(math.NaN())
	m := nn.NewSequential(layers.NewInput(784), layers.NewDense(8, "relu"), layers.NewDense(10, "softmax"))
	_, err := m.Fit(x, y, nn.FitConfig{})
	require.ErrorContains(t, err, "compile")
	require.NoError(t, m.Compile(optimizers.NewAdam(), mustLoss(t, "categorical_crossentropy"), "accuracy"))

	tests := []struct {
		name string
		x, y *tensor.Tensor
		cfg  nn.FitConfig
		want string
	}{
		{"count mismatch", x, tensor.New(63, 10), nn.FitConfig{}, "same number of examples"},
		{"wrong example shape", tensor.New(64, 783), y, nn.FitConfig{}, "(783,)"},
		{"wrong target shape", x, tensor.New(64, 9), nn.FitConfig{}, "shape"},
		{"NaN input", nan, y, nn.FitConfig{}, "example 3"},
		{"validation split", x, y, nn.FitConfig{ValidationSplit: 1.5}, "validation split"},
		{"negative epochs", x, y, nn.FitConfig{Epochs: -1}, "negative"},
		{"nil", nil, y, nn.FitConfig{}, "required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := m.Fit(tc.x, tc.y, tc.cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, err = m.Predict(tensor.New(2, 10), 0)
	assert.ErrorContains(t, err, "expects (784,)")
	nanY := y.Clone()
	nanY.Data[7] = float32(math.NaN())
	_, err = m.Fit(x, nanY, nn.FitConfig{AllowNonFinite: true, NoShuffle: true})
	assert.ErrorContains(t, err, "loss is NaN", "a NaN loss names itself")
	assert.ErrorContains(t, err, "epoch 1, batch 1")
	for _, w := range m.Weights() {
		for _, v := range w.Data() {
			require.False(t, math.IsNaN(float64(v)), "a NaN batch reached the weights")
		}
	}
	// Still usable.
	hist, err := m.Fit(x, y, nn.FitConfig{Epochs: 2})
	require.NoError(t, err)
	assert.Len(t, hist.Epoch, 2)
	p, err := m.Predict(x, 10)
	require.NoError(t, err)
	assert.Equal(t, []int{64, 10}, p.Shape)
}

func TestSequential_BuildErrors(t *testing.T) {
	_, err := nn.NewSequential().Predict(tensor.New(1, 2), 0)
	assert.Error(t, err)
	err = nn.NewSequential(layers.NewDense(3, "relu")).Build()
	assert.ErrorContains(t, err, "InputLayer")
	err = nn.NewSequential(layers.NewDense(3, "bogus")).Build(2)
	assert.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "bogus") || errors.Is(err, tensor.ErrShape), err.Error())
}

// TestTrainer_StepsEqualFit checks that training in chunks of batches (as
// the wasm engine does, to report progress) gives the very weights of one
// Fit call, and that Progress counts batches and epochs.
func TestTrainer_StepsEqualFit(t *testing.T) {
	x, y := mnistXY(t, false, 300)
	cfg := nn.FitConfig{Epochs: 3, BatchSize: 64, ValidationSplit: 0.1}
	whole := smallMLP(9)
	require.NoError(t, whole.Compile(optimizers.NewAdam(), mustLoss(t, "categorical_crossentropy"), "accuracy"))
	want, err := whole.Fit(x, y, cfg)
	require.NoError(t, err)

	chunked := smallMLP(9)
	require.NoError(t, chunked.Compile(optimizers.NewAdam(), mustLoss(t, "categorical_crossentropy"), "accuracy"))
	tr, err := chunked.NewTrainer(x, y, cfg)
	require.NoError(t, err)
	steps := 0
	for !tr.Done() {
		require.NoError(t, tr.Step(3))
		steps++
		epoch, batch, per, _ := tr.Progress()
		assert.Equal(t, 5, per) // 270 training examples in batches of 64
		assert.LessOrEqual(t, batch, per)
		assert.LessOrEqual(t, epoch, 3)
	}
	assert.Equal(t, 5, steps) // 15 batches, 3 at a time
	assert.Equal(t, want.History, tr.History().History)
	assert.Equal(t, weightHash(whole), weightHash(chunked))
}

// TestTrainer_StopBetweenSteps checks that Stop called between two Steps
// (a host's stop button) trains no further batch: the epoch in progress is
// closed with the batches done, and the weights are those of the last one.
func TestTrainer_StopBetweenSteps(t *testing.T) {
	x, y := mnistXY(t, false, 256)
	cfg := nn.FitConfig{Epochs: 3, BatchSize: 32}
	m := smallMLP(5)
	require.NoError(t, m.Compile(optimizers.NewAdam(), mustLoss(t, "categorical_crossentropy")))
	tr, err := m.NewTrainer(x, y, cfg)
	require.NoError(t, err)
	require.NoError(t, tr.Step(3))
	before := weightHash(m)
	m.Stop()
	require.NoError(t, tr.Step(0))
	assert.True(t, tr.Done())
	assert.Equal(t, before, weightHash(m), "a batch ran after Stop")
	assert.Equal(t, []int{0}, tr.History().Epoch, "the partial epoch is recorded")
	require.NoError(t, tr.Step(5))
	assert.Equal(t, before, weightHash(m))
}

// TestSequential_NonTrainableWeights checks BatchNormalization's moving
// statistics: counted as non-trainable in the summary (as Keras does), left
// alone by the optimiser but updated by training forward passes.
func TestSequential_NonTrainableWeights(t *testing.T) {
	x, y := mnistXY(t, false, 64)
	m := nn.NewSequential(layers.NewInput(784), layers.NewDense(16, "linear"), layers.NewBatchNormalization(),
		layers.NewActivation("relu"), layers.NewDense(10, "softmax"))
	require.NoError(t, m.Build())
	s, err := m.Summary()
	require.NoError(t, err)
	assert.Contains(t, s, "batch_normalization (BatchNormalization)")
	assert.Contains(t, s, "Total params: 12,794")     // 12,560 + 64 + 170
	assert.Contains(t, s, "Non-trainable params: 32") // moving mean and variance of 16 channels
	assert.Len(t, m.TrainableWeights(), len(m.Weights())-2)
	require.NoError(t, m.Compile(optimizers.NewAdam(), mustLoss(t, "categorical_crossentropy")))
	movingMean := m.Layers[2].Weights()[2]
	before := append([]float32(nil), movingMean.Data()...)
	_, err = m.Fit(x, y, nn.FitConfig{Epochs: 1, BatchSize: 32})
	require.NoError(t, err)
	assert.NotEqual(t, before, movingMean.Data(), "training did not update the moving mean")
	assert.Nil(t, movingMean.Grad, "the optimiser's gradient reached a moving statistic")
}
