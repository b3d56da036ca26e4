package tests

import (
	"fmt"
	"testing"

	"gonn/nn/rng"
	"gonn/tests/harness"

	"github.com/stretchr/testify/require"
)

// The speed of the SIMD kernels against the engine's Go loops in wazero
// (tests/browser measures the same in Node and Chromium):
//
//	go test ./tests/ -run '^$' -bench Kernels -count 5

// kernelHosts are the two ways an instance runs its products.
var kernelHosts = []struct {
	name string
	opts []harness.InstanceOption
}{{"kernels", nil}, {"go_loops", []harness.InstanceOption{harness.WithoutKernels()}}}

// BenchmarkKernels_Gemm times one 512³ product through the engine: a Dense
// layer without bias predicting one batch of (512, 512).
func BenchmarkKernels_Gemm(b *testing.B) {
	const size = 512
	r := rng.New(1)
	x, w := randomFloats(r, size*size), randomFloats(r, size*size)
	spec := fmt.Sprintf(`{"layers": [{"class_name": "Dense", "config": {"units": %d, "use_bias": false, "batch_input_shape": [null, %d]}}]}`, size, size)
	for _, host := range kernelHosts {
		b.Run(host.name, func(b *testing.B) {
			e := newEngineWith(b, host.opts...)
			h, err := e.CreateModel(spec)
			require.NoError(b, err)
			require.NoError(b, e.SetWeights(h, w))
			xh, err := e.CreateTensor(x, size, size)
			require.NoError(b, err)
			for b.Loop() {
				out, err := e.Predict(h, xh, size)
				require.NoError(b, err)
				require.NoError(b, e.Dispose(out))
			}
			b.ReportMetric(2*size*size*size*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// BenchmarkKernels_MLP times training the MLP 784-512-10 (relu, softmax;
// Adam) one epoch of 8 batches of 128 per iteration.
func BenchmarkKernels_MLP(b *testing.B) {
	const batches, n = 8, 8 * 128
	x, y := randomExamples(n, []int{784}, 10)
	spec := `{"seed": 3, "layers": [
		{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 784]}},
		{"class_name": "Dense", "config": {"units": 512, "activation": "relu"}},
		{"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}}]}`
	for _, host := range kernelHosts {
		b.Run(host.name, func(b *testing.B) {
			e := newEngineWith(b, host.opts...)
			h, err := e.CreateModel(spec)
			require.NoError(b, err)
			require.NoError(b, e.Compile(h, `{"optimizer": "adam", "loss": "categorical_crossentropy"}`))
			xh, err := e.CreateTensor(x, n, 784)
			require.NoError(b, err)
			yh, err := e.CreateTensor(y, n, 10)
			require.NoError(b, err)
			for b.Loop() {
				require.NoError(b, e.FitBegin(h, xh, yh, `{"epochs": 1, "batch_size": 128, "shuffle": false}`))
				p, err := e.FitStep(h, batches)
				require.NoError(b, err)
				require.True(b, p.Done)
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "examples/s")
		})
	}
}
