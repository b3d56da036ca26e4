package main

import (
	"bytes"
	"encoding/json"
	"strconv"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/tensor"
)

// composeSpec is gonn_model_compose's JSON argument.
type composeSpec struct {
	Models []int32         `json:"models"`
	Name   string          `json:"name"`
	Seed   json.RawMessage `json:"seed"`
}

// maxComposed bounds the models of one composition.
const maxComposed = 1 << 10

// ModelCompose makes a new model whose layers are the given models, each
// nested as one layer (nn.Nested): their layers are shared, not copied, so
// training either model changes the weights both see. The handle is the
// result. The new model is built at once when the first model's input
// shape is known (see buildChain).
func (e *Engine) ModelCompose(ptr uintptr, n int32) int32 {
	return e.guard("gonn_model_compose", false, func() error {
		const op = "gonn_model_compose"
		var s composeSpec
		if err := e.strictJSON(op, ptr, n, &s, "models, name, seed"); err != nil {
			return err
		}
		if len(s.Models) == 0 || len(s.Models) > maxComposed {
			return fail(statusBadArgument, "%s: models lists %d model handles: want 1 … %d", op, len(s.Models), maxComposed)
		}
		seed, err := seedArg(op, s.Seed, nn.DefaultSeed)
		if err != nil {
			return err
		}
		seqs := make([]*nn.Sequential, len(s.Models))
		for i, h := range s.Models {
			m, err := e.handles.model(h)
			if err != nil {
				return fail(statusUnknownHandle, "%s: models[%d]: %v", op, i, err)
			}
			if err := m.notFitting(op); err != nil {
				return err
			}
			if len(m.seq.Layers) == 0 {
				return fail(statusBadArgument, "%s: models[%d] has no layers", op, i)
			}
			seqs[i] = m.seq
		}
		if err := buildChain(op, seqs); err != nil {
			return err
		}
		nested := make([]layers.Layer, len(seqs))
		for i, seq := range seqs {
			nested[i] = nn.Nested(seq)
		}
		outer := nn.NewSequential(nested...)
		if s.Name != "" {
			outer.Name = s.Name
		}
		outer.SetSeed(seed)
		if seqs[0].Built() {
			if err := outer.Build(seqs[0].InputShape()...); err != nil {
				return fail(statusShape, "%s: %v", op, err)
			}
		}
		return e.addHandle(&model{seq: outer, seed: seed})
	})
}

// buildChain builds the models in turn, each on what the one before it
// outputs, as building the composition would (nn.Nested builds an inner
// model from its own generator), and checks that each model built already
// takes that shape, so that the composition never rebuilds (and so
// re-initialises) one. When the first model's input is unknown the
// composition is built on its first data, so none may be built yet.
func buildChain(op string, seqs []*nn.Sequential) error {
	shape := nn.Nested(seqs[0]).(interface{ InputShape() []int }).InputShape()
	for i, seq := range seqs {
		switch {
		case shape == nil && seq.Built():
			return fail(statusNotReady, "%s: models[%d] is built but the input of models[0] is unknown: declare it (an InputLayer) or build models[0] first", op, i)
		case shape == nil:
			continue
		case seq.Built() && !tensor.SameShape(shape, seq.InputShape()):
			return fail(statusShape, "%s: models[%d] takes %s, the model before it outputs %s", op, i, batchShape(seq.InputShape()), batchShape(shape))
		case !seq.Built():
			if err := seq.Build(shape...); err != nil {
				return fail(statusShape, "%s: models[%d] on %s: %v", op, i, batchShape(shape), err)
			}
		}
		shape = seq.OutputShape()
	}
	return nil
}

// seedArg reads an optional seed (an integer ≥ 0), def when absent or null.
func seedArg(op string, raw json.RawMessage, def uint64) (uint64, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || string(t) == "null" {
		return def, nil
	}
	seed, err := strconv.ParseUint(string(t), 10, 64)
	if err != nil {
		return 0, fail(statusBadArgument, "%s: seed %s: want an integer ≥ 0", op, t)
	}
	return seed, nil
}
