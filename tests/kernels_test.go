package tests

import (
	"context"
	"fmt"
	"math"
	"testing"

	"gonn/nn/rng"
	"gonn/nn/tensor"
	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newEngineWith is newEngine with instance options (WithoutKernels).
func newEngineWith(t testing.TB, opts ...harness.InstanceOption) *harness.Engine {
	t.Helper()
	e, err := runtime(t).Instantiate(context.Background(), logWriter{t}, opts...)
	require.NoError(t, err)
	t.Cleanup(func() { e.Close() })
	return e
}

// randomFloats draws n values of mixed magnitudes, so that the order of
// the sums shows in the bits.
func randomFloats(r *rng.Rand, n int) []float32 {
	f := make([]float32, n)
	for i := range f {
		f[i] = float32(r.Normal()) * []float32{1, 1e-2, 1e2}[r.Intn(3)]
	}
	return f
}

// TestKernels_ProductMatchesGoLoops multiplies random matrices of random
// shapes through the engine, as a Dense layer without bias or activation
// predicting one batch (x (m, k) · kernel (k, n), one tensor.Gemm), with
// the SIMD kernels, with the engine's Go loops, and natively: the three
// must agree bit for bit.
func TestKernels_ProductMatchesGoLoops(t *testing.T) {
	simd, loops := newEngineWith(t), newEngineWith(t, harness.WithoutKernels())
	r := rng.New(11)
	shapes := [][3]int{{1, 1, 1}, {4, 8, 16}, {5, 9, 3}, {128, 10, 64}, {33, 70, 129}}
	for range 15 {
		shapes = append(shapes, [3]int{1 + r.Intn(70), 1 + r.Intn(70), 1 + r.Intn(100)})
	}
	for _, s := range shapes {
		m, n, k := s[0], s[1], s[2]
		x, w := randomFloats(r, m*k), randomFloats(r, k*n)
		want := make([]float32, m*n)
		tensor.Gemm(false, false, m, n, k, x, w, want, false)
		spec := fmt.Sprintf(`{"layers": [{"class_name": "Dense", "config": {"units": %d, "use_bias": false, "batch_input_shape": [null, %d]}}]}`, n, k)
		for _, e := range []struct {
			name string
			e    *harness.Engine
		}{{"kernels", simd}, {"go loops", loops}} {
			calls := e.e.KernelCalls()
			got := predictOnce(t, e.e, spec, w, x, m, k)
			if e.e == simd {
				assert.Equal(t, calls+1, e.e.KernelCalls(), "one product, one kernel call")
			}
			requireSameBits(t, want, got, "m=%d n=%d k=%d with the %s", m, n, k, e.name)
		}
	}
}

// predictOnce makes the model of spec, sets its weights to w, predicts x
// (m, k) in one batch and returns the output.
func predictOnce(t *testing.T, e *harness.Engine, spec string, w, x []float32, m, k int) []float32 {
	t.Helper()
	h, err := e.CreateModel(spec)
	require.NoError(t, err)
	defer e.Dispose(h)
	require.NoError(t, e.SetWeights(h, w))
	xh, err := e.CreateTensor(x, m, k)
	require.NoError(t, err)
	defer e.Dispose(xh)
	out, err := e.Predict(h, xh, int32(m))
	require.NoError(t, err)
	defer e.Dispose(out)
	got, err := e.TensorData(out)
	require.NoError(t, err)
	return got
}

// TestKernels_TrainingMatchesGoLoops trains nets whose products take
// every path of the kernel (transposed operands in the backward pass,
// accumulating gradients, convolutions through im2col, recurrent steps)
// and the elementwise kernels (ReLU, bias, im2col's copies, col2im's sums,
// max pooling: the valid 2×2 pool's rows reach its kernel, the same
// padding's windows, each alone between clipped ones, the Go loop)
// with the SIMD kernels and with the Go loops: same weights, bit for bit.
func TestKernels_TrainingMatchesGoLoops(t *testing.T) {
	for _, tc := range []struct {
		name   string
		spec   string
		xShape []int
		y      int // classes
	}{
		{"conv", `{"seed": 3, "layers": [
			{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 10, 10, 2]}},
			{"class_name": "Conv2D", "config": {"filters": 5, "kernel_size": 3, "activation": "relu"}},
			{"class_name": "Conv2D", "config": {"filters": 3, "kernel_size": 3, "padding": "same"}},
			{"class_name": "Flatten", "config": {}},
			{"class_name": "Dense", "config": {"units": 4, "activation": "softmax"}}]}`, []int{10, 10, 2}, 4},
		{"conv and pooling", `{"seed": 5, "layers": [
			{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 12, 12, 3]}},
			{"class_name": "Conv2D", "config": {"filters": 16, "kernel_size": 3, "activation": "relu"}},
			{"class_name": "MaxPooling2D", "config": {"pool_size": 2}},
			{"class_name": "Conv2D", "config": {"filters": 16, "kernel_size": 2, "padding": "same"}},
			{"class_name": "MaxPooling2D", "config": {"pool_size": 3, "strides": 2, "padding": "same"}},
			{"class_name": "Flatten", "config": {}},
			{"class_name": "Dense", "config": {"units": 4, "activation": "softmax"}}]}`, []int{12, 12, 3}, 4},
		{"lstm", `{"seed": 4, "layers": [
			{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 6, 3]}},
			{"class_name": "LSTM", "config": {"units": 7}},
			{"class_name": "Dense", "config": {"units": 3, "activation": "softmax"}}]}`, []int{6, 3}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, y := randomExamples(24, tc.xShape, tc.y)
			e := newEngineWith(t)
			checked := e.KernelCalls() // gonn_use_kernels' check
			simd := trainHash(t, e, tc.spec, x, append([]int{24}, tc.xShape...), y, tc.y)
			assert.Greater(t, e.KernelCalls(), checked, "training made no kernel call")
			loops := trainHash(t, newEngineWith(t, harness.WithoutKernels()), tc.spec, x, append([]int{24}, tc.xShape...), y, tc.y)
			assert.Equal(t, loops, simd, "the kernels and the Go loops trained different weights")
		})
	}
}

