package layers_test

import (
	"encoding/json"
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/initializers"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// convWith, strides and same write configs in one line for the tables below.
func convWith(filters int, kernel layers.Tuple, edit func(*layers.ConvConfig)) layers.ConvConfig {
	cfg := layers.DefaultConvConfig()
	cfg.Filters, cfg.KernelSize = filters, kernel
	if edit != nil {
		edit(&cfg)
	}
	return cfg
}

func strides(s ...int) func(*layers.ConvConfig) {
	return func(c *layers.ConvConfig) { c.Strides = s }
}

func same(s ...int) func(*layers.ConvConfig) {
	return func(c *layers.ConvConfig) { c.Padding, c.Strides = "same", s }
}

// TestConv_Shapes: output and kernel shapes as Keras' model.summary() and
// layer.kernel.shape give them.
func TestConv_Shapes(t *testing.T) {
	tests := []struct {
		name   string
		layer  layers.Layer
		in     []int
		out    []int
		kernel []int
	}{
		{"mnist_cnn conv2d", layers.NewConv2D(32, 3, "relu"), []int{28, 28, 1}, []int{26, 26, 32}, []int{3, 3, 1, 32}},
		{"mnist_cnn conv2d_1", layers.NewConv2D(64, 3, "relu"), []int{26, 26, 32}, []int{24, 24, 64}, []int{3, 3, 32, 64}},
		{"same", layers.NewConv2DWith(convWith(8, layers.Tuple{3}, same(1))), []int{28, 28, 3}, []int{28, 28, 8}, []int{3, 3, 3, 8}},
		{"same stride 2 on 7×7", layers.NewConv2DWith(convWith(4, layers.Tuple{3, 3}, same(2))), []int{7, 7, 2}, []int{4, 4, 4}, []int{3, 3, 2, 4}},
		{"same stride 2 on 8×5, k4", layers.NewConv2DWith(convWith(4, layers.Tuple{4}, same(2))), []int{8, 5, 2}, []int{4, 3, 4}, []int{4, 4, 2, 4}},
		{"valid stride 2, k5", layers.NewConv2DWith(convWith(6, layers.Tuple{5}, strides(2))), []int{28, 28, 1}, []int{12, 12, 6}, []int{5, 5, 1, 6}},
		{"strides (2, 1)", layers.NewConv2DWith(convWith(6, layers.Tuple{3}, strides(2, 1))), []int{9, 9, 1}, []int{4, 7, 6}, []int{3, 3, 1, 6}},
		{"dilation 2", layers.NewConv2DWith(convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) { c.DilationRate = layers.Tuple{2} })), []int{10, 9, 1}, []int{6, 5, 2}, []int{3, 3, 1, 2}},
		{"kernel (3, 5)", layers.NewConv2DWith(convWith(2, layers.Tuple{3, 5}, nil)), []int{10, 12, 3}, []int{8, 8, 2}, []int{3, 5, 3, 2}},
		{"Conv1D", layers.NewConv1D(64, 3, "relu"), []int{100, 16}, []int{98, 64}, []int{3, 16, 64}},
		{"Conv1D causal dilation 2", layers.NewConv1DWith(convWith(5, layers.Tuple{3}, func(c *layers.ConvConfig) {
			c.Padding, c.DilationRate = "causal", layers.Tuple{2}
		})), []int{10, 4}, []int{10, 5}, []int{3, 4, 5}},
		{"Conv1D same stride 2 on 9", layers.NewConv1DWith(convWith(3, layers.Tuple{4}, same(2))), []int{9, 1}, []int{5, 3}, []int{4, 1, 3}},
		{"Conv2DTranspose valid s2", layers.NewConv2DTranspose(16, 3, 2, ""), []int{7, 7, 8}, []int{15, 15, 16}, []int{3, 3, 16, 8}},
		{"Conv2DTranspose valid s1", layers.NewConv2DTranspose(4, 3, 1, ""), []int{5, 6, 2}, []int{7, 8, 4}, []int{3, 3, 4, 2}},
		{"Conv2DTranspose same s2", layers.NewConv2DTransposeWith(convWith(16, layers.Tuple{3}, same(2))), []int{7, 7, 8}, []int{14, 14, 16}, []int{3, 3, 16, 8}},
		{"Conv2DTranspose same s2, k4", layers.NewConv2DTransposeWith(convWith(2, layers.Tuple{4}, same(2))), []int{7, 5, 1}, []int{14, 10, 2}, []int{4, 4, 2, 1}},
		{"Conv2DTranspose k2 < s3", layers.NewConv2DTranspose(2, 2, 3, ""), []int{4, 4, 1}, []int{12, 12, 2}, []int{2, 2, 2, 1}},
		{"Conv2DTranspose same, output_padding 1", layers.NewConv2DTransposeWith(convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) {
			c.Padding, c.Strides, c.OutputPadding = "same", layers.Tuple{2}, layers.Tuple{1}
		})), []int{7, 7, 1}, []int{14, 14, 2}, []int{3, 3, 2, 1}},
		{"Conv2DTranspose valid, output_padding (1, 0)", layers.NewConv2DTransposeWith(convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) {
			c.Strides, c.OutputPadding = layers.Tuple{2}, layers.Tuple{1, 0}
		})), []int{7, 7, 1}, []int{16, 15, 2}, []int{3, 3, 2, 1}},
		{"ZeroPadding2D 1", layers.NewZeroPadding2D(1, 1), []int{28, 28, 1}, []int{30, 30, 1}, nil},
		{"ZeroPadding2D ((1, 2), (3, 4))", layers.NewZeroPadding2DWith(layers.ZeroPadding2DConfig{Padding: layers.Padding2D{{1, 2}, {3, 4}}}), []int{5, 6, 2}, []int{8, 13, 2}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.out, build(t, tt.layer, tt.in...))
			if tt.kernel != nil {
				require.Len(t, tt.layer.Weights(), 2)
				assert.Equal(t, tt.kernel, tt.layer.Weights()[0].Shape())
				assert.Equal(t, []int{tt.out[len(tt.out)-1]}, tt.layer.Weights()[1].Shape(), "bias")
			}
			y := tt.layer.Call(inference(), ag.Const(data(append([]int{2}, tt.in...)...)))
			assert.Equal(t, append([]int{2}, tt.out...), y.Shape())
		})
	}
}

