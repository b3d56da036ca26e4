package layers

import (
	"encoding/json"

	"gonn/nn/ag"
	"gonn/nn/rng"
)

func init() { register("RepeatVector", repeatVectorFromConfig) }

// RepeatVectorConfig holds the argument of RepeatVector under its Keras key.
type RepeatVectorConfig struct {
	N int `json:"n"` // required: the number of repetitions, > 0
}

// RepeatVector repeats each example N times along a new step axis, Keras'
// RepeatVector: (batch, features) → (batch, N, features). In an
// encoder-decoder it feeds the encoder's last output to every step of the
// decoder. It has no weights.
type RepeatVector struct {
	Base
	RepeatVectorConfig

	built bool
}

// NewRepeatVector returns a RepeatVector of n repetitions.
func NewRepeatVector(n int) *RepeatVector {
	return &RepeatVector{RepeatVectorConfig: RepeatVectorConfig{N: n}}
}

func repeatVectorFromConfig(config json.RawMessage) (Layer, error) {
	l := &RepeatVector{}
	if err := decodeConfig("RepeatVector", config, &l.Base, &l.RepeatVectorConfig); err != nil {
		return nil, err
	}
	if l.N <= 0 {
		return nil, l.errorf("RepeatVector", "n must be positive, got %d", l.N)
	}
	return l, nil
}

func (l *RepeatVector) ClassName() string { return "RepeatVector" }

// Build needs an input (features) and returns (N, features).
func (l *RepeatVector) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := l.checkInputShape("RepeatVector", inputShape); err != nil {
		return nil, err
	}
	if l.N <= 0 {
		return nil, l.errorf("RepeatVector", "n must be positive, got %d", l.N)
	}
	if len(inputShape) != 1 {
		return nil, l.errorf("RepeatVector", "needs 2-D input (batch, features): examples of shape (features,), got %s", shapeString(inputShape))
	}
	out := []int{l.N, inputShape[0]}
	if _, ok := numElements(out); !ok {
		return nil, l.errorf("RepeatVector", "output shape %s is too large", shapeString(out))
	}
	l.built = true
	return out, nil
}

// Call repeats x N times; backward sums the N copies' gradients:
//
//	x: (batch, features)   out: (batch, N, features), out[:, t, :] = x
func (l *RepeatVector) Call(_ *Context, x *ag.Var) *ag.Var {
	if !l.built {
		l.notBuilt("RepeatVector")
	}
	s := x.Shape()
	if len(s) != 2 {
		l.shapePanicf("RepeatVector", "input of shape %v, want (batch, features)", s)
	}
	row := ag.Reshape(x, s[0], 1, s[1]) // (batch, 1, features)
	copies := make([]*ag.Var, l.N)
	for i := range copies {
		copies[i] = row
	}
	return ag.Concat(1, copies...)
}

func (l *RepeatVector) Weights() []*ag.Var { return nil }

func (l *RepeatVector) Config() map[string]any {
	c := l.baseConfig()
	c["n"] = l.N
	return c
}
