package tests

import (
	"fmt"
	"sync"
	"testing"

	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue #9, point 5: several models in one engine and several engines at
// once. Each model owns its generator, optimizer state and fit, so fits
// that take turns step by step, or run in engines side by side, must end
// with the weights of each fit run alone, bit for bit.

// fitJob is one model and one fit: what a test trains alone and then
// alongside others.
type fitJob struct {
	spec, compile, cfg string
}

// concurrencyJobs are two different models and fits: the reference MLP
// (dropout, Adam, shuffled batches of 32) and a narrower net with heavier
// dropout, RMSprop, batches of 48 and a fit seed, so they end at different
// steps and draw from their generators at different rates.
var concurrencyJobs = []fitJob{
	{mlpSpec, compileAdam, `{"epochs": 2, "batch_size": 32, "validation_split": 0.2}`},
	{`{"seed": 7, "layers": [
		{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 784]}},
		{"class_name": "Dense", "config": {"units": 24, "activation": "tanh"}},
		{"class_name": "Dropout", "config": {"rate": 0.5}},
		{"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}}]}`,
		`{"optimizer": "rmsprop", "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`,
		`{"epochs": 3, "batch_size": 48, "seed": 11}`},
}

// concurrencyExamples is how many MNIST images the jobs train on.
const concurrencyExamples = 320

// begin makes the job's model in e and begins its fit on x and y.
func (j fitJob) begin(e *harness.Engine, x, y int32) (int32, error) {
	m, err := e.CreateModel(j.spec)
	if err != nil {
		return 0, err
	}
	if err := e.Compile(m, j.compile); err != nil {
		return 0, err
	}
	return m, e.FitBegin(m, x, y, j.cfg)
}

// alone trains the job in a fresh engine, one batch a step, and returns
// its weight hash.
func (j fitJob) alone(t *testing.T, xs, ys []float32) string {
	t.Helper()
	e := newEngine(t)
	x, y := mnistTensors(t, e, xs, ys)
	m, err := j.begin(e, x, y)
	require.NoError(t, err)
	for {
		p, err := e.FitStep(m, 1)
		require.NoError(t, err)
		if p.Done {
			break
		}
	}
	h, err := e.WeightsHash(m)
	require.NoError(t, err)
	return h
}

// mnistTensors uploads the images and labels.
func mnistTensors(t *testing.T, e *harness.Engine, xs, ys []float32) (x, y int32) {
	t.Helper()
	n := len(ys) / 10
	x, err := e.CreateTensor(xs, n, 784)
	require.NoError(t, err)
	y, err = e.CreateTensor(ys, n, 10)
	require.NoError(t, err)
	return x, y
}

// TestConcurrency_ModelsInOneEngine fits models in one engine, taking turns
// one batch at a time on the same data tensors, with a prediction of the
// other model between turns; each ends with the hash of its lone run. A
// model disposed in the middle of its fit leaves the other untouched.
func TestConcurrency_ModelsInOneEngine(t *testing.T) {
	xs, ys := mnistXY(t, concurrencyExamples)
	alone := []string{concurrencyJobs[0].alone(t, xs, ys), concurrencyJobs[1].alone(t, xs, ys)}
	require.NotEqual(t, alone[0], alone[1])

	for _, tc := range []struct {
		name string
		jobs []int // indices into concurrencyJobs
		// disposeAt disposes the first model after this many turns (0: never).
		disposeAt int
	}{
		{name: "two different models", jobs: []int{0, 1}},
		{name: "the same model twice", jobs: []int{0, 0}},
		{name: "three models", jobs: []int{1, 0, 1}},
		{name: "the first disposed mid-fit", jobs: []int{0, 1}, disposeAt: 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEngine(t)
			x, y := mnistTensors(t, e, xs, ys)
			probe, err := e.CreateTensor(xs[:3*784], 3, 784)
			require.NoError(t, err)
			models := make([]int32, len(tc.jobs))
			for i, j := range tc.jobs {
				models[i], err = concurrencyJobs[j].begin(e, x, y)
				require.NoError(t, err)
			}
			done := make([]bool, len(models))
			for turn := 1; !all(done); turn++ {
				for i, m := range models {
					if done[i] {
						continue
					}
					p, err := e.FitStep(m, 1)
					require.NoError(t, err, "model %d, turn %d", i, turn)
					done[i] = p.Done
					other := models[(i+1)%len(models)]
					if !done[(i+1)%len(models)] {
						out, err := e.Predict(other, probe, 0)
						require.NoError(t, err, "a prediction during another model's fit")
						require.NoError(t, e.Dispose(out))
					}
				}
				if turn == tc.disposeAt {
					require.NoError(t, e.Dispose(models[0]))
					done[0] = true
				}
			}
			for i, m := range models {
				if i == 0 && tc.disposeAt > 0 {
					_, err := e.WeightsHash(m)
					requireUnknown(t, err, m)
					continue
				}
				h, err := e.WeightsHash(m)
				require.NoError(t, err)
				assert.Equal(t, alone[tc.jobs[i]], h, "model %d (job %d) differs from its lone run", i, tc.jobs[i])
			}
		})
	}
}

