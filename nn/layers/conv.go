package layers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"gonn/nn/ag"
	"gonn/nn/initializers"
	"gonn/nn/layers/activations"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

func init() {
	register("Conv1D", convFromConfig("Conv1D", 1, false))
	register("Conv2D", convFromConfig("Conv2D", 2, false))
	register("Conv2DTranspose", convFromConfig("Conv2DTranspose", 2, true))
}

// Tuple is a Keras argument with one integer per spatial axis
// (kernel_size, strides, dilation_rate, output_padding). Keras also takes a
// single integer meaning "this on every axis"; JSON 3 reads as Tuple{3}, and
// a Tuple of one value stands for that value on every axis. JSON null is a
// nil Tuple (Keras' None).
type Tuple []int

func (t *Tuple) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		*t = nil
		return nil
	}
	var n int
	if json.Unmarshal(b, &n) == nil {
		*t = Tuple{n}
		return nil
	}
	var list []int
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("want an integer or a list of integers, got %s", bytes.TrimSpace(b))
	}
	*t = list
	return nil
}

// expand returns t with one value per axis of a rank-axes layer, or nil if
// t has neither one value nor rank values.
func (t Tuple) expand(rank int) []int {
	switch len(t) {
	case rank:
		return slices.Clone(t)
	case 1:
		return slices.Repeat([]int{t[0]}, rank)
	}
	return nil
}

// orOne is t, or Tuple{1} (Keras' default strides and dilation) when t is nil.
func orOne(t Tuple) Tuple {
	if t == nil {
		return Tuple{1}
	}
	return t
}

// ConvConfig holds the arguments of Conv1D, Conv2D and Conv2DTranspose
// under their Keras config keys. Start from DefaultConvConfig: the zero
// value has no bias and no initializers.
type ConvConfig struct {
	Filters      int    `json:"filters"`       // required: output channels
	KernelSize   Tuple  `json:"kernel_size"`   // required
	Strides      Tuple  `json:"strides"`       // 1 (nil means it)
	Padding      string `json:"padding"`       // "valid" ("" means it), "same", or "causal" (Conv1D)
	DataFormat   string `json:"data_format"`   // "channels_last" ("" means it), the only layout
	DilationRate Tuple  `json:"dilation_rate"` // 1 (nil means it)
	Groups       int    `json:"groups"`        // 1 (0 means it), the only value
	// OutputPadding (Conv2DTranspose only) adds rows and columns after the
	// output, each fewer than the stride; nil is Keras' None.
	OutputPadding     Tuple                    `json:"output_padding"`
	Activation        string                   `json:"activation"`         // "linear"
	UseBias           bool                     `json:"use_bias"`           // true
	KernelInitializer initializers.Initializer `json:"kernel_initializer"` // glorot_uniform
	BiasInitializer   initializers.Initializer `json:"bias_initializer"`   // zeros
}

// DefaultConvConfig returns Keras' defaults; Filters and KernelSize must
// still be set.
func DefaultConvConfig() ConvConfig {
	return ConvConfig{
		Strides:           Tuple{1},
		Padding:           "valid",
		DataFormat:        "channels_last",
		DilationRate:      Tuple{1},
		Groups:            1,
		Activation:        "linear",
		UseBias:           true,
		KernelInitializer: initializers.GlorotUniform{},
		BiasInitializer:   initializers.Zeros{},
	}
}

// Conv is Keras' Conv2D, Conv1D and Conv2DTranspose: activation(conv(x,
// kernel) + bias), channels last.
//
//	Conv2D:          (batch, H, W, C)  kernel (KH, KW, C, F)  → (batch, H', W', F)
//	Conv1D:          (batch, T, C)     kernel (K, C, F)       → (batch, T', F)
//	Conv2DTranspose: (batch, H, W, C)  kernel (KH, KW, F, C)  → (batch, H', W', F)
//
// with F = Filters, kernels laid out as Keras lays them out. "same" padding
// follows TensorFlow: ceil(n/stride) outputs, the odd zero after; "causal"
// (Conv1D) puts (K−1)·dilation zeros before the sequence only, so output t
// sees no input after t. A Conv1D is the Conv2D of an image one pixel high.
// Conv2DTranspose is the gradient of a Conv2D with respect to its input,
// with Keras' output sizes: H·stride under "same", (H−1)·stride +
// max(dilated K, stride) under "valid", and with OutputPadding
// (H−1)·stride + dilated K + OutputPadding ("valid") or
// (H−1)·stride + (dilated K mod 2) + OutputPadding ("same"). The work is
// done by ag.Conv2D and ag.Conv2DTranspose.
type Conv struct {
	Base
	ConvConfig

	class     string // Keras class name
	rank      int    // spatial axes: 1 or 2
	transpose bool   // Conv2DTranspose

	// Set by Build.
	act      activations.Func
	inferAct inferActivation // act as the inference op splits it
	in       []int           // shape of one input example: (spatial…, C)
	out      []int           // shape of one output example: (spatial…, F)
	params   ag.ConvParams   // the 2-D geometry; a 1-D layer is 1 pixel high
	kernel   *ag.Var         // (K…, C, F), or (K…, F, C) when transposed
	bias     *ag.Var         // (F); nil without UseBias
}

