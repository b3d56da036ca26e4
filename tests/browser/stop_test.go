package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/cmd/build/dist"
	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"
	"gonn/tests/harness"
)

// Issue #9, point 5, in Chromium: stopping during fit leaves the model
// exactly at the last completed batch, and callbacks run in lockstep with
// training, so a stop() or pause() in onBatchEnd acts before the next batch
// (testdata/stop.mjs). Every hash is checked against native nn's trainer
// stepped exactly as many batches.

// referenceData is the reference fit's data: the first 640 images of the
// site's MNIST pack, as the page decodes them.
var referenceData = func() func(t *testing.T) (x, y *tensor.Tensor) {
	load := sync.OnceValues(func() ([2]*tensor.Tensor, error) {
		b, err := os.ReadFile(filepath.Join(siteDir, "data", "mnist-train.gmn"))
		if err != nil {
			return [2]*tensor.Tensor{}, err
		}
		pack, err := dist.DecodePack(b)
		if err != nil {
			return [2]*tensor.Tensor{}, err
		}
		set, err := pack.Set()
		if err != nil {
			return [2]*tensor.Tensor{}, err
		}
		n := harness.ReferenceExamples
		set = set.Subset(n)
		return [2]*tensor.Tensor{tensor.From(set.Images, n, 784), tensor.From(set.OneHot(), n, 10)}, nil
	})
	return func(t *testing.T) (x, y *tensor.Tensor) {
		t.Helper()
		xy, err := load()
		require.NoError(t, err)
		return xy[0], xy[1]
	}
}()

// stopBatchesPerEpoch is the reference fit's batches an epoch: 640 / 32.
const stopBatchesPerEpoch = 20

// nativeAfter trains the reference MLP (seed 42, Adam, shuffled batches of
// 32) natively for exactly k batches and returns its weight hash.
func nativeAfter(t *testing.T, k int) string {
	t.Helper()
	m := nn.NewSequential(layers.NewInput(784), layers.NewDense(64, "relu"), layers.NewDropout(0.2), layers.NewDense(10, "softmax"))
	m.SetSeed(42)
	require.NoError(t, m.Build())
	loss, err := losses.Get("categorical_crossentropy")
	require.NoError(t, err)
	require.NoError(t, m.Compile(optimizers.NewAdam(), loss, "accuracy"))
	x, y := referenceData(t)
	tr, err := m.NewTrainer(x, y, nn.FitConfig{Epochs: 1000, BatchSize: 32})
	require.NoError(t, err)
	require.NoError(t, tr.Step(k))
	return fmt.Sprintf("%016x", m.WeightsHash())
}

// partial is History.partial.
type partial struct {
	Epoch           int `json:"epoch"`
	Batches         int `json:"batches"`
	BatchesPerEpoch int `json:"batchesPerEpoch"`
}

type stoppedHistory struct {
	Epoch   []int                 `json:"epoch"`
	History map[string][]*float64 `json:"history"`
	Partial *partial              `json:"partial"`
}

// batches is how many batches the History says ran.
func (h stoppedHistory) batches() int {
	n := len(h.Epoch) * stopBatchesPerEpoch
	if h.Partial != nil {
		n += h.Partial.Batches - stopBatchesPerEpoch
	}
	return n
}

