package layers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
)

// Factor is the range argument of Keras' augmentation layers, as Keras
// takes it: one number f, Factor{f}, or a pair, Factor{lower, upper}.
// What it ranges over is the layer's: a fraction of a full turn for
// RandomRotation, of the image's height or width for RandomTranslation and
// RandomZoom, of contrast for RandomContrast. In JSON it is a number or a
// list of two (null, for RandomZoom's width_factor, is nil).
type Factor []float64

// UnmarshalJSON reads a number, a list of numbers or null.
func (f *Factor) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*f = nil
		return nil
	case len(b) > 0 && b[0] == '[':
		var pair []float64
		if err := json.Unmarshal(b, &pair); err != nil {
			return fmt.Errorf("want a number or a list of two numbers, got %s", b)
		}
		*f = pair
		return nil
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("want a number or a list of two numbers, got %s", b)
	}
	*f = Factor{v}
	return nil
}

// value is f as a config holds it: a number, a list of two, or nil.
func (f Factor) value() any {
	switch len(f) {
	case 0:
		if f == nil {
			return nil
		}
	case 1:
		return f[0]
	}
	return slices.Clone([]float64(f))
}

// String prints f as Keras would: 0.2, [-0.1, 0.3], None.
func (f Factor) String() string {
	if f == nil {
		return "None"
	}
	if len(f) == 1 {
		return fmt.Sprint(f[0])
	}
	b, _ := json.Marshal([]float64(f))
	return string(b)
}

// bounds returns the range f stands for in Keras' reading: f itself on
// both sides of 0, (−|f|, |f|), for one number, the sorted pair for two.
func (f Factor) bounds() (lower, upper float64) {
	if len(f) == 1 {
		return -math.Abs(f[0]), math.Abs(f[0])
	}
	return min(f[0], f[1]), max(f[0], f[1])
}

// check validates f: one number or a pair, each within [lo, hi]. key names
// the argument in the message, as Keras' does.
func (f Factor) check(b *Base, class, key string, lo, hi float64) error {
	if f == nil {
		return b.errorf(class, "%s is required", key)
	}
	ok := len(f) == 1 || len(f) == 2
	for _, v := range f {
		ok = ok && v >= lo && v <= hi
	}
	if !ok {
		return b.errorf(class, "%s must be a number or a list of two numbers in [%g, %g], got %s", key, lo, hi, f)
	}
	return nil
}
