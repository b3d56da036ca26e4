package inspect

import (
	"fmt"
	"math"
	"slices"

	"gonn/nn"
	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/tensor"
)

// Stats summarises the values of one tensor: a weight or its gradient.
type Stats struct {
	Name      string // the weight's name, "dense_1/kernel"
	Shape     []int
	Trainable bool
	Mean, Std float64 // population standard deviation
	Min, Max  float64
	Norm      float64 // L2 norm
	Zeros     float64 // fraction of exact zeros (dead ReLUs show here)
}

// summarise computes Stats of d, summing in index order.
func summarise(name string, shape []int, d []float32) Stats {
	s := Stats{Name: name, Shape: append([]int{}, shape...), Min: math.Inf(1), Max: math.Inf(-1)}
	if len(d) == 0 {
		s.Min, s.Max = 0, 0
		return s
	}
	var sum, sq float64
	zeros := 0
	for _, v := range d {
		f := float64(v)
		sum += f
		sq += f * f
		s.Min, s.Max = math.Min(s.Min, f), math.Max(s.Max, f)
		if v == 0 {
			zeros++
		}
	}
	n := float64(len(d))
	s.Mean = sum / n
	var dev float64
	for _, v := range d {
		e := float64(v) - s.Mean
		dev += e * e
	}
	s.Std = math.Sqrt(dev / n)
	s.Norm = math.Sqrt(sq)
	s.Zeros = float64(zeros) / n
	return s
}

// WeightStats summarises every weight of m, layer by layer in Keras order.
func WeightStats(m *nn.Sequential) ([]Stats, error) {
	if m == nil || !m.Built() {
		return nil, fmt.Errorf("inspect: WeightStats: the model is not built")
	}
	var out []Stats
	for _, l := range m.Layers {
		for _, w := range l.Weights() {
			s := summarise(w.Name, w.Shape(), w.Data())
			s.Trainable = nn.IsTrainable(l, w)
			out = append(out, s)
		}
	}
	return out, nil
}

// GradientStats summarises the gradient of loss(y, m(x)) with respect to
// every trainable weight of m, for the batch (x, y), computed as in training
// (dropout on). It changes nothing: no weight (the training-mode pass moves
// BatchNormalization's moving statistics; they are put back), no stored
// gradient, no optimiser state, and not the model's generator (its dropout
// draws are undone, so a fit afterwards is the fit it would have been).
// Frozen weights are left out.
func GradientStats(m *nn.Sequential, loss losses.Loss, x, y *tensor.Tensor) (stats []Stats, err error) {
	defer catchShape("GradientStats", &err)
	if loss == nil {
		return nil, fmt.Errorf("inspect: GradientStats: a loss is required")
	}
	if err := prepare("GradientStats", m, x); err != nil {
		return nil, err
	}
	if y == nil || y.Rank() < 1 || y.Shape[0] != x.Shape[0] {
		return nil, fmt.Errorf("inspect: GradientStats: x has %d examples, y %v", x.Shape[0], shapeOf(y))
	}
	ws := m.Weights()
	flags := make([]bool, len(ws))
	saved := make([]*tensor.Tensor, len(ws))
	values := make([][]float32, len(ws))
	for i, w := range ws {
		flags[i], saved[i], values[i] = w.RequiresGrad(), w.Grad, slices.Clone(w.Data())
		w.Grad = nil
		w.SetRequiresGrad(false)
	}
	state, err := m.Rand().State()
	if err != nil {
		return nil, fmt.Errorf("inspect: GradientStats: %w", err)
	}
	defer func() {
		for i, w := range ws {
			w.SetRequiresGrad(flags[i])
			w.Grad = saved[i]
			copy(w.Data(), values[i])
		}
		if restoreErr := m.Rand().SetState(state); restoreErr != nil && err == nil {
			stats, err = nil, fmt.Errorf("inspect: GradientStats: %w", restoreErr)
		}
	}()
	var params []*ag.Var
	var owners []layers.Layer
	for _, l := range m.Layers {
		for _, w := range l.Weights() {
			if nn.IsTrainable(l, w) {
				w.SetRequiresGrad(true)
				params, owners = append(params, w), append(owners, l)
			}
		}
	}
	ctx := &layers.Context{Training: true, Rand: m.Rand()}
	v := ag.Const(x)
	var mask *tensor.Tensor
	for _, l := range m.Layers {
		v, mask = layers.CallWithMask(ctx, l, v, mask)
	}
	ag.Backward(loss.Call(y, v))
	for i, p := range params {
		g := p.Grad
		if g == nil {
			g = tensor.New(p.Shape()...)
		}
		s := summarise(p.Name, g.Shape, g.Data)
		s.Trainable = nn.IsTrainable(owners[i], p)
		stats = append(stats, s)
	}
	return stats, nil
}

func shapeOf(t *tensor.Tensor) []int {
	if t == nil {
		return nil
	}
	return t.Shape
}
