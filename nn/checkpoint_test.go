package nn_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"
)

// resumeCase is a model, its optimiser and data for the resume tests: every
// run shuffles, every model has Dropout, and the convnet augments its input.
type resumeCase struct {
	name  string
	model func() *nn.Sequential
	opt   func() optimizers.Optimizer
	x, y  *tensor.Tensor
	batch int
}

func resumeCases(t *testing.T) []resumeCase {
	x, y := mnistXY(t, false, 300)
	return []resumeCase{
		{
			name:  "MLP, Adam",
			model: func() *nn.Sequential { return smallMLP(0) },
			opt:   func() optimizers.Optimizer { o := optimizers.NewAdam(); o.AMSGrad = true; return o },
			x:     x, y: y, batch: 32,
		},
		{
			name: "convnet with RandomFlip and BatchNormalization, Adadelta",
			model: func() *nn.Sequential {
				return nn.NewSequential(
					layers.NewInput(28, 28, 1),
					layers.NewRandomFlip("horizontal"),
					layers.NewConv2D(4, 3, "relu"),
					layers.NewBatchNormalization(),
					layers.NewMaxPooling2D(2, 2),
					layers.NewDropout(0.25),
					layers.NewFlatten(),
					layers.NewDense(10, "softmax"),
				)
			},
			opt: func() optimizers.Optimizer { o := optimizers.NewAdadelta(); o.LR = 1; return o },
			x:   x.Reshape(300, 28, 28, 1), y: y, batch: 64,
		},
	}
}

// newModel builds and compiles the case's model with the given seed.
func (c resumeCase) newModel(t *testing.T, seed uint64) *nn.Sequential {
	m := c.model()
	m.SetSeed(seed)
	require.NoError(t, m.Build())
	require.NoError(t, m.Compile(c.opt(), mustLoss(t, "categorical_crossentropy"), "accuracy"))
	return m
}

func (c resumeCase) fit(t *testing.T, m *nn.Sequential, cfg nn.FitConfig) *nn.History {
	cfg.BatchSize = c.batch
	cfg.ValidationSplit = 0.1
	hist, err := m.Fit(c.x, c.y, cfg)
	require.NoError(t, err)
	return hist
}

// saveAt is a callback that checkpoints the model at the end of every epoch
// into byEpoch[epochs done], and after one batch of one epoch into midEpoch.
type saveAt struct {
	t            *testing.T
	byEpoch      map[int][]byte
	epoch, batch int
	midEpoch     []byte
	nn.CallbackFuncs
}

func newSaveAt(t *testing.T, epoch, batch int) *saveAt {
	s := &saveAt{t: t, byEpoch: map[int][]byte{}, epoch: epoch, batch: batch}
	s.EpochEnd = func(m *nn.Sequential, epoch int, _ nn.Logs) { s.byEpoch[epoch+1] = checkpointOf(t, m) }
	s.BatchEnd = func(m *nn.Sequential, epoch, batch int, _ nn.Logs) {
		if epoch == s.epoch && batch == s.batch {
			s.midEpoch = checkpointOf(t, m)
		}
	}
	return s
}

func checkpointOf(t *testing.T, m *nn.Sequential) []byte {
	var b bytes.Buffer
	require.NoError(t, m.SaveCheckpoint(&b))
	return b.Bytes()
}

// TestCheckpoint_ResumeAtEpochEnd: Fit(epochs=E) gives the same weights,
// bit for bit, as a run checkpointed after epoch k, loaded into a fresh model
// of another seed, and continued with InitialEpoch k (Keras initial_epoch),
// or with Resume; and the resumed epochs log the same numbers.
func TestCheckpoint_ResumeAtEpochEnd(t *testing.T) {
	const epochs = 3
	for _, c := range resumeCases(t) {
		t.Run(c.name, func(t *testing.T) {
			whole := c.newModel(t, 7)
			saves := newSaveAt(t, -1, -1)
			wholeHist := c.fit(t, whole, nn.FitConfig{Epochs: epochs, Callbacks: []nn.Callback{saves}})
			want := whole.WeightsHash()

			for k := 1; k < epochs; k++ {
				for _, resume := range []bool{false, true} {
					t.Run(fmt.Sprintf("after epoch %d, Resume %v", k, resume), func(t *testing.T) {
						m := c.newModel(t, 99)
						require.NoError(t, m.LoadCheckpoint(bytes.NewReader(saves.byEpoch[k])))
						epochsDone, batchesDone := m.TrainingPosition()
						assert.Equal(t, [2]int{k, 0}, [2]int{epochsDone, batchesDone})
						cfg := nn.FitConfig{Epochs: epochs, InitialEpoch: k}
						if resume {
							cfg = nn.FitConfig{Epochs: epochs, Resume: true}
						}
						hist := c.fit(t, m, cfg)
						assert.Equal(t, want, m.WeightsHash(), "resumed weights differ from the uninterrupted run's")
						assert.Equal(t, wholeHist.Epoch[k:], hist.Epoch)
						for key, vs := range wholeHist.History {
							assert.Equal(t, vs[k:], hist.History[key], key)
						}
					})
				}
			}

			// Weights alone are not enough: the test above could fail.
			m := c.newModel(t, 99)
			require.NoError(t, m.LoadCheckpoint(bytes.NewReader(saves.byEpoch[1])))
			m.SetSeed(7)
			c.fit(t, m, nn.FitConfig{Epochs: epochs, InitialEpoch: 1})
			assert.NotEqual(t, want, m.WeightsHash(), "a resumed run with another generator state gave the same bits")
		})
	}
}

