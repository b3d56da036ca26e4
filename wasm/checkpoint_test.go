package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ckptCompile is the compile config of the checkpoint tests: Adam, whose
// state (step count, two slots per weight) a resumed run needs.
const ckptCompile = `{"optimizer": "adam", "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`

// ckptFit is the fit of the checkpoint tests: 2 epochs of 4 batches,
// shuffled, with validation.
const ckptFit = `{"epochs": 2, "batch_size": 8, "validation_split": 0.2, "seed": 3}`

// ckptRun holds one engine with saveSpec's model compiled, and its data.
type ckptRun struct {
	e        *Engine
	m, x, y  int32
	fitSteps int32
}

func newCkptRun(t *testing.T, spec string) *ckptRun {
	t.Helper()
	e := NewEngine()
	images, labels := blobs(40)
	r := &ckptRun{e: e, x: newTensor(t, e, images, 40, 8, 8, 1), y: newTensor(t, e, labels, 40, 2)}
	r.m = newModel(t, e, spec)
	compile(t, e, r.m, ckptCompile)
	return r
}

// fit begins a fit with cfg and steps n batches (all when n < 0).
func (r *ckptRun) fit(t *testing.T, cfg string, n int32) progress {
	t.Helper()
	ok(t, r.e, fitBegin(t, r.e, r.m, r.x, r.y, cfg))
	if n < 0 {
		n = maxFitBatches
	}
	ok(t, r.e, r.e.FitStep(r.m, n))
	var p progress
	require.NoError(t, json.Unmarshal(result(r.e), &p))
	return p
}

func (r *ckptRun) checkpoint(t *testing.T) []byte {
	t.Helper()
	ok(t, r.e, r.e.ModelCheckpoint(r.m))
	return result(r.e)
}

func (r *ckptRun) restore(t *testing.T, b []byte) int32 {
	t.Helper()
	p, n := put(t, r.e, b)
	return r.e.ModelRestore(r.m, p, n)
}

// TestCheckpoint_ResumeMatchesUninterrupted takes checkpoints inside the
// first epoch (during the fit, and after a stop), at the epoch's end and
// inside the second, restores each into a fresh engine whose model has
// another seed (so other initial weights and generator) and resumes: the
// weights end as those of the uninterrupted run, bit for bit.
func TestCheckpoint_ResumeMatchesUninterrupted(t *testing.T) {
	whole := newCkptRun(t, saveSpec)
	p := whole.fit(t, ckptFit, -1)
	require.True(t, p.Done)
	want := hash(t, whole.e, whole.m)
	otherSeed := strings.Replace(saveSpec, `"seed": 5`, `"seed": 6`, 1)

	for _, tc := range []struct {
		name    string
		batches int32
		stop    bool
	}{
		{"inside the first epoch", 2, false},
		{"after a stop", 3, true},
		{"at the first epoch's end", 4, false},
		{"inside the second epoch", 6, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first := newCkptRun(t, saveSpec)
			first.fit(t, ckptFit, tc.batches)
			if tc.stop {
				ok(t, first.e, first.e.ModelStop(first.m))
			}
			ckpt := first.checkpoint(t)

			second := newCkptRun(t, otherSeed)
			require.NotEqual(t, hash(t, first.e, first.m), hash(t, second.e, second.m))
			ok(t, second.e, second.restore(t, ckpt))
			assert.Equal(t, hash(t, first.e, first.m), hash(t, second.e, second.m), "the weights are restored")

			p := second.fit(t, `{"epochs": 2, "batch_size": 8, "validation_split": 0.2, "resume": true}`, -1)
			require.True(t, p.Done)
			assert.Equal(t, want, hash(t, second.e, second.m))
		})
	}
}

// TestCheckpoint_WithoutResume checks that resume is what continues the
// stopped epoch: a fit without it starts afresh from the restored weights
// and ends elsewhere.
func TestCheckpoint_WithoutResume(t *testing.T) {
	whole := newCkptRun(t, saveSpec)
	whole.fit(t, ckptFit, -1)
	first := newCkptRun(t, saveSpec)
	first.fit(t, ckptFit, 2)
	second := newCkptRun(t, saveSpec)
	ok(t, second.e, second.restore(t, first.checkpoint(t)))
	second.fit(t, `{"epochs": 2, "batch_size": 8, "validation_split": 0.2}`, -1)
	assert.NotEqual(t, hash(t, whole.e, whole.m), hash(t, second.e, second.m))
}

