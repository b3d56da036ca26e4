package nn

import (
	"errors"
	"fmt"
	"strings"

	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/metrics"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// DefaultSeed seeds a model whose seed was not set: gonn is reproducible by
// default, and SetSeed picks another run.
const DefaultSeed = 0

// Sequential is a Keras-style stack of layers, each feeding the next.
//
//	m := nn.NewSequential(
//		layers.NewInput(784),
//		layers.NewDense(512, "relu"),
//		layers.NewDense(10, "softmax"),
//	)
//	err := m.Compile(optimizers.NewRMSprop(), losses.CategoricalCrossentropy{}, "accuracy")
//	hist, err := m.Fit(x, y, nn.FitConfig{Epochs: 20, BatchSize: 128})
//
// The model owns one PRNG, seeded by SetSeed (DefaultSeed otherwise), from
// which it draws, in a fixed order, the initial weights, the shuffles of Fit
// and the dropout masks: the same seed gives the same weights, bit for bit.
type Sequential struct {
	Name   string
	Layers []layers.Layer

	seed       uint64
	rand       *rng.Rand
	inputShape []int // without the batch axis; nil until built
	shapes     [][]int
	nameCount  map[string]int

	optimizer   optimizers.Optimizer
	loss        losses.Loss
	metricNames []string
	// trainable lists the weights training updates, collected when the
	// model is compiled, or built after compiling (see Compile).
	trainable []*ag.Var

	stop     bool             // set by Stop; checked after every batch
	position trainingPosition // where Fit stands, for checkpoints
}

// NewSequential returns a model made of the given layers.
func NewSequential(ls ...layers.Layer) *Sequential {
	m := &Sequential{Name: "sequential", seed: DefaultSeed, nameCount: map[string]int{}}
	for _, l := range ls {
		m.Add(l)
	}
	return m
}

// Add appends a layer, naming it Keras-style ("dense", "dense_1", …) if it
// has no name. The model must be built again (it is built on first use).
func (m *Sequential) Add(l layers.Layer) {
	if l.Name() == "" {
		base := snakeCase(l.ClassName())
		n := m.nameCount[base]
		m.nameCount[base] = n + 1
		if n == 0 {
			l.SetName(base)
		} else {
			l.SetName(fmt.Sprintf("%s_%d", base, n))
		}
	}
	m.Layers = append(m.Layers, l)
	m.inputShape = nil
}

// SetSeed seeds the model's PRNG. Call it before the model is built (before
// Build, Fit or Predict) for it to fix the initial weights too.
func (m *Sequential) SetSeed(seed uint64) {
	m.seed = seed
	m.rand = rng.New(seed)
}

// Rand is the model's PRNG.
func (m *Sequential) Rand() *rng.Rand {
	if m.rand == nil {
		m.rand = rng.New(m.seed)
	}
	return m.rand
}

// Built reports whether the layers have weights.
func (m *Sequential) Built() bool { return m.inputShape != nil }

// InputShape is the shape of one example (without the batch axis), known
// once the model is built.
func (m *Sequential) InputShape() []int { return m.inputShape }

// OutputShape is the shape of one output example, once built.
func (m *Sequential) OutputShape() []int {
	if !m.Built() {
		return nil
	}
	return m.shapes[len(m.shapes)-1]
}

// Build creates every layer's weights for examples of the given shape
// (without the batch axis). A model whose first layer is an InputLayer is
// built from it with Build() and no shape.
func (m *Sequential) Build(inputShape ...int) (err error) {
	defer catchShape(&err)
	if len(m.Layers) == 0 {
		return errors.New("nn: Build: the model has no layers")
	}
	if len(inputShape) == 0 {
		inputShape = declaredInput(m.Layers[0])
		if inputShape == nil {
			return fmt.Errorf("nn: Build: give the input shape, or start the model with an InputLayer")
		}
	}
	shape := append([]int{}, inputShape...)
	shapes := make([][]int, len(m.Layers))
	r := m.Rand()
	for i, l := range m.Layers {
		out, err := l.Build(shape, r)
		if err != nil {
			return fmt.Errorf("nn: Build: layer %q (%s) on input %s: %w", l.Name(), l.ClassName(), shapeString(shape), err)
		}
		shapes[i], shape = out, out
	}
	m.inputShape, m.shapes = append([]int{}, inputShape...), shapes
	if m.optimizer != nil {
		m.trainable = m.TrainableWeights()
	}
	return nil
}

// Compile sets the optimiser, the loss and the metrics that Fit and
// Evaluate report (Keras names: "accuracy", "mae", …).
//
// Compile also fixes which weights training updates: those of the layers
// that are trainable now (or, for a model not built yet, when it is built),
// as Keras and TF.js collect them at compile time. Changing a layer's
// trainable flag later takes effect at the next Compile. This is what lets a
// GAN train its discriminator on its own while the same layers stay frozen
// inside the combined model: compile the discriminator, freeze it, then
// compile the combined model.
func (m *Sequential) Compile(opt optimizers.Optimizer, loss losses.Loss, metricNames ...string) error {
	if opt == nil || loss == nil {
		return errors.New("nn: Compile: an optimizer and a loss are required")
	}
	for _, name := range metricNames {
		if _, err := metrics.Get(name, loss.Name()); err != nil {
			return fmt.Errorf("nn: Compile: %w", err)
		}
	}
	m.optimizer, m.loss, m.metricNames = opt, loss, append([]string{}, metricNames...)
	m.trainable = nil
	if m.Built() {
		m.trainable = m.TrainableWeights()
	}
	return nil
}

// Weights lists every layer's weights, layer by layer, in Keras order.
func (m *Sequential) Weights() []*ag.Var {
	var ws []*ag.Var
	for _, l := range m.Layers {
		ws = append(ws, l.Weights()...)
	}
	return ws
}

// TrainableWeights lists the weights the optimiser updates, as Keras'
// model.trainable_weights: those of layers whose Trainable flag is set, less
// each layer's non-trainable weights (BatchNormalization's moving
// statistics). It reads the flags as they are now; training updates the
// weights collected at Compile (see there).
func (m *Sequential) TrainableWeights() []*ag.Var {
	var ws []*ag.Var
	for _, l := range m.Layers {
		for _, w := range l.Weights() {
			if IsTrainable(l, w) {
				ws = append(ws, w)
			}
		}
	}
	return ws
}

// IsTrainable reports whether w, a weight of l, is trained: l is trainable
// and w is not among l's NonTrainableWeights.
func IsTrainable(l layers.Layer, w *ag.Var) bool {
	if !l.Trainable() {
		return false
	}
	if nt, ok := l.(interface{ NonTrainableWeights() []*ag.Var }); ok {
		for _, v := range nt.NonTrainableWeights() {
			if v == w {
				return false
			}
		}
	}
	return true
}

// trainableWeights is the list collected at Compile, with gradients switched
// on for those weights and off for all others.
func (m *Sequential) trainableWeights() []*ag.Var {
	for _, w := range m.Weights() {
		w.SetRequiresGrad(false)
	}
	for _, w := range m.trainable {
		w.SetRequiresGrad(true)
	}
	return m.trainable
}

// forward runs the layers on a batch x of shape (batch, inputShape...),
// threading the timestep mask that Embedding(mask_zero) or Masking makes to
// the layers after them (see layers.CallWithMask). Out of training no
// gradient is taken: the batch enters as ag.NoGrad, so the pass builds no
// backward rules and the layers take their fused inference paths, with the
// same bits.
func (m *Sequential) forward(x *tensor.Tensor, training bool) *ag.Var {
	ctx := &layers.Context{Training: training, Rand: m.Rand()}
	v := ag.Const(x)
	if !training {
		v = ag.NoGrad(x)
	}
	var mask *tensor.Tensor // (batch, steps) of 0/1, or nil
	for _, l := range m.Layers {
		v, mask = layers.CallWithMask(ctx, l, v, mask)
	}
	return v
}

// Stop asks a running Fit to end after the current batch (a callback's
// early stop, or a user's stop button). The weights are those after the
// last completed batch.
func (m *Sequential) Stop() { m.stop = true }

// ensureBuilt builds the model for examples shaped like x's rows.
func (m *Sequential) ensureBuilt(x *tensor.Tensor) error {
	if x.Rank() < 1 {
		return errors.New("nn: input must have a batch axis")
	}
	if !m.Built() {
		if declaredInput(m.Layers[0]) != nil {
			if err := m.Build(); err != nil {
				return err
			}
		} else if err := m.Build(x.Shape[1:]...); err != nil {
			return err
		}
	}
	if !tensor.SameShape(x.Shape[1:], m.inputShape) {
		return fmt.Errorf("nn: input examples have shape %s, the model expects %s",
			shapeString(x.Shape[1:]), shapeString(m.inputShape))
	}
	return nil
}

// declaredInput is the example shape the first layer declares (an
// InputLayer, or Keras' input_shape= on a first layer), or nil.
func declaredInput(l layers.Layer) []int {
	switch l := l.(type) {
	case *layers.InputLayer:
		return l.Shape()
	case interface{ InputShape() []int }:
		return l.InputShape()
	}
	return nil
}

// catchShape turns a panic wrapping tensor.ErrShape into an error.
func catchShape(err *error) {
	if r := recover(); r != nil {
		if e, ok := r.(error); ok && errors.Is(e, tensor.ErrShape) {
			*err = e
			return
		}
		panic(r)
	}
}

// shapeString prints a shape without batch axis Keras-style: (28, 28, 1).
func shapeString(s []int) string {
	parts := make([]string, len(s))
	for i, d := range s {
		parts[i] = fmt.Sprint(d)
	}
	if len(s) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// snakeCase turns a Keras class name into its default layer name, by
// Keras' rule (an underscore before a capital that follows a lower-case
// letter or starts a capitalised word): "Dense" → "dense", "MaxPooling2D" →
// "max_pooling2d", "Conv2DTranspose" → "conv2d_transpose", "LeakyReLU" →
// "leaky_re_lu". Written out rather than with regexp, which would add half a
// megabyte to the engine module.
func snakeCase(s string) string {
	isUpper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	isLower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUpper(c) {
			if i > 0 && (isLower(s[i-1]) || (i+1 < len(s) && isLower(s[i+1]))) {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}