// TestCheckpoint_ResumeMidEpoch: a checkpoint taken after a batch inside an
// epoch — from a batch callback, or after Stop ended Fit there — resumes
// with Resume to the same bits as the uninterrupted run, and the resumed
// epoch logs the same loss (metrics to float64 rounding).
func TestCheckpoint_ResumeMidEpoch(t *testing.T) {
	const epochs, stopEpoch, stopBatch = 3, 1, 2
	for _, c := range resumeCases(t) {
		t.Run(c.name, func(t *testing.T) {
			whole := c.newModel(t, 7)
			saves := newSaveAt(t, stopEpoch, stopBatch)
			wholeHist := c.fit(t, whole, nn.FitConfig{Epochs: epochs, Callbacks: []nn.Callback{saves}})
			want := whole.WeightsHash()

			stopped := c.newModel(t, 7)
			stop := nn.CallbackFuncs{BatchEnd: func(m *nn.Sequential, epoch, batch int, _ nn.Logs) {
				if epoch == stopEpoch && batch == stopBatch {
					m.Stop()
				}
			}}
			c.fit(t, stopped, nn.FitConfig{Epochs: epochs, Callbacks: []nn.Callback{stop}})
			epochsDone, batchesDone := stopped.TrainingPosition()
			require.Equal(t, [2]int{stopEpoch, stopBatch + 1}, [2]int{epochsDone, batchesDone})
			afterStop := checkpointOf(t, stopped)

			for name, ckpt := range map[string][]byte{"from a batch callback": saves.midEpoch, "after Stop": afterStop} {
				t.Run(name, func(t *testing.T) {
					m := c.newModel(t, 99)
					require.NoError(t, m.LoadCheckpoint(bytes.NewReader(ckpt)))
					hist := c.fit(t, m, nn.FitConfig{Epochs: epochs, Resume: true})
					assert.Equal(t, want, m.WeightsHash(), "resumed weights differ from the uninterrupted run's")
					require.Equal(t, wholeHist.Epoch[stopEpoch:], hist.Epoch)
					for key, vs := range wholeHist.History {
						if key == "loss" || key == "val_loss" || key == "val_accuracy" {
							assert.Equal(t, vs[stopEpoch:], hist.History[key], key)
						} else {
							assert.InDeltaSlice(t, vs[stopEpoch:], hist.History[key], 1e-12, key)
						}
					}
				})
			}

			// Starting the stopped epoch afresh (InitialEpoch, no Resume)
			// draws a new order: other bits.
			m := c.newModel(t, 99)
			require.NoError(t, m.LoadCheckpoint(bytes.NewReader(afterStop)))
			c.fit(t, m, nn.FitConfig{Epochs: epochs, InitialEpoch: stopEpoch})
			assert.NotEqual(t, want, m.WeightsHash())
		})
	}
}

// TestCheckpoint_ResumeOtherData: Resume inside an epoch needs the stopped
// run's number of examples and batch size.
func TestCheckpoint_ResumeOtherData(t *testing.T) {
	c := resumeCases(t)[0]
	m := c.newModel(t, 7)
	stop := nn.CallbackFuncs{BatchEnd: func(m *nn.Sequential, _, batch int, _ nn.Logs) {
		if batch == 1 {
			m.Stop()
		}
	}}
	c.fit(t, m, nn.FitConfig{Epochs: 2, Callbacks: []nn.Callback{stop}})
	before := m.WeightsHash()
	_, err := m.Fit(c.x, c.y, nn.FitConfig{Epochs: 2, BatchSize: 16, ValidationSplit: 0.1, Resume: true})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "epoch 1 stopped after batch 2 with 270 training examples in batches of 32; this Fit has 270 examples in batches of 16")
	assert.Equal(t, before, m.WeightsHash())
}
