package layers_test

import (
	"encoding/json"
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

func upSamplingWith(rows, cols int, interpolation string) *layers.UpSampling2D {
	cfg := layers.DefaultUpSampling2DConfig()
	cfg.Size, cfg.Interpolation = []int{rows, cols}, interpolation
	return layers.NewUpSampling2DWith(cfg)
}

// TestUpSampling2D_Nearest is Keras' docstring example: x of shape
// (2, 2, 1, 3) holding 0…11, size (1, 2).
func TestUpSampling2D_Nearest(t *testing.T) {
	x := tensor.New(2, 2, 1, 3)
	for i := range x.Data {
		x.Data[i] = float32(i)
	}
	u := layers.NewUpSampling2D(1, 2)
	assert.Equal(t, []int{2, 2, 3}, build(t, u, 2, 1, 3))
	y := u.Call(inference(), ag.Const(x))
	assert.Equal(t, []int{2, 2, 2, 3}, y.Shape())
	assert.Equal(t, []float32{
		0, 1, 2, 0, 1, 2,
		3, 4, 5, 3, 4, 5,
		6, 7, 8, 6, 7, 8,
		9, 10, 11, 9, 10, 11,
	}, y.Data())

	two := layers.NewUpSampling2D(2, 2)
	assert.Equal(t, []int{4, 4, 1}, build(t, two, 2, 2, 1))
	y = two.Call(inference(), ag.Const(tensor.From([]float32{1, 2, 3, 4}, 1, 2, 2, 1)))
	assert.Equal(t, []float32{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, y.Data())
}

// naiveBilinear is tf.image.resize's bilinear method (half-pixel centres)
// written out in float64 as TensorFlow's kernel computes it: per output
// pixel, interpolate along the row between the left and right neighbours,
// then between the top and bottom rows.
func naiveBilinear(x *tensor.Tensor, fh, fw int) []float64 {
	n, h, w, c := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	lerp := func(o, f, size int) (lo, hi int, frac float64) {
		src := (float64(o)+0.5)/float64(f) - 0.5
		lo, hi = max(int(math.Floor(src)), 0), min(int(math.Ceil(src)), size-1)
		return lo, hi, src - math.Floor(src)
	}
	var out []float64
	for b := range n {
		for i := range h * fh {
			top, bottom, yl := lerp(i, fh, h)
			for j := range w * fw {
				left, right, xl := lerp(j, fw, w)
				for ch := range c {
					at := func(y, xx int) float64 { return float64(x.At(b, y, xx, ch)) }
					t := at(top, left) + (at(top, right)-at(top, left))*xl
					d := at(bottom, left) + (at(bottom, right)-at(bottom, left))*xl
					out = append(out, t+(d-t)*yl)
				}
			}
		}
	}
	return out
}

func TestUpSampling2D_Bilinear(t *testing.T) {
	// x[h][w] = 8h + 4w is linear, so inside the image bilinear
	// interpolation gives it exactly, and the clamped borders repeat the
	// edge: rows and columns sample 0, 0.25, 0.75, 1 of the 2-pixel axis.
	u := upSamplingWith(2, 2, "bilinear")
	build(t, u, 2, 2, 1)
	y := u.Call(inference(), ag.Const(tensor.From([]float32{0, 4, 8, 12}, 1, 2, 2, 1)))
	p := []float32{0, 0.25, 0.75, 1}
	var want []float32
	for _, ph := range p {
		for _, pw := range p {
			want = append(want, 8*ph+4*pw)
		}
	}
	assert.InDeltaSlice(t, want, y.Data(), 1e-6)

	for _, f := range [][2]int{{2, 3}, {3, 2}, {1, 4}, {2, 2}} {
		x := agtest.Rand(uint64(f[0]*10+f[1]), -1, 1, 2, 3, 4, 2)
		u := upSamplingWith(f[0], f[1], "bilinear")
		assert.Equal(t, []int{3 * f[0], 4 * f[1], 2}, build(t, u, 3, 4, 2))
		y := u.Call(inference(), ag.Const(x))
		require.Equal(t, []int{2, 3 * f[0], 4 * f[1], 2}, y.Shape())
		for i, v := range naiveBilinear(x, f[0], f[1]) {
			require.InDelta(t, v, y.Data()[i], 1e-6, "factors %v, element %d", f, i)
		}
	}
}

func TestUpSampling2D_Grad(t *testing.T) {
	for _, u := range []*layers.UpSampling2D{
		layers.NewUpSampling2D(2, 2), layers.NewUpSampling2D(1, 3),
		upSamplingWith(2, 2, "bilinear"), upSamplingWith(3, 2, "bilinear"),
	} {
		build(t, u, 3, 2, 2)
		checkGrad(t, u, inference, data(2, 3, 2, 2))
	}
}

func TestUpSampling2D_Config(t *testing.T) {
	u := layers.NewUpSampling2D(2, 2)
	assert.Equal(t, "UpSampling2D", u.ClassName())
	assert.Equal(t, map[string]any{"name": "", "trainable": true, "dtype": "float32",
		"size": []int{2, 2}, "data_format": "channels_last", "interpolation": "nearest"}, u.Config())
	assert.Equal(t, layers.UpSampling2DConfig{Size: []int{2, 2}, DataFormat: "channels_last", Interpolation: "nearest"},
		layers.DefaultUpSampling2DConfig())
	assert.Nil(t, u.Weights())

	tests := []struct {
		config        string
		size          []int
		interpolation string
	}{
		{`{}`, []int{2, 2}, "nearest"},
		{`{"size": [2, 2]}`, []int{2, 2}, "nearest"},
		{`{"size": 3}`, []int{3, 3}, "nearest"},
		{`{"name": "up_sampling2d", "trainable": true, "dtype": "float32", "size": [1, 2], "data_format": "channels_last", "interpolation": "bilinear"}`,
			[]int{1, 2}, "bilinear"},
		{`{"interpolation": "BILINEAR"}`, []int{2, 2}, "bilinear"}, // Keras lower-cases it
	}
	for _, tt := range tests {
		l, err := layers.FromConfig("UpSampling2D", json.RawMessage(tt.config))
		require.NoError(t, err, tt.config)
		got := l.(*layers.UpSampling2D)
		assert.Equal(t, tt.size, got.Size, tt.config)
		assert.Equal(t, tt.interpolation, got.Interpolation, tt.config)
	}
	for _, l := range []*layers.UpSampling2D{layers.NewUpSampling2D(3, 1), upSamplingWith(2, 4, "bilinear")} {
		l.SetName("up")
		assert.Equal(t, l.Config(), roundTrip(t, l).Config())
	}
}

func TestUpSampling2D_Errors(t *testing.T) {
	cf := layers.DefaultUpSampling2DConfig()
	cf.DataFormat = "channels_first"
	tests := []struct {
		layer *layers.UpSampling2D
		in    []int
		msg   string
	}{
		{upSamplingWith(2, 2, "bicubic"), []int{4, 4, 1}, `interpolation "bicubic" is not supported by gonn (use "nearest" or "bilinear")`},
		{layers.NewUpSampling2D(0, 2), []int{4, 4, 1}, "size must be 2 positive integers"},
		{layers.NewUpSampling2D(2, 2), []int{4, 4}, "needs inputs of shape (rows, cols, channels), got (4, 4)"},
		{layers.NewUpSampling2DWith(cf), []int{1, 4, 4}, `data_format must be "channels_last"`},
	}
	for _, tt := range tests {
		tt.layer.SetName("up_1")
		_, err := tt.layer.Build(tt.in, rng.New(1))
		assert.ErrorContains(t, err, `UpSampling2D "up_1"`)
		assert.ErrorContains(t, err, tt.msg)
	}
	for _, tt := range []struct{ config, msg string }{
		{`{"interpolation": "lanczos3"}`, `interpolation "lanczos3" is not supported`},
		{`{"size": [2]}`, "size must be 2 positive integers"},
		{`{"scale": 2}`, `unknown key "scale"`},
	} {
		_, err := layers.FromConfig("UpSampling2D", json.RawMessage(tt.config))
		assert.ErrorContains(t, err, tt.msg, tt.config)
	}
	u := layers.NewUpSampling2D(2, 2)
	assert.PanicsWithError(t, "layers: UpSampling2D: Call before Build", func() { u.Call(inference(), ag.Const(data(1, 2, 2, 1))) })
	build(t, u, 2, 2, 1)
	assert.Panics(t, func() { u.Call(inference(), ag.Const(data(1, 2, 3, 1))) })
}