// NewConv2D returns Keras' Conv2D(filters, kernel_size=(k, k),
// activation=activation) with the other defaults: stride 1, valid padding.
func NewConv2D(filters, kernelSize int, activation string) *Conv {
	return NewConv2DWith(convConfig(filters, kernelSize, activation))
}

// NewConv2DWith returns a Conv2D layer with the given config.
func NewConv2DWith(cfg ConvConfig) *Conv { return &Conv{ConvConfig: cfg, class: "Conv2D", rank: 2} }

// NewConv1D returns Keras' Conv1D(filters, kernel_size, activation=activation)
// with the other defaults: stride 1, valid padding.
func NewConv1D(filters, kernelSize int, activation string) *Conv {
	return NewConv1DWith(convConfig(filters, kernelSize, activation))
}

// NewConv1DWith returns a Conv1D layer with the given config.
func NewConv1DWith(cfg ConvConfig) *Conv { return &Conv{ConvConfig: cfg, class: "Conv1D", rank: 1} }

// NewConv2DTranspose returns Keras' Conv2DTranspose(filters,
// kernel_size=(k, k), strides=(stride, stride), activation=activation), with
// valid padding.
func NewConv2DTranspose(filters, kernelSize, stride int, activation string) *Conv {
	cfg := convConfig(filters, kernelSize, activation)
	cfg.Strides = Tuple{stride}
	return NewConv2DTransposeWith(cfg)
}

// NewConv2DTransposeWith returns a Conv2DTranspose layer with the given
// config.
func NewConv2DTransposeWith(cfg ConvConfig) *Conv {
	return &Conv{ConvConfig: cfg, class: "Conv2DTranspose", rank: 2, transpose: true}
}

func convConfig(filters, kernelSize int, activation string) ConvConfig {
	cfg := DefaultConvConfig()
	cfg.Filters, cfg.KernelSize, cfg.Activation = filters, Tuple{kernelSize}, activation
	return cfg
}

func convFromConfig(class string, rank int, transpose bool) func(json.RawMessage) (Layer, error) {
	return func(config json.RawMessage) (Layer, error) {
		c := &Conv{ConvConfig: DefaultConvConfig(), class: class, rank: rank, transpose: transpose}
		err := decodeConfig(class, config, &c.Base, &c.ConvConfig,
			"kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint",
			"lora_rank", "lora_alpha", "dora_rank", "dora_alpha")
		if err == nil {
			_, err = c.check()
		}
		if err != nil {
			return nil, err
		}
		return c, nil
	}
}

func (c *Conv) ClassName() string { return c.class }

// convGeometry is the config with one value per spatial axis.
type convGeometry struct {
	kernel, strides, dilation []int
	outputPadding             []int // nil: Keras' None
	padding                   string
	act                       activations.Func
}

// check validates the config, with Keras' rules, and expands it.
func (c *Conv) check() (g convGeometry, err error) {
	errorf := func(format string, args ...any) (convGeometry, error) {
		return convGeometry{}, c.errorf(c.class, format, args...)
	}
	if c.Filters <= 0 {
		return errorf("filters must be positive, got %d", c.Filters)
	}
	for _, t := range []struct {
		key string
		val Tuple
		dst *[]int
	}{{"kernel_size", c.KernelSize, &g.kernel}, {"strides", orOne(c.Strides), &g.strides}, {"dilation_rate", orOne(c.DilationRate), &g.dilation}} {
		if t.val == nil {
			return errorf("%s is required", t.key)
		}
		*t.dst = t.val.expand(c.rank)
		if *t.dst == nil || slices.Min(*t.dst) < 1 {
			return errorf("%s must be %s, got %v", t.key, c.tupleWant("a positive integer"), []int(t.val))
		}
	}
	if slices.Max(g.strides) > 1 && slices.Max(g.dilation) > 1 {
		return errorf("strides > 1 cannot go with dilation_rate > 1 (as in Keras), got strides %s and dilation_rate %s", shapeString(g.strides), shapeString(g.dilation))
	}
	g.padding = strings.ToLower(c.Padding)
	switch g.padding {
	case "":
		g.padding = "valid"
	case "valid", "same":
	case "causal":
		if c.rank != 1 || c.transpose {
			return errorf(`padding "causal" is for Conv1D only`)
		}
	default:
		return errorf(`padding must be "valid", "same" or "causal" (Conv1D), got %q`, c.Padding)
	}
	switch c.DataFormat {
	case "", "channels_last":
	case "channels_first":
		return errorf(`data_format "channels_first" is not supported: gonn's convolutions are channels_last, (batch, %s, channels) as Keras' default`, c.spatialName())
	default:
		return errorf(`data_format must be "channels_last", got %q`, c.DataFormat)
	}
	if c.Groups != 0 && c.Groups != 1 {
		return errorf("groups must be 1 (gonn has no grouped convolutions), got %d", c.Groups)
	}
	if c.OutputPadding != nil {
		if !c.transpose {
			return errorf("output_padding is an argument of the transposed convolutions only")
		}
		g.outputPadding = c.OutputPadding.expand(c.rank)
		if g.outputPadding == nil {
			return errorf("output_padding must be %s, got %v", c.tupleWant("an integer"), []int(c.OutputPadding))
		}
		for i, p := range g.outputPadding {
			if p < 0 || p >= g.strides[i] {
				return errorf("output_padding must be non-negative and less than strides, got %s with strides %s", shapeString(g.outputPadding), shapeString(g.strides))
			}
		}
	}
	if c.KernelInitializer == nil || (c.UseBias && c.BiasInitializer == nil) {
		return errorf("missing initializer (start from DefaultConvConfig)")
	}
	if g.act, err = activations.Get(c.Activation); err != nil {
		return errorf("%v", err)
	}
	return g, nil
}

