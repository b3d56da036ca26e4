package layers

import (
	"strings"

	"gonn/nn/ag"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// The random image layers (RandomFlip, RandomRotation, RandomTranslation,
// RandomZoom, RandomContrast) are Keras' augmentation layers: in training
// each draws its own parameters per example and transforms the batch
// (through nn/imageops, on the graph, so a gradient flows back to the
// input); at inference (Training false) it returns its input unchanged.
// Draws come from Context.Rand, the model's seeded generator, in a fixed
// order (example by example, each example's parameters in the order the
// layer lists them), so the same seed gives the same augmented batches
// everywhere; a layer given a Seed draws from its own generator instead,
// made afresh at Build, as Dropout does. Examples are images (height,
// width, channels); the output has the input's shape.

// augmentation is what the random image layers share: the example shape
// they were built on and the generator their Seed makes.
type augmentation struct {
	in   []int     // (H, W, C) of one example; nil before Build
	rand *rng.Rand // from Seed; nil without
}

// build checks the shape of one example, (height, width, channels), and
// restarts the layer's own generator when it has a seed.
func (a *augmentation) build(b *Base, class string, shape []int, seed *int64) error {
	if err := b.checkInputShape(class, shape); err != nil {
		return err
	}
	if len(shape) != 3 || shape[0] < 1 || shape[1] < 1 {
		return b.errorf(class, "needs images of shape (height, width, channels), got %s", shapeString(shape))
	}
	a.rand = nil
	if seed != nil {
		a.rand = rng.New(uint64(*seed))
	}
	a.in = append([]int{}, shape...)
	return nil
}

// source checks x, (batch, H, W, C), and returns the generator to draw
// from in training, or nil at inference, when the layer passes x through.
func (a *augmentation) source(b *Base, class string, ctx *Context, x *ag.Var) *rng.Rand {
	if a.in == nil {
		b.notBuilt(class)
	}
	if s := x.Shape(); len(s) != 4 || !tensor.SameShape(s[1:], a.in) {
		b.shapePanicf(class, "input of shape %v, want (batch, %s)", s, strings.Trim(shapeString(a.in), "(,)"))
	}
	if ctx == nil || !ctx.Training {
		return nil
	}
	if a.rand != nil {
		return a.rand
	}
	if ctx.Rand == nil {
		panic(b.errorf(class, "training needs Context.Rand (or a Seed)"))
	}
	return ctx.Rand
}

// uniform draws from [lo, hi): lo + (hi−lo)·u, one Float64 u.
func uniform(r *rng.Rand, lo, hi float64) float64 {
	return lo + float64((hi-lo)*r.Float64())
}

// seedValue is a Seed as a config holds it.
func seedValue(seed *int64) any {
	if seed == nil {
		return nil
	}
	return *seed
}
