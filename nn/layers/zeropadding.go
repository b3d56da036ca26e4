package layers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"gonn/nn/ag"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

func init() { register("ZeroPadding2D", zeroPadding2DFromConfig) }

// Padding2D is ((top, bottom), (left, right)): rows of zeros added above and
// below an image, columns on its left and right. In JSON, as Keras takes it,
// it is an integer n (((n, n), (n, n))), a pair [h, w] (((h, h), (w, w))) or
// the pair of pairs.
type Padding2D [2][2]int

func (p *Padding2D) UnmarshalJSON(b []byte) error {
	var n int
	var parts []json.RawMessage
	switch {
	case string(bytes.TrimSpace(b)) == "null":
	case json.Unmarshal(b, &n) == nil:
		*p = Padding2D{{n, n}, {n, n}}
		return nil
	case json.Unmarshal(b, &parts) == nil && len(parts) == 2:
		var rows, cols int
		if json.Unmarshal(parts[0], &rows) == nil && json.Unmarshal(parts[1], &cols) == nil {
			*p = Padding2D{{rows, rows}, {cols, cols}}
			return nil
		}
		var tb, lr []int
		if json.Unmarshal(parts[0], &tb) == nil && json.Unmarshal(parts[1], &lr) == nil && len(tb) == 2 && len(lr) == 2 {
			*p = Padding2D{{tb[0], tb[1]}, {lr[0], lr[1]}}
			return nil
		}
	}
	return fmt.Errorf("want an integer, [rows, cols] or [[top, bottom], [left, right]], got %s", bytes.TrimSpace(b))
}

// ZeroPadding2DConfig holds the arguments of ZeroPadding2D under their Keras
// keys.
type ZeroPadding2DConfig struct {
	Padding    Padding2D `json:"padding"`     // ((1, 1), (1, 1))
	DataFormat string    `json:"data_format"` // "channels_last", the only layout
}

// ZeroPadding2D adds rows and columns of zeros around each image:
//
//	(batch, H, W, C) → (batch, top + H + bottom, left + W + right, C)
//
// It has no weights; it is two ag.Concat of the input with zeros, so its
// gradient is the input's part of the output's.
type ZeroPadding2D struct {
	Base
	ZeroPadding2DConfig

	in []int // shape of one input example; nil before Build
}

// NewZeroPadding2D returns Keras' ZeroPadding2D(padding=(rows, cols)):
// rows of zeros above and below, cols columns on either side.
func NewZeroPadding2D(rows, cols int) *ZeroPadding2D {
	return NewZeroPadding2DWith(ZeroPadding2DConfig{Padding: Padding2D{{rows, rows}, {cols, cols}}})
}

// NewZeroPadding2DWith returns a ZeroPadding2D layer with the given config.
func NewZeroPadding2DWith(cfg ZeroPadding2DConfig) *ZeroPadding2D {
	return &ZeroPadding2D{ZeroPadding2DConfig: cfg}
}

func zeroPadding2DFromConfig(config json.RawMessage) (Layer, error) {
	z := NewZeroPadding2D(1, 1)
	if err := decodeConfig("ZeroPadding2D", config, &z.Base, &z.ZeroPadding2DConfig); err != nil {
		return nil, err
	}
	if err := z.check(); err != nil {
		return nil, err
	}
	return z, nil
}

func (z *ZeroPadding2D) ClassName() string { return "ZeroPadding2D" }

func (z *ZeroPadding2D) check() error {
	switch z.DataFormat {
	case "", "channels_last":
	case "channels_first":
		return z.errorf("ZeroPadding2D", `data_format "channels_first" is not supported: gonn's images are channels_last, (batch, height, width, channels) as Keras' default`)
	default:
		return z.errorf("ZeroPadding2D", `data_format must be "channels_last", got %q`, z.DataFormat)
	}
	if p := z.Padding; min(p[0][0], p[0][1], p[1][0], p[1][1]) < 0 {
		return z.errorf("ZeroPadding2D", "padding must not be negative, got %v", p)
	}
	return nil
}

func (z *ZeroPadding2D) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := z.checkInputShape("ZeroPadding2D", inputShape); err != nil {
		return nil, err
	}
	if err := z.check(); err != nil {
		return nil, err
	}
	if len(inputShape) != 3 {
		return nil, z.errorf("ZeroPadding2D", "needs examples of shape (height, width, channels), got %s", shapeString(inputShape))
	}
	z.in = slices.Clone(inputShape)
	p := z.Padding
	return []int{p[0][0] + inputShape[0] + p[0][1], p[1][0] + inputShape[1] + p[1][1], inputShape[2]}, nil
}

// Call pads the rows (axis 1), then the columns (axis 2), of x (batch, H, W, C).
func (z *ZeroPadding2D) Call(_ *Context, x *ag.Var) *ag.Var {
	if z.in == nil {
		z.notBuilt("ZeroPadding2D")
	}
	if s := x.Shape(); len(s) != 4 || !tensor.SameShape(s[1:], z.in) {
		z.shapePanicf("ZeroPadding2D", "input of shape %v, want (batch, %d, %d, %d)", s, z.in[0], z.in[1], z.in[2])
	}
	x = zeroPad(x, 1, z.Padding[0][0], z.Padding[0][1])
	return zeroPad(x, 2, z.Padding[1][0], z.Padding[1][1])
}

// zeroPad puts before and after zeros around x along axis.
func zeroPad(x *ag.Var, axis, before, after int) *ag.Var {
	zeros := func(n int) *ag.Var {
		s := slices.Clone(x.Shape())
		s[axis] = n
		return ag.Const(tensor.New(s...))
	}
	parts := []*ag.Var{x}
	if before > 0 {
		parts = append([]*ag.Var{zeros(before)}, parts...)
	}
	if after > 0 {
		parts = append(parts, zeros(after))
	}
	if len(parts) == 1 {
		return x
	}
	return ag.Concat(axis, parts...)
}

func (z *ZeroPadding2D) Weights() []*ag.Var { return nil }

func (z *ZeroPadding2D) Config() map[string]any {
	c := z.baseConfig()
	p := z.Padding
	c["padding"] = [][]int{{p[0][0], p[0][1]}, {p[1][0], p[1][1]}}
	c["data_format"] = convOrDefault(z.DataFormat, "channels_last")
	return c
}
