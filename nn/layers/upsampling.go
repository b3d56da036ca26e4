package layers

import (
	"encoding/json"
	"math"
	"strings"

	"gonn/nn/ag"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

func init() { register("UpSampling2D", upSampling2DFromConfig) }

// UpSampling2DConfig holds the arguments of UpSampling2D under their Keras
// keys.
type UpSampling2DConfig struct {
	Size       []int  `json:"size"`        // factors (rows, cols); (2, 2). JSON may give one integer for both.
	DataFormat string `json:"data_format"` // "channels_last" (the default; "" means it)
	// Interpolation is "nearest" (the default; "" means it), which repeats
	// every pixel, or "bilinear". Keras' other methods (bicubic, lanczos…)
	// are not supported.
	Interpolation string `json:"interpolation"`
}

// DefaultUpSampling2DConfig returns Keras' defaults: size (2, 2), nearest.
func DefaultUpSampling2DConfig() UpSampling2DConfig {
	return UpSampling2DConfig{Size: []int{2, 2}, DataFormat: "channels_last", Interpolation: "nearest"}
}

// UpSampling2D is Keras' UpSampling2D, channels last: it enlarges images by
// integer factors (fh, fw),
//
//	(batch, rows, cols, channels) → (batch, rows·fh, cols·fw, channels)
//
// "nearest" repeats each pixel fh×fw times (Keras' ops.repeat). "bilinear"
// interpolates as tf.image.resize does (half-pixel centres: output row o
// samples input row (o+0.5)/fh - 0.5, clamped to the image), computed as
// two products with fixed interpolation matrices, one per axis. The layer
// has no weights.
type UpSampling2D struct {
	Base
	UpSampling2DConfig

	bilinear bool
	in       []int // shape of one input example; nil before Build
}

// NewUpSampling2D returns Keras' UpSampling2D(size=(rows, cols)), nearest.
func NewUpSampling2D(rows, cols int) *UpSampling2D {
	cfg := DefaultUpSampling2DConfig()
	cfg.Size = []int{rows, cols}
	return NewUpSampling2DWith(cfg)
}

// NewUpSampling2DWith returns an UpSampling2D layer with the given config.
func NewUpSampling2DWith(cfg UpSampling2DConfig) *UpSampling2D {
	return &UpSampling2D{UpSampling2DConfig: cfg}
}

func upSampling2DFromConfig(config json.RawMessage) (Layer, error) {
	u := NewUpSampling2DWith(DefaultUpSampling2DConfig())
	config, err := poolSpreadInts("UpSampling2D", config, 2, "size")
	if err == nil {
		err = decodeConfig("UpSampling2D", config, &u.Base, &u.UpSampling2DConfig)
	}
	if err == nil {
		u.Interpolation = strings.ToLower(u.Interpolation) // as Keras reads it
		_, err = u.check()
	}
	if err != nil {
		return nil, err
	}
	return u, nil
}

func (u *UpSampling2D) ClassName() string { return "UpSampling2D" }

// check validates the config and reports whether it is bilinear.
func (u *UpSampling2D) check() (bilinear bool, err error) {
	if len(u.Size) != 2 || u.Size[0] < 1 || u.Size[1] < 1 {
		return false, u.errorf("UpSampling2D", "size must be 2 positive integers, got %v", u.Size)
	}
	if err := poolCheckFormat(&u.Base, "UpSampling2D", u.DataFormat); err != nil {
		return false, err
	}
	switch strings.ToLower(u.Interpolation) {
	case "", "nearest":
		return false, nil
	case "bilinear":
		return true, nil
	}
	return false, u.errorf("UpSampling2D", `interpolation %q is not supported by gonn (use "nearest" or "bilinear")`, u.Interpolation)
}

// Build checks the input, (rows, cols, channels), and returns (rows·fh,
// cols·fw, channels).
func (u *UpSampling2D) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := u.checkInputShape("UpSampling2D", inputShape); err != nil {
		return nil, err
	}
	bilinear, err := u.check()
	if err != nil {
		return nil, err
	}
	if len(inputShape) != 3 {
		return nil, u.errorf("UpSampling2D", "needs inputs of shape (rows, cols, channels), got %s", shapeString(inputShape))
	}
	out := []int{inputShape[0] * u.Size[0], inputShape[1] * u.Size[1], inputShape[2]}
	if _, ok := numElements(out); !ok {
		return nil, u.errorf("UpSampling2D", "output shape %s is too large", shapeString(out))
	}
	u.bilinear, u.in = bilinear, append([]int{}, inputShape...)
	return out, nil
}