// naiveConv is a convolution straight from the formula, in float64, for a
// layer's weights: 2-D x (N, H, W, C) and kernel (KH, KW, C, F) (a 1-D
// layer's are given one pixel high), zeros pt rows above and pl columns to
// the left, an oh×ow output:
//
//	out[n,oy,ox,f] = bias[f] + Σ_{ky,kx,c} x[n, oy·sh−pt+ky·dh, ox·sw−pl+kx·dw, c]·k[ky,kx,c,f]
func naiveConv(x, k, bias []float32, xs, ks []int, sh, sw, dh, dw, pt, pl, oh, ow int) []float64 {
	n, h, w, c := xs[0], xs[1], xs[2], xs[3]
	kh, kw, f := ks[0], ks[1], ks[3]
	out := make([]float64, n*oh*ow*f)
	for b := range n {
		for oy := range oh {
			for ox := range ow {
				for o := range f {
					s := float64(bias[o])
					for ky := range kh {
						for kx := range kw {
							iy, ix := oy*sh-pt+ky*dh, ox*sw-pl+kx*dw
							if iy < 0 || iy >= h || ix < 0 || ix >= w {
								continue
							}
							for ci := range c {
								s += float64(x[((b*h+iy)*w+ix)*c+ci]) * float64(k[((ky*kw+kx)*c+ci)*f+o])
							}
						}
					}
					out[((b*oh+oy)*ow+ox)*f+o] = s
				}
			}
		}
	}
	return out
}

// naiveConvTranspose is the transposed convolution straight from its
// definition, in float64: input pixel (iy, ix) adds x[n,iy,ix,c]·k[ky,kx,f,c]
// to output pixel (iy·sh−pt+ky, ix·sw−pl+kx) when it lies in the oh×ow output.
func naiveConvTranspose(x, k, bias []float32, xs, ks []int, sh, sw, pt, pl, oh, ow int) []float64 {
	n, h, w, c := xs[0], xs[1], xs[2], xs[3]
	kh, kw, f := ks[0], ks[1], ks[2]
	out := make([]float64, n*oh*ow*f)
	for i := range out {
		out[i] = float64(bias[i%f])
	}
	for b := range n {
		for iy := range h {
			for ix := range w {
				for ky := range kh {
					for kx := range kw {
						oy, ox := iy*sh-pt+ky, ix*sw-pl+kx
						if oy < 0 || oy >= oh || ox < 0 || ox >= ow {
							continue
						}
						for o := range f {
							for ci := range c {
								out[((b*oh+oy)*ow+ox)*f+o] += float64(x[((b*h+iy)*w+ix)*c+ci]) * float64(k[((ky*kw+kx)*f+o)*c+ci])
							}
						}
					}
				}
			}
		}
	}
	return out
}

