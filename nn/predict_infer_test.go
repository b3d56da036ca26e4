package nn_test

import (
	"math"
	"testing"

	"gonn/nn"
	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/require"
)

// graphForward runs m's layers on the autodiff graph in inference mode, as
// every forward pass ran before inference had its own path: the reference
// that Predict, Evaluate and Call(training=false) must match bit for bit.
func graphForward(m *nn.Sequential, x *tensor.Tensor) *ag.Var {
	ctx := &layers.Context{Training: false, Rand: m.Rand()}
	v := ag.Const(x)
	var mask *tensor.Tensor
	for _, l := range m.Layers {
		v, mask = layers.CallWithMask(ctx, l, v, mask)
	}
	return v
}

// TestPredict_MatchesGraph: Predict, Call(training=false) and Evaluate
// give the bits of the graph forward pass, for mnist_cnn, an MLP, a
// BatchNormalization convnet and a masked recurrent net, after a few
// training steps (so biases and moving statistics are not their initial
// values).
func TestPredict_MatchesGraph(t *testing.T) {
	bnConv := func() *nn.Sequential {
		return nn.NewSequential(layers.NewInput(9, 9, 2), layers.NewConv2D(4, 3, "linear"),
			layers.NewBatchNormalization(), layers.NewActivation("relu"), layers.NewAveragePooling2D(2, 2),
			layers.NewFlatten(), layers.NewDense(10, "softmax"))
	}
	maskedRNN := func() *nn.Sequential {
		e := layers.NewEmbedding(20, 6)
		e.MaskZero = true
		return nn.NewSequential(layers.NewInput(8), e, layers.NewGRU(5), layers.NewDense(10, "softmax"))
	}
	mlp := func() *nn.Sequential {
		return nn.NewSequential(layers.NewInput(20), layers.NewDense(16, "relu"), layers.NewDropout(0.3), layers.NewDense(10, "softmax"))
	}
	tests := []struct {
		name  string
		model func() *nn.Sequential
		input []int
		ids   int // > 0: inputs are ids below this
	}{
		{"mnist_cnn", mnistCNN, []int{28, 28, 1}, 0},
		{"mlp", mlp, []int{20}, 0},
		{"conv with batch norm", bnConv, []int{9, 9, 2}, 0},
		{"embedding(mask_zero) and GRU", maskedRNN, []int{8}, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := tensor.New(append([]int{6}, tt.input...)...), tensor.New(6, 10)
			fill(x, tt.ids)
			for i := range 6 {
				y.Data[i*10+i%10] = 1
			}
			m := tt.model()
			m.SetSeed(4)
			require.NoError(t, m.Compile(optimizers.NewAdam(), losses.CategoricalCrossentropy{}))
			for range 2 {
				_, _, err := m.TrainOnBatch(x, y)
				require.NoError(t, err)
			}

			want := graphForward(m, x)
			pred, err := m.Predict(x, 4) // two batches, the second short
			require.NoError(t, err)
			require.Equal(t, bitsOf(want.Data()), bitsOf(pred.Data), "Predict")
			called, err := m.Call(x, false)
			require.NoError(t, err)
			require.Equal(t, bitsOf(want.Data()), bitsOf(called.Data), "Call")

			logs, err := m.Evaluate(x, y, 6)
			require.NoError(t, err)
			loss := losses.CategoricalCrossentropy{}.Call(y, want).Data()[0]
			require.Equal(t, float64(loss), logs["loss"], "Evaluate's loss")
		})
	}
}

// fill sets x to values in [-1, 1) from a fixed sequence, or to integer
// ids in [0, ids) when ids > 0 (0, the padding id, among them).
func fill(x *tensor.Tensor, ids int) {
	for i := range x.Data {
		v := math.Mod(float64(i)*0.7548776662, 1)
		if ids > 0 {
			x.Data[i] = float32(int(v * float64(ids)))
		} else {
			x.Data[i] = float32(2*v - 1)
		}
	}
}

func bitsOf(x []float32) []uint32 {
	b := make([]uint32, len(x))
	for i, v := range x {
		b[i] = math.Float32bits(v)
	}
	return b
}
