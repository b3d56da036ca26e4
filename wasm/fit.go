package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

	"gonn/nn"
	"gonn/nn/tensor"
)

// fit is a model's fit: begun by FitBegin, stepped by FitStep, or, when
// its batches are shared among workers, by FitShards, FitLeaderShard and
// FitFinish (parallel.go).
type fit struct {
	trainer *nn.Trainer
	epochs  int
	workers int // replicas sharing each batch; 1 for a fit FitStep runs

	shards  []nn.Dataset    // the batch FitShards began, until FitFinish
	own     *nn.ShardResult // the leader's result on shards[0] (FitLeaderShard)
	aborted bool            // ended by FitAbort or a refused shard result
}

// done reports whether the fit has ended: all epochs run, stopped, failed
// or aborted.
func (f *fit) done() bool { return f.aborted || f.trainer.Done() }

// fitSpec is what gonn_fit_begin reads: Keras' fit arguments.
type fitSpec struct {
	Epochs          *int    `json:"epochs"`
	BatchSize       *int    `json:"batch_size"`
	Shuffle         *bool   `json:"shuffle"`
	ValidationSplit float64 `json:"validation_split"`
	ValidationData  []int32 `json:"validation_data"`
	InitialEpoch    int     `json:"initial_epoch"`
	AllowNonFinite  bool    `json:"allow_non_finite"`
	// Seed, when set, reseeds the model's PRNG before the fit, so the
	// shuffles and dropout masks of this fit depend on it alone.
	Seed *uint64 `json:"seed"`
	// Resume continues where the model's training stopped (a fit stopped
	// or a checkpoint restored), inside an epoch too: nn's FitConfig.Resume.
	Resume bool `json:"resume"`
	// Workers is how many engine replicas share each batch (parallel.go);
	// 1, the default, is the plain fit gonn_fit_step runs.
	Workers *int            `json:"workers"`
	Verbose json.RawMessage `json:"verbose"` // ignored
}

// Bounds of fit arguments.
const (
	maxEpochs     = 1 << 30
	maxBatchSize  = maxElements
	maxFitBatches = 1 << 30
	maxWorkers    = 16
)

// FitBegin checks the data (x, y tensor handles) and the fit config at
// (ptr, n) and starts a fit; FitStep trains.
func (e *Engine) FitBegin(h, x, y int32, ptr uintptr, n int32) int32 {
	return e.guard("gonn_fit_begin", false, func() error {
		const op = "gonn_fit_begin"
		m, err := e.compiledModel(op, h)
		if err != nil {
			return err
		}
		if err := m.notFitting(op); err != nil {
			return err
		}
		xt, yt, err := e.tensorPair(op, x, y)
		if err != nil {
			return err
		}
		b, err := e.jsonArg(op, ptr, n)
		if err != nil {
			return err
		}
		cfg, err := parseFitSpec(b)
		if err != nil {
			return err
		}
		if err := checkData(op, "", m.seq, xt, yt, cfg.AllowNonFinite); err != nil {
			return err
		}
		if cfg.ValidationData != nil {
			if len(cfg.ValidationData) != 2 {
				return fail(statusBadArgument, "%s: validation_data is %v: want [x_handle, y_handle]", op, cfg.ValidationData)
			}
			vx, vy, err := e.tensorPair(op+": validation_data", cfg.ValidationData[0], cfg.ValidationData[1])
			if err != nil {
				return err
			}
			if err := checkData(op, "validation ", m.seq, vx, vy, cfg.AllowNonFinite); err != nil {
				return err
			}
			cfg.fc.ValidationData = &nn.Dataset{X: vx, Y: vy}
		}
		if err := checkTargets(op, m.seq, xt, yt); err != nil {
			return err
		}
		var replica *replicaSpec
		if cfg.workers > 1 {
			if replica, err = replicaSpecOf(op, m); err != nil {
				return err
			}
		}
		if cfg.Seed != nil {
			m.seq.SetSeed(*cfg.Seed)
		}
		t, err := m.seq.NewTrainer(xt, yt, cfg.fc)
		if err != nil {
			return withCode(statusBadArgument, err)
		}
		m.fit = &fit{trainer: t, epochs: cfg.fc.Epochs, workers: cfg.workers}
		if replica != nil {
			return e.setJSON(parallelBegun(t, cfg.workers, replica))
		}
		return nil
	})
}

// parsedFit is a fit config read from JSON.
type parsedFit struct {
	fitSpec
	fc      nn.FitConfig
	workers int
}