// tupleWant says what a Tuple argument of the layer takes, given what one
// value is: "a positive integer or a list of 2".
func (c *Conv) tupleWant(one string) string {
	if c.rank == 1 {
		return one + " (or a list of one)"
	}
	return fmt.Sprintf("%s or a list of %d", one, c.rank)
}

// spatialName names the spatial axes of an example.
func (c *Conv) spatialName() string {
	if c.rank == 1 {
		return "steps"
	}
	return "height, width"
}

// Build makes the kernel, then the bias (Filters), from r in that order.
func (c *Conv) Build(inputShape []int, r *rng.Rand) ([]int, error) {
	if err := c.checkInputShape(c.class, inputShape); err != nil {
		return nil, err
	}
	g, err := c.check()
	if err != nil {
		return nil, err
	}
	if len(inputShape) != c.rank+1 || slices.Contains(inputShape, 0) {
		return nil, c.errorf(c.class, "needs examples of shape (%s, channels), got %s", c.spatialName(), shapeString(inputShape))
	}
	spatial, channels := inputShape[:c.rank], inputShape[c.rank]
	out := make([]int, c.rank)
	pads := make([][2]int, c.rank) // (before, after) per spatial axis
	for i, n := range spatial {
		var ok bool
		if out[i], pads[i][0], pads[i][1], ok = c.axis(g, i, n); !ok {
			return nil, c.geometryError(g, spatial)
		}
	}
	kernelShape := append(slices.Clone(g.kernel), channels, c.Filters)
	if c.transpose {
		kernelShape = append(slices.Clone(g.kernel), c.Filters, channels)
	}
	kernel, err := c.newWeight(c.class, "kernel", c.KernelInitializer, r, kernelShape...)
	if err != nil {
		return nil, err
	}
	var bias *ag.Var
	if c.UseBias {
		if bias, err = c.newWeight(c.class, "bias", c.BiasInitializer, r, c.Filters); err != nil {
			return nil, err
		}
	}
	// The op's geometry is 2-D; a 1-D layer is its width axis.
	h := c.rank - 2 // index of the height axis, -1 for a 1-D layer
	p := ag.ConvParams{StrideH: 1, DilationH: 1}
	if h >= 0 {
		p.StrideH, p.DilationH, p.PadTop, p.PadBottom = g.strides[h], g.dilation[h], pads[h][0], pads[h][1]
	}
	w := c.rank - 1
	p.StrideW, p.DilationW, p.PadLeft, p.PadRight = g.strides[w], g.dilation[w], pads[w][0], pads[w][1]

	c.act, c.params, c.kernel, c.bias = g.act, p, kernel, bias
	c.inferAct = splitActivation(c.Activation, g.act)
	c.in, c.out = slices.Clone(inputShape), append(out, c.Filters)
	return slices.Clone(c.out), nil
}

// axis returns, along spatial axis i of extent n, the output extent and the
// zeros before and after (for a transposed layer: of the convolution it
// transposes, which runs from the output back to the input); ok is false
// when the kernel does not fit.
func (c *Conv) axis(g convGeometry, i, n int) (out, before, after int, ok bool) {
	k, s, d := g.kernel[i], g.strides[i], g.dilation[i]
	if c.transpose {
		return transposeAxis(g, i, n)
	}
	switch g.padding {
	case "same":
		before, after = ag.SamePadding(n, k, s, d)
	case "causal":
		before = (k - 1) * d
	}
	out = ag.ConvOutLen(n, k, s, d, before, after)
	return out, before, after, out > 0
}

