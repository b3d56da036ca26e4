package nn_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/optimizers"
)

// checkpointMLP is a small MLP compiled with Adam, trained for one epoch of
// 4 batches when train is set.
func checkpointMLP(t *testing.T, train bool) (*nn.Sequential, optimizers.Optimizer) {
	m, opt := compiledMLP(t, 16, optimizers.NewAdam(), "categorical_crossentropy")
	if train {
		x, y := mnistXY(t, false, 64)
		_, err := m.Fit(x, y, nn.FitConfig{Epochs: 1, BatchSize: 16})
		require.NoError(t, err)
	}
	return m, opt
}

// modelState is what a refused LoadCheckpoint must leave alone.
type modelState struct {
	hash            uint64
	epochs, batches int
	rand            []byte
	iterations      int64
}

func modelStateOf(t *testing.T, m *nn.Sequential, opt optimizers.Optimizer) modelState {
	st, err := m.Rand().State()
	require.NoError(t, err)
	e, b := m.TrainingPosition()
	return modelState{m.WeightsHash(), e, b, st, opt.Iterations()}
}

// TestLoadCheckpoint_BadBytes: truncated, altered, foreign or absurd files
// are refused with an error naming the problem, wrapping
// ErrCheckpointCorrupt; the model is left exactly as it was and still loads
// a good checkpoint.
func TestLoadCheckpoint_BadBytes(t *testing.T) {
	good := checkpointOf(t, modelOnly(checkpointMLP(t, true)))
	with := func(edit func(b []byte) []byte) []byte { return edit(bytes.Clone(good)) }
	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"empty", nil, "the file is empty"},
		{"short header", good[:5], "truncated: the header has 5 of its 24 bytes"},
		{"header without payload", good[:24], "truncated: the payload has 0 of its"},
		{"truncated payload", good[:len(good)-1], "truncated: the payload has"},
		{"not a checkpoint", []byte("PK\x03\x04 a zip file, not a checkpoint"), `the file starts with "PK\x03\x04 a z", not "GONNCKPT"`},
		{"newer version", with(func(b []byte) []byte { b[8] = 2; return b }), "format version 2; this gonn reads version 1"},
		{"absurd length", with(func(b []byte) []byte { binary.LittleEndian.PutUint64(b[12:], 1<<62); return b }), "over the limit"},
		{"flipped payload bit", with(func(b []byte) []byte { b[len(b)/2] ^= 4; return b }), "corrupted: the payload's CRC-32C"},
		{"flipped CRC bit", with(func(b []byte) []byte { b[21] ^= 1; return b }), "corrupted: the payload's CRC-32C"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, opt := checkpointMLP(t, false)
			before := modelStateOf(t, m, opt)
			err := m.LoadCheckpoint(bytes.NewReader(tt.file))
			require.Error(t, err)
			assert.True(t, errors.Is(err, nn.ErrCheckpointCorrupt), "%v", err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "nn: LoadCheckpoint: ")
			assert.Equal(t, before, modelStateOf(t, m, opt), "a refused checkpoint changed the model")
			require.NoError(t, m.LoadCheckpoint(bytes.NewReader(good)), "the model no longer loads a good checkpoint")
		})
	}
}

// TestLoadCheckpoint_LyingLength: a header announcing a huge payload over a
// short stream allocates about what the stream holds, not what it claims.
func TestLoadCheckpoint_LyingLength(t *testing.T) {
	file := bytes.Clone(checkpointOf(t, modelOnly(checkpointMLP(t, false))))
	binary.LittleEndian.PutUint64(file[12:], 8<<30) // 8 GiB, under the limit
	m, _ := checkpointMLP(t, false)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := m.LoadCheckpoint(bytes.NewReader(file))
	runtime.ReadMemStats(&after)
	require.ErrorIs(t, err, nn.ErrCheckpointCorrupt)
	assert.Contains(t, err.Error(), "truncated: the payload has")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<20), "bytes allocated for a lying header")
}

// TestLoadCheckpoint_Mismatch: an intact checkpoint of another model is
// refused, naming the difference, wrapping ErrCheckpointMismatch, and the
// model is left as it was.
func TestLoadCheckpoint_Mismatch(t *testing.T) {
	good := checkpointOf(t, modelOnly(checkpointMLP(t, true)))
	tests := []struct {
		name  string
		model func() (*nn.Sequential, optimizers.Optimizer)
		want  string
	}{
		{"other units", func() (*nn.Sequential, optimizers.Optimizer) {
			return compiledMLP(t, 17, optimizers.NewAdam(), "categorical_crossentropy")
		}, "layer 1 (Dense) differs: units: checkpoint 16, model 17"},
		{"other optimizer", func() (*nn.Sequential, optimizers.Optimizer) {
			return compiledMLP(t, 16, optimizers.NewRMSprop(), "categorical_crossentropy")
		}, "the checkpoint holds the state of optimizer Adam, this model is compiled with RMSprop"},
		{"other hyper-parameter", func() (*nn.Sequential, optimizers.Optimizer) {
			o := optimizers.NewAdam()
			o.Beta1 = 0.8
			return compiledMLP(t, 16, o, "categorical_crossentropy")
		}, "optimizer Adam differs: beta_1: checkpoint 0.9, model 0.8"},
		{"other loss", func() (*nn.Sequential, optimizers.Optimizer) {
			return compiledMLP(t, 16, optimizers.NewAdam(), "mse")
		}, "compiled with loss categorical_crossentropy, this one with mean_squared_error"},
		{"frozen layer", func() (*nn.Sequential, optimizers.Optimizer) {
			m, o := compiledMLP(t, 16, optimizers.NewAdam(), "categorical_crossentropy")
			m.Layers[1].SetTrainable(false)
			return m, o
		}, "layer 1 (Dense) differs: trainable: checkpoint true, model false"},
		{"extra layer", func() (*nn.Sequential, optimizers.Optimizer) {
			m, o := compiledMLP(t, 16, optimizers.NewAdam(), "categorical_crossentropy")
			m.Add(layers.NewActivation("linear"))
			return m, o
		}, "the checkpoint's model has 4 layers, this one 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, opt := tt.model()
			before := modelStateOf(t, m, opt)
			err := m.LoadCheckpoint(bytes.NewReader(good))
			require.Error(t, err)
			assert.True(t, errors.Is(err, nn.ErrCheckpointMismatch), "%v", err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, before, modelStateOf(t, m, opt), "a refused checkpoint changed the model")
		})
	}
}

