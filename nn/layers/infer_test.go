package layers_test

import (
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInference_MatchesGraph: every layer gives the same bits on a no-grad
// batch (Predict's path: fused ops, no backward rules) as on the graph, in
// inference mode, on random inputs and random weights (biases and moving
// statistics included). A case is a chain of layers, so that masks pass
// from Embedding and Masking to the recurrent layers as in a model.
func TestInference_MatchesGraph(t *testing.T) {
	conv := func(rank int, filters, kernel, stride, dilation int, padding, act string, bias bool) func() layers.Layer {
		return func() layers.Layer {
			cfg := layers.DefaultConvConfig()
			cfg.Filters, cfg.KernelSize, cfg.Padding, cfg.Activation, cfg.UseBias = filters, layers.Tuple{kernel}, padding, act, bias
			cfg.Strides, cfg.DilationRate = layers.Tuple{stride}, layers.Tuple{dilation}
			if rank == 1 {
				return layers.NewConv1DWith(cfg)
			}
			return layers.NewConv2DWith(cfg)
		}
	}
	dense := func(units int, act string, bias bool) func() layers.Layer {
		return func() layers.Layer {
			cfg := layers.DefaultDenseConfig()
			cfg.Units, cfg.Activation, cfg.UseBias = units, act, bias
			return layers.NewDenseWith(cfg)
		}
	}
	pool := func(make func(layers.PoolingConfig) *layers.Pooling, size []int, strides []int, padding string) func() layers.Layer {
		return func() layers.Layer {
			return make(layers.PoolingConfig{PoolSize: size, Strides: strides, Padding: padding})
		}
	}
	of := func(l layers.Layer) func() layers.Layer { return func() layers.Layer { return l } }
	maskedEmbedding := func() layers.Layer {
		e := layers.NewEmbedding(7, 5)
		e.MaskZero = true
		return e
	}
	tests := []struct {
		name  string
		chain []func() layers.Layer
		input []int // one example
		ids   int   // > 0: the input holds integer ids below this
	}{
		{"Dense relu", []func() layers.Layer{dense(7, "relu", true)}, []int{13}, 0},
		{"Dense linear", []func() layers.Layer{dense(7, "linear", true)}, []int{13}, 0},
		{"Dense softmax", []func() layers.Layer{dense(10, "softmax", true)}, []int{9}, 0},
		{"Dense tanh, no bias", []func() layers.Layer{dense(4, "tanh", false)}, []int{6}, 0},
		{"Dense relu on (steps, features)", []func() layers.Layer{dense(3, "relu", true)}, []int{4, 5}, 0},
		{"Conv2D relu valid", []func() layers.Layer{conv(2, 6, 3, 1, 1, "valid", "relu", true)}, []int{9, 8, 3}, 0},
		{"Conv2D same stride 2", []func() layers.Layer{conv(2, 4, 3, 2, 1, "same", "relu", true)}, []int{9, 8, 2}, 0},
		{"Conv2D same dilated sigmoid", []func() layers.Layer{conv(2, 3, 3, 1, 2, "same", "sigmoid", true)}, []int{8, 8, 2}, 0},
		{"Conv2D linear no bias", []func() layers.Layer{conv(2, 5, 2, 1, 1, "valid", "linear", false)}, []int{6, 7, 1}, 0},
		{"Conv1D valid", []func() layers.Layer{conv(1, 4, 3, 1, 1, "valid", "relu", true)}, []int{12, 3}, 0},
		{"Conv1D same stride 2", []func() layers.Layer{conv(1, 4, 4, 2, 1, "same", "linear", true)}, []int{11, 2}, 0},
		{"Conv1D causal dilated", []func() layers.Layer{conv(1, 3, 2, 1, 3, "causal", "relu", true)}, []int{10, 2}, 0},
		{"Conv2DTranspose", []func() layers.Layer{of(layers.NewConv2DTranspose(3, 3, 2, "relu"))}, []int{4, 5, 2}, 0},
		{"MaxPooling2D", []func() layers.Layer{pool(layers.NewMaxPooling2DWith, []int{2, 2}, nil, "valid")}, []int{8, 6, 3}, 0},
		{"MaxPooling2D 3x3 same", []func() layers.Layer{pool(layers.NewMaxPooling2DWith, []int{3, 3}, []int{2, 2}, "same")}, []int{7, 7, 2}, 0},
		{"AveragePooling2D same", []func() layers.Layer{pool(layers.NewAveragePooling2DWith, []int{2, 2}, nil, "same")}, []int{5, 7, 3}, 0},
		{"MaxPooling1D", []func() layers.Layer{pool(layers.NewMaxPooling1DWith, []int{2}, nil, "valid")}, []int{9, 4}, 0},
		{"AveragePooling1D same", []func() layers.Layer{pool(layers.NewAveragePooling1DWith, []int{3}, []int{2}, "same")}, []int{9, 4}, 0},
		{"GlobalMaxPooling2D", []func() layers.Layer{of(layers.NewGlobalMaxPooling2D())}, []int{5, 4, 3}, 0},
		{"GlobalAveragePooling1D", []func() layers.Layer{of(layers.NewGlobalAveragePooling1D())}, []int{6, 3}, 0},
		{"BatchNormalization", []func() layers.Layer{of(layers.NewBatchNormalization())}, []int{5, 4, 3}, 0},
		{"Dropout", []func() layers.Layer{of(layers.NewDropout(0.5))}, []int{12}, 0},
		{"Flatten", []func() layers.Layer{of(layers.NewFlatten())}, []int{3, 4, 2}, 0},
		{"Activation softmax", []func() layers.Layer{of(layers.NewActivation("softmax"))}, []int{7}, 0},
		{"LeakyReLU", []func() layers.Layer{of(layers.NewLeakyReLU(0.3))}, []int{8}, 0},
		{"ZeroPadding2D", []func() layers.Layer{of(layers.NewZeroPadding2D(1, 2))}, []int{3, 3, 2}, 0},
		{"UpSampling2D", []func() layers.Layer{of(layers.NewUpSampling2D(2, 3))}, []int{3, 2, 2}, 0},
		{"Embedding", []func() layers.Layer{of(layers.NewEmbedding(11, 4))}, []int{6}, 11},
		{"SimpleRNN", []func() layers.Layer{of(layers.NewSimpleRNN(5))}, []int{6, 3}, 0},
		{"LSTM", []func() layers.Layer{of(layers.NewLSTM(4))}, []int{5, 3}, 0},
		{"GRU", []func() layers.Layer{of(layers.NewGRU(4))}, []int{5, 3}, 0},
		{"Embedding(mask_zero) then LSTM", []func() layers.Layer{maskedEmbedding, of(layers.NewLSTM(3))}, []int{7}, 7},
		{"Bidirectional GRU", []func() layers.Layer{of(layers.NewBidirectional(layers.NewGRU(3), "concat"))}, []int{4, 2}, 0},
		{"TimeDistributed Dense", []func() layers.Layer{of(layers.NewTimeDistributed(layers.NewDense(3, "relu")))}, []int{4, 5}, 0},
		{"RepeatVector", []func() layers.Layer{of(layers.NewRepeatVector(3))}, []int{4}, 0},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chain := make([]layers.Layer, len(tt.chain))
			shape := tt.input
			for k, mk := range tt.chain {
				chain[k] = mk()
				shape = build(t, chain[k], shape...)
				randomizeWeights(chain[k], uint64(10*i+k))
			}
			x := agtest.Rand(uint64(i+1), -2, 2, append([]int{3}, tt.input...)...)
			if tt.ids > 0 {
				for j, v := range x.Data {
					x.Data[j] = float32(int(math.Abs(float64(v))*100) % tt.ids)
				}
			}
			want := runChain(chain, ag.Const(x))
			got := runChain(chain, ag.NoGrad(x))
			require.Equal(t, want.Shape(), got.Shape())
			require.Equal(t, bitsOf(want.Data()), bitsOf(got.Data()))
			assert.True(t, got.IsNoGrad())
			assert.False(t, got.RequiresGrad())
		})
	}
}

// runChain calls the layers in inference mode, passing masks along.
func runChain(chain []layers.Layer, x *ag.Var) *ag.Var {
	ctx := &layers.Context{Training: false, Rand: rng.New(3)}
	var mask *tensor.Tensor
	for _, l := range chain {
		x, mask = layers.CallWithMask(ctx, l, x, mask)
	}
	return x
}

// randomizeWeights gives every weight of l values drawn from seed: non-zero
// biases, and moving variances kept positive.
func randomizeWeights(l layers.Layer, seed uint64) {
	for j, w := range l.Weights() {
		lo := float32(-1)
		if len(w.Name) >= len("moving_variance") && w.Name[len(w.Name)-len("moving_variance"):] == "moving_variance" {
			lo = 0.1
		}
		copy(w.Data(), agtest.Rand(seed*7+uint64(j), lo, 1, w.Shape()...).Data)
	}
}
