package main

import (
	"fmt"

	"gonn/nn"
)

// weightEntry is one weight in gonn_weights_manifest's result.
type weightEntry struct {
	Name      string `json:"name"`
	Shape     []int  `json:"shape"`
	Offset    int    `json:"offset"` // in floats, into gonn_weights_get's data
	Size      int    `json:"size"`
	Trainable bool   `json:"trainable"`
}

// WeightsManifest lists the model's weights in Keras order, with where each
// lies in the data of WeightsGet.
func (e *Engine) WeightsManifest(h int32) int32 {
	return e.guard("gonn_weights_manifest", false, func() error {
		m, err := e.builtModel("gonn_weights_manifest", h)
		if err != nil {
			return err
		}
		entries := []weightEntry{}
		off := 0
		for _, l := range m.seq.Layers {
			for _, w := range l.Weights() {
				entries = append(entries, weightEntry{w.Name, w.Value.Shape, off, w.Value.Size(), nn.IsTrainable(l, w)})
				off += w.Value.Size()
			}
		}
		return e.setJSON(entries)
	})
}

// WeightsGet puts all weights, concatenated float32s in manifest order, in
// the result.
func (e *Engine) WeightsGet(h int32) int32 {
	return e.guard("gonn_weights_get", false, func() error {
		m, err := e.builtModel("gonn_weights_get", h)
		if err != nil {
			return err
		}
		ws := m.seq.Weights()
		n := 0
		for _, w := range ws {
			n += len(w.Data())
		}
		all := make([]float32, 0, n)
		for _, w := range ws {
			all = append(all, w.Data()...)
		}
		e.setResult(floatBytes(all))
		return nil
	})
}

// WeightsSet sets all weights from nbytes at ptr, in WeightsGet's layout.
func (e *Engine) WeightsSet(h int32, ptr uintptr, nbytes int32) int32 {
	return e.guard("gonn_weights_set", false, func() error {
		const op = "gonn_weights_set"
		m, err := e.builtModel(op, h)
		if err != nil {
			return err
		}
		if err := m.notFitting(op); err != nil {
			return err
		}
		b, err := e.blocks.bytes(op+": data", ptr, nbytes)
		if err != nil {
			return err
		}
		ws := m.seq.Weights()
		total := 0
		for _, w := range ws {
			total += w.Value.Size()
		}
		if len(b) != 4*total {
			return fail(statusShape, "%s: got %d bytes, the model's %d weights hold %d floats (%d bytes)", op, len(b), len(ws), total, 4*total)
		}
		for _, w := range ws {
			n := 4 * w.Value.Size()
			readFloats(w.Data(), b[:n])
			b = b[n:]
		}
		return nil
	})
}

// WeightsHash puts nn's WeightsHash (FNV-64a of the little-endian bits of
// every weight, in manifest order) in the result as 16 hex digits.
func (e *Engine) WeightsHash(h int32) int32 {
	return e.guard("gonn_weights_hash", false, func() error {
		m, err := e.builtModel("gonn_weights_hash", h)
		if err != nil {
			return err
		}
		e.setResult(fmt.Appendf(nil, "%016x", m.seq.WeightsHash()))
		return nil
	})
}
