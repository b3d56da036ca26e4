package layers

import (
	"encoding/json"
	"fmt"
	"strings"

	"gonn/nn/ag"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// Wrappers: layers that hold another layer and apply it in a new way,
// Keras' TimeDistributed and Bidirectional. A wrapper's weights are those of
// the layers it holds; its config nests theirs, as Keras writes it:
//
//	{"name": "time_distributed", …, "layer": {"class_name": "Dense", "config": {…}}}
//
// While a wrapper builds a layer it holds, it names the layer after itself,
// so that the weights get Keras' names ("time_distributed/kernel",
// "bidirectional/forward_lstm/lstm_cell/kernel"); the layer keeps its own
// name for the config.

func init() {
	register("TimeDistributed", timeDistributedFromConfig)
	register("Bidirectional", bidirectionalFromConfig)
}

// timeDistributedConfig holds TimeDistributed's own config key.
type timeDistributedConfig struct {
	// Layer is the nested layer, {"class_name": …, "config": …}; the keys
	// Keras 3 adds (module, registered_name, build_config) are ignored.
	Layer json.RawMessage `json:"layer"`
}

// TimeDistributed applies Layer to every timestep of its input, Keras'
// TimeDistributed: the steps are folded into the batch, the layer runs once,
// and the output is unfolded:
//
//	x (batch, steps, in…) → (batch·steps, in…) → Layer → (batch·steps, out…) → (batch, steps, out…)
//
// The same weights serve every step; they are Layer's. A mask on the steps
// passes through unchanged.
type TimeDistributed struct {
	Base
	Layer Layer // the layer applied at every step

	out []int // one step's output shape; nil before Build
}

// NewTimeDistributed wraps l so that it applies to every timestep.
func NewTimeDistributed(l Layer) *TimeDistributed { return &TimeDistributed{Layer: l} }

func timeDistributedFromConfig(config json.RawMessage) (Layer, error) {
	w := &TimeDistributed{}
	var cfg timeDistributedConfig
	if err := decodeConfig("TimeDistributed", config, &w.Base, &cfg); err != nil {
		return nil, err
	}
	inner, err := nestedFromConfig("TimeDistributed", "layer", cfg.Layer)
	if err != nil {
		return nil, err
	}
	w.Layer = inner
	return w, nil
}

func (w *TimeDistributed) ClassName() string { return "TimeDistributed" }

// Build builds Layer on one step, inputShape[1:], and returns (steps, out…).
func (w *TimeDistributed) Build(inputShape []int, r *rng.Rand) ([]int, error) {
	if err := w.checkInputShape("TimeDistributed", inputShape); err != nil {
		return nil, err
	}
	if w.Layer == nil {
		return nil, w.errorf("TimeDistributed", "no layer to wrap")
	}
	if len(inputShape) < 2 || inputShape[0] == 0 {
		return nil, w.errorf("TimeDistributed", "needs an input of at least 3-D (batch, steps, features…): examples of shape (steps, features…) with steps > 0, got %s", shapeString(inputShape))
	}
	out, err := buildAs(w.Layer, w.name, inputShape[1:], r)
	if err != nil {
		return nil, w.errorf("TimeDistributed", "%v", err)
	}
	w.out = out
	return append([]int{inputShape[0]}, out...), nil
}

// Call applies Layer to every step of x:
//
//	x: (batch, steps, in…)   Layer: (n, in…) → (n, out…)   out: (batch, steps, out…)
func (w *TimeDistributed) Call(ctx *Context, x *ag.Var) *ag.Var {
	if w.out == nil {
		w.notBuilt("TimeDistributed")
	}
	s := x.Shape()
	if len(s) < 3 {
		w.shapePanicf("TimeDistributed", "input of shape %v, want (batch, steps, features…)", s)
	}
	folded := ag.Reshape(x, append([]int{s[0] * s[1]}, s[2:]...)...) // (batch·steps, in…)
	y := w.Layer.Call(ctx, folded)                                   // (batch·steps, out…)
	return ag.Reshape(y, append([]int{s[0], s[1]}, y.Shape()[1:]...)...)
}

// ComputeMask passes the steps' mask on: each step stays where it was.
func (w *TimeDistributed) ComputeMask(_ *ag.Var, mask *tensor.Tensor) *tensor.Tensor { return mask }

// Weights are Layer's.
func (w *TimeDistributed) Weights() []*ag.Var {
	if w.out == nil {
		return nil
	}
	return w.Layer.Weights()
}

// NonTrainableWeights are Layer's non-trainable weights (all of them if
// Layer itself was frozen).
func (w *TimeDistributed) NonTrainableWeights() []*ag.Var { return frozenWeights(w.Layer) }

// SetTrainable sets the flag of the wrapper and of Layer, as Keras does.
func (w *TimeDistributed) SetTrainable(on bool) {
	w.Base.SetTrainable(on)
	if w.Layer != nil {
		w.Layer.SetTrainable(on)
	}
}

func (w *TimeDistributed) Config() map[string]any {
	c := w.baseConfig()
	c["layer"] = nestedConfig(w.Layer)
	return c
}

// nestedConfig is a layer as a wrapper's config holds it.
func nestedConfig(l Layer) map[string]any {
	if l == nil {
		return nil
	}
	return map[string]any{"class_name": l.ClassName(), "config": l.Config()}
}

// nestedFromConfig makes the layer of a wrapper's config key from
// {"class_name": …, "config": …}.
func nestedFromConfig(class, key string, raw json.RawMessage) (Layer, error) {
	var nested struct {
		ClassName string          `json:"class_name"`
		Config    json.RawMessage `json:"config"`
	}
	if s := strings.TrimSpace(string(raw)); s == "" || s == "null" {
		return nil, fmt.Errorf("layers: %s config: no %q", class, key)
	}
	if err := json.Unmarshal(raw, &nested); err != nil {
		return nil, fmt.Errorf("layers: %s config: %s: %v", class, key, err)
	}
	l, err := FromConfig(nested.ClassName, nested.Config)
	if err != nil {
		return nil, fmt.Errorf("layers: %s config: %s: %w", class, key, err)
	}
	return l, nil
}

// buildAs builds l under the name prefix, so that its weights are named
// "<prefix>/<weight>", and gives l its own name back.
func buildAs(l Layer, prefix string, inputShape []int, r *rng.Rand) ([]int, error) {
	own := l.Name()
	defer l.SetName(own)
	l.SetName(prefix)
	return l.Build(inputShape, r)
}

// frozenWeights are the weights of l that are not trained: all of them if l
// is frozen, else its NonTrainableWeights.
func frozenWeights(l Layer) []*ag.Var {
	if l == nil {
		return nil
	}
	if !l.Trainable() {
		return l.Weights()
	}
	if nt, ok := l.(interface{ NonTrainableWeights() []*ag.Var }); ok {
		return nt.NonTrainableWeights()
	}
	return nil
}

// defaultLayerName is the name Keras gives an unnamed layer of the class,
// by its snake-case rule: "LSTM" → "lstm", "SimpleRNN" → "simple_rnn".
func defaultLayerName(class string) string {
	isUpper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	isLower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	var b strings.Builder
	for i := 0; i < len(class); i++ {
		c := class[i]
		if isUpper(c) {
			if i > 0 && (isLower(class[i-1]) || (i+1 < len(class) && isLower(class[i+1]))) {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}
