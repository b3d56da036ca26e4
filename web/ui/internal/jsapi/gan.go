//go:build js && wasm

package jsapi

import "syscall/js"

// GANOptions are the options of NewGAN: two models, the noise's length,
// the optimizers of the discriminator and the generator (a name or
// {"className", "config"}, as in Compile) and the seed of the noise.
type GANOptions struct {
	Generator, Discriminator *Model
	LatentDim                int
	DOptimizer, GOptimizer   any
	Seed                     int
}

// GAN is a gonn.js GAN (gonn.gan): the generator and the discriminator
// trained against each other.
type GAN struct{ js.Value }

// NewGAN joins the two models into a GAN.
func NewGAN(o GANOptions) (*GAN, error) {
	g, err := Module()
	if err != nil {
		return nil, err
	}
	v, err := Invoke(g, "gan", map[string]any{
		"generator": o.Generator.Value, "discriminator": o.Discriminator.Value, "latentDim": o.LatentDim,
		"dOptimizer": o.DOptimizer, "gOptimizer": o.GOptimizer, "seed": o.Seed})
	if err != nil {
		return nil, err
	}
	return &GAN{v}, nil
}

// GANLogs are the losses of one step: the discriminator's on its real and
// fake batch, the generator's through the frozen discriminator.
type GANLogs struct {
	Step         int
	DLoss, GLoss float64
}

// Step trains the discriminator once on real (B, 28, 28, 1) and as many
// fakes, then the generator once.
func (g *GAN) Step(real js.Value) (GANLogs, error) {
	v, err := Invoke(g.Value, "step", real)
	if err != nil {
		return GANLogs{}, err
	}
	return GANLogs{Step: v.Get("step").Int(), DLoss: v.Get("dLoss").Float(), GLoss: v.Get("gLoss").Float()}, nil
}

// Noise draws n latent vectors (n, latentDim) from the GAN's seeded
// generator.
func (g *GAN) Noise(n int) (js.Value, error) { return Invoke(g.Value, "noise", n) }

// Generate returns the generator's images for noise.
func (g *GAN) Generate(noise js.Value) (Tensor, error) {
	v, err := Invoke(g.Value, "generate", noise)
	if err != nil {
		return Tensor{}, err
	}
	return ReadTensor(v), nil
}

// Dispose frees the GAN (not its two models).
func (g *GAN) Dispose() { g.Call("dispose") }
