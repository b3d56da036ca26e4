package main

import "gonn/nn/inspect"

// maximiseSpec is gonn_maximise's JSON argument.
type maximiseSpec struct {
	Layer        *int32  `json:"layer"`
	Unit         int     `json:"unit"`
	Steps        int     `json:"steps"`
	LearningRate float32 `json:"learning_rate"`
	L2           float32 `json:"l2"`
	Min          float32 `json:"min"`
	Max          float32 `json:"max"`
	Start        int32   `json:"start"` // a tensor handle (1, input shape…), or 0
}

// maxMaximiseSteps bounds gonn_maximise's steps: one call runs them all.
const maxMaximiseSteps = 100000

// Maximise finds, by gradient ascent on the input, an input that makes one
// unit of one layer large: the input becomes a new tensor (the handle) and
// the result is {"activation": a}, the unit's activation at that input.
func (e *Engine) Maximise(h int32, ptr uintptr, n int32) int32 {
	return e.guard("gonn_maximise", false, func() error {
		const op = "gonn_maximise"
		m, err := e.handles.model(h)
		if err != nil {
			return err
		}
		var s maximiseSpec
		if err := e.strictJSON(op, ptr, n, &s, "layer, unit, steps, learning_rate, l2, min, max, start"); err != nil {
			return err
		}
		cfg := inspect.MaximiseConfig{Unit: s.Unit, Steps: s.Steps, LearningRate: s.LearningRate, L2: s.L2, Min: s.Min, Max: s.Max}
		if s.Start != 0 {
			if cfg.Start, err = e.handles.tensor(op+": start", s.Start); err != nil {
				return err
			}
			if err := checkInput(op, "start", m.seq, cfg.Start); err != nil {
				return err
			}
			if cfg.Start.Shape[0] != 1 {
				return fail(statusShape, "%s: start has shape %s: want one example", op, shapeString(cfg.Start.Shape))
			}
			if err := checkFinite(op, "start", cfg.Start); err != nil {
				return err
			}
		} else if !m.seq.Built() {
			return fail(statusNotReady, "%s: the model is not built yet: declare its input shape, or give a start input", op)
		}
		switch {
		case s.Layer == nil:
			return fail(statusBadArgument, "%s: layer is required", op)
		case s.Steps < 0 || s.Steps > maxMaximiseSteps:
			return fail(statusBadArgument, "%s: steps %d: want 0 … %d (0 means 100)", op, s.Steps, maxMaximiseSteps)
		case !(s.LearningRate >= 0) || !(s.L2 >= 0):
			return fail(statusBadArgument, "%s: learning_rate %v and l2 %v must be ≥ 0", op, s.LearningRate, s.L2)
		}
		if err := checkLayerIndex(op, len(m.seq.Layers), *s.Layer); err != nil {
			return err
		}
		cfg.Layer = int(*s.Layer)
		x, act, err := inspect.ActivationMaximisation(m.seq, cfg)
		if err != nil {
			return err
		}
		if err := e.setJSON(struct {
			Activation jsonFloat `json:"activation"`
		}{jsonFloat(act)}); err != nil {
			return err
		}
		return e.addHandle(x)
	})
}
