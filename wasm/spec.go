package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gonn/nn"
	"gonn/nn/layers"
)

// maxJSON bounds a JSON argument.
const maxJSON = 16 << 20

// modelSpec is what gonn_model_create reads: gonn's own form
//
//	{"seed": 42, "name": "mlp", "layers": [{"class_name": "Dense", "config": {…}}, …]}
//
// or a Keras / TF.js Sequential config, {"class_name": "Sequential",
// "config": {"name", "layers", "build_input_shape", …}}, possibly wrapped in
// {"model_config": …} as TF.js' modelTopology writes it converted from Keras.
type modelSpec struct {
	seed       uint64
	name       string
	layers     []layerSpec
	trainable  bool
	buildShape []int // the config's build_input_shape without the batch axis, or nil
}

// layerSpec is one layer entry: Keras' {"class_name", "config"}.
type layerSpec struct {
	class  string
	config json.RawMessage
}

// parseModelSpec reads a model spec.
func parseModelSpec(b []byte) (*modelSpec, error) {
	s := &modelSpec{seed: nn.DefaultSeed, trainable: true}
	seedSet := false
	for depth := 0; ; depth++ {
		keys, err := jsonObject("model spec", b)
		if err != nil {
			return nil, err
		}
		if raw, ok := keys["seed"]; ok && !seedSet {
			if s.seed, err = parseSeed(raw); err != nil {
				return nil, err
			}
			seedSet = true
		}
		switch {
		case keys["model_config"] != nil && depth == 0:
			if err := onlyKeys("model spec", keys, "model_config", "seed", "keras_version", "backend", "training_config"); err != nil {
				return nil, err
			}
			b = keys["model_config"]
		case keys["class_name"] != nil:
			if err := onlyKeys("model spec", keys, "class_name", "config", "seed", "keras_version", "backend", "module", "registered_name", "build_config"); err != nil {
				return nil, err
			}
			return s, s.readSequential(keys["class_name"], keys["config"])
		default:
			if err := onlyKeys("model spec", keys, "seed", "name", "layers"); err != nil {
				return nil, err
			}
			if raw := keys["name"]; raw != nil {
				if err := json.Unmarshal(raw, &s.name); err != nil {
					return nil, fail(statusBadArgument, "model spec: name: %v", err)
				}
			}
			if keys["layers"] == nil {
				return nil, fail(statusBadArgument, `model spec: no "layers" (and no "class_name": "Sequential")`)
			}
			return s, s.readLayers(keys["layers"])
		}
	}
}

// readSequential reads a Keras Sequential config.
func (s *modelSpec) readSequential(className, config json.RawMessage) error {
	var class string
	if err := json.Unmarshal(className, &class); err != nil || class != "Sequential" {
		return fail(statusBadArgument, "model spec: class_name %s: only Sequential models are supported", bytes.TrimSpace(className))
	}
	if bytes.HasPrefix(bytes.TrimSpace(config), []byte("[")) {
		return s.readLayers(config) // Keras 2.2: the config is the layer list
	}
	keys, err := jsonObject("Sequential config", config)
	if err != nil {
		return err
	}
	if err := onlyKeys("Sequential config", keys, "name", "layers", "trainable", "dtype", "build_input_shape"); err != nil {
		return err
	}
	if raw := keys["name"]; raw != nil {
		if err := json.Unmarshal(raw, &s.name); err != nil {
			return fail(statusBadArgument, "Sequential config: name: %v", err)
		}
	}
	if raw := keys["trainable"]; raw != nil {
		if err := json.Unmarshal(raw, &s.trainable); err != nil {
			return fail(statusBadArgument, "Sequential config: trainable: %v", err)
		}
	}
	if raw := keys["dtype"]; raw != nil {
		if err := checkDType(raw); err != nil {
			return err
		}
	}
	if raw := keys["build_input_shape"]; raw != nil && string(raw) != "null" {
		var dims []*int
		if err := json.Unmarshal(raw, &dims); err != nil || len(dims) == 0 {
			return fail(statusBadArgument, "Sequential config: build_input_shape %s: want [null, d1, …]", raw)
		}
		for _, d := range dims[1:] {
			if d == nil || *d < 0 {
				return fail(statusBadArgument, "Sequential config: build_input_shape %s: only the batch axis may be unknown", raw)
			}
			s.buildShape = append(s.buildShape, *d)
		}
		if s.buildShape == nil {
			s.buildShape = []int{}
		}
	}
	if keys["layers"] == nil {
		return fail(statusBadArgument, "Sequential config: no layers")
	}
	return s.readLayers(keys["layers"])
}