// TestCheckpoint_Errors refuses broken checkpoints, checkpoints of other
// models and calls at the wrong time, each with its status and a message
// naming what was wrong; the model keeps its weights and position (a
// resume then ends as the uninterrupted run).
func TestCheckpoint_Errors(t *testing.T) {
	whole := newCkptRun(t, saveSpec)
	whole.fit(t, ckptFit, -1)
	want := hash(t, whole.e, whole.m)

	r := newCkptRun(t, saveSpec)
	r.fit(t, ckptFit, 2)
	ok(t, r.e, r.e.ModelStop(r.m)) // restoring needs no fit in progress
	good := r.checkpoint(t)
	before := hash(t, r.e, r.m)

	other := newCkptRun(t, strings.Replace(saveSpec, `"units": 2,`, `"units": 2, "use_bias": false,`, 1))
	other.fit(t, `{"batch_size": 8}`, 1)
	sgd := newCkptRun(t, saveSpec)
	p, n := put(t, sgd.e, []byte(`{"optimizer": "sgd", "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`))
	ok(t, sgd.e, sgd.e.ModelCompile(sgd.m, p, n))
	sgd.fit(t, `{"batch_size": 8}`, 1)

	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 1
	for _, tc := range []struct {
		name  string
		b     []byte
		code  int32
		parts []string
	}{
		{"truncated", good[:len(good)-9], statusBadArgument, []string{"not a valid checkpoint", "truncated"}},
		{"header only", good[:24], statusBadArgument, []string{"not a valid checkpoint"}},
		{"empty", nil, statusBadArgument, []string{"not a valid checkpoint"}},
		{"a flipped bit", flipped, statusBadArgument, []string{"CRC"}},
		{"not a checkpoint", []byte(`{"modelTopology": {}}`), statusBadArgument, []string{"not a valid checkpoint"}},
		{"another architecture", other.checkpoint(t), statusShape, []string{"does not fit the model", "use_bias"}},
		{"another optimizer", sgd.checkpoint(t), statusShape, []string{"does not fit the model", "SGD"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status := r.restore(t, tc.b)
			require.Equal(t, tc.code, status, "%s", r.e.errMsg)
			assert.True(t, strings.HasPrefix(string(r.e.errMsg), "gonn_model_restore: "), "%s", r.e.errMsg)
			for _, part := range tc.parts {
				assert.Contains(t, string(r.e.errMsg), part)
			}
			assert.Equal(t, before, hash(t, r.e, r.m), "the model is untouched")
		})
	}
	// The position survived the errors too: resuming ends as the whole run.
	r.fit(t, `{"epochs": 2, "batch_size": 8, "validation_split": 0.2, "resume": true}`, -1)
	assert.Equal(t, want, hash(t, r.e, r.m))
}

// TestCheckpoint_WrongState checks the calls that come too early or at the
// wrong time.
func TestCheckpoint_WrongState(t *testing.T) {
	e := NewEngine()
	notCompiled := newModel(t, e, saveSpec)
	assert.Equal(t, statusNotReady, e.ModelCheckpoint(notCompiled))
	assert.Contains(t, string(e.errMsg), "not compiled")
	notBuilt := newModel(t, e, `{"layers": [{"class_name": "Dense", "config": {"units": 2}}]}`)
	assert.Equal(t, statusNotReady, e.ModelCheckpoint(notBuilt))
	assert.Contains(t, string(e.errMsg), "not built")
	assert.Equal(t, statusUnknownHandle, e.ModelCheckpoint(999))

	r := newCkptRun(t, saveSpec)
	r.fit(t, ckptFit, 1)
	ckpt := r.checkpoint(t) // between two steps of a fit: fine
	assert.Equal(t, statusBusy, r.restore(t, ckpt), "restoring during a fit")
	assert.Contains(t, string(r.e.errMsg), "fit is in progress")

	ownSeed := newCkptRun(t, strings.Replace(saveSpec, `"rate": 0.3`, `"rate": 0.3, "seed": 1`, 1))
	assert.Equal(t, statusBadArgument, ownSeed.e.ModelCheckpoint(ownSeed.m))
	assert.Contains(t, string(ownSeed.e.errMsg), "own seed")
}

// TestFitBegin_ResumeConflicts refuses what a resumed fit would ignore.
func TestFitBegin_ResumeConflicts(t *testing.T) {
	r := newCkptRun(t, saveSpec)
	for cfg, part := range map[string]string{
		`{"resume": true, "seed": 3}`:          "seed and resume",
		`{"resume": true, "initial_epoch": 1}`: "initial_epoch and resume",
		`{"resume": "yes"}`:                    "resume",
	} {
		assert.Equal(t, statusBadArgument, fitBegin(t, r.e, r.m, r.x, r.y, cfg), cfg)
		assert.Contains(t, string(r.e.errMsg), part, cfg)
	}
	ok(t, r.e, fitBegin(t, r.e, r.m, r.x, r.y, `{"resume": true}`))
}
