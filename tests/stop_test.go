package tests

import (
	"testing"

	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue #9, point 5: stopping during fit leaves the model exactly at the
// last completed batch. Each case stops a fit after k batches, then checks
// the weights against an uninterrupted fit of the same model, data and
// config stepped to the same k batches (gonn_fit_step's max_batches), the
// History against the reports, and that resuming ends where the
// uninterrupted fit ends.

// stopFit is the fit the stop cases run: 256 training images in batches of
// 32 (8 an epoch), the last 64 for validation, shuffled, with dropout.
const stopFit = `{"epochs": 3, "batch_size": 32, "validation_split": 0.2}`

const stopBatchesPerEpoch = 8

func TestStop_ExactBatch(t *testing.T) {
	xs, ys := mnistXY(t, 320)
	for _, tc := range []struct {
		name  string
		steps []int32 // the max_batches of each gonn_fit_step before the stop
	}{
		{"before the first batch", nil},
		{"after the first batch", []int32{1}},
		{"in the first epoch", []int32{1, 1, 1, 1, 1}},
		{"at the end of the first epoch", []int32{8}},
		{"in the second epoch, three batches a step", []int32{3, 3, 3, 3, 1}},
		{"in the last epoch", []int32{20, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEngine(t)
			x, y := mnistTensors(t, e, xs, ys)
			m := compiledMLP(t, e)
			require.NoError(t, e.FitBegin(m, x, y, stopFit))
			k := 0
			var last map[string]*float64 // the running logs at the stop
			for _, n := range tc.steps {
				p, err := e.FitStep(m, n)
				require.NoError(t, err)
				require.False(t, p.Done)
				k += int(n)
				last = p.Logs
			}
			require.NoError(t, e.Stop(m))
			p, err := e.FitStep(m, 1)
			require.NoError(t, err)
			require.True(t, p.Done, "the fit ends at the stop")
			stopped, err := e.WeightsHash(m)
			require.NoError(t, err)

			// The uninterrupted fit, stepped to the same batch.
			ref := compiledMLP(t, e)
			require.NoError(t, e.FitBegin(ref, x, y, stopFit))
			if k > 0 {
				rp, err := e.FitStep(ref, int32(k))
				require.NoError(t, err)
				require.False(t, rp.Done)
			}
			at, err := e.WeightsHash(ref)
			require.NoError(t, err)
			assert.Equal(t, at, stopped, "stopped after %d batches: not the weights of %d batches", k, k)

			// The History: every epoch begun, the cut one with the means of
			// its batches so far and its validation.
			full, cut := k/stopBatchesPerEpoch, k%stopBatchesPerEpoch
			wantEpochs := full
			if cut > 0 {
				wantEpochs++
			}
			require.Len(t, p.History.Epoch, wantEpochs)
			if cut > 0 {
				i := wantEpochs - 1
				for _, key := range []string{"loss", "accuracy"} {
					require.NotNil(t, last[key])
					assert.Equal(t, *last[key], *p.History.History[key][i], "%s of the cut epoch: the means of its %d batches", key, cut)
				}
				assert.NotNil(t, p.History.History["val_loss"][i], "the cut epoch is validated")
			}

			// Resuming ends where the uninterrupted fit ends.
			require.NoError(t, e.FitBegin(m, x, y, `{"epochs": 3, "batch_size": 32, "validation_split": 0.2, "resume": true}`))
			finishFit(t, e, m)
			finishFit(t, e, ref)
			resumed, err := e.WeightsHash(m)
			require.NoError(t, err)
			whole, err := e.WeightsHash(ref)
			require.NoError(t, err)
			assert.Equal(t, whole, resumed, "stopped after %d batches and resumed: not the uninterrupted weights", k)
		})
	}
}

// finishFit steps m's fit to its end.
func finishFit(t *testing.T, e *harness.Engine, m int32) {
	t.Helper()
	for {
		p, err := e.FitStep(m, 4)
		require.NoError(t, err)
		if p.Done {
			return
		}
	}
}
