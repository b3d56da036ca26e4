package nn

import (
	"fmt"

	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// Nested puts a model inside another as one layer, the way Keras puts a
// model in a Sequential. The layers are shared, not copied: training either
// model changes the weights both see. A GAN is built so:
//
//	generator := nn.NewSequential(…)      // z (latent) → image
//	discriminator := nn.NewSequential(…)  // image → P(real)
//	discriminator.Compile(…)              // trains its own weights
//	nn.Nested(discriminator).SetTrainable(false)
//	combined := nn.NewSequential(nn.Nested(generator), nn.Nested(discriminator))
//	combined.Compile(…)                   // trains the generator only
//
// (Compile collects the trainable weights, so the discriminator keeps
// training through its own TrainOnBatch.) A nested model that is built
// already keeps its weights when the outer model is built on the same input
// shape; otherwise it is built from its own generator. The outer model's
// context (training or inference, its generator for dropout) drives the
// inner layers.
func Nested(m *Sequential) layers.Layer { return &nestedModel{m: m} }

// nestedModel adapts a Sequential to layers.Layer.
type nestedModel struct {
	m      *Sequential
	frozen bool
}

func (n *nestedModel) Name() string        { return n.m.Name }
func (n *nestedModel) SetName(name string) { n.m.Name = name }
func (n *nestedModel) ClassName() string   { return "Sequential" }

// InputShape is the inner model's input shape, once known: the shape it was
// built on, or the one its first layer declares.
func (n *nestedModel) InputShape() []int {
	if n.m.Built() {
		return n.m.InputShape()
	}
	if len(n.m.Layers) == 0 {
		return nil
	}
	return declaredInput(n.m.Layers[0])
}

// Build builds the inner model on inputShape, unless it is built on that
// shape already (then its weights are kept: they are shared). r is not
// used: the inner model draws from its own generator.
func (n *nestedModel) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if n.m.Built() && tensor.SameShape(inputShape, n.m.InputShape()) {
		return n.m.OutputShape(), nil
	}
	if err := n.m.Build(inputShape...); err != nil {
		return nil, fmt.Errorf("nested model %q: %w", n.m.Name, err)
	}
	return n.m.OutputShape(), nil
}

// Call runs the inner layers in the outer model's context.
func (n *nestedModel) Call(ctx *layers.Context, x *ag.Var) *ag.Var {
	var mask *tensor.Tensor
	for _, l := range n.m.Layers {
		x, mask = layers.CallWithMask(ctx, l, x, mask)
	}
	return x
}

// Weights lists the inner model's weights, layer by layer.
func (n *nestedModel) Weights() []*ag.Var { return n.m.Weights() }

// NonTrainableWeights lists the inner weights that are not trained: those of
// frozen inner layers and the layers' own non-trainable weights.
func (n *nestedModel) NonTrainableWeights() []*ag.Var {
	var ws []*ag.Var
	for _, l := range n.m.Layers {
		for _, w := range l.Weights() {
			if !IsTrainable(l, w) {
				ws = append(ws, w)
			}
		}
	}
	return ws
}

// Trainable reports the nested model's own flag.
func (n *nestedModel) Trainable() bool { return !n.frozen }

// SetTrainable sets the flag of the nested model and of every inner layer,
// as setting model.trainable does in Keras.
func (n *nestedModel) SetTrainable(on bool) {
	n.frozen = !on
	for _, l := range n.m.Layers {
		l.SetTrainable(on)
	}
}

// Config is the Keras config of a Sequential: its name and its layers.
func (n *nestedModel) Config() map[string]any {
	ls := make([]any, len(n.m.Layers))
	for i, l := range n.m.Layers {
		ls[i] = map[string]any{"class_name": l.ClassName(), "config": l.Config()}
	}
	return map[string]any{"name": n.m.Name, "trainable": n.Trainable(), "layers": ls}
}
