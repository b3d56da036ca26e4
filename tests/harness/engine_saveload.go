package harness

import (
	"encoding/binary"
	"fmt"
)

// The exports that save and load models (docs/abi.md, "Saving and
// loading"; docs/checkpoint.md).

// SaveModel saves model h in the TF.js layers format: model.json and the
// bytes of its one weight file.
func (e *Engine) SaveModel(h int32) (modelJSON, weightData []byte, err error) {
	if err := e.Status("gonn_model_save", I32(h)); err != nil {
		return nil, nil, err
	}
	r := e.Result()
	if len(r) < 4 {
		return nil, nil, fmt.Errorf("harness: gonn_model_save's result has %d bytes, no length", len(r))
	}
	n := int(binary.LittleEndian.Uint32(r))
	if n > len(r)-4 {
		return nil, nil, fmt.Errorf("harness: gonn_model_save's result gives model.json %d bytes of %d", n, len(r)-4)
	}
	return r[4 : 4+n], r[4+n:], nil
}

// LoadModel makes a model from model.json and its weight data (every
// weight file of the manifest, concatenated in order) and returns its
// handle.
func (e *Engine) LoadModel(modelJSON, weightData []byte) (int32, error) {
	err := e.withBytes(modelJSON, func(jp uint32) error {
		return e.withBytes(weightData, func(dp uint32) error {
			return e.Status("gonn_model_load", uint64(jp), I32(int32(len(modelJSON))), uint64(dp), I32(int32(len(weightData))))
		})
	})
	if err != nil {
		return 0, err
	}
	return e.ResultHandle(), nil
}

// Checkpoint returns model h's checkpoint.
func (e *Engine) Checkpoint(h int32) ([]byte, error) {
	if err := e.Status("gonn_model_checkpoint", I32(h)); err != nil {
		return nil, err
	}
	return e.Result(), nil
}

// Restore loads a checkpoint into model h.
func (e *Engine) Restore(h int32, checkpoint []byte) error {
	return e.withBytes(checkpoint, func(p uint32) error {
		return e.Status("gonn_model_restore", I32(h), uint64(p), I32(int32(len(checkpoint))))
	})
}
