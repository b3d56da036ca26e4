package main

import (
	"encoding/json"
	"strings"

	"gonn/nn/gan"
	"gonn/nn/optimizers"
)

// ganHandle is a GAN (nn/gan) behind a handle: the trainer and the two
// models it trains, which keep their own handles and stay usable.
type ganHandle struct {
	net           *gan.GAN
	generator     *model
	discriminator *model
}

// ganSpec is gonn_gan_create's JSON argument.
type ganSpec struct {
	Generator     int32           `json:"generator"`
	Discriminator int32           `json:"discriminator"`
	LatentDim     int             `json:"latent_dim"`
	DOptimizer    json.RawMessage `json:"d_optimizer"`
	GOptimizer    json.RawMessage `json:"g_optimizer"`
	Seed          json.RawMessage `json:"seed"`
}

// maxLatent bounds latent_dim, as gan.New does.
const maxLatent = 1 << 16

// GANCreate joins a generator and a discriminator (model handles) into a
// GAN (gan.New): the discriminator is compiled with d_optimizer and binary
// cross-entropy, the combined model with g_optimizer; the noise generator
// is seeded with seed. The handle is the result, with the JSON
// {"latent_dim": n}.
func (e *Engine) GANCreate(ptr uintptr, n int32) int32 {
	return e.guard("gonn_gan_create", false, func() error {
		const op = "gonn_gan_create"
		var s ganSpec
		if err := e.strictJSON(op, ptr, n, &s, "generator, discriminator, latent_dim, d_optimizer, g_optimizer, seed"); err != nil {
			return err
		}
		g, err := e.handles.model(s.Generator)
		if err != nil {
			return fail(statusUnknownHandle, "%s: generator: %v", op, err)
		}
		d, err := e.handles.model(s.Discriminator)
		if err != nil {
			return fail(statusUnknownHandle, "%s: discriminator: %v", op, err)
		}
		if g == d {
			return fail(statusBadArgument, "%s: the generator and the discriminator are the same model", op)
		}
		for _, m := range []*model{g, d} {
			if err := m.notFitting(op); err != nil {
				return err
			}
		}
		latent := s.LatentDim
		if latent == 0 && g.seq.Built() && len(g.seq.InputShape()) == 1 {
			latent = g.seq.InputShape()[0]
		}
		if latent == 0 {
			return fail(statusBadArgument, "%s: latent_dim is required when the generator's input is not built", op)
		}
		if latent < 1 || latent > maxLatent {
			return fail(statusBadArgument, "%s: latent_dim %d: want 1 … %d", op, latent, maxLatent)
		}
		dOpt, err := ganOptimizer(op, "d_optimizer", s.DOptimizer)
		if err != nil {
			return err
		}
		gOpt, err := ganOptimizer(op, "g_optimizer", s.GOptimizer)
		if err != nil {
			return err
		}
		seed, err := seedArg(op, s.Seed, 0)
		if err != nil {
			return err
		}
		net, err := gan.New(g.seq, d.seq, latent, dOpt, gOpt, seed)
		if err != nil {
			return fail(statusShape, "%s: %v", op, err)
		}
		d.compiled = true // gan.New compiled it
		if err := e.setJSON(struct {
			LatentDim int `json:"latent_dim"`
		}{latent}); err != nil {
			return err
		}
		return e.addHandle(&ganHandle{net: net, generator: g, discriminator: d})
	})
}

// ganOptimizer reads an optimizer as compile does; absent means Keras'
// Adam with its defaults.
func ganOptimizer(op, key string, raw json.RawMessage) (optimizers.Optimizer, error) {
	if t := strings.TrimSpace(string(raw)); t == "" || t == "null" {
		return optimizers.NewAdam(), nil
	}
	opt, err := optimizerFrom(raw)
	if err != nil {
		return nil, fail(statusBadArgument, "%s: %s: %v", op, key, strings.TrimPrefix(err.Error(), "gonn_model_compile: "))
	}
	return opt, nil
}