func parseFitSpec(b []byte) (*parsedFit, error) {
	const op = "gonn_fit_begin"
	var p parsedFit
	if t := bytes.TrimSpace(b); len(t) > 0 && string(t) != "null" {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p.fitSpec); err != nil {
			return nil, fail(statusBadArgument, "%s: config: %v (known keys: epochs, batch_size, shuffle, "+
				"validation_split, validation_data, initial_epoch, allow_non_finite, seed, resume, workers, verbose)", op, err)
		}
	}
	s := &p.fitSpec
	if err := checkResume(op, s); err != nil {
		return nil, err
	}
	p.fc = nn.FitConfig{Epochs: 1, BatchSize: 32, ValidationSplit: s.ValidationSplit,
		InitialEpoch: s.InitialEpoch, AllowNonFinite: s.AllowNonFinite, Resume: s.Resume}
	if s.Epochs != nil {
		p.fc.Epochs = *s.Epochs
	}
	if s.BatchSize != nil {
		p.fc.BatchSize = *s.BatchSize
	}
	if s.Shuffle != nil {
		p.fc.NoShuffle = !*s.Shuffle
	}
	p.workers = 1
	if s.Workers != nil {
		p.workers = *s.Workers
	}
	switch {
	case p.fc.Epochs < 1 || p.fc.Epochs > maxEpochs:
		return nil, fail(statusBadArgument, "%s: epochs %d: want 1 … %d", op, p.fc.Epochs, maxEpochs)
	case p.fc.BatchSize < 1 || p.fc.BatchSize > maxBatchSize:
		return nil, fail(statusBadArgument, "%s: batch_size %d: want 1 … %d", op, p.fc.BatchSize, maxBatchSize)
	case p.fc.InitialEpoch < 0:
		return nil, fail(statusBadArgument, "%s: initial_epoch %d is negative", op, p.fc.InitialEpoch)
	case !(p.fc.ValidationSplit >= 0 && p.fc.ValidationSplit < 1):
		return nil, fail(statusBadArgument, "%s: validation_split %v: want 0 <= split < 1", op, p.fc.ValidationSplit)
	case p.workers < 1 || p.workers > maxWorkers:
		return nil, fail(statusBadArgument, "%s: workers %d: want 1 … %d", op, p.workers, maxWorkers)
	}
	return &p, nil
}

// checkResume refuses what a resumed fit would silently ignore or undo: a
// seed (resuming continues the restored generator) and an initial_epoch
// (resuming starts where training stopped).
func checkResume(op string, s *fitSpec) error {
	switch {
	case s.Resume && s.Seed != nil:
		return fail(statusBadArgument, "%s: seed and resume: a resumed fit continues the generator where training stopped; leave the seed out", op)
	case s.Resume && s.InitialEpoch != 0:
		return fail(statusBadArgument, "%s: initial_epoch and resume: a resumed fit starts where training stopped; leave initial_epoch out", op)
	}
	return nil
}

// FitStep trains up to maxBatches batches of the model's fit and puts the
// progress in the result.
func (e *Engine) FitStep(h, maxBatches int32) int32 {
	return e.guard("gonn_fit_step", false, func() error {
		const op = "gonn_fit_step"
		m, err := e.handles.model(h)
		if err != nil {
			return err
		}
		if m.fit == nil {
			return fail(statusNotReady, "%s: no fit to step: call gonn_fit_begin first", op)
		}
		if maxBatches < 0 || maxBatches > maxFitBatches {
			return fail(statusBadArgument, "%s: max_batches %d: want 0 … %d", op, maxBatches, maxFitBatches)
		}
		f := m.fit
		if f.workers > 1 && maxBatches > 0 && !f.done() {
			return fail(statusBadArgument, "%s: this fit shares its batches among %d workers: train it with gonn_fit_shards, "+
				"gonn_fit_leader_shard and gonn_fit_finish (max_batches 0 only reports)", op, f.workers)
		}
		// With a batch's shards out (parallel.go), Step would close the
		// epoch under them: report only.
		if !f.done() && f.shards == nil {
			if err := m.fit.trainer.Step(int(maxBatches)); err != nil {
				return trainError(op, err)
			}
		}
		return e.setJSON(m.fit.progress())
	})
}

// ModelStop ends the model's fit after the last completed batch; with no
// fit in progress it does nothing.
func (e *Engine) ModelStop(h int32) int32 {
	return e.guard("gonn_model_stop", false, func() error {
		m, err := e.handles.model(h)
		if err != nil || !m.fitting() {
			return err
		}
		m.seq.Stop()
		if m.fit.shards != nil {
			return nil // gonn_fit_finish ends the fit after the batch out (parallel.go)
		}
		if err := m.fit.trainer.Step(0); err != nil { // closes the epoch in progress
			return trainError("gonn_model_stop", err)
		}
		return nil
	})
}

// trainError gives an error of Trainer.Step its status: shape, or
// non_finite when the loss blew up (nn says "the loss is NaN").
func trainError(op string, err error) error {
	switch {
	case errors.Is(err, tensor.ErrShape):
		return fail(statusShape, "%s: %v", op, err)
	case strings.Contains(err.Error(), "the loss is "):
		return fail(statusNonFinite, "%s: %v", op, err)
	}
	return fail(statusBadArgument, "%s: %v", op, err)
}

// progress is gonn_fit_step's result.
type progress struct {
	Epoch           int                  `json:"epoch"`
	Epochs          int                  `json:"epochs"`
	Batch           int                  `json:"batch"`
	BatchesPerEpoch int                  `json:"batches_per_epoch"`
	Done            bool                 `json:"done"`
	Logs            map[string]jsonFloat `json:"logs"`
	History         historyJSON          `json:"history"`
}

type historyJSON struct {
	Epoch   []int                  `json:"epoch"`
	History map[string][]jsonFloat `json:"history"`
}

func (f *fit) progress() progress {
	epoch, batch, per, logs := f.trainer.Progress()
	p := progress{Epoch: epoch, Epochs: f.epochs, Batch: batch, BatchesPerEpoch: per,
		Done: f.done(), Logs: logsJSON(logs),
		History: historyJSON{Epoch: []int{}, History: map[string][]jsonFloat{}}}
	h := f.trainer.History()
	p.History.Epoch = append(p.History.Epoch, h.Epoch...)
	for k, vs := range h.History {
		p.History.History[k] = floatsJSON(vs)
	}
	return p
}
