package tfjs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"gonn/nn/layers"
)

// topology is a Sequential model as modelTopology describes it.
type topology struct {
	name       string
	trainable  bool
	layers     []layerEntry
	buildShape []int // build_input_shape without the batch axis, or nil
}

// layerEntry is one {"class_name", "config"} of the layer list.
type layerEntry struct {
	class  string
	config json.RawMessage
	name   string // the config's name, for messages and duplicate checks
}

// label names the layer in messages: `layer 3 (LSTM "lstm_LSTM1")`.
func (e layerEntry) label(i int) string {
	if e.name == "" {
		return fmt.Sprintf("layer %d (%s)", i, e.class)
	}
	return fmt.Sprintf("layer %d (%s %q)", i, e.class, e.name)
}

// readTopology reads modelTopology in the forms TF.js and the converter
// write: the Sequential config itself,
//
//	{"class_name": "Sequential", "config": {"name", "layers": [...]}, "keras_version", "backend"}
//
// or that config wrapped by the converter, {"model_config": {…},
// "training_config": {…}, "keras_version", "backend"}. The layer list may
// also be the config itself (Keras 2.2).
func readTopology(raw json.RawMessage) (*topology, error) {
	var outer struct {
		ModelConfig json.RawMessage `json:"model_config"`
		ClassName   *string         `json:"class_name"`
		Config      json.RawMessage `json:"config"`
	}
	if err := json.Unmarshal(raw, &outer); err != nil {
		return nil, failf(ErrFormat, "modelTopology: want a JSON object: %v", err)
	}
	if outer.ClassName == nil && len(outer.ModelConfig) > 0 {
		if err := json.Unmarshal(outer.ModelConfig, &outer); err != nil {
			return nil, failf(ErrFormat, "modelTopology: model_config: want a JSON object: %v", err)
		}
	}
	switch {
	case outer.ClassName == nil:
		return nil, failf(ErrFormat, "modelTopology has no class_name (want a Sequential model config)")
	case *outer.ClassName != "Sequential":
		return nil, failf(ErrUnsupported, "modelTopology is a %q model: gonn loads Sequential models only", *outer.ClassName)
	}
	t := &topology{trainable: true}
	list := outer.Config
	if !bytes.HasPrefix(bytes.TrimSpace(list), []byte("[")) {
		var cfg struct {
			Name            string          `json:"name"`
			Layers          json.RawMessage `json:"layers"`
			Trainable       *bool           `json:"trainable"`
			BuildInputShape []*int          `json:"build_input_shape"`
		}
		if err := json.Unmarshal(outer.Config, &cfg); err != nil {
			return nil, failf(ErrFormat, "Sequential config: %v", err)
		}
		t.name, list = cfg.Name, cfg.Layers
		if cfg.Trainable != nil {
			t.trainable = *cfg.Trainable
		}
		if cfg.BuildInputShape != nil {
			shape, err := exampleShape(cfg.BuildInputShape)
			if err != nil {
				return nil, failf(ErrFormat, "Sequential config: build_input_shape: %v", err)
			}
			t.buildShape = shape
		}
	}
	entries, err := readLayerList(list)
	if err != nil {
		return nil, err
	}
	t.layers = entries
	return t, nil
}

// readLayerList reads the Sequential layer list, checking its length and
// that layer names are unique (TF.js and gonn name weights after them).
func readLayerList(raw json.RawMessage) ([]layerEntry, error) {
	var list []struct {
		ClassName string          `json:"class_name"`
		Config    json.RawMessage `json:"config"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, failf(ErrFormat, "Sequential config: layers: want a list of {\"class_name\", \"config\"}: %v", err)
	}
	switch {
	case len(list) == 0:
		return nil, failf(ErrFormat, "Sequential config: the model has no layers")
	case len(list) > MaxLayers:
		return nil, failf(ErrTooLarge, "Sequential config: %d layers, more than the limit of %d", len(list), MaxLayers)
	}
	entries := make([]layerEntry, len(list))
	seen := map[string]int{}
	for i, l := range list {
		e := layerEntry{class: l.ClassName, config: l.Config}
		if e.class == "" {
			return nil, failf(ErrFormat, "layer %d has no class_name", i)
		}
		var named struct {
			Name string `json:"name"`
		}
		if err := json.Unmarshal(l.Config, &named); err != nil && len(bytes.TrimSpace(l.Config)) > 0 {
			return nil, failf(ErrFormat, "%s: config: %v", e.label(i), err)
		}
		e.name = named.Name
		if j, dup := seen[e.name]; dup && e.name != "" {
			return nil, failf(ErrFormat, "layers %d and %d are both named %q: TF.js and gonn name weights after their layer", j, i, e.name)
		}
		seen[e.name] = i
		entries[i] = e
	}
	return entries, nil
}

// makeLayers makes the layers of t from their configs. An unknown class
// or an option gonn lacks is ErrUnsupported, naming the layer.
func (t *topology) makeLayers() ([]layers.Layer, error) {
	ls := make([]layers.Layer, len(t.layers))
	for i, e := range t.layers {
		if !slices.Contains(layers.Classes(), e.class) {
			return nil, failf(ErrUnsupported, "%s: gonn has no layer class %q (it has: %s)", e.label(i), e.class, strings.Join(layers.Classes(), ", "))
		}
		l, err := layers.FromConfig(e.class, e.config)
		if err != nil {
			msg := strings.TrimPrefix(err.Error(), "layers: ")
			if strings.Contains(msg, `"hard_sigmoid"`) {
				msg += " (hard_sigmoid is TF.js' default recurrent_activation of LSTM and GRU; gonn has none: make the model with recurrentActivation 'sigmoid')"
			}
			return nil, failf(ErrUnsupported, "%s: %s", e.label(i), msg)
		}
		if !t.trainable {
			l.SetTrainable(false)
		}
		ls[i] = l
	}
	return ls, nil
}

// exampleShape drops the batch axis of a Keras batch shape ([null, 28, 28,
// 1] → (28, 28, 1)); every other axis must be known.
func exampleShape(dims []*int) ([]int, error) {
	if len(dims) == 0 {
		return nil, fmt.Errorf("no batch axis")
	}
	shape := make([]int, 0, len(dims)-1)
	for _, d := range dims[1:] {
		if d == nil || *d < 0 {
			return nil, fmt.Errorf("only the batch axis may be unknown")
		}
		shape = append(shape, *d)
	}
	return shape, nil
}
