package inspect

import (
	"fmt"

	"gonn/nn"
	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// MaximiseConfig steers ActivationMaximisation.
type MaximiseConfig struct {
	Layer int // index of the layer whose output is maximised
	// Unit is the output unit: the last-axis index of the layer's output
	// (a class for a classifier, a filter for a convolution, whose
	// activation is averaged over positions).
	Unit         int
	Steps        int     // gradient-ascent steps (0 means 100)
	LearningRate float32 // step size (0 means 0.1)
	// L2 is the weight of the penalty L2·‖x‖² that keeps the input from
	// growing without bound (the usual regulariser; 0 means none).
	L2 float32
	// Min and Max clip every input value after each step (when Min < Max),
	// e.g. [0, 1] for MNIST pixels.
	Min, Max float32
	// Start is the initial input (1, input shape…); nil starts from zeros.
	Start *tensor.Tensor
}

// ActivationMaximisation finds, by gradient ascent on the input, an input
// that makes one unit of one layer large (Erhan et al. 2009): starting from
// cfg.Start it repeats, for cfg.Steps steps,
//
//	x ← clip(x + lr · (∂a/∂x − 2·L2·x))      a = mean over positions of layer[…, unit]
//
// and returns x (1, input shape…) and the activation a at the final x. For a
// linear unit a = w·x + b with L2 > 0 and no clipping it converges to
// x = w / (2·L2).
func ActivationMaximisation(m *nn.Sequential, cfg MaximiseConfig) (x *tensor.Tensor, act float32, err error) {
	defer catchShape("ActivationMaximisation", &err)
	if m == nil || len(m.Layers) == 0 {
		return nil, 0, fmt.Errorf("inspect: ActivationMaximisation: the model has no layers")
	}
	if !m.Built() {
		if cfg.Start == nil {
			return nil, 0, fmt.Errorf("inspect: ActivationMaximisation: the model is not built: build it or give a Start input")
		}
		if err := m.Build(cfg.Start.Shape[1:]...); err != nil {
			return nil, 0, fmt.Errorf("inspect: ActivationMaximisation: %w", err)
		}
	}
	if err := checkLayer("ActivationMaximisation", m, cfg.Layer); err != nil {
		return nil, 0, err
	}
	x = tensor.New(append([]int{1}, m.InputShape()...)...)
	if cfg.Start != nil {
		if err := prepare("ActivationMaximisation", m, cfg.Start); err != nil {
			return nil, 0, err
		}
		if cfg.Start.Shape[0] != 1 {
			return nil, 0, fmt.Errorf("inspect: ActivationMaximisation: Start is %v; want one example", cfg.Start.Shape)
		}
		copy(x.Data, cfg.Start.Data)
	}
	steps, lr := cfg.Steps, cfg.LearningRate
	if steps == 0 {
		steps = 100
	}
	if lr == 0 {
		lr = 0.1
	}
	if steps < 0 || lr < 0 || cfg.L2 < 0 {
		return nil, 0, fmt.Errorf("inspect: ActivationMaximisation: steps %d, learning rate %v and L2 %v must not be negative", steps, lr, cfg.L2)
	}
	defer frozenWeights(m)()
	for step := 0; ; step++ {
		in := ag.Const(x)
		in.SetRequiresGrad(true)
		outs := forward(m, in, cfg.Layer+1)
		out := outs[len(outs)-1]
		units := out.Shape()[out.Value.Rank()-1]
		if cfg.Unit < 0 || cfg.Unit >= units {
			return nil, 0, fmt.Errorf("inspect: ActivationMaximisation: unit %d out of range: layer %d has %d units", cfg.Unit, cfg.Layer, units)
		}
		// a = mean over positions of out[0, …, unit]; its seed spreads 1/positions.
		positions := out.Value.Size() / units
		seed := tensor.New(out.Shape()...)
		var sum float32
		for p := range positions {
			seed.Data[p*units+cfg.Unit] = 1 / float32(positions)
			sum += out.Data()[p*units+cfg.Unit]
		}
		act = sum / float32(positions)
		if step == steps {
			return x, act, nil
		}
		ag.BackwardFrom(out, seed)
		for i, v := range x.Data {
			g := -2 * cfg.L2 * v
			if in.Grad != nil {
				g = in.Grad.Data[i] + g
			}
			v = v + float32(lr*g)
			if cfg.Min < cfg.Max {
				v = min(max(v, cfg.Min), cfg.Max)
			}
			x.Data[i] = v
		}
	}
}
