//go:build js && wasm

package main

import (
	"syscall/js"

	"gonn/nn/tensor"
	"gonn/web/ui/internal/jsapi"
)

// held is what one run keeps in the engine: its models and the tensors
// uploaded for them, freed together when the next run starts.
type held struct {
	models  []*jsapi.Model
	tensors []js.Value
}

// keep records m as the run's.
func (h *held) keep(m *jsapi.Model) *jsapi.Model {
	h.models = append(h.models, m)
	return m
}

// upload copies t into the engine once, for every epoch's fit and
// evaluation.
func (h *held) upload(e *jsapi.Engine, t *tensor.Tensor) (js.Value, error) {
	v, err := e.Upload(jsapi.Float32Array(t.Data), t.Shape...)
	if err == nil {
		h.tensors = append(h.tensors, v)
	}
	return v, err
}

// dispose frees every model and tensor of the run in the engine.
func (h *held) dispose() {
	for _, m := range h.models {
		m.Dispose()
	}
	for _, t := range h.tensors {
		t.Call("dispose")
	}
	h.models, h.tensors = nil, nil
}

// epochResult is one epoch of one model: its training means and its
// scores on held-out data.
type epochResult struct {
	Loss, Accuracy    float64 // training, means over the epoch
	HeldLoss, HeldAcc float64 // on the test or validation part
	Complete          bool    // false: stopped within the epoch
}

// fitEpoch trains m for epoch e (from 0) on x and y, one fit from initial
// epoch e to e+1, then evaluates it on hx and hy; onBatch sees every
// batch (b from 0). stopped reports whether Stop was pressed: a stop
// within the epoch ends the fit early (the engine still reports the
// epoch's end, as Keras does), so the epoch counts as Complete only when
// it was not stopped.
func fitEpoch(m *jsapi.Model, e int, x, y, hx, hy js.Value, stopped func() bool, onBatch func(b int, l jsapi.Logs)) (epochResult, error) {
	var r epochResult
	err := m.Fit(x, y, jsapi.FitOptions{
		Epochs: e + 1, InitialEpoch: e, BatchSize: batchSize,
		OnBatchEnd: onBatch,
		OnEpochEnd: func(_ int, l jsapi.Logs) {
			r.Loss, r.Accuracy, r.Complete = l.Loss(), l.Accuracy(), true
		},
	})
	if err != nil {
		return r, err
	}
	if stopped() {
		r.Complete = false
		return r, nil
	}
	held, err := m.Evaluate(hx, hy, evalBatch)
	if err != nil {
		return r, err
	}
	r.HeldLoss, r.HeldAcc = held.Loss(), held.Accuracy()
	return r, nil
}