// geometryError says why Build found no output size for the input's
// spatial shape.
func (c *Conv) geometryError(g convGeometry, spatial []int) error {
	if c.transpose {
		return c.errorf(c.class, "kernel_size %s, strides %s, padding %q and output_padding %v give no output that convolves back to the input %s",
			shapeString(g.kernel), shapeString(g.strides), g.padding, g.outputPadding, shapeString(spatial))
	}
	return c.errorf(c.class, "kernel_size %s with dilation_rate %s does not fit in the input %s with padding %q",
		shapeString(g.kernel), shapeString(g.dilation), shapeString(spatial), g.padding)
}

// Call computes activation(conv(x, kernel) + bias):
//
//	x: (batch, inputShape…)   out: (batch, outputShape…)
func (c *Conv) Call(_ *Context, x *ag.Var) *ag.Var {
	if c.kernel == nil {
		c.notBuilt(c.class)
	}
	s := x.Shape()
	if len(s) != c.rank+2 || !tensor.SameShape(s[1:], c.in) {
		c.shapePanicf(c.class, "input of shape %v, want (batch, %s)", s, strings.Trim(shapeString(c.in), "(,)"))
	}
	if x.IsNoGrad() && !c.transpose {
		return c.infer(x)
	}
	var y *ag.Var
	switch {
	case c.transpose:
		y = ag.Conv2DTranspose(x, c.kernel, c.params, c.out[0], c.out[1])
	case c.rank == 2:
		y = ag.Conv2D(x, c.kernel, c.params)
	default: // (batch, T, C) is (batch, 1, T, C); kernel (K, C, F) is (1, K, C, F)
		x4 := ag.Reshape(x, s[0], 1, c.in[0], c.in[1])
		k4 := ag.Reshape(c.kernel, append([]int{1}, c.kernel.Shape()...)...)
		y = ag.Reshape(ag.Conv2D(x4, k4, c.params), s[0], c.out[0], c.out[1])
	}
	if c.bias != nil {
		y = ag.Add(y, c.bias) // broadcast over the last axis
	}
	return c.act(y)
}

// infer is Call for a no-grad batch (see infer.go): the convolution, bias
// and ReLU in one op, with the graph's bits.
func (c *Conv) infer(x *ag.Var) *ag.Var {
	fused, rest := c.inferAct.fused, c.inferAct.rest
	if c.rank == 2 {
		return applyRest(ag.Conv2DInfer(x, c.kernel, c.bias, c.params, fused), rest)
	}
	// (batch, T, C) is (batch, 1, T, C); kernel (K, C, F) is (1, K, C, F)
	s := x.Shape()
	x4 := ag.Reshape(x, s[0], 1, c.in[0], c.in[1])
	k4 := ag.Const(c.kernel.Value.Reshape(append([]int{1}, c.kernel.Shape()...)...))
	y := ag.Conv2DInfer(x4, k4, c.bias, c.params, fused)
	return applyRest(ag.Reshape(y, s[0], c.out[0], c.out[1]), rest)
}

func (c *Conv) Weights() []*ag.Var {
	if c.kernel == nil {
		return nil
	}
	if c.bias == nil {
		return []*ag.Var{c.kernel}
	}
	return []*ag.Var{c.kernel, c.bias}
}

// Config is Keras' get_config: tuples written out per axis, as Keras
// writes them.
func (c *Conv) Config() map[string]any {
	cfg := c.baseConfig()
	tuple := func(t Tuple) any {
		if t == nil {
			return nil
		}
		if e := t.expand(c.rank); e != nil {
			return e
		}
		return []int(t)
	}
	cfg["filters"] = c.Filters
	cfg["kernel_size"] = tuple(c.KernelSize)
	cfg["strides"] = tuple(orOne(c.Strides))
	cfg["padding"] = convOrDefault(strings.ToLower(c.Padding), "valid")
	cfg["data_format"] = convOrDefault(c.DataFormat, "channels_last")
	cfg["dilation_rate"] = tuple(orOne(c.DilationRate))
	if c.transpose {
		cfg["output_padding"] = tuple(c.OutputPadding)
	} else {
		cfg["groups"] = c.Groups
		if c.Groups == 0 {
			cfg["groups"] = 1
		}
	}
	cfg["activation"] = convOrDefault(c.Activation, "linear")
	cfg["use_bias"] = c.UseBias
	cfg["kernel_initializer"] = serializeInit(c.KernelInitializer)
	cfg["bias_initializer"] = serializeInit(c.BiasInitializer)
	for _, k := range []string{"kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint"} {
		cfg[k] = nil
	}
	return cfg
}

// convOrDefault is s, or def when s is empty.
func convOrDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