func all(done []bool) bool {
	for _, d := range done {
		if !d {
			return false
		}
	}
	return true
}

// TestConcurrency_Engines trains one model in each of two engine instances
// at the same time, from two goroutines; each ends with the hash of its
// lone run. Closing one engine in the middle of its fit leaves the other
// training to the same hash.
func TestConcurrency_Engines(t *testing.T) {
	xs, ys := mnistXY(t, concurrencyExamples)
	want := concurrencyJobs[1].alone(t, xs, ys)
	wantFirst := concurrencyJobs[0].alone(t, xs, ys)

	for _, tc := range []struct {
		name string
		// closeAt closes the first engine after this many steps (0: never).
		closeAt int
	}{
		{name: "both train"},
		{name: "the first closed mid-fit", closeAt: 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			engines := []*harness.Engine{newEngine(t), newEngine(t)}
			hashes := make([]string, 2)
			errs := make([]error, 2)
			var wg sync.WaitGroup
			for i, e := range engines {
				closeAt := 0
				if i == 0 {
					closeAt = tc.closeAt
				}
				wg.Go(func() { hashes[i], errs[i] = trainConcurrently(e, concurrencyJobs[i], xs, ys, closeAt) })
			}
			wg.Wait()
			require.NoError(t, errs[1])
			assert.Equal(t, want, hashes[1], "the second engine's model differs from its lone run")
			if tc.closeAt > 0 {
				require.NoError(t, errs[0])
				assert.Empty(t, hashes[0], "the first engine was closed")
				_, err := engines[0].Version()
				assert.Error(t, err, "a closed engine answers no call")
			} else {
				require.NoError(t, errs[0])
				assert.Equal(t, wantFirst, hashes[0], "the first engine's model differs from its lone run")
			}
		})
	}
}

// trainConcurrently runs job in e to the end (or closes e after closeAt
// steps, returning no hash) and returns the model's hash. It runs in its
// own goroutine, so it returns errors instead of failing the test.
func trainConcurrently(e *harness.Engine, job fitJob, xs, ys []float32, closeAt int) (string, error) {
	n := len(ys) / 10
	x, err := e.CreateTensor(xs, n, 784)
	if err != nil {
		return "", err
	}
	y, err := e.CreateTensor(ys, n, 10)
	if err != nil {
		return "", err
	}
	m, err := job.begin(e, x, y)
	if err != nil {
		return "", err
	}
	for step := 1; ; step++ {
		p, err := e.FitStep(m, 1)
		if err != nil {
			return "", fmt.Errorf("step %d: %w", step, err)
		}
		if p.Done {
			break
		}
		if step == closeAt {
			return "", e.Close()
		}
	}
	return e.WeightsHash(m)
}
