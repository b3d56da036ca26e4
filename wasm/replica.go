package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"

	"gonn/nn"
	"gonn/nn/ag"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
)

// The replica side of data-parallel training (parallel.go): a replica is
// a model in another engine instance with the leader's layers, trainable
// flags and loss, made by gonn_replica_create from what gonn_fit_begin
// returned, given the leader's weights (gonn_weights_set) and asked for
// the gradients of one shard at a time (gonn_shard_gradients).

// replicaSpec is what a replica is made from: the leader's model as a
// Keras Sequential config (each layer's config carries its trainable flag)
// and its loss as {class_name, config}; Seed (a decimal string, since JS
// numbers hold 53 bits) seeds the replica's generator.
type replicaSpec struct {
	Model json.RawMessage `json:"model"`
	Loss  classConfig     `json:"loss"`
	Seed  string          `json:"seed,omitempty"`
}

// parallelBegin is gonn_fit_begin's result for a fit with workers > 1:
// the replicas' spec and, for replica i (1 … workers−1), seeds[i−1].
type parallelBegin struct {
	Workers int         `json:"workers"`
	Seeds   []string    `json:"seeds"`
	Replica replicaSpec `json:"replica"`
}

// parallelBegun draws the replicas' seeds from the leader's generator, right
// after NewTrainer as nn.FitParallel does.
func parallelBegun(t *nn.Trainer, workers int, spec *replicaSpec) parallelBegin {
	p := parallelBegin{Workers: workers, Seeds: []string{}, Replica: *spec}
	for _, s := range t.ReplicaSeeds(workers) {
		p.Seeds = append(p.Seeds, strconv.FormatUint(s, 10))
	}
	return p
}

// replicaSpecOf describes the built, compiled model m for its replicas,
// and checks that a replica made from it has the same weights, trainable
// weights and loss (a layer whose config does not round-trip, a nested
// model, is refused here rather than at the first batch). The check builds
// a model, so its result is kept on m for the next fit while the config
// and loss stay the same.
func replicaSpecOf(op string, m *model) (*replicaSpec, error) {
	seq := m.seq
	ls := make([]map[string]any, len(seq.Layers))
	for i, l := range seq.Layers {
		ls[i] = map[string]any{"class_name": l.ClassName(), "config": l.Config()}
	}
	cfg, err := json.Marshal(map[string]any{"class_name": "Sequential", "config": map[string]any{
		"name": seq.Name, "layers": ls, "build_input_shape": append([]any{nil}, anyInts(seq.InputShape())...)}})
	if err != nil {
		return nil, fail(statusBadArgument, "%s: workers: the model's config: %v", op, err)
	}
	spec := &replicaSpec{Model: cfg, Loss: lossSpec(seq.Loss())}
	if m.replicaSpec.same(spec) {
		return m.replicaSpec, nil
	}
	r, err := spec.build()
	if err != nil {
		return nil, fail(statusBadArgument, "%s: workers: this model cannot be replicated: %v", op, err)
	}
	if err := sameWeights(r, seq); err != nil {
		return nil, fail(statusBadArgument, "%s: workers: a replica made from the model's config differs: %v", op, err)
	}
	if !reflect.DeepEqual(r.Loss(), seq.Loss()) {
		return nil, fail(statusBadArgument, "%s: workers: the loss %s cannot be sent to replicas", op, seq.Loss().Name())
	}
	m.replicaSpec = spec
	return spec, nil
}

// same reports whether s and o describe the same replica (seeds aside);
// a nil s is no replica.
func (s *replicaSpec) same(o *replicaSpec) bool {
	return s != nil && o != nil && bytes.Equal(s.Model, o.Model) &&
		s.Loss.ClassName == o.Loss.ClassName && bytes.Equal(s.Loss.Config, o.Loss.Config)
}

// build makes the replica: the model, built, compiled with the loss (the
// optimiser is never used: the leader applies the gradients).
func (s *replicaSpec) build() (*nn.Sequential, error) {
	ms, err := parseModelSpec(s.Model)
	if err != nil {
		return nil, err
	}
	seq, err := ms.build()
	if err != nil {
		return nil, err
	}
	if !seq.Built() {
		return nil, fail(statusBadArgument, "the replica's model declares no input shape")
	}
	loss, err := lossFrom(mustJSON(s.Loss))
	if err != nil {
		return nil, withCode(statusBadArgument, err)
	}
	if err := seq.Compile(optimizers.NewSGD(), loss); err != nil {
		return nil, withCode(statusBadArgument, err)
	}
	return seq, nil
}