// randomWeights gives l's weights random values (so biases are not zero).
func randomWeights(l layers.Layer) {
	for i, w := range l.Weights() {
		copy(w.Data(), agtest.Rand(uint64(100+i), -1, 1, w.Shape()...).Data)
	}
}

func assertNear(t *testing.T, want []float64, got []float32, tol float64, msg string) {
	t.Helper()
	require.Len(t, got, len(want), msg)
	for i := range want {
		if math.Abs(want[i]-float64(got[i])) > tol {
			assert.Failf(t, "value differs", "%s: element %d: got %g, want %g", msg, i, got[i], want[i])
			return
		}
	}
}

// TestConv_Forward: each layer, weights and bias included, against the
// formula, with the padding Keras picks (TensorFlow's "same": the odd zero
// after; "causal": all zeros before).
func TestConv_Forward(t *testing.T) {
	tests := []struct {
		name                   string
		layer                  *layers.Conv
		in                     []int // example shape
		sh, sw, dh, dw, pt, pl int   // geometry as a 2-D convolution
	}{
		{"Conv2D valid", layers.NewConv2D(3, 3, ""), []int{5, 6, 2}, 1, 1, 1, 1, 0, 0},
		{"Conv2D same k4 stride 2", layers.NewConv2DWith(convWith(2, layers.Tuple{4, 3}, same(2))), []int{7, 6, 3}, 2, 2, 1, 1, 1, 0},
		{"Conv2D same dilation 2", layers.NewConv2DWith(convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) {
			c.Padding, c.DilationRate = "same", layers.Tuple{2, 1}
		})), []int{6, 5, 1}, 1, 1, 2, 1, 2, 1},
		{"Conv1D valid stride 2", layers.NewConv1DWith(convWith(3, layers.Tuple{3}, strides(2))), []int{9, 2}, 1, 2, 1, 1, 0, 0},
		{"Conv1D causal dilation 2", layers.NewConv1DWith(convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) {
			c.Padding, c.DilationRate = "causal", layers.Tuple{2}
		})), []int{8, 3}, 1, 1, 1, 2, 0, 4},
		{"Conv1D same k4", layers.NewConv1DWith(convWith(2, layers.Tuple{4}, same(1))), []int{6, 2}, 1, 1, 1, 1, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := build(t, tt.layer, tt.in...)
			randomWeights(tt.layer)
			x := agtest.Rand(1, -1, 1, append([]int{2}, tt.in...)...)
			y := tt.layer.Call(inference(), ag.Const(x))
			xs, ks := append([]int{2}, tt.in...), tt.layer.Weights()[0].Shape()
			oh, ow := 1, out[0]
			if len(tt.in) == 3 {
				oh, ow = out[0], out[1]
			} else { // one pixel high
				xs, ks = []int{2, 1, tt.in[0], tt.in[1]}, append([]int{1}, ks...)
			}
			want := naiveConv(x.Data, tt.layer.Weights()[0].Data(), tt.layer.Weights()[1].Data(), xs, ks, tt.sh, tt.sw, tt.dh, tt.dw, tt.pt, tt.pl, oh, ow)
			assertNear(t, want, y.Data(), 1e-4, tt.name)
		})
	}
}

