package layers_test

import (
	"hash/fnv"
	"math"
	"testing"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bars returns n 8×8 one-channel images, each a horizontal or a vertical
// bar at a random place on a noisy background, and one-hot labels.
func bars(n int) (x, y *tensor.Tensor) {
	r := rng.New(5)
	x, y = tensor.New(n, 8, 8, 1), tensor.New(n, 2)
	for i := range n {
		img := x.Data[i*64 : (i+1)*64]
		for j := range img {
			img[j] = float32(0.2 * r.Float64())
		}
		vertical, at := r.Intn(2), r.Intn(8)
		for j := range 8 {
			if vertical == 1 {
				img[j*8+at] = 1
			} else {
				img[at*8+j] = 1
			}
		}
		y.Data[i*2+vertical] = 1
	}
	return x, y
}

// convNet is a small CNN of every layer of this family, in the order a
// model would use them.
func convNet() *nn.Sequential {
	same := layers.DefaultConvConfig()
	same.Filters, same.KernelSize, same.Strides, same.Padding, same.Activation = 6, layers.Tuple{3}, layers.Tuple{2}, "same", "relu"
	return nn.NewSequential(
		layers.NewInput(8, 8, 1),
		layers.NewZeroPadding2D(1, 1),
		layers.NewConv2D(4, 3, "relu"),             // (8, 8, 4)
		layers.NewConv2DWith(same),                 // (4, 4, 6)
		layers.NewConv2DTranspose(3, 2, 2, "relu"), // (8, 8, 3)
		layers.NewReshape(64, 3),                   // a sequence of 64 steps
		layers.NewConv1D(4, 5, "relu"),             // (60, 4)
		layers.NewFlatten(),
		layers.NewDense(2, "softmax"),
	)
}

// TestConv_TrainsInModel: the layers train inside a Sequential (the path
// the wasm engine takes too), and training twice from the same seed gives
// the same weights, bit for bit.
func TestConv_TrainsInModel(t *testing.T) {
	train := func() (*nn.Sequential, *nn.History) { return trainConvNet(t, 256, 12) }
	m, hist := train()
	acc := hist.History["accuracy"]
	t.Logf("loss %v, accuracy %v", hist.History["loss"], acc)
	assert.GreaterOrEqual(t, acc[len(acc)-1], 0.95)

	again, _ := train()
	require.Len(t, again.Weights(), len(m.Weights()))
	for i, w := range m.Weights() {
		for j, v := range w.Data() {
			if math.Float32bits(v) != math.Float32bits(again.Weights()[i].Data()[j]) {
				t.Fatalf("%s element %d differs between two runs", w.Name, j)
			}
		}
	}
}

// TestConv_Summary: names, output shapes and parameter counts as Keras'
// model.summary() prints them for mnist_cnn's convolutions.
func TestConv_Summary(t *testing.T) {
	m := nn.NewSequential(
		layers.NewInput(28, 28, 1),
		layers.NewConv2D(32, 3, "relu"),
		layers.NewConv2D(64, 3, "relu"),
		layers.NewConv2DTranspose(8, 3, 2, ""),
		layers.NewZeroPadding2D(1, 2),
		layers.NewFlatten(),
		layers.NewDense(10, "softmax"),
	)
	require.NoError(t, m.Build())
	s, err := m.Summary()
	require.NoError(t, err)
	for _, line := range []string{
		"conv2d (Conv2D)", "(None, 26, 26, 32)", "320",
		"conv2d_1 (Conv2D)", "(None, 24, 24, 64)", "18496",
		"conv2d_transpose (Conv2DTranspose)", "(None, 49, 49, 8)", "4616", // 3·3·8·64 + 8
		"zero_padding2d (ZeroPadding2D)", "(None, 51, 53, 8)",
	} {
		assert.Contains(t, s, line)
	}
}

// trainConvNet trains convNet from seed 3 on n bar images for the given
// epochs, in batches of 16.
func trainConvNet(t *testing.T, n, epochs int) (*nn.Sequential, *nn.History) {
	t.Helper()
	x, y := bars(n)
	m := convNet()
	m.SetSeed(3)
	loss, err := losses.Get("categorical_crossentropy")
	require.NoError(t, err)
	require.NoError(t, m.Compile(optimizers.NewAdam(), loss, "accuracy"))
	hist, err := m.Fit(x, y, nn.FitConfig{Epochs: epochs, BatchSize: 16})
	require.NoError(t, err)
	return m, hist
}

// TestConv_WeightHash compares the FNV-64a hash of the weights' bits after
// a few training steps with a recorded value, so that the suite run as
// arm64 (GOARCH=arm64 go test -exec qemu-aarch64-static) checks the
// convolutions' bits across architectures. A change of the value is a
// change of gonn's numbers: record the new one only when that is intended.
func TestConv_WeightHash(t *testing.T) {
	const want = 0x7614de63fec8107f
	m, _ := trainConvNet(t, 64, 2)
	h := fnv.New64a()
	for _, w := range m.Weights() {
		for _, v := range w.Data() {
			b := math.Float32bits(v)
			h.Write([]byte{byte(b), byte(b >> 8), byte(b >> 16), byte(b >> 24)})
		}
	}
	assert.Equal(t, uint64(want), h.Sum64(), "weight hash")
}
