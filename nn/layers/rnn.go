package layers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"gonn/nn/ag"
	"gonn/nn/initializers"
	"gonn/nn/layers/activations"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// Recurrent layers: SimpleRNN, LSTM and GRU.
//
// "An RNN is a dense layer in a for loop with memory": each step computes
// new states from the step's input and the previous states, and the output
// of the step is the first state, h. gonn unrolls the loop on the autodiff
// graph, so gradients flow back through time (BPTT) with no code here. The
// inputs of all steps are multiplied by the kernel in one MatMul before the
// loop; each step then adds h·recurrent_kernel and applies its gates.
//
// What the layers share, Keras' base RNN class, is RNNOptions; what wrappers
// (Bidirectional) and a functional API need beyond Layer is Recurrent.

// RNNOptions holds the arguments of Keras' base RNN class that gonn's
// recurrent layers share, under their Keras keys. The zero value is Keras'
// default. Keras' stateful and time_major are accepted in configs only when
// false.
type RNNOptions struct {
	// ReturnSequences returns the output of every step, (batch, steps,
	// units), instead of the last one, (batch, units).
	ReturnSequences bool `json:"return_sequences"`
	// ReturnState asks for the final states too. Call returns one tensor,
	// so the states come from CallWithState, which always returns them;
	// the flag is kept for configs and for wrappers to read.
	ReturnState bool `json:"return_state"`
	// GoBackwards processes the steps last to first; with ReturnSequences
	// the outputs are in that processing order (reversed), as in Keras.
	GoBackwards bool `json:"go_backwards"`
	// ZeroOutputForMask makes the output of a masked step 0 instead of the
	// previous step's output (Bidirectional sets it with ReturnSequences).
	ZeroOutputForMask bool `json:"zero_output_for_mask"`
	// Unroll is accepted and has no effect: gonn always unrolls.
	Unroll bool `json:"unroll"`
}

// Recurrent is implemented by SimpleRNN, LSTM and GRU: the layer, its mask
// handling, and the multi-output call that Layer.Call cannot express.
type Recurrent interface {
	Layer
	MaskConsumer // skips masked steps
	MaskProducer // passes the mask on with ReturnSequences
	// Options returns the layer's RNN options, to read, or to change
	// before Build (a wrapper's copy of a layer going backwards).
	Options() *RNNOptions
	// StateSize is the width of each state, in the order CallWithState
	// takes and returns them: [units] (h) for SimpleRNN and GRU, [units,
	// units] (h, c) for LSTM.
	StateSize() []int
	// CallWithState runs the layer on x (batch, steps, features), with an
	// optional mask (batch, steps) (nil: every step) and optional initial
	// states (nil: zeros; else one (batch, size) per StateSize entry, which
	// gradients reach), and returns the output, as Call does, and the final
	// states: Keras' layer(x, mask=mask, initial_state=…) with
	// return_state=True, giving [output, h] or [output, h, c].
	CallWithState(ctx *Context, x *ag.Var, mask *tensor.Tensor, initialState []*ag.Var) (out *ag.Var, states []*ag.Var)
}

// Masked steps, as Keras' backend rnn (TensorFlow) treats them: at a step
// whose mask is 0 for an example, the example's states stay those of the
// step before (the initial states if no step was used yet), and its output
// is the previous step's output, 0 before the first step (or 0 always with
// ZeroOutputForMask). So the last output and the final states of a sequence
// padded at the end are those after its last real step. (Keras' JAX backend
// differs only in the output of masked steps before any real step, when the
// initial state is not zero: it gives h0, TensorFlow 0.)

// cell is what differs between the recurrent layers: the dense layer inside
// the loop.
type cell interface {
	// begin starts one call. It returns the projection of the inputs of
	// every step, xs (steps·batch, in) time-major → (steps·batch, width),
	// computed in one product, and the step: from xp, a step's rows of the
	// projection (batch, width), and the states (batch, units)…, the new
	// states, the first of which is the step's output.
	begin(xs *ag.Var) (proj *ag.Var, step func(xp *ag.Var, states []*ag.Var) []*ag.Var)
}