// TestConv2DTranspose_Forward: the layer against the scatter formula, and
// against its definition in TensorFlow: the gradient, with respect to its
// input, of a Conv2D whose input has the transposed layer's output shape
// and whose padding is Keras' for that shape.
func TestConv2DTranspose_Forward(t *testing.T) {
	tests := []struct {
		name   string
		cfg    layers.ConvConfig
		in     []int
		pt, pl int // zeros above and to the left in the Conv2D it transposes
	}{
		{"valid s2", convWith(3, layers.Tuple{3}, strides(2)), []int{4, 5, 2}, 0, 0},
		{"valid k2 < s3", convWith(2, layers.Tuple{2}, strides(3)), []int{3, 3, 2}, 0, 0},
		{"same s2", convWith(2, layers.Tuple{3}, same(2)), []int{4, 3, 1}, 0, 0},
		{"same s2 k4", convWith(2, layers.Tuple{4}, same(2)), []int{3, 4, 2}, 1, 1},
		{"same s1 k3", convWith(2, layers.Tuple{3, 2}, same(1)), []int{4, 4, 2}, 1, 0},
		{"same s2 output_padding 1", convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) {
			c.Padding, c.Strides, c.OutputPadding = "same", layers.Tuple{2}, layers.Tuple{1}
		}), []int{3, 3, 1}, 0, 0}, // output 6: (3−1)·2 + 3 mod 2 + 1; SamePadding(6, 3, 2) = (0, 1)
		{"valid s2 output_padding 1", convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) {
			c.Strides, c.OutputPadding = layers.Tuple{2}, layers.Tuple{1}
		}), []int{3, 2, 2}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := layers.NewConv2DTransposeWith(tt.cfg)
			out := build(t, l, tt.in...)
			randomWeights(l)
			kernel, bias := l.Weights()[0], l.Weights()[1]
			x := agtest.Rand(1, -1, 1, append([]int{2}, tt.in...)...)
			y := l.Call(inference(), ag.Const(x))
			s := []int(tt.cfg.Strides)
			if len(s) == 1 {
				s = []int{s[0], s[0]}
			}
			want := naiveConvTranspose(x.Data, kernel.Data(), bias.Data(), x.Shape, kernel.Shape(), s[0], s[1], tt.pt, tt.pl, out[0], out[1])
			assertNear(t, want, y.Data(), 1e-4, "scatter formula")

			// TensorFlow's definition: conv2d_backprop_input.
			p := ag.ConvParams{StrideH: s[0], StrideW: s[1]}
			if tt.cfg.Padding == "same" {
				p.PadTop, p.PadBottom = ag.SamePadding(out[0], kernel.Shape()[0], s[0], 1)
				p.PadLeft, p.PadRight = ag.SamePadding(out[1], kernel.Shape()[1], s[1], 1)
			}
			img := ag.Param(tensor.New(2, out[0], out[1], tt.cfg.Filters), "img")
			ag.BackwardFrom(ag.Conv2D(img, ag.Const(kernel.Value), p), x)
			for i := range img.Grad.Data {
				img.Grad.Data[i] += bias.Data()[i%tt.cfg.Filters]
			}
			assert.InDeltaSlice(t, img.Grad.Data, y.Data(), 1e-5, "gradient of Conv2D")
		})
	}
}

// checkConvGrad checks by finite differences the gradient of c's output
// with respect to x, the kernel and the bias.
func checkConvGrad(t *testing.T, c *layers.Conv, x *tensor.Tensor) {
	t.Helper()
	inputs := []*tensor.Tensor{x}
	for _, w := range c.Weights() {
		inputs = append(inputs, w.Value)
	}
	agtest.CheckGrad(t, agtest.Default, func(in []*ag.Var) *ag.Var {
		defer layers.SwapConvWeights(c, in[1:])()
		return c.Call(inference(), in[0])
	}, inputs...)
}

// TestConv_Grad checks every layer and parameter combination by finite
// differences, with agtest.Default: the convolution is bilinear in x and
// the kernel, so the central difference has no truncation error, and the
// float32 rounding of L = Σ w·y (≈ 6e-8·|L|/h with |L| < 20 here) stays
// two orders of magnitude under Atol 2e-3; tanh is smooth with derivatives
// below 1, which keeps the same bound.
func TestConv_Grad(t *testing.T) {
	tests := []struct {
		name string
		l    *layers.Conv
		in   []int
	}{
		{"Conv2D valid 1 channel", layers.NewConv2D(2, 3, ""), []int{5, 5, 1}},
		{"Conv2D tanh kernel (2, 3)", layers.NewConv2DWith(convWith(3, layers.Tuple{2, 3}, func(c *layers.ConvConfig) { c.Activation = "tanh" })), []int{4, 5, 2}},
		{"Conv2D same stride 2", layers.NewConv2DWith(convWith(2, layers.Tuple{3}, same(2))), []int{5, 6, 2}},
		{"Conv2D same k4", layers.NewConv2DWith(convWith(2, layers.Tuple{4}, same(1))), []int{4, 5, 1}},
		{"Conv2D dilation 2", layers.NewConv2DWith(convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) { c.DilationRate = layers.Tuple{2} })), []int{6, 5, 2}},
		{"Conv2D no bias", layers.NewConv2DWith(convWith(2, layers.Tuple{2}, func(c *layers.ConvConfig) { c.UseBias = false })), []int{3, 3, 3}},
		{"Conv1D valid", layers.NewConv1D(3, 3, ""), []int{7, 2}},
		{"Conv1D causal dilation 2", layers.NewConv1DWith(convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) {
			c.Padding, c.DilationRate = "causal", layers.Tuple{2}
		})), []int{7, 2}},
		{"Conv1D same stride 2", layers.NewConv1DWith(convWith(2, layers.Tuple{4}, same(2))), []int{9, 3}},
		{"Conv2DTranspose valid s2", layers.NewConv2DTranspose(2, 3, 2, ""), []int{3, 4, 2}},
		{"Conv2DTranspose same s2 tanh", layers.NewConv2DTransposeWith(convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) {
			c.Padding, c.Strides, c.Activation = "same", layers.Tuple{2}, "tanh"
		})), []int{3, 3, 2}},
		{"Conv2DTranspose k2 < s3", layers.NewConv2DTranspose(2, 2, 3, ""), []int{2, 3, 1}},
		{"Conv2DTranspose output_padding", layers.NewConv2DTransposeWith(convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) {
			c.Padding, c.Strides, c.OutputPadding = "same", layers.Tuple{2}, layers.Tuple{1, 0}
		})), []int{3, 2, 2}},
		{"Conv2DTranspose dilation 2 no bias", layers.NewConv2DTransposeWith(convWith(2, layers.Tuple{2}, func(c *layers.ConvConfig) {
			c.DilationRate, c.UseBias = layers.Tuple{2}, false
		})), []int{3, 3, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			build(t, tt.l, tt.in...)
			randomWeights(tt.l)
			checkConvGrad(t, tt.l, data(append([]int{2}, tt.in...)...))
		})
	}
}

