package layers

import (
	"encoding/json"
	"fmt"
	"strings"

	"gonn/nn/ag"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// bidirectionalConfig holds Bidirectional's own config keys.
type bidirectionalConfig struct {
	// MergeMode is a pointer so that Keras' None (null), which gonn does
	// not support, is told from an absent key.
	MergeMode *string `json:"merge_mode"`
	// Layer and BackwardLayer are the nested layers,
	// {"class_name": …, "config": …}; BackwardLayer may be absent.
	Layer         json.RawMessage `json:"layer"`
	BackwardLayer json.RawMessage `json:"backward_layer"`
}

// Bidirectional runs a recurrent layer over the steps in both directions
// and merges the two outputs, Keras' Bidirectional. Forward reads the steps
// first to last, Backward last to first (a copy of the layer from its
// config with go_backwards toggled). With ReturnSequences the backward
// output is put back in time order before merging, so that step t of the
// output sees the whole sequence:
//
//	x: (batch, steps, in)   each direction: (batch, [steps,] units)
//	out: (batch, [steps,] 2·units) with "concat", (batch, [steps,] units) otherwise
//
// The weights are Forward's then Backward's, as in Keras; a mask goes to
// both directions.
type Bidirectional struct {
	Base
	MergeMode         string    // "concat", "sum", "mul" or "ave"
	Forward, Backward Recurrent // the two directions

	err   error // from making Backward, reported by Build
	built bool
}

// NewBidirectional wraps layer, with merge mode "concat", "sum", "mul" or
// "ave". The backward direction is a copy of layer made from its config,
// with go_backwards toggled. As in Keras, the directions are named
// "forward_<layer>" and "backward_<layer>".
func NewBidirectional(layer Recurrent, mergeMode string) *Bidirectional {
	return NewBidirectionalWith(layer, nil, mergeMode)
}

// NewBidirectionalWith is NewBidirectional with a given backward layer
// (Keras' backward_layer); nil means a copy of forward.
func NewBidirectionalWith(forward, backward Recurrent, mergeMode string) *Bidirectional {
	b := &Bidirectional{MergeMode: mergeMode, Forward: forward, Backward: backward}
	if forward == nil {
		return b
	}
	base := forward.Name()
	if base == "" {
		base = defaultLayerName(forward.ClassName())
	}
	forward.SetName("forward_" + strings.TrimPrefix(base, "forward_"))
	if backward == nil {
		b.Backward, b.err = reversedCopy(forward)
		if b.Backward != nil {
			b.Backward.SetName("backward_" + strings.TrimPrefix(base, "forward_"))
		}
	}
	// As in Keras: with sequences, masked steps output zeros in both directions.
	for _, l := range []Recurrent{b.Forward, b.Backward} {
		if l != nil {
			l.Options().ZeroOutputForMask = l.Options().ReturnSequences
		}
	}
	return b
}

// reversedCopy makes a copy of l from its config, going the other way.
func reversedCopy(l Recurrent) (Recurrent, error) {
	config, err := json.Marshal(l.Config())
	if err != nil {
		return nil, err
	}
	c, err := FromConfig(l.ClassName(), config)
	if err != nil {
		return nil, err
	}
	r := c.(Recurrent) // a class of the same name
	r.Options().GoBackwards = !l.Options().GoBackwards
	return r, nil
}

func bidirectionalFromConfig(config json.RawMessage) (Layer, error) {
	b := &Bidirectional{}
	concat := "concat"
	cfg := bidirectionalConfig{MergeMode: &concat}
	if err := decodeConfig("Bidirectional", config, &b.Base, &cfg); err != nil {
		return nil, err
	}
	if cfg.MergeMode == nil {
		return nil, fmt.Errorf("layers: Bidirectional config: merge_mode None (two outputs) is not supported by gonn")
	}
	forward, err := nestedRecurrent("layer", cfg.Layer)
	if err != nil {
		return nil, err
	}
	var backward Recurrent
	if s := strings.TrimSpace(string(cfg.BackwardLayer)); s != "" && s != "null" {
		if backward, err = nestedRecurrent("backward_layer", cfg.BackwardLayer); err != nil {
			return nil, err
		}
	}
	w := NewBidirectionalWith(forward, backward, *cfg.MergeMode)
	w.Base = b.Base
	if err := w.check(); err != nil {
		return nil, err
	}
	return w, nil
}

// nestedRecurrent reads a nested layer that must be recurrent.
func nestedRecurrent(key string, raw json.RawMessage) (Recurrent, error) {
	l, err := nestedFromConfig("Bidirectional", key, raw)
	if err != nil {
		return nil, err
	}
	r, ok := l.(Recurrent)
	if !ok {
		return nil, fmt.Errorf("layers: Bidirectional config: %s: %s is not a recurrent layer", key, l.ClassName())
	}
	return r, nil
}

func (b *Bidirectional) ClassName() string { return "Bidirectional" }

// check validates the merge mode and the two directions.
func (b *Bidirectional) check() error {
	switch {
	case b.err != nil:
		return b.errorf("Bidirectional", "copying the layer: %v", b.err)
	case b.Forward == nil || b.Backward == nil:
		return b.errorf("Bidirectional", "needs a forward and a backward layer")
	case b.Forward.Options().GoBackwards == b.Backward.Options().GoBackwards:
		return b.errorf("Bidirectional", "the forward and backward layers have the same go_backwards")
	case b.Forward.Options().ReturnSequences != b.Backward.Options().ReturnSequences:
		return b.errorf("Bidirectional", "the forward and backward layers differ in return_sequences")
	}
	switch b.MergeMode {
	case "concat", "sum", "mul", "ave":
		return nil
	}
	return b.errorf("Bidirectional", `merge_mode must be "concat", "sum", "mul" or "ave", got %q`, b.MergeMode)
}

// Build builds Forward, then Backward (drawing their weights from r in that
// order), on inputShape (steps, in).
func (b *Bidirectional) Build(inputShape []int, r *rng.Rand) ([]int, error) {
	if err := b.checkInputShape("Bidirectional", inputShape); err != nil {
		return nil, err
	}
	if err := b.check(); err != nil {
		return nil, err
	}
	var out []int
	for _, l := range []Recurrent{b.Forward, b.Backward} {
		o, err := buildAs(l, b.name+"/"+l.Name(), inputShape, r)
		if err != nil {
			return nil, b.errorf("Bidirectional", "%v", err)
		}
		out = o
	}
	if b.MergeMode == "concat" {
		out[len(out)-1] *= 2
	}
	b.built = true
	return out, nil
}

// CallWithState runs both directions on x (batch, steps, in) with mask
// (batch, steps) or nil, and initial states Forward's then Backward's (nil:
// zeros), and returns the merged output and the final states, Forward's
// then Backward's: Keras' Bidirectional with return_state.
func (b *Bidirectional) CallWithState(ctx *Context, x *ag.Var, mask *tensor.Tensor, initialState []*ag.Var) (*ag.Var, []*ag.Var) {
	if !b.built {
		b.notBuilt("Bidirectional")
	}
	var fInit, bInit []*ag.Var
	if initialState != nil {
		n := len(b.Forward.StateSize())
		if len(initialState) != n+len(b.Backward.StateSize()) {
			b.shapePanicf("Bidirectional", "%d initial states, want %d", len(initialState), n+len(b.Backward.StateSize()))
		}
		fInit, bInit = initialState[:n], initialState[n:]
	}
	fy, fStates := b.Forward.CallWithState(ctx, x, mask, fInit)
	by, bStates := b.Backward.CallWithState(ctx, x, mask, bInit)
	if b.Forward.Options().ReturnSequences {
		by = reverseSteps(by) // back in time order, as Keras flips it
	}
	return b.merge(fy, by), append(fStates, bStates...)
}

// Call maps x (batch, steps, in) to the merged output.
func (b *Bidirectional) Call(ctx *Context, x *ag.Var) *ag.Var {
	out, _ := b.CallWithState(ctx, x, nil, nil)
	return out
}

// CallMasked is Call with both directions skipping the masked steps.
func (b *Bidirectional) CallMasked(ctx *Context, x *ag.Var, mask *tensor.Tensor) *ag.Var {
	out, _ := b.CallWithState(ctx, x, mask, nil)
	return out
}

// ComputeMask passes mask on with ReturnSequences; else the output has none.
func (b *Bidirectional) ComputeMask(_ *ag.Var, mask *tensor.Tensor) *tensor.Tensor {
	return sequenceMask(b.Forward.Options(), mask)
}

// merge combines the two directions' outputs, of the same shape (…, units).
func (b *Bidirectional) merge(f, bw *ag.Var) *ag.Var {
	switch b.MergeMode {
	case "sum":
		return ag.Add(f, bw)
	case "mul":
		return ag.Mul(f, bw)
	case "ave":
		return ag.MulScalar(ag.Add(f, bw), 0.5)
	}
	return ag.Concat(-1, f, bw)
}

// reverseSteps reverses y (batch, steps, units) along the steps.
func reverseSteps(y *ag.Var) *ag.Var {
	steps := y.Shape()[1]
	parts := make([]*ag.Var, steps)
	for t := range steps {
		parts[t] = ag.Slice(y, 1, steps-1-t, steps-t)
	}
	return ag.Concat(1, parts...)
}

// Weights are Forward's, then Backward's.
func (b *Bidirectional) Weights() []*ag.Var {
	if !b.built {
		return nil
	}
	return append(append([]*ag.Var{}, b.Forward.Weights()...), b.Backward.Weights()...)
}

// NonTrainableWeights are those of a frozen direction.
func (b *Bidirectional) NonTrainableWeights() []*ag.Var {
	return append(frozenWeights(b.Forward), frozenWeights(b.Backward)...)
}

// SetTrainable sets the flag of the wrapper and of both directions.
func (b *Bidirectional) SetTrainable(on bool) {
	b.Base.SetTrainable(on)
	for _, l := range []Recurrent{b.Forward, b.Backward} {
		if l != nil {
			l.SetTrainable(on)
		}
	}
}

// InputShape is the declared input shape of the wrapper, or else of the
// wrapped layer (Keras' Bidirectional(LSTM(…, input_shape=…))).
func (b *Bidirectional) InputShape() []int {
	if s := b.Base.InputShape(); s != nil || b.Forward == nil {
		return s
	}
	if d, ok := b.Forward.(interface{ InputShape() []int }); ok {
		return d.InputShape()
	}
	return nil
}

// Config is Keras 3's: merge_mode, layer (the forward direction) and
// backward_layer.
func (b *Bidirectional) Config() map[string]any {
	c := b.baseConfig()
	c["merge_mode"] = b.MergeMode
	c["layer"] = nestedConfig(b.Forward)
	c["backward_layer"] = nestedConfig(b.Backward)
	return c
}