// randomExamples draws n examples of shape xShape and one-hot labels of
// the given number of classes.
func randomExamples(n int, xShape []int, classes int) (x, y []float32) {
	r := rng.New(5)
	size := 1
	for _, d := range xShape {
		size *= d
	}
	x = randomFloats(r, n*size)
	y = make([]float32, n*classes)
	for i := range n {
		y[i*classes+r.Intn(classes)] = 1
	}
	return x, y
}

// trainHash fits spec 2 epochs in batches of 8 with Adam and returns the
// weight hash, checking that training changed it.
func trainHash(t *testing.T, e *harness.Engine, spec string, x []float32, xShape []int, y []float32, classes int) string {
	t.Helper()
	h, err := e.CreateModel(spec)
	require.NoError(t, err)
	require.NoError(t, e.Compile(h, `{"optimizer": "adam", "loss": "categorical_crossentropy"}`))
	xh, err := e.CreateTensor(x, xShape...)
	require.NoError(t, err)
	yh, err := e.CreateTensor(y, xShape[0], classes)
	require.NoError(t, err)
	before, err := e.WeightsHash(h)
	require.NoError(t, err)
	require.NoError(t, e.FitBegin(h, xh, yh, `{"epochs": 2, "batch_size": 8}`))
	p, err := e.FitStep(h, 100)
	require.NoError(t, err)
	require.True(t, p.Done)
	after, err := e.WeightsHash(h)
	require.NoError(t, err)
	require.NotEqual(t, before, after, "training changed nothing")
	return after
}

// TestKernels_UseKernels: the export switches between the kernels and
// the Go loops (its result says which) and refuses anything but 0 and 1.
func TestKernels_UseKernels(t *testing.T) {
	e := newEngineWith(t)
	for _, on := range []bool{false, true, true, false} {
		require.NoError(t, e.UseKernels(on))
		assert.JSONEq(t, fmt.Sprintf(`{"kernels": %v}`, on), string(e.Result()))
	}
	err := e.Status("gonn_use_kernels", harness.I32(2))
	var herr *harness.Error
	require.ErrorAs(t, err, &herr)
	assert.Equal(t, int32(harness.BadArgument), herr.Code)
	assert.Contains(t, herr.Message, "gonn_use_kernels: enable must be 0 or 1")
	_, err = e.Version()
	require.NoError(t, err, "the engine stays usable")
}

// TestKernels_StubsTrapOnlyWhenCalled: an engine without a kernel module
// trains with its Go loops; only asking it to use the kernels reaches a
// stub, which traps.
func TestKernels_StubsTrapOnlyWhenCalled(t *testing.T) {
	e := newEngineWith(t, harness.WithoutKernels())
	x, y := randomExamples(16, []int{784}, 10)
	trainHash(t, e, smallMLPSpec, x, []int{16, 784}, y, 10)
	err := e.UseKernels(true)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no kernel module is linked")
}

// requireSameBits fails unless want and got hold the same float32 bits,
// naming the first element that differs.
func requireSameBits(t *testing.T, want, got []float32, format string, args ...any) {
	t.Helper()
	require.Len(t, got, len(want), append([]any{format}, args...)...)
	for i := range want {
		if math.Float32bits(want[i]) != math.Float32bits(got[i]) {
			t.Fatalf("%s: element %d is %v, want %v", fmt.Sprintf(format, args...), i, got[i], want[i])
		}
	}
}
