package main

// Checkpoints (docs/checkpoint.md): the engine side of the JS API's
// model.checkpoint() and model.restoreCheckpoint(bytes). A checkpoint holds
// the weights, the optimizer's state, the model's generator and where
// training stands, so that a fit with "resume": true, in this instance or
// another, ends with the same bits as a run that never stopped.

import (
	"bytes"
	"errors"

	"gonn/nn"
)

// ModelCheckpoint puts the model's checkpoint (nn's SaveCheckpoint bytes)
// in the result. The model must be built and compiled. During a fit it
// records the position after the last batch stepped.
func (e *Engine) ModelCheckpoint(h int32) int32 {
	return e.guard("gonn_model_checkpoint", false, func() error {
		const op = "gonn_model_checkpoint"
		m, err := e.trainableModel(op, h)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := m.seq.SaveCheckpoint(&buf); err != nil {
			return fail(statusBadArgument, "%s: %v", op, err)
		}
		e.setResult(buf.Bytes())
		return nil
	})
}

// ModelRestore loads the checkpoint of nbytes at ptr into the model, which
// must be built and compiled like the model that wrote it. Everything is
// checked before anything changes: on any error the model keeps its
// weights, optimizer state, generator and position.
func (e *Engine) ModelRestore(h int32, ptr uintptr, nbytes int32) int32 {
	return e.guard("gonn_model_restore", false, func() error {
		const op = "gonn_model_restore"
		m, err := e.trainableModel(op, h)
		if err != nil {
			return err
		}
		if err := m.notFitting(op); err != nil {
			return err
		}
		b, err := e.blocks.bytes(op+": checkpoint", ptr, nbytes)
		if err != nil {
			return err
		}
		if err := m.seq.LoadCheckpoint(bytes.NewReader(b)); err != nil {
			code := statusBadArgument // nn.ErrCheckpointCorrupt: not an intact checkpoint
			if errors.Is(err, nn.ErrCheckpointMismatch) {
				code = statusShape // an intact checkpoint of another model
			}
			return fail(code, "%s: %v", op, err)
		}
		return nil
	})
}

// trainableModel returns the model with handle h, which must be built and
// compiled: a checkpoint holds its optimizer's state.
func (e *Engine) trainableModel(op string, h int32) (*model, error) {
	m, err := e.builtModel(op, h)
	if err != nil {
		return nil, err
	}
	if !m.compiled {
		return nil, fail(statusNotReady, "%s: the model is not compiled: call gonn_model_compile first (a checkpoint holds the optimizer's state)", op)
	}
	return m, nil
}