func TestBrowser_Stop(t *testing.T) {
	ctx, checkConsole := reliabilityPage(t, 4*time.Minute)
	require.Equal(t, nativeHash, nativeAfter(t, stopBatchesPerEpoch), "nativeAfter is the reference fit")

	t.Run("stop in onBatchEnd", func(t *testing.T) {
		for _, tc := range []struct {
			at         int
			worker     bool
			readHashes bool
		}{
			{at: 3, worker: true},
			{at: 3, worker: false},
			{at: 20, worker: true},
			{at: 23, worker: true},
			{at: 6, worker: true, readHashes: true},
		} {
			t.Run(fmt.Sprintf("at %d, worker %v, hashes %v", tc.at, tc.worker, tc.readHashes), func(t *testing.T) {
				r := reliabilityRun[struct {
					Hash      string
					Calls     [][2]int
					Hashes    []string
					EpochEnds []int
					History   stoppedHistory
					InWorker  bool
				}](t, ctx, "stopInCallback", map[string]any{"at": tc.at, "worker": tc.worker, "readHashes": tc.readHashes})
				assert.Equal(t, tc.worker, r.InWorker)
				require.Len(t, r.Calls, tc.at, "onBatchEnd calls: none after the stop")
				for i, c := range r.Calls {
					assert.Equal(t, [2]int{i / stopBatchesPerEpoch, i % stopBatchesPerEpoch}, c, "call %d: [epoch, batch]", i)
				}
				assert.Equal(t, nativeAfter(t, tc.at), r.Hash, "stopped at the %d-th onBatchEnd: not the weights of %d batches", tc.at, tc.at)
				assert.Equal(t, tc.at, r.History.batches())
				last := (tc.at - 1) / stopBatchesPerEpoch
				assert.Len(t, r.History.Epoch, last+1)
				assert.Equal(t, r.History.Epoch, r.EpochEnds, "onEpochEnd for every epoch, the cut one too")
				if cut := tc.at % stopBatchesPerEpoch; cut > 0 {
					assert.Equal(t, &partial{last, cut, stopBatchesPerEpoch}, r.History.Partial)
				} else {
					assert.Nil(t, r.History.Partial, "stopped at the end of an epoch: nothing partial")
				}
				for i, h := range r.Hashes {
					assert.Equal(t, nativeAfter(t, i+1), h, "the hash read in onBatchEnd call %d: the weights after %d batches", i, i+1)
				}
				if tc.readHashes {
					assert.Len(t, r.Hashes, tc.at)
				}
			})
		}
	})

	t.Run("stop from outside", func(t *testing.T) {
		for _, worker := range []bool{true, false} {
			t.Run(fmt.Sprintf("worker %v", worker), func(t *testing.T) {
				r := reliabilityRun[struct {
					Hash    string
					History stoppedHistory
				}](t, ctx, "stopFromOutside", map[string]any{"delayMs": 40, "worker": worker})
				k := r.History.batches()
				require.Positive(t, k, "training had begun")
				assert.Equal(t, nativeAfter(t, k), r.Hash, "stopped after %d batches (History %v): not their weights", k, r.History.Epoch)
				t.Logf("stopped after %d batches, partial %+v", k, r.History.Partial)
			})
		}
	})

	t.Run("pause", func(t *testing.T) {
		for _, worker := range []bool{true, false} {
			t.Run(fmt.Sprintf("worker %v", worker), func(t *testing.T) {
				const at = 5
				r := reliabilityRun[struct {
					InCallback struct {
						PausedHash, HeldHash, Hash string
						CallsWhilePaused, Calls    int
					}
					Outside struct {
						First, Second, Hash string
						Started             bool
					}
				}](t, ctx, "pause", map[string]any{"at": at, "worker": worker})
				c := r.InCallback
				assert.Equal(t, nativeAfter(t, at), c.PausedHash, "paused in the %d-th onBatchEnd: not the weights of %d batches", at, at)
				assert.Equal(t, c.PausedHash, c.HeldHash, "a batch trained while paused")
				assert.Zero(t, c.CallsWhilePaused)
				assert.Equal(t, stopBatchesPerEpoch, c.Calls)
				assert.Equal(t, nativeHash, c.Hash, "paused and resumed: not the weights of an unpaused fit")
				o := r.Outside
				assert.True(t, o.Started)
				assert.Equal(t, o.First, o.Second, "a batch trained after pause() resolved")
				assert.NotEqual(t, nativeHash, o.First, "paused before the end")
				assert.Equal(t, nativeHash, o.Hash)
			})
		}
	})
	checkConsole()
}
