package main

import (
	"bytes"
	"encoding/json"

	"gonn/nn"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
)

// model is a Sequential behind a handle, with its fit in progress.
type model struct {
	seq      *nn.Sequential
	seed     uint64
	compiled bool
	fit      *fit // the last fit begun, nil before the first
	// replicaSpec is the last spec gonn_fit_begin checked for this model's
	// replicas; replicaOf, on a replica, the spec it was made from.
	replicaSpec, replicaOf *replicaSpec
}

// fitting reports whether a fit is in progress.
func (m *model) fitting() bool { return m.fit != nil && !m.fit.done() }

// notFitting returns busy during a fit.
func (m *model) notFitting(op string) error {
	if m.fitting() {
		return fail(statusBusy, "%s: a fit is in progress on this model; stop it (gonn_model_stop) or step it to the end first", op)
	}
	return nil
}

// ModelCreate makes a model from the spec at (ptr, n); the handle is the
// result.
func (e *Engine) ModelCreate(ptr uintptr, n int32) int32 {
	return e.guard("gonn_model_create", false, func() error {
		b, err := e.jsonArg("gonn_model_create", ptr, n)
		if err != nil {
			return err
		}
		spec, err := parseModelSpec(b)
		if err != nil {
			return err
		}
		seq, err := spec.build()
		if err != nil {
			return err
		}
		return e.addHandle(&model{seq: seq, seed: spec.seed})
	})
}

// compileSpec is what gonn_model_compile reads.
type compileSpec struct {
	Optimizer json.RawMessage `json:"optimizer"`
	// OptimizerConfig is TF.js' name for Optimizer in training_config.
	OptimizerConfig json.RawMessage `json:"optimizer_config"`
	Loss            json.RawMessage `json:"loss"`
	Metrics         []string        `json:"metrics"`
}

// ModelCompile sets the model's optimizer, loss and metrics from the JSON
// at (ptr, n).
func (e *Engine) ModelCompile(h int32, ptr uintptr, n int32) int32 {
	return e.guard("gonn_model_compile", false, func() error {
		const op = "gonn_model_compile"
		m, err := e.handles.model(h)
		if err != nil {
			return err
		}
		if err := m.notFitting(op); err != nil {
			return err
		}
		b, err := e.jsonArg(op, ptr, n)
		if err != nil {
			return err
		}
		keys, err := jsonObject(op, b)
		if err != nil {
			return err
		}
		err = onlyKeys(op, keys, "optimizer", "optimizer_config", "loss", "metrics",
			"loss_weights", "weighted_metrics", "run_eagerly", "jit_compile", "steps_per_execution")
		if err != nil {
			return err
		}
		for _, k := range []string{"loss_weights", "weighted_metrics"} {
			if keys[k] != nil {
				return fail(statusBadArgument, "%s: %s is not supported", op, k)
			}
		}
		var c compileSpec
		if err := json.Unmarshal(b, &c); err != nil {
			return fail(statusBadArgument, "%s: %v", op, err)
		}
		if c.Optimizer == nil {
			c.Optimizer = c.OptimizerConfig
		}
		opt, err := optimizerFrom(c.Optimizer)
		if err != nil {
			return withCode(statusBadArgument, err)
		}
		loss, err := lossFrom(c.Loss)
		if err != nil {
			return withCode(statusBadArgument, err)
		}
		if err := m.seq.Compile(opt, loss, c.Metrics...); err != nil {
			return withCode(statusBadArgument, err)
		}
		m.compiled = true
		return nil
	})
}

// classConfig is Keras' {"class_name", "config"}.
type classConfig struct {
	ClassName string          `json:"class_name"`
	Config    json.RawMessage `json:"config"`
}

// optimizerFrom reads an optimizer: a name or a Keras {class_name, config}.
func optimizerFrom(raw json.RawMessage) (optimizers.Optimizer, error) {
	name, cc, err := nameOrClass("optimizer", raw)
	if err != nil {
		return nil, err
	}
	if cc != nil {
		return optimizers.FromConfig(cc.ClassName, cc.Config)
	}
	return optimizers.Get(name)
}

// lossFrom reads a loss: a name or a Keras {class_name, config}.
func lossFrom(raw json.RawMessage) (losses.Loss, error) {
	name, cc, err := nameOrClass("loss", raw)
	if err != nil {
		return nil, err
	}
	if cc != nil {
		return losses.FromConfig(cc.ClassName, cc.Config)
	}
	return losses.Get(name)
}

