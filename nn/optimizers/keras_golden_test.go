package optimizers

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// Numbers published by Keras itself, in its own optimiser tests
// (keras/src/optimizers/*_test.py, Keras 3): an independent check of the
// formulas, to Keras's own tolerances.

// TestKeras_SingleStep is Keras's test_single_step: learning_rate=0.5, one
// step from [1, 2, 3, 4] with gradients [1, 6, 7, 2], checked to 1e-4.
func TestKeras_SingleStep(t *testing.T) {
	tests := []struct {
		opt  Optimizer
		want []float32
	}{
		{NewSGD(), []float32{0.5, -1.0, -0.5, 3.0}},
		{NewRMSprop(), []float32{-0.5811, 0.4189, 1.4189, 2.4189}},
		{NewAdam(), []float32{0.5, 1.5, 2.5, 3.5}},
		{NewAdagrad(), []float32{0.5233, 1.5007, 2.5005, 3.5061}},
		{NewAdadelta(), []float32{0.9993, 1.9993, 2.9993, 3.9993}},
	}
	for _, tt := range tests {
		t.Run(tt.opt.ClassName(), func(t *testing.T) {
			tt.opt.SetLearningRate(0.5)
			p := ag.Param(tensor.From([]float32{1, 2, 3, 4}, 4), "w")
			p.Grad = tensor.From([]float32{1, 6, 7, 2}, 4)
			tt.opt.Apply([]*ag.Var{p})
			assert.InDeltaSlice(t, tt.want, p.Value.Data, 1e-4+1e-4*4)
		})
	}
}

// TestKeras_Golden is Keras's test_correctness_with_golden: ten weights at 1,
// one step with gradients 0.01, then five steps with gradients 0.1, 0.2, …,
// 1.0; the weights before each of those five steps are checked to
// atol=rtol=5e-4.
func TestKeras_Golden(t *testing.T) {
	sgd := NewSGD()
	sgd.Nesterov = true
	rms := NewRMSprop()
	rms.Centered = true
	adam := NewAdam()
	adam.AMSGrad = true
	adagrad := NewAdagrad()
	adagrad.LR, adagrad.InitialAccumulatorValue, adagrad.Epsilon = 0.2, 0.3, 1e-6
	adadelta := NewAdadelta()
	adadelta.LR, adadelta.Rho, adadelta.Epsilon = 1, 0.8, 1e-6

	tests := []struct {
		opt    Optimizer
		golden [][]float64 // a row of one value means all ten weights
	}{
		{sgd, [][]float64{
			{0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999},
			{0.9989, 0.9979, 0.9969, 0.9959, 0.9949, 0.9939, 0.9929, 0.9919, 0.9909, 0.9899},
			{0.9979, 0.9959, 0.9939, 0.9919, 0.9899, 0.9879, 0.9859, 0.9839, 0.9819, 0.9799},
			{0.9969, 0.9939, 0.9909, 0.9879, 0.9849, 0.9819, 0.9789, 0.9759, 0.9729, 0.9699},
			{0.9959, 0.9919, 0.9879, 0.9839, 0.9799, 0.9759, 0.9719, 0.9679, 0.9639, 0.9599},
		}},
		{rms, [][]float64{{0.9967}, {0.9933}, {0.9908}, {0.9885}, {0.9864}}},
		{adam, [][]float64{{0.999}, {0.9982}, {0.9974}, {0.9965}, {0.9955}}},
		{adagrad, [][]float64{
			{0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963},
			{0.9604, 0.9278, 0.9003, 0.8784, 0.8615, 0.8487, 0.8388, 0.8313, 0.8255, 0.8209},
			{0.9251, 0.8629, 0.8137, 0.7768, 0.7497, 0.7298, 0.7151, 0.704, 0.6956, 0.6891},
			{0.8903, 0.8012, 0.7342, 0.6862, 0.6521, 0.6277, 0.6099, 0.5967, 0.5867, 0.579},
			{0.856, 0.7422, 0.6604, 0.6037, 0.5644, 0.5367, 0.5168, 0.5021, 0.491, 0.4825},
		}},
		{adadelta, [][]float64{{0.9978}, {0.9947}, {0.9915}, {0.9882}, {0.9849}}},
	}
	for _, tt := range tests {
		t.Run(tt.opt.ClassName(), func(t *testing.T) {
			p := ag.Param(tensor.Full(1, 10), "x")
			grads := make([]float32, 10)
			for i := range grads {
				grads[i] = float32(i+1) / 10
			}
			p.Grad = tensor.Full(0.01, 10)
			tt.opt.Apply([]*ag.Var{p})
			p.Grad = tensor.From(grads, 10)
			for step, row := range tt.golden {
				for i, got := range p.Value.Data {
					want := row[min(i, len(row)-1)]
					assert.InDeltaf(t, want, float64(got), 5e-4+5e-4*want, "before step %d, index %d", step+2, i)
				}
				tt.opt.Apply([]*ag.Var{p})
			}
		})
	}
}

// TestKeras_Clip is Keras's test_clip_norm and test_clip_value: a gradient of
// [100, 100] clipped with clipnorm=1 is [√2/2, √2/2]; with clipvalue=1 it is
// [1, 1]. SGD with learning_rate=1 subtracts the clipped gradient.
func TestKeras_Clip(t *testing.T) {
	for _, tt := range []struct {
		norm, value float32
		want        []float32
	}{
		{1, 0, []float32{-0.70710677, -0.70710677}},
		{0, 1, []float32{-1, -1}},
	} {
		t.Run(fmt.Sprintf("clipnorm=%v clipvalue=%v", tt.norm, tt.value), func(t *testing.T) {
			opt := NewSGD()
			opt.LR, opt.ClipNorm, opt.ClipValue = 1, tt.norm, tt.value
			p := ag.Param(tensor.New(2), "w")
			p.Grad = tensor.From([]float32{100, 100}, 2)
			opt.Apply([]*ag.Var{p})
			assert.InDeltaSlice(t, tt.want, p.Value.Data, 1e-7)
		})
	}
}