// recurrent is the state every recurrent layer has once built: its
// activations and its weights, in Keras order.
type recurrent struct {
	Base

	act, recAct     activations.Func
	in              int     // features per step; 0 before Build
	kernel          *ag.Var // (in, gates·units)
	recurrentKernel *ag.Var // (units, gates·units)
	bias            *ag.Var // (gates·units), GRU with reset_after (2, 3·units); nil without use_bias
}

func (r *recurrent) Weights() []*ag.Var {
	if r.kernel == nil {
		return nil
	}
	if r.bias == nil {
		return []*ag.Var{r.kernel, r.recurrentKernel}
	}
	return []*ag.Var{r.kernel, r.recurrentKernel, r.bias}
}

// rnnSpec is a recurrent layer's config as the shared code reads it.
type rnnSpec struct {
	class, cellName                     string // "LSTM", "lstm_cell"
	units, gates                        int    // the kernels have gates·units columns
	activation, recurrentActivation     string // recurrentActivation "" if the layer has none
	useBias                             bool
	kernelInit, recurrentInit, biasInit initializers.Initializer
	dropout, recurrentDropout           float64
}

// check validates the config and sets the activations.
func (r *recurrent) check(s rnnSpec) error {
	switch {
	case s.units <= 0:
		return r.errorf(s.class, "units must be positive, got %d", s.units)
	case s.kernelInit == nil || s.recurrentInit == nil || (s.useBias && s.biasInit == nil):
		return r.errorf(s.class, "missing initializer (start from Default%sConfig)", s.class)
	case s.dropout != 0 || s.recurrentDropout != 0:
		return r.errorf(s.class, "dropout and recurrent_dropout are not supported by gonn yet, got %g and %g", s.dropout, s.recurrentDropout)
	}
	act, err := activations.Get(s.activation)
	if err != nil {
		return r.errorf(s.class, "activation: %v", err)
	}
	recAct := activations.Sigmoid
	if s.recurrentActivation != "" {
		if recAct, err = activations.Get(s.recurrentActivation); err != nil {
			return r.errorf(s.class, "recurrent_activation: %v", err)
		}
	}
	r.act, r.recAct = act, recAct
	return nil
}

// build checks the input shape (steps, features) and makes the weights, in
// Keras order, named "<layer>/<cell>/kernel" as Keras names them: kernel
// (in, gates·units), recurrent_kernel (units, gates·units), then the bias of
// biasShape from biasInit (the spec's, or LSTM's with the forget-gate ones).
// It returns the output shape.
func (r *recurrent) build(s rnnSpec, opts *RNNOptions, inputShape []int, rnd *rng.Rand, biasInit initializers.Initializer, biasShape ...int) ([]int, error) {
	if err := r.checkInputShape(s.class, inputShape); err != nil {
		return nil, err
	}
	if err := r.check(s); err != nil {
		return nil, err
	}
	if len(inputShape) != 2 || inputShape[0] == 0 || inputShape[1] == 0 {
		return nil, r.errorf(s.class, "needs 3-D input (batch, steps, features): examples of shape (steps, features), both non-zero, got %s", shapeString(inputShape))
	}
	in, width := inputShape[1], s.gates*s.units
	kernel, err := r.newWeight(s.class, s.cellName+"/kernel", s.kernelInit, rnd, in, width)
	if err != nil {
		return nil, err
	}
	rec, err := r.newWeight(s.class, s.cellName+"/recurrent_kernel", s.recurrentInit, rnd, s.units, width)
	if err != nil {
		return nil, err
	}
	var bias *ag.Var
	if s.useBias {
		if bias, err = r.newWeight(s.class, s.cellName+"/bias", biasInit, rnd, biasShape...); err != nil {
			return nil, err
		}
	}
	r.in, r.kernel, r.recurrentKernel, r.bias = in, kernel, rec, bias
	if opts.ReturnSequences {
		return []int{inputShape[0], s.units}, nil
	}
	return []int{s.units}, nil
}

