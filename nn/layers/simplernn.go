package layers

import (
	"encoding/json"

	"gonn/nn/ag"
	"gonn/nn/initializers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

func init() { register("SimpleRNN", simpleRNNFromConfig) }

// SimpleRNNConfig holds the arguments of SimpleRNN under their Keras keys.
// Start from DefaultSimpleRNNConfig: the zero value has no initializers.
type SimpleRNNConfig struct {
	Units                int                      `json:"units"`                 // required
	Activation           string                   `json:"activation"`            // "tanh"
	UseBias              bool                     `json:"use_bias"`              // true
	KernelInitializer    initializers.Initializer `json:"kernel_initializer"`    // glorot_uniform
	RecurrentInitializer initializers.Initializer `json:"recurrent_initializer"` // orthogonal
	BiasInitializer      initializers.Initializer `json:"bias_initializer"`      // zeros
	// Dropout and RecurrentDropout must be 0: gonn has no recurrent
	// dropout yet. Seed is dropout's seed, kept for the config.
	Dropout          float64 `json:"dropout"`
	RecurrentDropout float64 `json:"recurrent_dropout"`
	Seed             *int64  `json:"seed"`
	RNNOptions
}

// DefaultSimpleRNNConfig returns Keras' defaults; Units must still be set.
func DefaultSimpleRNNConfig() SimpleRNNConfig {
	return SimpleRNNConfig{
		Activation:           "tanh",
		UseBias:              true,
		KernelInitializer:    initializers.GlorotUniform{},
		RecurrentInitializer: initializers.Orthogonal{Gain: 1},
		BiasInitializer:      initializers.Zeros{},
	}
}

// SimpleRNN is Keras' fully connected recurrent layer, the lecture's "dense
// layer in a for loop with memory":
//
//	h_t = activation(x_t·kernel + h_{t-1}·recurrent_kernel + bias)
//
// with h_0 = 0 (or an initial state) and output h_t. Shapes: x (batch, steps,
// in), kernel (in, units), recurrent_kernel (units, units), bias (units);
// output (batch, units), or (batch, steps, units) with ReturnSequences. See
// Recurrent for the final state and masks.
type SimpleRNN struct {
	recurrent
	SimpleRNNConfig
}

// NewSimpleRNN returns a SimpleRNN of the given units with Keras' defaults
// (tanh, the last output only).
func NewSimpleRNN(units int) *SimpleRNN {
	cfg := DefaultSimpleRNNConfig()
	cfg.Units = units
	return NewSimpleRNNWith(cfg)
}

// NewSimpleRNNWith returns a SimpleRNN with the given config.
func NewSimpleRNNWith(cfg SimpleRNNConfig) *SimpleRNN { return &SimpleRNN{SimpleRNNConfig: cfg} }

func simpleRNNFromConfig(config json.RawMessage) (Layer, error) {
	l := NewSimpleRNNWith(DefaultSimpleRNNConfig())
	if err := decodeRNNConfig("SimpleRNN", config, &l.Base, &l.SimpleRNNConfig, &l.RNNOptions); err != nil {
		return nil, err
	}
	if err := l.check(l.spec()); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *SimpleRNN) ClassName() string { return "SimpleRNN" }

func (l *SimpleRNN) spec() rnnSpec {
	c := &l.SimpleRNNConfig
	return rnnSpec{
		class: "SimpleRNN", cellName: "simple_rnn_cell", units: c.Units, gates: 1,
		activation: c.Activation, useBias: c.UseBias,
		kernelInit: c.KernelInitializer, recurrentInit: c.RecurrentInitializer, biasInit: c.BiasInitializer,
		dropout: c.Dropout, recurrentDropout: c.RecurrentDropout,
	}
}

// Build makes kernel (in, units), recurrent_kernel (units, units) and bias
// (units), in that order, for an input (steps, in).
func (l *SimpleRNN) Build(inputShape []int, r *rng.Rand) ([]int, error) {
	s := l.spec()
	return l.build(s, &l.RNNOptions, inputShape, r, s.biasInit, l.Units)
}

// begin: the projection is x·kernel + bias (steps·batch, units); a step is
//
//	h = activation(xp + h·recurrent_kernel)   xp, h: (batch, units)
func (l *SimpleRNN) begin(xs *ag.Var) (*ag.Var, func(*ag.Var, []*ag.Var) []*ag.Var) {
	step := func(xp *ag.Var, states []*ag.Var) []*ag.Var {
		h := ag.MatMul(states[0], l.recurrentKernel, false, false) // (batch, units)
		return []*ag.Var{l.act(ag.Add(xp, h))}
	}
	return projectInputs(xs, l.kernel, l.bias), step
}

// CallWithState implements Recurrent; the one state is h.
func (l *SimpleRNN) CallWithState(_ *Context, x *ag.Var, mask *tensor.Tensor, initialState []*ag.Var) (*ag.Var, []*ag.Var) {
	return l.unroll("SimpleRNN", &l.RNNOptions, l.StateSize(), l, x, mask, initialState)
}

// Call maps x (batch, steps, in) to (batch, units), or (batch, steps, units)
// with ReturnSequences.
func (l *SimpleRNN) Call(ctx *Context, x *ag.Var) *ag.Var {
	out, _ := l.CallWithState(ctx, x, nil, nil)
	return out
}

// CallMasked is Call skipping the masked steps (see Recurrent).
func (l *SimpleRNN) CallMasked(ctx *Context, x *ag.Var, mask *tensor.Tensor) *ag.Var {
	out, _ := l.CallWithState(ctx, x, mask, nil)
	return out
}

// ComputeMask passes mask on with ReturnSequences; else the output has none.
func (l *SimpleRNN) ComputeMask(_ *ag.Var, mask *tensor.Tensor) *tensor.Tensor {
	return sequenceMask(&l.RNNOptions, mask)
}

func (l *SimpleRNN) Options() *RNNOptions { return &l.RNNOptions }
func (l *SimpleRNN) StateSize() []int     { return []int{l.Units} }

func (l *SimpleRNN) Config() map[string]any {
	return l.rnnConfig(l.spec(), &l.RNNOptions, l.Seed)
}