func TestConv_InitOrder(t *testing.T) {
	cfg := convWith(4, layers.Tuple{3, 2}, nil)
	cfg.KernelInitializer = initializers.HeNormal{}
	cfg.BiasInitializer = initializers.RandomUniform{Minval: -1, Maxval: 1}
	c := layers.NewConv2DWith(cfg)
	c.SetName("conv2d_3")
	build(t, c, 5, 5, 3)
	r := rng.New(1)
	// Keras' fans of a (3, 2, 3, 4) kernel: in 3·2·3 = 18, out 4·2·3 = 24.
	kernel := initializers.HeNormal{}.Init(r, []int{3, 2, 3, 4}, 18, 24)
	bias := initializers.RandomUniform{Minval: -1, Maxval: 1}.Init(r, []int{4}, 4, 4)
	ws := c.Weights()
	assert.Equal(t, kernel.Data, ws[0].Data())
	assert.Equal(t, bias.Data, ws[1].Data())
	assert.Equal(t, "conv2d_3/kernel", ws[0].Name)
	assert.Equal(t, "conv2d_3/bias", ws[1].Name)
	assert.True(t, ws[0].RequiresGrad())
}

// TestConv_KerasDefaults: Config of the short constructors is what Keras'
// get_config gives for the same call.
func TestConv_KerasDefaults(t *testing.T) {
	glorot := map[string]any{"class_name": "GlorotUniform", "config": map[string]any{"seed": nil}}
	zeros := map[string]any{"class_name": "Zeros", "config": map[string]any{}}
	conv := func(kernel, strides, dilation []int, activation string) map[string]any {
		return map[string]any{
			"filters": 32, "kernel_size": kernel, "strides": strides, "padding": "valid",
			"data_format": "channels_last", "dilation_rate": dilation, "activation": activation, "use_bias": true,
			"kernel_initializer": glorot, "bias_initializer": zeros,
			"kernel_regularizer": nil, "bias_regularizer": nil, "activity_regularizer": nil,
			"kernel_constraint": nil, "bias_constraint": nil,
		}
	}
	conv2D := conv([]int{3, 3}, []int{1, 1}, []int{1, 1}, "relu")
	conv2D["groups"] = 1
	conv1D := conv([]int{5}, []int{1}, []int{1}, "linear")
	conv1D["groups"] = 1
	transpose := conv([]int{3, 3}, []int{2, 2}, []int{1, 1}, "sigmoid")
	transpose["output_padding"] = nil
	tests := []struct {
		layer layers.Layer
		class string
		want  map[string]any
	}{
		{layers.NewConv2D(32, 3, "relu"), "Conv2D", conv2D},
		{layers.NewConv1D(32, 5, ""), "Conv1D", conv1D},
		{layers.NewConv2DTranspose(32, 3, 2, "sigmoid"), "Conv2DTranspose", transpose},
		{layers.NewZeroPadding2D(1, 1), "ZeroPadding2D", map[string]any{"padding": [][]int{{1, 1}, {1, 1}}, "data_format": "channels_last"}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.class, tt.layer.ClassName())
		assert.True(t, tt.layer.Trainable())
		want := map[string]any{"name": "", "trainable": true, "dtype": "float32"}
		for k, v := range tt.want {
			want[k] = v
		}
		assert.Equal(t, want, tt.layer.Config(), tt.class)
	}
	assert.Equal(t, layers.ConvConfig{
		Strides: layers.Tuple{1}, Padding: "valid", DataFormat: "channels_last", DilationRate: layers.Tuple{1}, Groups: 1,
		Activation: "linear", UseBias: true, KernelInitializer: initializers.GlorotUniform{}, BiasInitializer: initializers.Zeros{},
	}, layers.DefaultConvConfig())
}