// unroll runs the loop of a built recurrent layer; see Recurrent.CallWithState.
//
//	x: (batch, steps, in)   mask: (batch, steps) or nil   initial: (batch, size)… or nil
//	out: (batch, steps, units) with ReturnSequences, else (batch, units)   states: (batch, size)…
func (r *recurrent) unroll(class string, opts *RNNOptions, sizes []int, c cell, x *ag.Var, mask *tensor.Tensor, initial []*ag.Var) (*ag.Var, []*ag.Var) {
	if r.kernel == nil {
		r.notBuilt(class)
	}
	s := x.Shape()
	if len(s) != 3 || s[1] == 0 || s[2] != r.in {
		r.shapePanicf(class, "input of shape %v, want (batch, steps, %d) with steps > 0", s, r.in)
	}
	batch, steps := s[0], s[1]
	var keep [][]bool // keep[t]: the examples that use step t
	if mask != nil {
		keep = r.stepKeep(class, mask, batch, steps)
	}
	zeros := ag.Const(tensor.New(batch, sizes[0])) // (batch, units)
	states := r.initialStates(class, sizes, batch, initial, zeros)
	prevOut := zeros // the output of the step before; states[0] too while no state was given

	xs := ag.Reshape(ag.Transpose(x, 1, 0, 2), steps*batch, r.in) // (steps·batch, in), time-major
	proj, step := c.begin(xs)                                     // (steps·batch, width)
	var outs []*ag.Var                                            // (batch, units) per step, in processing order
	for k := range steps {
		t := k
		if opts.GoBackwards {
			t = steps - 1 - k
		}
		next := step(ag.Slice(proj, 0, t*batch, (t+1)*batch), states)
		out := next[0]
		if keep != nil {
			prev := prevOut
			if opts.ZeroOutputForMask {
				prev = zeros
			}
			sameAsState := prev == states[0]
			for i := range next {
				next[i] = ag.SelectRows(keep[t], next[i], states[i])
			}
			out = next[0]
			if !sameAsState {
				out = ag.SelectRows(keep[t], out, prev)
			}
		}
		states, prevOut = next, out
		if opts.ReturnSequences {
			outs = append(outs, out)
		}
	}
	if !opts.ReturnSequences {
		return prevOut, states
	}
	seq := ag.Reshape(ag.Concat(0, outs...), steps, batch, sizes[0]) // (steps, batch, units)
	return ag.Transpose(seq, 1, 0, 2), states                        // (batch, steps, units)
}

// initialStates checks the given initial states, or returns zeros.
func (r *recurrent) initialStates(class string, sizes []int, batch int, initial []*ag.Var, zeros *ag.Var) []*ag.Var {
	if initial == nil {
		states := []*ag.Var{zeros}
		for _, n := range sizes[1:] {
			states = append(states, ag.Const(tensor.New(batch, n)))
		}
		return states
	}
	if len(initial) != len(sizes) {
		r.shapePanicf(class, "%d initial states, want %d", len(initial), len(sizes))
	}
	for i, v := range initial {
		if v == nil || !tensor.SameShape(v.Shape(), []int{batch, sizes[i]}) {
			got := "nil"
			if v != nil {
				got = fmt.Sprint(v.Shape())
			}
			r.shapePanicf(class, "initial state %d of shape %s, want (batch, %d) = (%d, %d)", i, got, sizes[i], batch, sizes[i])
		}
	}
	return append([]*ag.Var(nil), initial...)
}

// gate returns the columns [i·units, (i+1)·units) of z (batch, n·units):
// the pre-activation of gate i.
func gate(z *ag.Var, i, units int) *ag.Var { return ag.Slice(z, 1, i*units, (i+1)*units) }

