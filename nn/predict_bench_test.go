package nn_test

import (
	"testing"

	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/require"
)

// benchInputs returns n random MNIST-shaped images (n, 28, 28, 1) in [0, 1)
// and one-hot labels (n, 10), drawn from a seeded generator.
func benchInputs(n int) (x, y *tensor.Tensor) {
	r := rng.New(7)
	x, y = tensor.New(n, 28, 28, 1), tensor.New(n, 10)
	for i := range x.Data {
		x.Data[i] = float32(r.Float64())
	}
	for i := range n {
		y.Data[i*10+r.Intn(10)] = 1
	}
	return x, y
}

// BenchmarkPredictMNISTCNN1 is single-example inference of Keras'
// mnist_cnn: the latency a page sees when it classifies one drawing.
// "go-side" installs a Gemm kernel that only copies random values into C,
// leaving what a browser runs in Go around its SIMD kernel module (im2col,
// bias, ReLU, pooling, softmax, allocation, the graph) on values whose signs
// vary as real ones do.
func BenchmarkPredictMNISTCNN1(b *testing.B) {
	m := mnistCNN()
	require.NoError(b, m.Build())
	x, _ := benchInputs(1)
	noise, _ := benchInputs(64) // 50,176 values in [0, 1)
	for i, v := range noise.Data {
		noise.Data[i] = v - 0.5
	}
	fakeGemm := func(_, _ bool, m, n, _ int, _, _, c []float32, _ bool) bool {
		copy(c[:m*n], noise.Data)
		return true
	}
	for _, tc := range []struct {
		name   string
		kernel tensor.GemmKernel
	}{{"all", nil}, {"go-side", fakeGemm}} {
		b.Run(tc.name, func(b *testing.B) {
			tensor.SetGemmKernel(tc.kernel)
			defer tensor.SetGemmKernel(nil)
			b.ReportAllocs()
			for b.Loop() {
				_, err := m.Predict(x, 1)
				require.NoError(b, err)
			}
		})
	}
}

// BenchmarkPredictMNISTCNN128 is inference on a batch of 128, as Evaluate
// runs it.
func BenchmarkPredictMNISTCNN128(b *testing.B) {
	m := mnistCNN()
	require.NoError(b, m.Build())
	x, _ := benchInputs(128)
	b.ReportAllocs()
	for b.Loop() {
		_, err := m.Predict(x, 128)
		require.NoError(b, err)
	}
}

// BenchmarkTrainMNISTCNN128 is one training step of mnist_cnn on a batch of
// 128 (Adadelta, as the Keras example), forward and backward.
func BenchmarkTrainMNISTCNN128(b *testing.B) {
	m := mnistCNN()
	require.NoError(b, m.Compile(optimizers.NewAdadelta(), losses.CategoricalCrossentropy{}, "accuracy"))
	x, y := benchInputs(128)
	b.ReportAllocs()
	for b.Loop() {
		_, _, err := m.TrainOnBatch(x, y)
		require.NoError(b, err)
	}
}