// GANStep trains the discriminator once on the batch real (B, example
// shape…) and as many fakes, then the generator once, and puts
// {"step", "d_loss", "g_loss"} in the result.
func (e *Engine) GANStep(h, real int32) int32 {
	return e.guard("gonn_gan_step", false, func() error {
		const op = "gonn_gan_step"
		g, err := e.gan(h)
		if err != nil {
			return err
		}
		for _, m := range []*model{g.generator, g.discriminator} {
			if err := m.notFitting(op); err != nil {
				return err
			}
		}
		x, err := e.handles.tensor(op+": real", real)
		if err != nil {
			return err
		}
		want := g.net.Discriminator.InputShape()
		if x.Rank() < 1 || x.Shape[0] < 1 || !sameTail(x.Shape, want) {
			return fail(statusShape, "%s: real has shape %s, the discriminator reads %s (at least one example)", op, shapeString(x.Shape), batchShape(want))
		}
		if _, err := checkShape(op+": real and fake", append([]int{2 * x.Shape[0]}, want...)); err != nil {
			return err
		}
		if err := checkFinite(op, "real", x); err != nil {
			return err
		}
		logs, err := g.net.Step(x)
		if err != nil {
			return trainError(op, err)
		}
		return e.setJSON(struct {
			Step  int       `json:"step"`
			DLoss jsonFloat `json:"d_loss"`
			GLoss jsonFloat `json:"g_loss"`
		}{logs.Step, jsonFloat(logs.DLoss), jsonFloat(logs.GLoss)})
	})
}

// GANNoise makes n latent vectors (n, latent_dim) drawn from N(0, 1) by
// the GAN's seeded generator a new tensor.
func (e *Engine) GANNoise(h, n int32) int32 {
	return e.guard("gonn_gan_noise", false, func() error {
		const op = "gonn_gan_noise"
		g, err := e.gan(h)
		if err != nil {
			return err
		}
		if n < 0 {
			return fail(statusBadArgument, "%s: negative n %d", op, n)
		}
		if _, err := checkShape(op, []int{int(n), g.net.LatentDim}); err != nil {
			return err
		}
		return e.addHandle(g.net.Noise(int(n)))
	})
}

// GANGenerate runs the generator in inference mode on the noise z
// (n, latent_dim) and makes the samples a new tensor.
func (e *Engine) GANGenerate(h, z int32) int32 {
	return e.guard("gonn_gan_generate", false, func() error {
		const op = "gonn_gan_generate"
		g, err := e.gan(h)
		if err != nil {
			return err
		}
		zt, err := e.handles.tensor(op+": z", z)
		if err != nil {
			return err
		}
		if zt.Rank() != 2 || zt.Shape[1] != g.net.LatentDim {
			return fail(statusShape, "%s: z has shape %s: want (n, %d)", op, shapeString(zt.Shape), g.net.LatentDim)
		}
		if _, err := checkShape(op+": output", append([]int{zt.Shape[0]}, g.net.Generator.OutputShape()...)); err != nil {
			return err
		}
		out, err := g.net.Generate(zt)
		if err != nil {
			return err
		}
		return e.addHandle(out)
	})
}

// gan returns the GAN with handle h.
func (e *Engine) gan(h int32) (*ganHandle, error) {
	v, err := e.handles.get(h)
	if err != nil {
		return nil, err
	}
	g, ok := v.(*ganHandle)
	if !ok {
		return nil, fail(statusUnknownHandle, "handle %d is %s, not a GAN", h, kindOf(v))
	}
	return g, nil
}

// sameTail reports whether shape without its first axis equals example.
func sameTail(shape, example []int) bool {
	if len(shape) != len(example)+1 {
		return false
	}
	for i, d := range example {
		if shape[i+1] != d {
			return false
		}
	}
	return true
}
