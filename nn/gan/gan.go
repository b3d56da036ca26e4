// Package gan trains generative adversarial networks (Goodfellow et al.
// 2014), the lecture's counterfeiter and cop: a generator G maps noise z to
// fake examples, a discriminator D tells real from fake, and each learns
// against the other.
//
// A GAN is three Sequential models sharing layers: G, D compiled on its own,
// and Combined = Nested(G) → Nested(D) with D frozen (nn.Nested, nn's
// compile-time trainable rule). One Step is the classic Keras loop:
//
//	z ~ N(0, 1)^(B, latent);  fake = G(z, training)   (batch statistics, as G trains)
//	D.TrainOnBatch([real; fake], [1…; 0…])         D learns to tell them apart
//	z' ~ N(0, 1)^(B, latent)
//	Combined.TrainOnBatch(z', [1…])                 G learns to fool the frozen D
//
// All noise comes from the GAN's own seeded generator, so the same seed gives
// the same samples on every host.
package gan

import (
	"errors"
	"fmt"

	"gonn/nn"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// GAN holds the three models and the noise generator.
type GAN struct {
	Generator, Discriminator, Combined *nn.Sequential
	// LatentDim is the length of a noise vector: G's input is (LatentDim).
	LatentDim int

	rand *rng.Rand
	step int
}

// Logs are the losses of one Step: D's on its mixed batch (before its
// update) and G's through the frozen D (the combined loss, before G's update).
type Logs struct {
	Step         int
	DLoss, GLoss float32
}

// New joins a generator (input (latentDim), output an example) and a
// discriminator (input an example, output (1) sigmoid), compiles D with dOpt
// and the combined model with gOpt, both on binary cross-entropy, and seeds
// the noise. Both models are built here if they are not yet (G from its
// latent size).
func New(g, d *nn.Sequential, latentDim int, dOpt, gOpt optimizers.Optimizer, seed uint64) (*GAN, error) {
	if g == nil || d == nil || dOpt == nil || gOpt == nil {
		return nil, errors.New("gan: New: a generator, a discriminator and two optimizers are required")
	}
	if dOpt == gOpt {
		return nil, errors.New("gan: New: the two models need their own optimizers (their state differs)")
	}
	if latentDim < 1 || latentDim > 1<<16 {
		return nil, fmt.Errorf("gan: New: latent size %d: want 1 to %d", latentDim, 1<<16)
	}
	if !g.Built() {
		if err := g.Build(latentDim); err != nil {
			return nil, fmt.Errorf("gan: generator: %w", err)
		}
	}
	if !tensor.SameShape(g.InputShape(), []int{latentDim}) {
		return nil, fmt.Errorf("gan: the generator takes %v, not noise of (%d)", g.InputShape(), latentDim)
	}
	if !d.Built() {
		if err := d.Build(g.OutputShape()...); err != nil {
			return nil, fmt.Errorf("gan: discriminator on the generator's output %v: %w", g.OutputShape(), err)
		}
	}
	if !tensor.SameShape(d.InputShape(), g.OutputShape()) {
		return nil, fmt.Errorf("gan: the generator makes %v, the discriminator reads %v", g.OutputShape(), d.InputShape())
	}
	if !tensor.SameShape(d.OutputShape(), []int{1}) {
		return nil, fmt.Errorf("gan: the discriminator outputs %v; want (1), a sigmoid probability", d.OutputShape())
	}
	bce := losses.BinaryCrossentropy{}
	if err := d.Compile(dOpt, bce); err != nil {
		return nil, err
	}
	frozen := nn.Nested(d)
	frozen.SetTrainable(false)
	combined := nn.NewSequential(nn.Nested(g), frozen)
	combined.Name = "gan"
	if err := combined.Build(latentDim); err != nil {
		return nil, fmt.Errorf("gan: combined model: %w", err)
	}
	if err := combined.Compile(gOpt, bce); err != nil {
		return nil, err
	}
	// D's layers now read trainable = false, as in Keras, but D was compiled
	// while trainable, so D.TrainOnBatch still updates them.
	return &GAN{Generator: g, Discriminator: d, Combined: combined, LatentDim: latentDim, rand: rng.New(seed)}, nil
}

// Noise draws n latent vectors (n, LatentDim) from N(0, 1).
func (g *GAN) Noise(n int) *tensor.Tensor {
	z := tensor.New(n, g.LatentDim)
	for i := range z.Data {
		z.Data[i] = float32(g.rand.Normal())
	}
	return z
}

// Step trains D once on real (B, example shape…) and as many fakes, then G
// once on B fresh noise vectors.
func (g *GAN) Step(real *tensor.Tensor) (Logs, error) {
	if real == nil || real.Rank() < 2 || real.Shape[0] < 1 {
		return Logs{}, errors.New("gan: Step: real must be a batch (B, example shape…)")
	}
	if !tensor.SameShape(real.Shape[1:], g.Discriminator.InputShape()) {
		return Logs{}, fmt.Errorf("gan: Step: real examples have shape %v, the discriminator reads %v", real.Shape[1:], g.Discriminator.InputShape())
	}
	b := real.Shape[0]
	fake, err := g.Generator.Call(g.Noise(b), true)
	if err != nil {
		return Logs{}, fmt.Errorf("gan: Step: generator: %w", err)
	}
	mixed := tensor.New(append([]int{2 * b}, real.Shape[1:]...)...)
	copy(mixed.Data, real.Data)
	copy(mixed.Data[len(real.Data):], fake.Data)
	labels := tensor.New(2*b, 1)
	for i := range b {
		labels.Data[i] = 1
	}
	dLoss, _, err := g.Discriminator.TrainOnBatch(mixed, labels)
	if err != nil {
		return Logs{}, fmt.Errorf("gan: Step %d: discriminator: %w", g.step+1, err)
	}
	gLoss, _, err := g.Combined.TrainOnBatch(g.Noise(b), tensor.Full(1, b, 1))
	if err != nil {
		return Logs{}, fmt.Errorf("gan: Step %d: generator: %w", g.step+1, err)
	}
	g.step++
	return Logs{Step: g.step, DLoss: dLoss, GLoss: gLoss}, nil
}

// Steps is the number of Steps done.
func (g *GAN) Steps() int { return g.step }

// Generate runs G in inference mode on the noise z (n, LatentDim).
func (g *GAN) Generate(z *tensor.Tensor) (*tensor.Tensor, error) {
	if z == nil || z.Rank() != 2 || z.Shape[1] != g.LatentDim {
		return nil, fmt.Errorf("gan: Generate: noise must be (n, %d)", g.LatentDim)
	}
	return g.Generator.Predict(z, 64)
}
