package initializers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
)

// known lists the initializers by Keras identifier, with their Keras class
// name and their Keras defaults, in the order error messages print them.
var known = []struct {
	name, class string
	decode      func(config json.RawMessage) (Initializer, error)
}{
	{"constant", "Constant", decoder(Constant{Value: 0})},
	{"glorot_normal", "GlorotNormal", decoder(GlorotNormal{})},
	{"glorot_uniform", "GlorotUniform", decoder(GlorotUniform{})},
	{"he_normal", "HeNormal", decoder(HeNormal{})},
	{"he_uniform", "HeUniform", decoder(HeUniform{})},
	{"identity", "Identity", decoder(Identity{Gain: 1})},
	{"lecun_normal", "LecunNormal", decoder(LecunNormal{})},
	{"lecun_uniform", "LecunUniform", decoder(LecunUniform{})},
	{"ones", "Ones", decoder(Ones{})},
	{"orthogonal", "Orthogonal", decoder(Orthogonal{Gain: 1})},
	{"random_normal", "RandomNormal", decoder(RandomNormal{Mean: 0, Stddev: 0.05})},
	{"random_uniform", "RandomUniform", decoder(RandomUniform{Minval: -0.05, Maxval: 0.05})},
	{"truncated_normal", "TruncatedNormal", decoder(TruncatedNormal{Mean: 0, Stddev: 0.05})},
	{"variance_scaling", "VarianceScaling", decoder(VarianceScaling{Scale: 1, Mode: "fan_in", Distribution: "truncated_normal"})},
	{"zeros", "Zeros", decoder(Zeros{})},
}

// aliases are the other names Keras 3 and TF.js use, after snakeCase.
var aliases = map[string]string{
	"zero":                   "zeros",
	"one":                    "ones",
	"normal":                 "random_normal",
	"uniform":                "random_uniform",
	"le_cun_normal":          "lecun_normal",  // TF.js "leCunNormal"
	"le_cun_uniform":         "lecun_uniform", // TF.js "leCunUniform"
	"orthogonal_initializer": "orthogonal",    // Keras 3 class names
	"identity_initializer":   "identity",
}

// Get returns the initializer with the given Keras identifier, Keras class
// name or TF.js name ("glorot_uniform", "GlorotUniform", "glorotUniform"),
// with Keras defaults.
func Get(name string) (Initializer, error) {
	return decode(name, nil)
}

// FromConfig reads an initializer as Keras and TF.js write one in a layer's
// config: either a name (`"he_normal"`) or an object
// `{"class_name": "RandomNormal", "config": {"mean": 0, "stddev": 0.05}}`,
// whose absent arguments take Keras defaults. Other keys of the object
// (Keras 3's "module", "registered_name") are ignored; an unknown argument
// is an error.
func FromConfig(v json.RawMessage) (Initializer, error) {
	v = bytes.TrimSpace(v)
	switch {
	case len(v) > 0 && v[0] == '"':
		var name string
		if err := json.Unmarshal(v, &name); err != nil {
			return nil, fmt.Errorf("initializers: %w", err)
		}
		return Get(name)
	case len(v) > 0 && v[0] == '{':
		var obj struct {
			ClassName string          `json:"class_name"`
			Config    json.RawMessage `json:"config"`
		}
		if err := json.Unmarshal(v, &obj); err != nil {
			return nil, fmt.Errorf("initializers: %w", err)
		}
		if obj.ClassName == "" {
			return nil, fmt.Errorf("initializers: object %s has no class_name", v)
		}
		return decode(obj.ClassName, obj.Config)
	}
	return nil, fmt.Errorf("initializers: want a name or a {\"class_name\", \"config\"} object, got %s", v)
}

// Serialize returns the Keras object form of init, which FromConfig reads:
// {"class_name": "GlorotUniform", "config": {"seed": nil}}.
func Serialize(init Initializer) map[string]any {
	class := init.Name()
	for _, k := range known {
		if k.name == class {
			class = k.class
			break
		}
	}
	return map[string]any{"class_name": class, "config": init.Config()}
}

// decode finds name in known and reads config (nil: defaults) into it.
func decode(name string, config json.RawMessage) (Initializer, error) {
	key := snakeCase(name)
	if a, ok := aliases[key]; ok {
		key = a
	}
	for _, k := range known {
		if k.name == key {
			init, err := k.decode(config)
			if err != nil {
				return nil, fmt.Errorf("initializers: %s: %w", k.class, err)
			}
			return init, nil
		}
	}
	names := make([]string, len(known))
	for i, k := range known {
		names[i] = k.name
	}
	return nil, fmt.Errorf("initializers: unknown initializer %q (known: %s)", name, strings.Join(names, ", "))
}

// decoder returns a function that reads a JSON config over a copy of def
// (the Keras defaults), rejecting unknown arguments, and validates it.
func decoder[T Initializer](def T) func(json.RawMessage) (Initializer, error) {
	return func(config json.RawMessage) (Initializer, error) {
		v := def
		if len(bytes.TrimSpace(config)) > 0 {
			dec := json.NewDecoder(bytes.NewReader(config))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&v); err != nil {
				return nil, err
			}
		}
		if c, ok := any(v).(interface{ validate() error }); ok {
			if err := c.validate(); err != nil {
				return nil, err
			}
		}
		return v, nil
	}
}

// snakeCase turns "GlorotUniform" and "glorotUniform" into "glorot_uniform";
// snake-case names are left as they are.
func snakeCase(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
