package layers

import (
	"encoding/json"

	"gonn/nn/ag"
	"gonn/nn/initializers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

func init() { register("GRU", gruFromConfig) }

// GRUConfig holds the arguments of GRU under their Keras keys. Start from
// DefaultGRUConfig: the zero value has no initializers and resets before.
type GRUConfig struct {
	Units                int                      `json:"units"`                 // required
	Activation           string                   `json:"activation"`            // "tanh"
	RecurrentActivation  string                   `json:"recurrent_activation"`  // "sigmoid"
	UseBias              bool                     `json:"use_bias"`              // true
	KernelInitializer    initializers.Initializer `json:"kernel_initializer"`    // glorot_uniform
	RecurrentInitializer initializers.Initializer `json:"recurrent_initializer"` // orthogonal
	BiasInitializer      initializers.Initializer `json:"bias_initializer"`      // zeros
	// ResetAfter applies the reset gate after the product by the recurrent
	// kernel, with separate input and recurrent biases (Keras 3's and TF2
	// Keras' default, cuDNN's form); false applies it before, with one bias
	// (the original GRU, Keras' default before TF2).
	ResetAfter bool `json:"reset_after"` // true
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

// DefaultGRUConfig returns Keras' defaults; Units must still be set.
func DefaultGRUConfig() GRUConfig {
	return GRUConfig{
		Activation:           "tanh",
		RecurrentActivation:  "sigmoid",
		UseBias:              true,
		KernelInitializer:    initializers.GlorotUniform{},
		RecurrentInitializer: initializers.Orthogonal{Gain: 1},
		BiasInitializer:      initializers.Zeros{},
		ResetAfter:           true,
	}
}

// GRU is Keras' gated recurrent unit. Its kernels hold three blocks side by
// side in Keras' order z, r, h (update, reset, candidate), each units
// columns wide. A step, with σ the recurrent activation (sigmoid), φ the
// activation (tanh), and W, U the kernel and recurrent kernel:
//
//	z  = σ(x_t·W_z + b_z + h_{t-1}·U_z + b'_z)
//	r  = σ(x_t·W_r + b_r + h_{t-1}·U_r + b'_r)
//	hh = φ(x_t·W_h + b_h + r·(h_{t-1}·U_h + b'_h))    ResetAfter
//	hh = φ(x_t·W_h + b_h + (r·h_{t-1})·U_h)           !ResetAfter (no b')
//	h_t = z·h_{t-1} + (1−z)·hh
//
// with h_0 = 0 (or an initial state), output h_t. Shapes: x (batch, steps,
// in), kernel (in, 3·units), recurrent_kernel (units, 3·units), bias (2,
// 3·units) with ResetAfter (row 0 the input bias b, row 1 the recurrent b'),
// else (3·units); output (batch, units), or (batch, steps, units) with
// ReturnSequences. See Recurrent for the final state and masks.
type GRU struct {
	recurrent
	GRUConfig
}

// NewGRU returns a GRU of the given units with Keras 3's defaults
// (reset_after true).
func NewGRU(units int) *GRU {
	cfg := DefaultGRUConfig()
	cfg.Units = units
	return NewGRUWith(cfg)
}

// NewGRUWith returns a GRU with the given config.
func NewGRUWith(cfg GRUConfig) *GRU { return &GRU{GRUConfig: cfg} }

func gruFromConfig(config json.RawMessage) (Layer, error) {
	l := NewGRUWith(DefaultGRUConfig())
	if err := decodeRNNConfig("GRU", config, &l.Base, &l.GRUConfig, &l.RNNOptions); err != nil {
		return nil, err
	}
	if err := l.check(l.spec()); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *GRU) ClassName() string { return "GRU" }

func (l *GRU) spec() rnnSpec {
	c := &l.GRUConfig
	return rnnSpec{
		class: "GRU", cellName: "gru_cell", units: c.Units, gates: 3,
		activation: c.Activation, recurrentActivation: c.RecurrentActivation, useBias: c.UseBias,
		kernelInit: c.KernelInitializer, recurrentInit: c.RecurrentInitializer, biasInit: c.BiasInitializer,
		dropout: c.Dropout, recurrentDropout: c.RecurrentDropout,
	}
}

// Build makes kernel (in, 3·units), recurrent_kernel (units, 3·units) and
// bias, (2, 3·units) with ResetAfter or (3·units), in that order, for an
// input (steps, in).
func (l *GRU) Build(inputShape []int, r *rng.Rand) ([]int, error) {
	s := l.spec()
	biasShape := []int{3 * l.Units}
	if l.ResetAfter {
		biasShape = []int{2, 3 * l.Units}
	}
	return l.build(s, &l.RNNOptions, inputShape, r, s.biasInit, biasShape...)
}

// begin: the projection is x·W + b (steps·batch, 3·units); a step is the
// equations above, from xp (batch, 3·units) and h (batch, units), computing
// the last line as hh + z·(h − hh).
func (l *GRU) begin(xs *ag.Var) (*ag.Var, func(*ag.Var, []*ag.Var) []*ag.Var) {
	u := l.Units
	var inBias, recBias *ag.Var // (1, 3·units) each with ResetAfter; inBias (3·units) without
	if l.bias != nil && l.ResetAfter {
		inBias, recBias = ag.Slice(l.bias, 0, 0, 1), ag.Slice(l.bias, 0, 1, 2)
	} else {
		inBias = l.bias
	}
	proj := projectInputs(xs, l.kernel, inBias)
	mix := func(z, h, hh *ag.Var) *ag.Var { return ag.Add(hh, ag.Mul(z, ag.Sub(h, hh))) }

	if l.ResetAfter {
		step := func(xp *ag.Var, states []*ag.Var) []*ag.Var {
			h := states[0]
			rp := ag.MatMul(h, l.recurrentKernel, false, false) // (batch, 3·units)
			if recBias != nil {
				rp = ag.Add(rp, recBias)
			}
			zr := l.recAct(ag.Add(ag.Slice(xp, 1, 0, 2*u), ag.Slice(rp, 1, 0, 2*u))) // (batch, 2·units)
			z, r := gate(zr, 0, u), gate(zr, 1, u)
			hh := l.act(ag.Add(gate(xp, 2, u), ag.Mul(r, gate(rp, 2, u))))
			return []*ag.Var{mix(z, h, hh)}
		}
		return proj, step
	}
	uzr := ag.Slice(l.recurrentKernel, 1, 0, 2*u)  // (units, 2·units)
	uh := ag.Slice(l.recurrentKernel, 1, 2*u, 3*u) // (units, units)
	step := func(xp *ag.Var, states []*ag.Var) []*ag.Var {
		h := states[0]
		zr := l.recAct(ag.Add(ag.Slice(xp, 1, 0, 2*u), ag.MatMul(h, uzr, false, false))) // (batch, 2·units)
		z, r := gate(zr, 0, u), gate(zr, 1, u)
		hh := l.act(ag.Add(gate(xp, 2, u), ag.MatMul(ag.Mul(r, h), uh, false, false)))
		return []*ag.Var{mix(z, h, hh)}
	}
	return proj, step
}

// CallWithState implements Recurrent; the one state is h.
func (l *GRU) CallWithState(_ *Context, x *ag.Var, mask *tensor.Tensor, initialState []*ag.Var) (*ag.Var, []*ag.Var) {
	return l.unroll("GRU", &l.RNNOptions, l.StateSize(), l, x, mask, initialState)
}

// Call maps x (batch, steps, in) to (batch, units), or (batch, steps, units)
// with ReturnSequences.
func (l *GRU) Call(ctx *Context, x *ag.Var) *ag.Var {
	out, _ := l.CallWithState(ctx, x, nil, nil)
	return out
}

// CallMasked is Call skipping the masked steps (see Recurrent).
func (l *GRU) CallMasked(ctx *Context, x *ag.Var, mask *tensor.Tensor) *ag.Var {
	out, _ := l.CallWithState(ctx, x, mask, nil)
	return out
}

// ComputeMask passes mask on with ReturnSequences; else the output has none.
func (l *GRU) ComputeMask(_ *ag.Var, mask *tensor.Tensor) *tensor.Tensor {
	return sequenceMask(&l.RNNOptions, mask)
}

func (l *GRU) Options() *RNNOptions { return &l.RNNOptions }
func (l *GRU) StateSize() []int     { return []int{l.Units} }

func (l *GRU) Config() map[string]any {
	c := l.rnnConfig(l.spec(), &l.RNNOptions, l.Seed)
	c["reset_after"] = l.ResetAfter
	return c
}