// projectInputs returns xs·kernel (+ bias), the input part of every gate
// for every step:
//
//	xs: (steps·batch, in)   kernel: (in, width)   bias: (width) or nil   out: (steps·batch, width)
func projectInputs(xs, kernel, bias *ag.Var) *ag.Var {
	p := ag.MatMul(xs, kernel, false, false)
	if bias != nil {
		p = ag.Add(p, bias)
	}
	return p
}

// rnnConfig is the part of Config that every recurrent layer writes.
func (r *recurrent) rnnConfig(s rnnSpec, opts *RNNOptions, seed *int64) map[string]any {
	c := r.baseConfig()
	c["return_sequences"] = opts.ReturnSequences
	c["return_state"] = opts.ReturnState
	c["go_backwards"] = opts.GoBackwards
	c["stateful"] = false
	c["unroll"] = opts.Unroll
	c["zero_output_for_mask"] = opts.ZeroOutputForMask
	c["units"] = s.units
	c["activation"] = activationName(s.activation)
	if s.recurrentActivation != "" {
		c["recurrent_activation"] = activationName(s.recurrentActivation)
	}
	c["use_bias"] = s.useBias
	c["kernel_initializer"] = serializeInit(s.kernelInit)
	c["recurrent_initializer"] = serializeInit(s.recurrentInit)
	c["bias_initializer"] = serializeInit(s.biasInit)
	for _, k := range rnnNull {
		c[k] = nil
	}
	c["dropout"] = s.dropout
	c["recurrent_dropout"] = s.recurrentDropout
	c["seed"] = nil
	if seed != nil {
		c["seed"] = *seed
	}
	return c
}

// activationName is a config's activation as Keras writes it.
func activationName(name string) string {
	if name == "" {
		return "linear"
	}
	return name
}

// rnnNull are the regularizer and constraint keys of Keras' recurrent
// layer configs: features gonn lacks, written as null.
var rnnNull = []string{
	"kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "activity_regularizer",
	"kernel_constraint", "recurrent_constraint", "bias_constraint",
}

// rnnAbsent are the keys of recurrent layer configs for features gonn
// lacks: accepted when null or false.
var rnnAbsent = append(append([]string{}, rnnNull...), "stateful", "time_major")

// decodeRNNConfig reads a recurrent layer's Keras config: the RNNOptions
// keys into opts, the others as decodeConfig does into b and cfg.
func decodeRNNConfig(class string, config json.RawMessage, b *Base, cfg any, opts *RNNOptions) error {
	var keys map[string]json.RawMessage
	if len(bytes.TrimSpace(config)) > 0 {
		if err := json.Unmarshal(config, &keys); err != nil {
			return fmt.Errorf("layers: %s config: %v", class, err)
		}
	}
	optKeys := map[string]json.RawMessage{}
	t := reflect.TypeFor[RNNOptions]()
	for i := range t.NumField() {
		k := strings.Split(t.Field(i).Tag.Get("json"), ",")[0]
		if v, ok := keys[k]; ok {
			optKeys[k] = v
			delete(keys, k)
		}
	}
	rest, err := json.Marshal(keys)
	if err != nil {
		return fmt.Errorf("layers: %s config: %v", class, err)
	}
	if err := decodeConfig(class, rest, b, cfg, rnnAbsent...); err != nil {
		return err
	}
	options, err := json.Marshal(optKeys)
	if err != nil {
		return fmt.Errorf("layers: %s config: %v", class, err)
	}
	return decodeConfig(class, options, &Base{}, opts)
}

// sequenceMask is the mask of a recurrent layer's output: the input's with
// ReturnSequences (the output has the same steps), else none. As in Keras,
// it is not reversed with GoBackwards.
func sequenceMask(opts *RNNOptions, mask *tensor.Tensor) *tensor.Tensor {
	if opts.ReturnSequences {
		return mask
	}
	return nil
}

var (
	_ Recurrent    = (*SimpleRNN)(nil)
	_ Recurrent    = (*LSTM)(nil)
	_ Recurrent    = (*GRU)(nil)
	_ MaskProducer = (*Embedding)(nil)
	_ MaskProducer = (*Masking)(nil)
)
