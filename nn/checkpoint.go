package nn

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"

	"gonn/nn/layers"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// SaveCheckpoint writes everything training needs to go on later, in this
// process or another, to the same bits as a run that never stopped: the
// model's spec (to recognise its architecture), every weight (trainable or
// not, as BatchNormalization's moving statistics), the optimiser's state
// (step count, learning rate, slots), the model's generator state and its
// TrainingPosition (epochs done, and for an epoch stopped inside, its order
// of examples and running logs). The format is in docs/checkpoint.md.
//
// The model must be built and compiled with an optimiser that is
// optimizers.Stateful (all of gonn's are). Call it between batches: from a
// callback (OnEpochEnd, OnBatchEnd), or after Fit returns.
func (m *Sequential) SaveCheckpoint(w io.Writer) error {
	ck, err := m.takeCheckpoint()
	if err != nil {
		return fmt.Errorf("nn: SaveCheckpoint: %w", err)
	}
	if err := writeFramed(w, ck.encode()); err != nil {
		return fmt.Errorf("nn: SaveCheckpoint: %w", err)
	}
	return nil
}

// LoadCheckpoint restores a checkpoint written by SaveCheckpoint into m,
// which must be compiled like the model that wrote it: the same layers with
// the same configs (trainable flags included), loss, optimiser class and
// hyper-parameters (the learning rate is restored, not compared). An
// unbuilt model is built first for the checkpoint's input shape. Then
// Fit(FitConfig{Resume: true, …}) continues the run, or, from a checkpoint
// taken at an epoch's end, Fit(FitConfig{InitialEpoch: epochs done, …}).
//
// The whole file is read and checked (header, CRC-32C, limits, structure,
// fit to the model) before anything changes: on any error m keeps its
// weights, optimiser state, generator and position. Errors wrap
// ErrCheckpointCorrupt for bad bytes and ErrCheckpointMismatch for an
// intact checkpoint of another model.
func (m *Sequential) LoadCheckpoint(r io.Reader) error {
	if err := m.loadCheckpoint(r); err != nil {
		return fmt.Errorf("nn: LoadCheckpoint: %w", err)
	}
	return nil
}

// checkpoint is the content of a checkpoint file, decoded.
type checkpoint struct {
	spec      modelSpec
	seed      uint64
	randState []byte
	weights   []optimizers.Slot // a weight is a named tensor too
	opt       optimizers.State
	position  trainingPosition
}

// takeCheckpoint copies m's training state.
func (m *Sequential) takeCheckpoint() (*checkpoint, error) {
	if !m.Built() || m.optimizer == nil {
		return nil, errors.New("build and compile the model first")
	}
	opt, ok := m.optimizer.(optimizers.Stateful)
	if !ok {
		return nil, fmt.Errorf("optimizer %s does not expose its state (optimizers.Stateful)", m.optimizer.ClassName())
	}
	if err := ownGenerators(m.Layers); err != nil {
		return nil, err
	}
	spec, err := m.spec()
	if err != nil {
		return nil, err
	}
	randState, err := m.Rand().State()
	if err != nil {
		return nil, err
	}
	ck := &checkpoint{spec: spec, seed: m.seed, randState: randState, opt: opt.State(m.Weights()), position: m.position}
	for _, w := range m.Weights() {
		ck.weights = append(ck.weights, optimizers.Slot{Name: w.Name, Shape: w.Value.Shape, Data: w.Value.Data})
	}
	for _, t := range slices.Concat(ck.weights, ck.opt.Slots) {
		if len(t.Name) > maxNameBytes || len(t.Shape) > maxRank {
			return nil, fmt.Errorf("tensor %.40q… of rank %d: names are limited to %d bytes and ranks to %d", t.Name, len(t.Shape), maxNameBytes, maxRank)
		}
	}
	return ck, nil
}

// seededClasses are the layer classes that, given a seed, draw from a
// generator of their own, made at Build, rather than from the model's.
var seededClasses = []string{"Dropout", "RandomFlip", "RandomRotation", "RandomTranslation", "RandomZoom", "RandomContrast"}

// ownGenerators refuses layers that draw from a generator of their own (a
// Dropout or an augmentation layer given a seed): its state is the layer's,
// out of a checkpoint's reach, so a resumed run would draw other masks.
func ownGenerators(ls []layers.Layer) error {
	for _, l := range ls {
		if slices.Contains(seededClasses, l.ClassName()) && l.Config()["seed"] != nil {
			return fmt.Errorf("layer %q has its own seed, whose generator a checkpoint cannot save; leave the seed unset to draw from the model's generator", l.Name())
		}
	}
	return nil
}

// loadCheckpoint is LoadCheckpoint without the error prefix.
func (m *Sequential) loadCheckpoint(r io.Reader) error {
	if m.optimizer == nil {
		return errors.New("compile the model first: the checkpoint restores the state of its optimizer")
	}
	opt, ok := m.optimizer.(optimizers.Stateful)
	if !ok {
		return fmt.Errorf("optimizer %s does not expose its state (optimizers.Stateful)", m.optimizer.ClassName())
	}
	payload, err := readFramed(r)
	if err != nil {
		return err
	}
	ck, err := decodeCheckpoint(payload)
	if err != nil {
		return err
	}
	if err := m.checkFits(ck); err != nil {
		return err
	}
	if err := opt.SetState(m.Weights(), ck.opt); err != nil { // checks all before it changes anything
		return fmt.Errorf("%w: %w", ErrCheckpointMismatch, err)
	}
	if err := m.Rand().SetState(ck.randState); err != nil {
		panic(err) // decodeCheckpoint tried this state on a fresh generator
	}
	for i, w := range m.Weights() {
		copy(w.Value.Data, ck.weights[i].Data)
	}
	m.seed, m.position = ck.seed, ck.position
	return nil
}

