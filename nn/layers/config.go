package layers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"gonn/nn/initializers"
)

// classes maps each Keras class name to the function that makes the layer
// from its JSON config. Layers of other files add themselves with register,
// from an init function in their own file.
var classes = map[string]func(config json.RawMessage) (Layer, error){
	"Activation": activationFromConfig,
	"Dense":      denseFromConfig,
	"Dropout":    dropoutFromConfig,
	"Flatten":    flattenFromConfig,
	"InputLayer": inputFromConfig,
	"Reshape":    reshapeFromConfig,
}

// register adds a layer class to FromConfig; it panics on a duplicate name.
func register(className string, from func(config json.RawMessage) (Layer, error)) {
	if _, dup := classes[className]; dup {
		panic("layers: class " + className + " registered twice")
	}
	classes[className] = from
}

// FromConfig makes a layer from its Keras class name and its config as
// Keras and TF.js write it in model JSON, e.g. FromConfig("Dense",
// `{"units": 512, "activation": "relu"}`). Absent keys take Keras defaults.
// The keys every layer has are read too: name, trainable, dtype (only
// float32) and batch_input_shape (see Base.InputShape). Keys of features
// gonn lacks (regularizers, constraints, noise_shape) are accepted when null
// and rejected otherwise; any other unknown key, a value of the wrong type
// and a bad value (zero units, an unknown activation) are errors.
func FromConfig(className string, config json.RawMessage) (Layer, error) {
	from, ok := classes[className]
	if !ok {
		names := make([]string, 0, len(classes))
		for name := range classes {
			names = append(names, name)
		}
		slices.Sort(names)
		return nil, fmt.Errorf("layers: unknown layer class %q (known: %s)", className, strings.Join(names, ", "))
	}
	return from(config)
}

// initializerType is the type of config fields that hold an initializer:
// JSON gives them as a name or a {"class_name", "config"} object.
var initializerType = reflect.TypeFor[initializers.Initializer]()

// decodeConfig reads a Keras layer config. The keys every layer has go into
// b; the layer's own go into the fields of *cfg (a struct, already holding
// the defaults) whose json tag names them. Keys listed in absent name
// features gonn lacks: they are accepted when null or false. Any other key
// is an error, reported with the class name.
func decodeConfig(class string, config json.RawMessage, b *Base, cfg any, absent ...string) error {
	errorf := func(format string, args ...any) error {
		return fmt.Errorf("layers: %s config: %s", class, fmt.Sprintf(format, args...))
	}
	var keys map[string]json.RawMessage
	if len(bytes.TrimSpace(config)) > 0 {
		if err := json.Unmarshal(config, &keys); err != nil {
			return errorf("%v", err)
		}
	}
	fields := map[string]reflect.Value{}
	configFields(reflect.ValueOf(cfg).Elem(), fields)
	// Sorted, so that the first error reported does not depend on map order.
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, key := range names {
		raw := keys[key]
		var err error
		switch f, isField := fields[key]; {
		case isField && f.Type() == initializerType:
			var init initializers.Initializer
			if init, err = initializers.FromConfig(raw); err == nil {
				f.Set(reflect.ValueOf(init))
			}
		case isField:
			err = json.Unmarshal(raw, f.Addr().Interface())
		case key == "name":
			err = json.Unmarshal(raw, &b.name)
		case key == "trainable":
			trainable := true
			err = json.Unmarshal(raw, &trainable)
			b.frozen = !trainable
		case key == "dtype":
			err = checkDType(raw)
		case key == "batch_input_shape" || key == "batch_shape":
			b.inputShape, err = decodeShape(raw, true)
		case key == "input_shape":
			b.inputShape, err = decodeShape(raw, false)
		case slices.Contains(absent, key):
			if s := string(bytes.TrimSpace(raw)); s != "null" && s != "false" {
				err = fmt.Errorf("not supported by gonn (got %s)", s)
			}
		default:
			return errorf("unknown key %q", key)
		}
		if err != nil {
			return errorf("%s: %v", key, err)
		}
	}
	return nil
}

// configFields adds to fields the fields of the struct v whose json tag
// names a key, and those of the structs v embeds untagged (as encoding/json
// does).
func configFields(v reflect.Value, fields map[string]reflect.Value) {
	for i := range v.NumField() {
		f := v.Type().Field(i)
		tag := f.Tag.Get("json")
		switch {
		case tag == "" && f.Anonymous && f.Type.Kind() == reflect.Struct:
			configFields(v.Field(i), fields)
		case tag != "" && tag != "-":
			fields[strings.Split(tag, ",")[0]] = v.Field(i)
		}
	}
}

// checkDType accepts the float32 dtype as Keras 2 ("float32") and Keras 3
// ({"class_name": "DTypePolicy", "config": {"name": "float32"}}) write it.
func checkDType(raw json.RawMessage) error {
	var name string
	if err := json.Unmarshal(raw, &name); err != nil {
		var policy struct {
			Config struct {
				Name string `json:"name"`
			} `json:"config"`
		}
		if err := json.Unmarshal(raw, &policy); err != nil {
			return fmt.Errorf("want a dtype name or policy, got %s", raw)
		}
		name = policy.Config.Name
	}
	if name != "" && name != "float32" {
		return fmt.Errorf("gonn computes in float32 only, got %q", name)
	}
	return nil
}

// decodeShape reads an example shape from JSON: [null, 28, 28] when
// withBatch (the batch axis, null or a number, is dropped), [28, 28]
// otherwise. Other axes must be known: gonn has no variable extents.
func decodeShape(raw json.RawMessage, withBatch bool) ([]int, error) {
	var dims []*int
	if err := json.Unmarshal(raw, &dims); err != nil {
		return nil, err
	}
	if withBatch {
		if len(dims) == 0 {
			return nil, fmt.Errorf("no batch axis in %s", raw)
		}
		dims = dims[1:]
	}
	shape := make([]int, len(dims))
	for i, d := range dims {
		if d == nil || *d < 0 {
			return nil, fmt.Errorf("%s: only the batch axis may be unknown", bytes.TrimSpace(raw))
		}
		shape[i] = *d
	}
	return shape, nil
}

// serializeInit is an initializer as a layer config holds it.
func serializeInit(init initializers.Initializer) any {
	if init == nil {
		return nil
	}
	return initializers.Serialize(init)
}
