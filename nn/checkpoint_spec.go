package nn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// modelSpec is what a checkpoint records of the model it was taken from, to
// refuse a model of another architecture: the example shape, each layer's
// Keras class and config, the loss and the optimiser. It is stored as JSON
// (keys sorted, as encoding/json writes maps).
type modelSpec struct {
	InputShape []int            `json:"input_shape"`
	Layers     []classAndConfig `json:"layers"`
	Loss       string           `json:"loss"`
	Optimizer  classAndConfig   `json:"optimizer"`
}

// classAndConfig is a Keras class name with its config object.
type classAndConfig struct {
	ClassName string          `json:"class_name"`
	Config    json.RawMessage `json:"config"`
}

// spec describes the built, compiled model m.
func (m *Sequential) spec() (modelSpec, error) {
	s := modelSpec{InputShape: slices.Clone(m.inputShape), Loss: m.loss.Name()}
	for _, l := range m.Layers {
		cfg, err := json.Marshal(l.Config())
		if err != nil {
			return s, fmt.Errorf("layer %q (%s): config: %w", l.Name(), l.ClassName(), err)
		}
		s.Layers = append(s.Layers, classAndConfig{l.ClassName(), cfg})
	}
	cfg, err := json.Marshal(m.optimizer.Config())
	if err != nil {
		return s, fmt.Errorf("optimizer %s: config: %w", m.optimizer.ClassName(), err)
	}
	s.Optimizer = classAndConfig{m.optimizer.ClassName(), cfg}
	return s, nil
}

// restoredOptimizerKeys are optimiser config keys a checkpoint restores
// rather than requires: the learning rate is part of the optimiser's state
// (callbacks change it), and the name is a label.
var restoredOptimizerKeys = []string{"learning_rate", "name"}

// matches reports the first difference between the checkpoint's spec (s)
// and the model's (mine) that makes the checkpoint unfit for the model. The
// input shape is compared only when the model is built (mine has one).
func (s modelSpec) matches(mine modelSpec) error {
	if mine.InputShape != nil && !slices.Equal(s.InputShape, mine.InputShape) {
		return fmt.Errorf("the checkpoint's model takes examples of shape %s, this one %s", shapeString(s.InputShape), shapeString(mine.InputShape))
	}
	if len(s.Layers) != len(mine.Layers) {
		return fmt.Errorf("the checkpoint's model has %d layers, this one %d", len(s.Layers), len(mine.Layers))
	}
	for i, l := range s.Layers {
		if l.ClassName != mine.Layers[i].ClassName {
			return fmt.Errorf("layer %d is a %s in the checkpoint, a %s in this model", i, l.ClassName, mine.Layers[i].ClassName)
		}
		if diff := configDiff(l.Config, mine.Layers[i].Config, nil); diff != "" {
			return fmt.Errorf("layer %d (%s) differs: %s", i, l.ClassName, diff)
		}
	}
	if s.Loss != mine.Loss {
		return fmt.Errorf("the checkpoint's model was compiled with loss %s, this one with %s", s.Loss, mine.Loss)
	}
	if s.Optimizer.ClassName != mine.Optimizer.ClassName {
		return fmt.Errorf("the checkpoint holds the state of optimizer %s, this model is compiled with %s", s.Optimizer.ClassName, mine.Optimizer.ClassName)
	}
	if diff := configDiff(s.Optimizer.Config, mine.Optimizer.Config, restoredOptimizerKeys); diff != "" {
		return fmt.Errorf("optimizer %s differs: %s", s.Optimizer.ClassName, diff)
	}
	return nil
}

// configDiff lists the keys (sorted, less those in skip) whose values differ
// between two JSON config objects, as "key: checkpoint V, model W", or
// returns "" when they agree.
func configDiff(ckpt, mine json.RawMessage, skip []string) string {
	var a, b map[string]json.RawMessage
	if json.Unmarshal(ckpt, &a) != nil || json.Unmarshal(mine, &b) != nil {
		if bytes.Equal(ckpt, mine) {
			return ""
		}
		return fmt.Sprintf("checkpoint %s, model %s", ckpt, mine)
	}
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var diffs []string
	for _, k := range slices.Compact(keys) {
		if slices.Contains(skip, k) || bytes.Equal(a[k], b[k]) {
			continue
		}
		diffs = append(diffs, fmt.Sprintf("%s: checkpoint %s, model %s", k, orAbsent(a[k]), orAbsent(b[k])))
	}
	return strings.Join(diffs, "; ")
}

func orAbsent(v json.RawMessage) string {
	if v == nil {
		return "(absent)"
	}
	return string(v)
}