func modelOnly[A, B any](a A, _ B) A { return a }

// compiledMLP is checkpointMLP's architecture with other units, optimiser
// or loss, untrained.
func compiledMLP(t *testing.T, units int, opt optimizers.Optimizer, loss string) (*nn.Sequential, optimizers.Optimizer) {
	m := nn.NewSequential(layers.NewInput(784), layers.NewDense(units, "relu"), layers.NewDropout(0.2), layers.NewDense(10, "softmax"))
	m.SetSeed(3)
	require.NoError(t, m.Build())
	require.NoError(t, m.Compile(opt, mustLoss(t, loss)))
	return m, opt
}

// TestLoadCheckpoint_Restores: a model compiled with another learning rate,
// not built yet, is built and gets the saved weights, learning rate, step
// count and position.
func TestLoadCheckpoint_Restores(t *testing.T) {
	src, _ := checkpointMLP(t, true)
	file := checkpointOf(t, src)

	m := nn.NewSequential(layers.NewInput(784), layers.NewDense(16, "relu"), layers.NewDropout(0.2), layers.NewDense(10, "softmax"))
	opt := optimizers.NewAdam()
	opt.LR = 0.5
	require.NoError(t, m.Compile(opt, mustLoss(t, "categorical_crossentropy")))
	require.NoError(t, m.LoadCheckpoint(bytes.NewReader(file)))
	assert.True(t, m.Built())
	assert.Equal(t, src.WeightsHash(), m.WeightsHash())
	assert.Equal(t, float32(0.001), opt.LearningRate())
	assert.Equal(t, int64(4), opt.Iterations()) // 64 examples in batches of 16
	epochs, batches := m.TrainingPosition()
	assert.Equal(t, [2]int{1, 0}, [2]int{epochs, batches})
	assert.Equal(t, file, checkpointOf(t, m), "saving the loaded model gives the same file")
}

func TestLoadCheckpoint_NotCompiled(t *testing.T) {
	file := checkpointOf(t, modelOnly(checkpointMLP(t, false)))
	m := nn.NewSequential(layers.NewInput(784), layers.NewDense(16, "relu"), layers.NewDropout(0.2), layers.NewDense(10, "softmax"))
	err := m.LoadCheckpoint(bytes.NewReader(file))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "compile the model first")
	assert.False(t, m.Built())
}

func TestSaveCheckpoint_Errors(t *testing.T) {
	seed := int64(5)
	tests := []struct {
		name  string
		model func() *nn.Sequential
		want  string
	}{
		{"not built", func() *nn.Sequential {
			m := nn.NewSequential(layers.NewDense(4, "relu"))
			require.NoError(t, m.Compile(optimizers.NewSGD(), mustLoss(t, "mse")))
			return m
		}, "build and compile the model first"},
		{"not compiled", func() *nn.Sequential {
			m := nn.NewSequential(layers.NewInput(3), layers.NewDense(4, "relu"))
			require.NoError(t, m.Build())
			return m
		}, "build and compile the model first"},
		{"dropout with its own seed", func() *nn.Sequential {
			m := nn.NewSequential(layers.NewInput(3), layers.NewDropoutWith(layers.DropoutConfig{Rate: 0.5, Seed: &seed}))
			require.NoError(t, m.Build())
			require.NoError(t, m.Compile(optimizers.NewSGD(), mustLoss(t, "mse")))
			return m
		}, `layer "dropout" has its own seed`},
		{"augmentation with its own seed", func() *nn.Sequential {
			m := nn.NewSequential(layers.NewInput(4, 4, 1), layers.NewRandomFlipWith(layers.RandomFlipConfig{Mode: "horizontal", Seed: &seed}))
			require.NoError(t, m.Build())
			require.NoError(t, m.Compile(optimizers.NewSGD(), mustLoss(t, "mse")))
			return m
		}, `layer "random_flip" has its own seed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := tt.model().SaveCheckpoint(&b)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "nn: SaveCheckpoint: "+tt.want)
			assert.Zero(t, b.Len(), "nothing written")
		})
	}
}