// readLayers reads a list of {"class_name", "config"} entries.
func (s *modelSpec) readLayers(raw json.RawMessage) error {
	var entries []json.RawMessage
	if err := json.Unmarshal(raw, &entries); err != nil {
		return fail(statusBadArgument, "model spec: layers: want a list of {\"class_name\", \"config\"}: %v", err)
	}
	if len(entries) == 0 {
		return fail(statusBadArgument, "model spec: the model has no layers")
	}
	for i, entry := range entries {
		what := fmt.Sprintf("model spec: layer %d", i)
		keys, err := jsonObject(what, entry)
		if err != nil {
			return err
		}
		if err := onlyKeys(what, keys, "class_name", "config", "module", "registered_name", "build_config", "name"); err != nil {
			return err
		}
		var class string
		if err := json.Unmarshal(keys["class_name"], &class); err != nil || class == "" {
			return fail(statusBadArgument, "%s: want a \"class_name\" string", what)
		}
		s.layers = append(s.layers, layerSpec{class, keys["config"]})
	}
	return nil
}

// build makes the model, seeded, and builds it when the input shape is
// declared (by the first layer or build_input_shape).
func (s *modelSpec) build() (*nn.Sequential, error) {
	ls := make([]layers.Layer, len(s.layers))
	for i, l := range s.layers {
		layer, err := layers.FromConfig(l.class, l.config)
		if err != nil {
			return nil, fail(statusBadArgument, "model spec: layer %d: %v", i, err)
		}
		if !s.trainable {
			layer.SetTrainable(false)
		}
		ls[i] = layer
	}
	m := nn.NewSequential(ls...)
	if s.name != "" {
		m.Name = s.name
	}
	m.SetSeed(s.seed)
	switch {
	case declaresInput(ls[0]):
		if err := m.Build(); err != nil {
			return nil, withCode(statusShape, err)
		}
	case s.buildShape != nil:
		if err := m.Build(s.buildShape...); err != nil {
			return nil, withCode(statusShape, err)
		}
	}
	return m, nil
}

// declaresInput reports whether a first layer declares the input shape.
func declaresInput(l layers.Layer) bool {
	if _, ok := l.(*layers.InputLayer); ok {
		return true
	}
	d, ok := l.(interface{ InputShape() []int })
	return ok && d.InputShape() != nil
}

// parseSeed reads a seed: an integer >= 0.
func parseSeed(raw json.RawMessage) (uint64, error) {
	seed, err := strconv.ParseUint(string(bytes.TrimSpace(raw)), 10, 64)
	if err != nil {
		return 0, fail(statusBadArgument, "model spec: seed %s: want an integer >= 0", bytes.TrimSpace(raw))
	}
	return seed, nil
}

// checkDType accepts float32 as Keras 2 ("float32") and Keras 3 (a
// DTypePolicy) write it.
func checkDType(raw json.RawMessage) error {
	var name string
	if json.Unmarshal(raw, &name) != nil {
		var policy struct {
			Config struct {
				Name string `json:"name"`
			} `json:"config"`
		}
		if json.Unmarshal(raw, &policy) != nil {
			return fail(statusBadArgument, "dtype %s: want a dtype name or policy", raw)
		}
		name = policy.Config.Name
	}
	if name != "float32" {
		return fail(statusBadArgument, "dtype %q: gonn computes in float32 only", name)
	}
	return nil
}

// jsonObject decodes b as a JSON object; null or empty input is an empty
// object.
func jsonObject(what string, b []byte) (map[string]json.RawMessage, error) {
	if len(b) > maxJSON {
		return nil, fail(statusTooLarge, "%s: %d bytes of JSON is more than the limit of %d", what, len(b), maxJSON)
	}
	keys := map[string]json.RawMessage{}
	if t := bytes.TrimSpace(b); len(t) == 0 || string(t) == "null" {
		return keys, nil
	}
	if t := bytes.TrimSpace(b); t[0] != '{' {
		return nil, fail(statusBadArgument, "%s: want a JSON object, got %.40s", what, t)
	}
	if err := json.Unmarshal(b, &keys); err != nil {
		return nil, fail(statusBadArgument, "%s: invalid JSON: %v", what, err)
	}
	for k, v := range keys {
		if string(v) == "null" {
			keys[k] = nil // a null key counts as absent
		}
	}
	return keys, nil
}

// onlyKeys checks that keys holds no key but the allowed ones.
func onlyKeys(what string, keys map[string]json.RawMessage, allowed ...string) error {
	var unknown []string
	for k := range keys {
		if !slices.Contains(allowed, k) {
			unknown = append(unknown, strconv.Quote(k))
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return fail(statusBadArgument, "%s: unknown key %s (known: %s)", what, strings.Join(unknown, ", "), strings.Join(allowed, ", "))
	}
	return nil
}