// checkFits checks that ck was taken from a model like m, building m for
// ck's input shape if it is not built yet.
func (m *Sequential) checkFits(ck *checkpoint) error {
	mine, err := m.spec()
	if err != nil {
		return err
	}
	if err := ck.spec.matches(mine); err != nil {
		return fmt.Errorf("%w: %w", ErrCheckpointMismatch, err)
	}
	if !m.Built() {
		if err := m.Build(ck.spec.InputShape...); err != nil {
			return err
		}
	}
	ws := m.Weights()
	if len(ws) != len(ck.weights) {
		return fmt.Errorf("%w: the checkpoint has %d weights, the model %d", ErrCheckpointMismatch, len(ck.weights), len(ws))
	}
	for i, w := range ws {
		c := ck.weights[i]
		if c.Name != w.Name || !tensor.SameShape(c.Shape, w.Value.Shape) {
			return fmt.Errorf("%w: weight %d is %q %v in the checkpoint, %q %v in the model", ErrCheckpointMismatch, i, c.Name, c.Shape, w.Name, w.Value.Shape)
		}
	}
	return nil
}

// encode writes the payload: the sections in a fixed order (see
// docs/checkpoint.md).
func (ck *checkpoint) encode() []byte {
	var e encoder
	spec, err := json.Marshal(ck.spec)
	if err != nil {
		panic(err) // spec() marshalled every part already
	}
	e.bytes(spec)
	e.u64(ck.seed)
	e.bytes(ck.randState)

	e.u32(uint32(len(ck.weights)))
	for _, w := range ck.weights {
		e.tensor(w.Name, w.Shape, w.Data)
	}

	e.u64(uint64(ck.opt.Iterations))
	e.u32(math.Float32bits(ck.opt.LearningRate))
	e.u32(uint32(len(ck.opt.Slots)))
	for _, s := range ck.opt.Slots {
		e.tensor(s.Name, s.Shape, s.Data)
	}

	p := ck.position
	e.u32(uint32(p.epoch))
	e.u32(uint32(p.batch))
	if p.batch > 0 {
		e.u32(uint32(p.batchSize))
		e.f64(p.lossSum)
		e.u32(uint32(p.seen))
		keys := slices.Sorted(maps.Keys(p.logs))
		e.u32(uint32(len(keys)))
		for _, k := range keys {
			e.str(k)
			e.f64(p.logs[k])
		}
		e.u32(uint32(len(p.order)))
		for _, i := range p.order {
			e.u32(uint32(i))
		}
	}
	return e.buf
}

// decodeCheckpoint reads a payload, checking its structure and limits.
func decodeCheckpoint(payload []byte) (*checkpoint, error) {
	d := &decoder{buf: payload, section: "spec"}
	ck := &checkpoint{}
	if spec := d.bytes("model spec", maxSpecBytes); d.err == nil {
		if err := json.Unmarshal(spec, &ck.spec); err != nil {
			return nil, fmt.Errorf("%w: spec section: %w", ErrCheckpointCorrupt, err)
		}
	}
	d.section = "generator"
	ck.seed = d.u64("seed")
	ck.randState = d.bytes("generator state", maxRandState)
	if d.err == nil {
		if err := rng.New(0).SetState(ck.randState); err != nil {
			d.failf("%v", err)
		}
	}

	d.section = "weights"
	ck.weights = d.tensors("weight", d.count("the number of weights", 7, 1<<20))

	d.section = "optimizer"
	ck.opt.Iterations = int64(d.u64("iterations"))
	ck.opt.LearningRate = math.Float32frombits(d.u32("learning rate"))
	ck.opt.Slots = d.tensors("slot", d.count("the number of slots", 7, 1<<22))

	d.section = "progress"
	ck.position = d.position()
	if d.err == nil && d.off != len(payload) {
		d.failf("%d bytes left over after the last section", len(payload)-d.off)
	}
	if d.err != nil {
		return nil, d.err
	}
	return ck, nil
}

// tensors reads n named tensors.
func (d *decoder) tensors(what string, n int) []optimizers.Slot {
	out := make([]optimizers.Slot, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		name, shape, data := d.tensor(fmt.Sprintf("%s %d", what, i))
		out = append(out, optimizers.Slot{Name: name, Shape: shape, Data: data})
	}
	return out
}

// position reads the progress section and checks it is a position Fit can
// resume: a permutation of the examples, cut into batches of which fewer
// than all are done.
func (d *decoder) position() trainingPosition {
	p := trainingPosition{epoch: int(d.u32("epochs done")), batch: int(d.u32("batches done"))}
	if p.batch == 0 || d.err != nil {
		return p
	}
	p.batchSize = int(d.u32("batch size"))
	p.lossSum = d.f64("loss sum")
	p.seen = int(d.u32("examples seen"))
	n := d.count("the number of logs", 10, maxLogs)
	p.logs = Logs{}
	for range n {
		k := d.str("log name")
		p.logs[k] = d.f64("log value")
	}
	p.order = make([]int, d.count("the number of examples", 4, 1<<31-1))
	used := make([]bool, len(p.order))
	for i := range p.order {
		j := int(d.u32("example index"))
		if d.err == nil && (j >= len(p.order) || used[j]) {
			d.failf("the order of examples is not a permutation (index %d at %d)", j, i)
		}
		if d.err != nil {
			return p
		}
		p.order[i], used[j] = j, true
	}
	if d.err == nil && (p.batchSize <= 0 || p.batch >= len(batches(len(p.order), p.batchSize)) || p.seen > len(p.order)) {
		d.failf("%d batches of %d done of %d examples (%d seen) is not inside an epoch", p.batch, p.batchSize, len(p.order), p.seen)
	}
	return p
}