// sameWeights checks that r has m's weights and trainable weights, in
// number, order and shape.
func sameWeights(r, m *nn.Sequential) error {
	for _, list := range []struct {
		what string
		r, m func() []*ag.Var
	}{
		{"weights", r.Weights, m.Weights},
		{"trainable weights", r.TrainableWeights, m.TrainableWeights},
	} {
		rw, mw := list.r(), list.m()
		if len(rw) != len(mw) {
			return fail(statusShape, "%d %s, the model has %d", len(rw), list.what, len(mw))
		}
		for i := range rw {
			if rw[i].Name != mw[i].Name || !slices.Equal(rw[i].Shape(), mw[i].Shape()) {
				return fail(statusShape, "%s %d is %s %s, the model's %s %s", list.what, i,
					rw[i].Name, shapeString(rw[i].Shape()), mw[i].Name, shapeString(mw[i].Shape()))
			}
		}
	}
	return nil
}

// lossSpec is a loss as compile reads it: {class_name, config}.
func lossSpec(l losses.Loss) classConfig {
	var cfg any = map[string]any{}
	switch l := l.(type) {
	case losses.CategoricalCrossentropy:
		cfg = map[string]any{"from_logits": l.FromLogits, "label_smoothing": l.LabelSmoothing}
	case losses.BinaryCrossentropy:
		cfg = map[string]any{"from_logits": l.FromLogits, "label_smoothing": l.LabelSmoothing}
	case losses.SparseCategoricalCrossentropy:
		cfg = map[string]any{"from_logits": l.FromLogits}
	}
	return classConfig{ClassName: l.Name(), Config: mustJSON(cfg)}
}

// mustJSON marshals values that always marshal (maps of plain values).
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func anyInts(s []int) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// replicaArgs is gonn_replica_create's argument: the spec with its seed
// and, optionally, a replica to reuse.
type replicaArgs struct {
	replicaSpec
	Reuse int32 `json:"reuse,omitempty"`
}

// ReplicaCreate makes a replica from the JSON at (ptr, n): gonn_fit_begin's
// "replica" object with "seed" set to the replica's seed. The handle of
// the new model (built, compiled) is the result; give it the leader's
// weights with gonn_weights_set before its first shard. With "reuse": h,
// a replica made before, and the same model and loss, that replica is
// seeded again and h is the result (a new one is made otherwise: h stays
// until disposed), which spares a model build per fit.
func (e *Engine) ReplicaCreate(ptr uintptr, n int32) int32 {
	return e.guard("gonn_replica_create", false, func() error {
		const op = "gonn_replica_create"
		var s replicaArgs
		if err := e.strictJSON(op, ptr, n, &s, "model, loss, seed, reuse"); err != nil {
			return err
		}
		if s.Model == nil || s.Loss.ClassName == "" || s.Seed == "" {
			return fail(statusBadArgument, "%s: want {\"model\", \"loss\", \"seed\"} as gonn_fit_begin gave them", op)
		}
		seed, err := strconv.ParseUint(s.Seed, 10, 64)
		if err != nil {
			return fail(statusBadArgument, "%s: seed %q: want a decimal integer ≥ 0 in a string", op, s.Seed)
		}
		spec := &replicaSpec{Model: s.Model, Loss: s.Loss}
		if s.Reuse != 0 {
			old, err := e.handles.model(s.Reuse)
			if err != nil {
				return fail(statusOf(err), "%s: reuse: %v", op, err)
			}
			if old.replicaOf.same(spec) && !old.fitting() {
				old.seq.SetSeed(seed)
				old.seed = seed
				e.resultHandle = s.Reuse
				return nil
			}
		}
		seq, err := spec.build()
		if err != nil {
			return fail(statusOf(err), "%s: %v", op, err)
		}
		seq.SetSeed(seed)
		return e.addHandle(&model{seq: seq, seed: seed, compiled: true, replicaOf: spec})
	})
}

// ShardGradients computes, on the replica h, the loss, predictions and
// gradients of the shard at (ptr, n) (the shard form of shardwire.go, as
// gonn_fit_shards gave it) without changing a weight, and puts them in the
// result (the result form).
func (e *Engine) ShardGradients(h int32, ptr uintptr, n int32) int32 {
	return e.guard("gonn_shard_gradients", false, func() error {
		const op = "gonn_shard_gradients"
		m, err := e.compiledModel(op, h)
		if err != nil {
			return err
		}
		if err := m.notFitting(op); err != nil {
			return err
		}
		b, err := e.blocks.bytes(op+": shard", ptr, n)
		if err != nil {
			return err
		}
		r := &wireReader{op: op, b: b}
		s, err := r.shard()
		if err != nil {
			return err
		}
		if err := r.end("the shard"); err != nil {
			return err
		}
		if err := checkData(op, "", m.seq, s.X, s.Y, true); err != nil {
			return err
		}
		res, err := m.seq.ShardGradients(s.X, s.Y)
		if err != nil {
			return trainError(op, err)
		}
		e.setResult(appendResult(nil, res))
		return nil
	})
}