func TestConv_FromConfigRoundTrip(t *testing.T) {
	seed := int64(3)
	for _, l := range []layers.Layer{
		layers.NewConv2D(32, 3, "relu"),
		layers.NewConv2DWith(convWith(8, layers.Tuple{3, 5}, func(c *layers.ConvConfig) {
			c.Strides, c.Padding, c.UseBias, c.Activation = layers.Tuple{2, 1}, "same", false, "tanh"
			c.KernelInitializer = initializers.HeUniform{Seed: &seed}
		})),
		layers.NewConv1DWith(convWith(4, layers.Tuple{3}, func(c *layers.ConvConfig) {
			c.Padding, c.DilationRate = "causal", layers.Tuple{4}
			c.BiasInitializer = initializers.Constant{Value: 0.1}
		})),
		layers.NewConv2DTranspose(16, 4, 2, "relu"),
		layers.NewConv2DTransposeWith(convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) {
			c.Padding, c.Strides, c.OutputPadding = "same", layers.Tuple{2, 3}, layers.Tuple{1, 2}
		})),
		layers.NewZeroPadding2D(2, 3),
		layers.NewZeroPadding2DWith(layers.ZeroPadding2DConfig{Padding: layers.Padding2D{{0, 1}, {2, 3}}}),
	} {
		l.SetName("my_" + l.ClassName())
		l.SetTrainable(false)
		got := roundTrip(t, l)
		assert.Equal(t, l.ClassName(), got.ClassName())
		assert.Equal(t, "my_"+l.ClassName(), got.Name())
		assert.False(t, got.Trainable())
		want, _ := json.Marshal(l.Config())
		have, _ := json.Marshal(got.Config())
		assert.JSONEq(t, string(want), string(have))
	}
}

// TestConv_FromConfigKeras reads configs as Keras 2, Keras 3 and users
// write them.
func TestConv_FromConfigKeras(t *testing.T) {
	fromConfig := func(class, config string) layers.Layer {
		t.Helper()
		l, err := layers.FromConfig(class, json.RawMessage(config))
		require.NoError(t, err, config)
		return l
	}
	c := fromConfig("Conv2D", `{"filters": 32, "kernel_size": [3, 3], "activation": "relu"}`).(*layers.Conv)
	assert.Equal(t, 32, c.Filters)
	assert.Equal(t, "relu", c.Activation)
	assert.Equal(t, []int{26, 26, 32}, build(t, c, 28, 28, 1))

	c = fromConfig("Conv2D", `{"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}`).(*layers.Conv)
	assert.Equal(t, []int{4, 4, 4}, build(t, c, 7, 7, 1))
	assert.Equal(t, []int{2, 2}, c.Config()["strides"])

	// tf.keras 2, as model.to_json() writes mnist_cnn's first layer.
	keras2 := `{"name": "conv2d", "trainable": true, "batch_input_shape": [null, 28, 28, 1], "dtype": "float32",
		"filters": 32, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "data_format": "channels_last",
		"dilation_rate": [1, 1], "groups": 1, "activation": "relu", "use_bias": true,
		"kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}},
		"bias_initializer": {"class_name": "Zeros", "config": {}},
		"kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null,
		"kernel_constraint": null, "bias_constraint": null}`
	c = fromConfig("Conv2D", keras2).(*layers.Conv)
	assert.Equal(t, "conv2d", c.Name())
	assert.Equal(t, []int{28, 28, 1}, c.InputShape())

	keras3 := `{"name": "conv1d", "trainable": true,
		"dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
		"filters": 8, "kernel_size": [5], "strides": [1], "padding": "causal", "data_format": "channels_last",
		"dilation_rate": [2], "groups": 1, "activation": "relu", "use_bias": true,
		"kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null},
		"bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
		"kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null}`
	c = fromConfig("Conv1D", keras3).(*layers.Conv)
	assert.Equal(t, []int{50, 8}, build(t, c, 50, 3))

	transpose := `{"filters": 1, "kernel_size": [4, 4], "strides": [2, 2], "padding": "same", "output_padding": null,
		"activation": "tanh", "groups": 1}`
	c = fromConfig("Conv2DTranspose", transpose).(*layers.Conv)
	assert.Equal(t, []int{28, 28, 1}, build(t, c, 14, 14, 64))
	assert.Equal(t, []int{4, 4, 1, 64}, c.Weights()[0].Shape())

	for config, want := range map[string]layers.Padding2D{
		`{}`:                            {{1, 1}, {1, 1}},
		`{"padding": 2}`:                {{2, 2}, {2, 2}},
		`{"padding": [1, 3]}`:           {{1, 1}, {3, 3}},
		`{"padding": [[1, 2], [3, 4]]}`: {{1, 2}, {3, 4}},
		`{"padding": [[0, 0], [2, 1]], "data_format": "channels_last"}`: {{0, 0}, {2, 1}},
	} {
		z := fromConfig("ZeroPadding2D", config).(*layers.ZeroPadding2D)
		assert.Equal(t, want, z.Padding, config)
	}
}

