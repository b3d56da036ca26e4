package layers

import (
	"encoding/json"

	"gonn/nn/ag"
	"gonn/nn/initializers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

func init() { register("LSTM", lstmFromConfig) }

// LSTMConfig holds the arguments of LSTM under their Keras keys. Start from
// DefaultLSTMConfig: the zero value has no initializers.
type LSTMConfig struct {
	Units                int                      `json:"units"`                 // required
	Activation           string                   `json:"activation"`            // "tanh"
	RecurrentActivation  string                   `json:"recurrent_activation"`  // "sigmoid"
	UseBias              bool                     `json:"use_bias"`              // true
	KernelInitializer    initializers.Initializer `json:"kernel_initializer"`    // glorot_uniform
	RecurrentInitializer initializers.Initializer `json:"recurrent_initializer"` // orthogonal
	BiasInitializer      initializers.Initializer `json:"bias_initializer"`      // zeros
	// UnitForgetBias starts the forget gate's bias at 1 (the rest of the
	// bias from BiasInitializer), as Jozefowicz et al. recommend.
	UnitForgetBias bool `json:"unit_forget_bias"` // true
	// Dropout and RecurrentDropout must be 0: gonn has no recurrent
	// dropout yet. Seed is dropout's seed, kept for the config.
	Dropout          float64 `json:"dropout"`
	RecurrentDropout float64 `json:"recurrent_dropout"`
	Seed             *int64  `json:"seed"`
	// Implementation is Keras 2's choice of kernel (1 or 2): accepted,
	// no effect, not written back (Keras 3 dropped it).
	Implementation int `json:"implementation"`
	RNNOptions
}

// DefaultLSTMConfig returns Keras' defaults; Units must still be set.
func DefaultLSTMConfig() LSTMConfig {
	return LSTMConfig{
		Activation:           "tanh",
		RecurrentActivation:  "sigmoid",
		UseBias:              true,
		KernelInitializer:    initializers.GlorotUniform{},
		RecurrentInitializer: initializers.Orthogonal{Gain: 1},
		BiasInitializer:      initializers.Zeros{},
		UnitForgetBias:       true,
	}
}

// LSTM is Keras' long short-term memory layer. Its kernels hold four gates
// side by side in Keras' order i, f, c, o (input, forget, cell candidate,
// output), each units columns wide. A step, with σ the recurrent
// activation (sigmoid) and φ the activation (tanh):
//
//	z = x_t·kernel + h_{t-1}·recurrent_kernel + bias     (batch, 4·units)
//	i = σ(z_i)   f = σ(z_f)   g = φ(z_c)   o = σ(z_o)
//	c_t = f·c_{t-1} + i·g     h_t = o·φ(c_t)             (batch, units)
//
// with h_0 = c_0 = 0 (or initial states), output h_t. Shapes: x (batch,
// steps, in), kernel (in, 4·units), recurrent_kernel (units, 4·units), bias
// (4·units); output (batch, units), or (batch, steps, units) with
// ReturnSequences. The states are [h, c] (see Recurrent).
type LSTM struct {
	recurrent
	LSTMConfig
}

// NewLSTM returns an LSTM of the given units with Keras' defaults.
func NewLSTM(units int) *LSTM {
	cfg := DefaultLSTMConfig()
	cfg.Units = units
	return NewLSTMWith(cfg)
}

// NewLSTMWith returns an LSTM with the given config.
func NewLSTMWith(cfg LSTMConfig) *LSTM { return &LSTM{LSTMConfig: cfg} }

func lstmFromConfig(config json.RawMessage) (Layer, error) {
	l := NewLSTMWith(DefaultLSTMConfig())
	if err := decodeRNNConfig("LSTM", config, &l.Base, &l.LSTMConfig, &l.RNNOptions); err != nil {
		return nil, err
	}
	if err := l.check(l.spec()); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *LSTM) ClassName() string { return "LSTM" }

func (l *LSTM) spec() rnnSpec {
	c := &l.LSTMConfig
	return rnnSpec{
		class: "LSTM", cellName: "lstm_cell", units: c.Units, gates: 4,
		activation: c.Activation, recurrentActivation: c.RecurrentActivation, useBias: c.UseBias,
		kernelInit: c.KernelInitializer, recurrentInit: c.RecurrentInitializer, biasInit: c.BiasInitializer,
		dropout: c.Dropout, recurrentDropout: c.RecurrentDropout,
	}
}

// Build makes kernel (in, 4·units), recurrent_kernel (units, 4·units) and
// bias (4·units), in that order, for an input (steps, in). With
// UnitForgetBias the bias is drawn as Keras does: BiasInitializer for the i
// block, ones for f, BiasInitializer for c and o together.
func (l *LSTM) Build(inputShape []int, r *rng.Rand) ([]int, error) {
	s := l.spec()
	biasInit := s.biasInit
	if l.UnitForgetBias && biasInit != nil {
		biasInit = forgetBias{biasInit, l.Units}
	}
	return l.build(s, &l.RNNOptions, inputShape, r, biasInit, 4*l.Units)
}

// begin: the projection is x·kernel + bias (steps·batch, 4·units); a step
// is the gates above, from xp (batch, 4·units) and h, c (batch, units).
func (l *LSTM) begin(xs *ag.Var) (*ag.Var, func(*ag.Var, []*ag.Var) []*ag.Var) {
	u := l.Units
	step := func(xp *ag.Var, states []*ag.Var) []*ag.Var {
		h, c := states[0], states[1]
		z := ag.Add(xp, ag.MatMul(h, l.recurrentKernel, false, false)) // (batch, 4·units)
		i := l.recAct(gate(z, 0, u))
		f := l.recAct(gate(z, 1, u))
		g := l.act(gate(z, 2, u))
		o := l.recAct(gate(z, 3, u))
		c = ag.Add(ag.Mul(f, c), ag.Mul(i, g))
		h = ag.Mul(o, l.act(c))
		return []*ag.Var{h, c}
	}
	return projectInputs(xs, l.kernel, l.bias), step
}

// CallWithState implements Recurrent; the states are [h, c].
func (l *LSTM) CallWithState(_ *Context, x *ag.Var, mask *tensor.Tensor, initialState []*ag.Var) (*ag.Var, []*ag.Var) {
	return l.unroll("LSTM", &l.RNNOptions, l.StateSize(), l, x, mask, initialState)
}

// Call maps x (batch, steps, in) to (batch, units), or (batch, steps, units)
// with ReturnSequences.
func (l *LSTM) Call(ctx *Context, x *ag.Var) *ag.Var {
	out, _ := l.CallWithState(ctx, x, nil, nil)
	return out
}

// CallMasked is Call skipping the masked steps (see Recurrent).
func (l *LSTM) CallMasked(ctx *Context, x *ag.Var, mask *tensor.Tensor) *ag.Var {
	out, _ := l.CallWithState(ctx, x, mask, nil)
	return out
}

// ComputeMask passes mask on with ReturnSequences; else the output has none.
func (l *LSTM) ComputeMask(_ *ag.Var, mask *tensor.Tensor) *tensor.Tensor {
	return sequenceMask(&l.RNNOptions, mask)
}

func (l *LSTM) Options() *RNNOptions { return &l.RNNOptions }
func (l *LSTM) StateSize() []int     { return []int{l.Units, l.Units} }

func (l *LSTM) Config() map[string]any {
	c := l.rnnConfig(l.spec(), &l.RNNOptions, l.Seed)
	c["unit_forget_bias"] = l.UnitForgetBias
	return c
}

// forgetBias is LSTM's bias initializer with UnitForgetBias: init for the
// first units values (gate i), ones for the next units (gate f), init for
// the last 2·units (gates c, o), each block drawn as a vector on its own.
type forgetBias struct {
	init  initializers.Initializer
	units int
}

func (b forgetBias) Init(r *rng.Rand, shape []int, _, _ int) *tensor.Tensor {
	u := b.units
	if len(shape) != 1 || shape[0] != 4*u {
		tensor.Shapef("LSTM forget-gate bias: shape %v, want (%d)", shape, 4*u)
	}
	out := tensor.New(4 * u)
	copy(out.Data[:u], b.init.Init(r, []int{u}, u, u).Data)
	for i := u; i < 2*u; i++ {
		out.Data[i] = 1
	}
	copy(out.Data[2*u:], b.init.Init(r, []int{2 * u}, 2*u, 2*u).Data)
	return out
}

func (b forgetBias) Config() map[string]any { return b.init.Config() }
func (b forgetBias) Name() string           { return b.init.Name() }
