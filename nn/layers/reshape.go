package layers

import (
	"encoding/json"
	"slices"

	"gonn/nn/ag"
	"gonn/nn/rng"
)

// ReshapeConfig holds the argument of Reshape under its Keras key.
type ReshapeConfig struct {
	// TargetShape is the shape of one output example; one extent may be -1,
	// meaning whatever makes the sizes match.
	TargetShape []int `json:"target_shape"`
}

// Reshape gives each example a new shape with the same number of values:
// (batch, inputShape...) → (batch, TargetShape...). It has no weights.
type Reshape struct {
	Base
	ReshapeConfig

	in, out []int // example shapes at Build, -1 resolved
}

// NewReshape returns a Reshape layer to the given example shape.
func NewReshape(targetShape ...int) *Reshape {
	return &Reshape{ReshapeConfig: ReshapeConfig{TargetShape: append([]int{}, targetShape...)}}
}

func reshapeFromConfig(config json.RawMessage) (Layer, error) {
	l := &Reshape{}
	if err := decodeConfig("Reshape", config, &l.Base, &l.ReshapeConfig); err != nil {
		return nil, err
	}
	if l.TargetShape == nil {
		return nil, l.errorf("Reshape", "config has no target_shape")
	}
	if _, _, err := l.check(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *Reshape) ClassName() string { return "Reshape" }

// check validates TargetShape and returns the product of its known extents
// and the index of the -1 extent (or -1).
func (l *Reshape) check() (known, unknown int, err error) {
	known, unknown = 1, -1
	for i, d := range l.TargetShape {
		switch {
		case d == -1 && unknown < 0:
			unknown = i
		case d <= 0:
			return 0, 0, l.errorf("Reshape", "bad target_shape %s: extents must be positive, with at most one -1", shapeString(l.TargetShape))
		default:
			known *= d
		}
	}
	return known, unknown, nil
}

func (l *Reshape) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if err := l.checkInputShape("Reshape", inputShape); err != nil {
		return nil, err
	}
	known, unknown, err := l.check()
	if err != nil {
		return nil, err
	}
	size, ok := numElements(inputShape)
	out := slices.Clone(l.TargetShape)
	if unknown >= 0 && ok && size%known == 0 {
		out[unknown] = size / known
	}
	if n, okOut := numElements(out); !ok || !okOut || n != size {
		return nil, l.errorf("Reshape", "cannot reshape an input of shape %s to %s", shapeString(inputShape), shapeString(l.TargetShape))
	}
	l.in, l.out = slices.Clone(inputShape), out
	return slices.Clone(out), nil
}

// Call reshapes x (batch, inputShape...) to (batch, targetShape...).
func (l *Reshape) Call(_ *Context, x *ag.Var) *ag.Var {
	if l.out == nil {
		l.notBuilt("Reshape")
	}
	s := x.Shape()
	if len(s) == 0 || !slices.Equal(s[1:], l.in) {
		l.shapePanicf("Reshape", "input of shape %v, built for (batch)+%s", s, shapeString(l.in))
	}
	return ag.Reshape(x, append([]int{s[0]}, l.out...)...)
}

func (l *Reshape) Weights() []*ag.Var { return nil }

func (l *Reshape) Config() map[string]any {
	c := l.baseConfig()
	c["target_shape"] = slices.Clone(l.TargetShape)
	return c
}