func TestConv_FromConfigErrors(t *testing.T) {
	tests := []struct {
		class, config, msg string
	}{
		{"Conv2D", `{"filters": 0, "kernel_size": 3}`, "filters must be positive"},
		{"Conv2D", `{"filters": 2}`, "kernel_size is required"},
		{"Conv2D", `{"filters": 2, "kernel_size": [3, 3, 3]}`, "kernel_size must be a positive integer or a list of 2, got [3 3 3]"},
		{"Conv2D", `{"filters": 2, "kernel_size": "3"}`, "want an integer or a list of integers"},
		{"Conv2D", `{"filters": 2, "kernel_size": [3, 0]}`, "kernel_size must be a positive integer or a list of 2, got [3 0]"},
		{"Conv2D", `{"filters": 2, "kernel_size": 3, "strides": [1, -1]}`, "strides must be a positive integer or a list of 2"},
		{"Conv2D", `{"filters": 2, "kernel_size": 3, "data_format": "channels_first"}`, `data_format "channels_first" is not supported`},
		{"Conv2D", `{"filters": 2, "kernel_size": 3, "padding": "causal"}`, `padding "causal" is for Conv1D only`},
		{"Conv2D", `{"filters": 2, "kernel_size": 3, "padding": "full"}`, `padding must be "valid", "same" or "causal" (Conv1D), got "full"`},
		{"Conv2D", `{"filters": 2, "kernel_size": 3, "groups": 2}`, "groups must be 1"},
		{"Conv2D", `{"filters": 2, "kernel_size": 3, "strides": 2, "dilation_rate": 2}`, "strides > 1 cannot go with dilation_rate > 1"},
		{"Conv2D", `{"filters": 2, "kernel_size": 3, "output_padding": 1}`, "output_padding is an argument of the transposed convolutions only"},
		{"Conv2D", `{"filters": 2, "kernel_size": 3, "activation": "rleu"}`, `unknown activation "rleu"`},
		{"Conv2D", `{"filters": 2, "kernel_size": 3, "kernel_regularizer": {"class_name": "L2"}}`, "kernel_regularizer: not supported"},
		{"Conv2D", `{"filters": 2, "kernel_size": 3, "units": 2}`, `unknown key "units"`},
		{"Conv1D", `{"filters": 2, "kernel_size": [3, 3]}`, "kernel_size must be a positive integer (or a list of one), got [3 3]"},
		{"Conv2DTranspose", `{"filters": 2, "kernel_size": 3, "strides": 2, "output_padding": 2}`, "output_padding must be non-negative and less than strides, got (2, 2) with strides (2, 2)"},
		{"Conv2DTranspose", `{"filters": 2, "kernel_size": 3, "output_padding": [0, 0, 0]}`, "output_padding must be an integer or a list of 2, got [0 0 0]"},
		{"Conv2DTranspose", `{"filters": 2, "kernel_size": 3, "padding": "causal"}`, `padding "causal" is for Conv1D only`},
		{"ZeroPadding2D", `{"padding": [1, 2, 3]}`, "want an integer, [rows, cols] or [[top, bottom], [left, right]]"},
		{"ZeroPadding2D", `{"padding": null}`, "want an integer"},
		{"ZeroPadding2D", `{"padding": -1}`, "padding must not be negative"},
		{"ZeroPadding2D", `{"data_format": "channels_first"}`, `data_format "channels_first" is not supported`},
	}
	for _, tt := range tests {
		_, err := layers.FromConfig(tt.class, json.RawMessage(tt.config))
		require.Error(t, err, tt.config)
		assert.ErrorContains(t, err, tt.class, tt.config)
		assert.ErrorContains(t, err, tt.msg, tt.config)
	}
}