// Call enlarges x (batch, H, W, C) to (batch, H·fh, W·fw, C).
func (u *UpSampling2D) Call(_ *Context, x *ag.Var) *ag.Var {
	if u.in == nil {
		u.notBuilt("UpSampling2D")
	}
	s := x.Shape()
	if len(s) != 4 || !tensor.SameShape(s[1:], u.in) {
		u.shapePanicf("UpSampling2D", "input of shape %v, want (batch, %s)", s, strings.Trim(shapeString(u.in), "(,)"))
	}
	if u.bilinear {
		return u.callBilinear(x)
	}
	return u.callNearest(x)
}

// callNearest repeats every pixel: x seen as (N, H, 1, W, 1, C) times ones
// (1, 1, fh, 1, fw, 1) is (N, H, fh, W, fw, C), which is the output
// (N, H·fh, W·fw, C). The product's backward sums each fh×fw block of the
// output gradient into its pixel.
func (u *UpSampling2D) callNearest(x *ag.Var) *ag.Var {
	s, fh, fw := x.Shape(), u.Size[0], u.Size[1]
	if fh == 1 && fw == 1 {
		return x
	}
	ones := ag.Const(tensor.Full(1, 1, 1, fh, 1, fw, 1))
	y := ag.Mul(ag.Reshape(x, s[0], s[1], 1, s[2], 1, s[3]), ones)
	return ag.Reshape(y, s[0], s[1]*fh, s[2]*fw, s[3])
}

// callBilinear interpolates along rows, then along columns; each pass
// brings the axis to the front and multiplies by that axis' interpolation
// matrix:
//
//	x (N, H, W, C) → (H, N·W·C) → A_h (OH, H) · … → (OH, N, W, C)
//	               → (W, N·OH·C) → A_w (OW, W) · … → (OW, N, OH, C) → (N, OH, OW, C)
func (u *UpSampling2D) callBilinear(x *ag.Var) *ag.Var {
	s := x.Shape()
	n, h, w, c := s[0], s[1], s[2], s[3]
	oh, ow := h*u.Size[0], w*u.Size[1]
	y := ag.Reshape(ag.Transpose(x, 1, 0, 2, 3), h, n*w*c)                          // (H, N·W·C)
	y = ag.MatMul(ag.Const(upSamplingMatrix(h, oh)), y, false, false)               // (OH, N·W·C)
	y = ag.Reshape(ag.Transpose(ag.Reshape(y, oh, n, w, c), 2, 1, 0, 3), w, n*oh*c) // (W, N·OH·C)
	y = ag.MatMul(ag.Const(upSamplingMatrix(w, ow)), y, false, false)               // (OW, N·OH·C)
	return ag.Transpose(ag.Reshape(y, ow, n, oh, c), 1, 2, 0, 3)                    // (N, OH, OW, C)
}

// upSamplingMatrix is the (out, in) matrix of 1-D linear interpolation with
// half-pixel centres (TensorFlow's resize, align_corners false): output o
// samples src = (o+0.5)·in/out - 0.5, weighting its neighbours
// floor(src) and ceil(src), each clamped into [0, in-1], by 1-frac and frac.
func upSamplingMatrix(in, out int) *tensor.Tensor {
	m := tensor.New(out, in)
	scale := float64(in) / float64(out)
	for o := range out {
		src := (float64(o)+0.5)*scale - 0.5
		lo := math.Floor(src)
		frac := src - lo
		lower := max(int(lo), 0)
		upper := min(int(math.Ceil(src)), in-1)
		m.Data[o*in+lower] += float32(1 - frac)
		m.Data[o*in+upper] += float32(frac)
	}
	return m
}

func (u *UpSampling2D) Weights() []*ag.Var { return nil }

func (u *UpSampling2D) Config() map[string]any {
	c := u.baseConfig()
	c["size"] = append([]int{}, u.Size...)
	c["data_format"] = poolOrDefault(u.DataFormat, "channels_last")
	c["interpolation"] = poolOrDefault(strings.ToLower(u.Interpolation), "nearest")
	return c
}