// nameOrClass reads a JSON string or a {class_name, config} object.
func nameOrClass(what string, raw json.RawMessage) (string, *classConfig, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil, fail(statusBadArgument, "gonn_model_compile: no %s", what)
	}
	var name string
	if json.Unmarshal(raw, &name) == nil {
		return name, nil, nil
	}
	var cc classConfig
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cc); err != nil || cc.ClassName == "" {
		return "", nil, fail(statusBadArgument, `gonn_model_compile: %s %s: want a name or {"class_name", "config"}`, what, raw)
	}
	return "", &cc, nil
}

// modelInfo is gonn_model_info's result.
type modelInfo struct {
	Name            string      `json:"name"`
	Seed            uint64      `json:"seed"`
	Built           bool        `json:"built"`
	Compiled        bool        `json:"compiled"`
	Fitting         bool        `json:"fitting"`
	InputShape      []int       `json:"input_shape"`
	OutputShape     []int       `json:"output_shape"`
	Params          int         `json:"params"`
	TrainableParams int         `json:"trainable_params"`
	Layers          []layerInfo `json:"layers"`
}

type layerInfo struct {
	Name      string `json:"name"`
	ClassName string `json:"class_name"`
	Trainable bool   `json:"trainable"`
	Params    int    `json:"params"`
}

// ModelInfo puts the model's description in the result.
func (e *Engine) ModelInfo(h int32) int32 {
	return e.guard("gonn_model_info", false, func() error {
		m, err := e.handles.model(h)
		if err != nil {
			return err
		}
		info := modelInfo{Name: m.seq.Name, Seed: m.seed, Built: m.seq.Built(), Compiled: m.compiled,
			Fitting: m.fitting(), InputShape: m.seq.InputShape(), OutputShape: m.seq.OutputShape(),
			Layers: []layerInfo{}}
		for _, l := range m.seq.Layers {
			n := 0
			for _, w := range l.Weights() {
				n += w.Value.Size()
				if nn.IsTrainable(l, w) {
					info.TrainableParams += w.Value.Size()
				}
			}
			info.Params += n
			info.Layers = append(info.Layers, layerInfo{l.Name(), l.ClassName(), l.Trainable(), n})
		}
		return e.setJSON(info)
	})
}

// ModelSummary puts Keras' summary table in the result.
func (e *Engine) ModelSummary(h int32) int32 {
	return e.guard("gonn_model_summary", false, func() error {
		m, err := e.builtModel("gonn_model_summary", h)
		if err != nil {
			return err
		}
		s, err := m.seq.Summary()
		if err != nil {
			return err
		}
		e.setResult([]byte(s))
		return nil
	})
}

// ModelSetTrainable freezes (0) or unfreezes (1) one layer. As in Keras and
// TF.js, training picks the change up at the next compile.
func (e *Engine) ModelSetTrainable(h, layer, trainable int32) int32 {
	return e.guard("gonn_model_set_trainable", false, func() error {
		const op = "gonn_model_set_trainable"
		m, err := e.handles.model(h)
		if err != nil {
			return err
		}
		if layer < 0 || int(layer) >= len(m.seq.Layers) {
			return fail(statusBadArgument, "%s: layer index %d: the model has %d layers", op, layer, len(m.seq.Layers))
		}
		if trainable != 0 && trainable != 1 {
			return fail(statusBadArgument, "%s: trainable is %d, want 0 or 1", op, trainable)
		}
		m.seq.Layers[layer].SetTrainable(trainable == 1)
		return nil
	})
}

// builtModel returns the model with handle h, which must be built.
func (e *Engine) builtModel(op string, h int32) (*model, error) {
	m, err := e.handles.model(h)
	if err != nil {
		return nil, err
	}
	if !m.seq.Built() {
		return nil, fail(statusNotReady, "%s: the model is not built yet: declare its input shape (an InputLayer) or fit or predict first", op)
	}
	return m, nil
}

// jsonArg returns the JSON argument at (ptr, n).
func (e *Engine) jsonArg(op string, ptr uintptr, n int32) ([]byte, error) {
	if n > maxJSON {
		return nil, fail(statusTooLarge, "%s: %d bytes of JSON is more than the limit of %d", op, n, maxJSON)
	}
	return e.blocks.bytes(op+": JSON", ptr, n)
}