func TestConv_BuildErrors(t *testing.T) {
	declared := layers.NewConv2D(2, 3, "")
	declared.SetInputShape(28, 28, 1)
	tests := []struct {
		name  string
		layer layers.Layer
		shape []int
		r     *rng.Rand
		msg   string
	}{
		{"zero filters", layers.NewConv2D(0, 3, ""), []int{5, 5, 1}, rng.New(1), "filters must be positive, got 0"},
		{"kernel larger than valid input", layers.NewConv2D(2, 5, ""), []int{4, 6, 1}, rng.New(1),
			`kernel_size (5, 5) with dilation_rate (1, 1) does not fit in the input (4, 6) with padding "valid"`},
		{"dilated kernel too large", layers.NewConv1DWith(convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) { c.DilationRate = layers.Tuple{3} })),
			[]int{6, 1}, rng.New(1), `kernel_size (3,) with dilation_rate (3,) does not fit in the input (6,)`},
		{"channels_first", layers.NewConv2DWith(convWith(2, layers.Tuple{3}, func(c *layers.ConvConfig) { c.DataFormat = "channels_first" })),
			[]int{1, 28, 28}, rng.New(1), `data_format "channels_first" is not supported: gonn's convolutions are channels_last, (batch, height, width, channels)`},
		{"Conv2D on 1-D examples", layers.NewConv2D(2, 3, ""), []int{28, 3}, rng.New(1), "needs examples of shape (height, width, channels), got (28, 3)"},
		{"Conv1D on images", layers.NewConv1D(2, 3, ""), []int{28, 28, 1}, rng.New(1), "needs examples of shape (steps, channels), got (28, 28, 1)"},
		{"empty input", layers.NewConv2D(2, 1, ""), []int{4, 4, 0}, rng.New(1), "needs examples"},
		{"transpose same even kernel", layers.NewConv2DTransposeWith(convWith(2, layers.Tuple{2}, func(c *layers.ConvConfig) {
			c.Padding, c.Strides, c.OutputPadding = "same", layers.Tuple{2}, layers.Tuple{0}
		})), []int{4, 4, 1}, rng.New(1), "give no output that convolves back to the input (4, 4)"},
		{"no generator", layers.NewConv2D(2, 3, ""), []int{5, 5, 1}, nil, "kernel initializer glorot_uniform"},
		{"zero config", layers.NewConv2DWith(layers.ConvConfig{Filters: 2, KernelSize: layers.Tuple{3}}), []int{5, 5, 1}, rng.New(1), "missing initializer"},
		{"declared shape", declared, []int{28, 28, 3}, rng.New(1), "declared input shape (28, 28, 1), built on (28, 28, 3)"},
		{"ZeroPadding2D on 1-D examples", layers.NewZeroPadding2D(1, 1), []int{28, 3}, rng.New(1), "needs examples of shape (height, width, channels)"},
	}
	for _, tt := range tests {
		tt.layer.SetName("layer_7")
		_, err := tt.layer.Build(tt.shape, tt.r)
		require.Error(t, err, tt.name)
		assert.ErrorContains(t, err, tt.layer.ClassName()+` "layer_7"`, tt.name)
		assert.ErrorContains(t, err, tt.msg, tt.name)
	}
}

func TestConv_CallErrors(t *testing.T) {
	for _, l := range []layers.Layer{layers.NewConv2D(2, 3, ""), layers.NewConv2DTranspose(2, 3, 2, ""), layers.NewZeroPadding2D(1, 1)} {
		assert.PanicsWithError(t, "layers: "+l.ClassName()+": Call before Build", func() { l.Call(inference(), ag.Const(data(1, 5, 5, 2))) })
		build(t, l, 5, 5, 2)
		for _, shape := range [][]int{{1, 5, 5, 3}, {1, 6, 5, 2}, {5, 5, 2}} {
			func() {
				defer func() {
					err, _ := recover().(error)
					assert.ErrorIs(t, err, tensor.ErrShape, "%s on %v", l.ClassName(), shape)
				}()
				l.Call(inference(), ag.Const(data(shape...)))
			}()
		}
	}
	c := layers.NewConv1D(2, 3, "")
	build(t, c, 5, 2)
	assert.Panics(t, func() { c.Call(inference(), ag.Const(data(1, 5, 3))) })
}
