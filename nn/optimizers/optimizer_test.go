package optimizers

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

func TestGet(t *testing.T) {
	tests := []struct {
		name, class string
	}{
		{"sgd", "SGD"},
		{"SGD", "SGD"},
		{"rmsprop", "RMSprop"},
		{"RMSProp", "RMSprop"},
		{"adam", "Adam"},
		{"Adam", "Adam"},
		{"adagrad", "Adagrad"},
		{"ADADELTA", "Adadelta"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt, err := Get(tt.name)
			require.NoError(t, err)
			assert.Equal(t, tt.class, opt.ClassName())
			assert.Zero(t, opt.Iterations())
		})
	}
}

func TestGet_Unknown(t *testing.T) {
	for _, name := range []string{"", "adamw", "nadam", "sgd "} {
		_, err := Get(name)
		require.Error(t, err, name)
		assert.True(t, errors.Is(err, ErrUnknown), name)
		assert.Contains(t, err.Error(), fmt.Sprintf("%q", name))
		assert.Contains(t, err.Error(), "adadelta, adagrad, adam, rmsprop, sgd")
	}
}

// TestDefaults checks every constructor against Keras's defaults, through
// Config, which holds Keras's keys.
func TestDefaults(t *testing.T) {
	clips := map[string]any{"clipnorm": nil, "global_clipnorm": nil, "clipvalue": nil}
	tests := []struct {
		opt  Optimizer
		want map[string]any
	}{
		{NewSGD(), map[string]any{"name": "SGD", "learning_rate": 0.01, "momentum": 0.0, "nesterov": false}},
		{NewRMSprop(), map[string]any{"name": "rmsprop", "learning_rate": 0.001, "rho": 0.9, "momentum": 0.0, "epsilon": 1e-7, "centered": false}},
		{NewAdam(), map[string]any{"name": "adam", "learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7, "amsgrad": false}},
		{NewAdagrad(), map[string]any{"name": "adagrad", "learning_rate": 0.001, "initial_accumulator_value": 0.1, "epsilon": 1e-7}},
		{NewAdadelta(), map[string]any{"name": "adadelta", "learning_rate": 0.001, "rho": 0.95, "epsilon": 1e-7}},
	}
	for _, tt := range tests {
		t.Run(tt.opt.ClassName(), func(t *testing.T) {
			for k, v := range clips {
				tt.want[k] = v
			}
			assert.Equal(t, tt.want, tt.opt.Config())
			assert.Equal(t, tt.want["name"], tt.opt.Name())
			assert.Equal(t, float32(tt.want["learning_rate"].(float64)), tt.opt.LearningRate())
		})
	}
}

func allOptimizers(t *testing.T) []Optimizer {
	var opts []Optimizer
	for _, name := range names {
		opt, err := Get(name)
		require.NoError(t, err)
		opts = append(opts, opt)
	}
	return opts
}

// TestApply_NilGrad checks that params without a gradient (frozen) are left
// alone and get no state, and that a step where no param has a gradient is
// not counted.
func TestApply_NilGrad(t *testing.T) {
	for _, opt := range allOptimizers(t) {
		t.Run(opt.ClassName(), func(t *testing.T) {
			frozen := param("frozen", []float64{1, 2})
			live := param("live", []float64{1, 2})
			for range 3 {
				live.Grad = tensor.From([]float32{0.5, -0.5}, 2)
				opt.Apply([]*ag.Var{frozen, live, frozen})
			}
			assert.Equal(t, []float32{1, 2}, frozen.Value.Data)
			assert.Nil(t, frozen.Grad)
			assert.NotEqual(t, []float32{1, 2}, live.Value.Data)
			assert.Equal(t, int64(3), opt.Iterations())

			before := slices.Clone(live.Value.Data)
			live.Grad = nil
			opt.Apply([]*ag.Var{frozen, live})
			opt.Apply(nil)
			assert.Equal(t, before, live.Value.Data)
			assert.Equal(t, int64(3), opt.Iterations())
		})
	}
}

// TestApply_GradUntouched checks that Apply, clipping included, never writes
// a Grad.
func TestApply_GradUntouched(t *testing.T) {
	for _, clip := range []string{"none", "clipnorm", "global_clipnorm", "clipvalue"} {
		for _, opt := range allOptimizers(t) {
			t.Run(clip+"/"+opt.ClassName(), func(t *testing.T) {
				setClip(opt, clip, 0.1)
				p := param("w", []float64{1, 2, 3})
				p.Grad = tensor.From([]float32{3, -4, 12}, 3)
				opt.Apply([]*ag.Var{p})
				opt.Apply([]*ag.Var{p})
				assert.Equal(t, []float32{3, -4, 12}, p.Grad.Data)
			})
		}
	}
}

func setClip(opt Optimizer, clip string, v float32) {
	b := base(opt)
	switch clip {
	case "clipnorm":
		b.ClipNorm = v
	case "global_clipnorm":
		b.GlobalClipNorm = v
	case "clipvalue":
		b.ClipValue = v
	}
}

func base(opt Optimizer) *Base {
	switch o := opt.(type) {
	case *SGD:
		return &o.Base
	case *RMSprop:
		return &o.Base
	case *Adam:
		return &o.Base
	case *Adagrad:
		return &o.Base
	case *Adadelta:
		return &o.Base
	}
	panic(fmt.Sprintf("unknown optimizer %T", opt))
}

// TestApply_Clipping runs two params for three steps through each clipping
// option, with gradients whose norms fall on both sides of the limit, and
// compares with the float64 references (clipping, then SGD with momentum or
// Adam).
func TestApply_Clipping(t *testing.T) {
	w0 := [][]float64{{0, 1, -2}, {0.5, -0.25}}
	grads := [][][]float64{ // step, param, value
		{{3, -4, 12}, {0.1, 0.2}},  // norms 13 and 0.22
		{{0.3, 0.1, 0}, {-5, 2}},   // norms 0.32 and 5.4
		{{-1, 2, 0.5}, {0.05, -1}}, // norms 2.3 and 1.0
	}
	clips := []struct {
		name string
		c    float32
		ref  func(c float64) func([][]float64) [][]float64
	}{
		{"clipnorm", 1, refClipNorm},
		{"global_clipnorm", 2, refGlobalClipNorm},
		{"clipvalue", 0.5, refClipValue},
		{"none", 0, func(float64) func(gs [][]float64) [][]float64 {
			return func(gs [][]float64) [][]float64 { return gs }
		}},
	}
	opts := []struct {
		name string
		make func() (Optimizer, func() refStep)
	}{
		{"SGD momentum", func() (Optimizer, func() refStep) {
			o := NewSGD()
			o.LR, o.Momentum = 0.1, 0.9
			return o, func() refStep { return refSGD(f64(o.LR), f64(o.Momentum), false) }
		}},
		{"Adam", func() (Optimizer, func() refStep) {
			o := NewAdam()
			o.LR = 0.1
			return o, func() refStep { return refAdam(f64(o.LR), f64(o.Beta1), f64(o.Beta2), f64(o.Epsilon), false) }
		}},
	}
	for _, clip := range clips {
		for _, o := range opts {
			t.Run(clip.name+"/"+o.name, func(t *testing.T) {
				opt, newRef := o.make()
				setClip(opt, clip.name, clip.c)
				refClip := clip.ref(f64(clip.c))
				params := []*ag.Var{param("a", w0[0]), param("b", w0[1])}
				refs := []refStep{newRef(), newRef()}
				want := [][]float64{as64(as32(w0[0])), as64(as32(w0[1]))}
				for step, gs := range grads {
					var g64 [][]float64
					for k, g := range gs {
						params[k].Grad = tensor.From(as32(g), len(g))
						g64 = append(g64, as64(as32(g)))
					}
					opt.Apply(params)
					for k, g := range refClip(g64) {
						refs[k](want[k], g)
						// Tolerance: 1e-6 of the weights' size (about 1).
						assertClose(t, want[k], []float64{1, 1, 1}, params[k].Value.Data, fmt.Sprintf("step %d, param %d", step+1, k))
					}
				}
			})
		}
	}
}

// TestApply_ClipPrecedence checks Keras's order when several clip options
// are set on the struct: clipnorm, then global_clipnorm, then clipvalue.
func TestApply_ClipPrecedence(t *testing.T) {
	step := func(norm, global, value float32) []float32 {
		opt := NewSGD()
		opt.LR, opt.ClipNorm, opt.GlobalClipNorm, opt.ClipValue = 1, norm, global, value
		a, b := param("a", []float64{0, 0}), param("b", []float64{0})
		a.Grad, b.Grad = tensor.From([]float32{3, 4}, 2), tensor.From([]float32{12}, 1)
		opt.Apply([]*ag.Var{a, b})
		return append(a.Value.Data, b.Value.Data...)
	}
	assert.Equal(t, step(1, 0, 0), step(1, 2, 3))
	assert.Equal(t, step(0, 2, 0), step(0, 2, 3))
	assert.InDeltaSlice(t, []float32{-0.6, -0.8, -1}, step(1, 0, 0), 1e-7)                // each norm 1
	assert.InDeltaSlice(t, []float32{-6. / 13, -8. / 13, -24. / 13}, step(0, 2, 0), 1e-6) // all norm 2
	assert.Equal(t, []float32{-3, -3, -3}, step(0, 0, 3))
}

// TestApply_GlobalClipNormNonFinite checks that an infinite gradient makes
// every gradient NaN under global_clipnorm, as in Keras, rather than zeroing
// the others.
func TestApply_GlobalClipNormNonFinite(t *testing.T) {
	opt := NewSGD()
	opt.GlobalClipNorm = 1
	a, b := param("a", []float64{1}), param("b", []float64{1})
	a.Grad = tensor.From([]float32{float32(math.Inf(1))}, 1)
	b.Grad = tensor.From([]float32{1}, 1)
	opt.Apply([]*ag.Var{a, b})
	assert.True(t, math.IsNaN(float64(b.Value.Data[0])))
}

func TestApply_ShapeMismatch(t *testing.T) {
	for _, opt := range allOptimizers(t) {
		t.Run(opt.ClassName(), func(t *testing.T) {
			p := param("w", []float64{1, 2})
			p.Grad = tensor.New(3)
			assertPanicsWith(t, tensor.ErrShape, func() { opt.Apply([]*ag.Var{p}) })
			assert.Equal(t, []float32{1, 2}, p.Value.Data, "nothing is updated")

			// A param whose size changes between steps (SGD needs momentum
			// to keep state).
			if sgd, ok := opt.(*SGD); ok {
				sgd.Momentum = 0.5
			}
			p.Grad = tensor.New(2)
			opt.Apply([]*ag.Var{p})
			p.Value, p.Grad = tensor.New(3), tensor.New(3)
			assertPanicsWith(t, tensor.ErrShape, func() { opt.Apply([]*ag.Var{p}) })
		})
	}
}

func assertPanicsWith(t *testing.T, target error, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		err, _ := recover().(error)
		assert.ErrorIs(t, err, target)
	}()
	f()
}

func TestSetLearningRate(t *testing.T) {
	for _, opt := range allOptimizers(t) {
		t.Run(opt.ClassName(), func(t *testing.T) {
			opt.SetLearningRate(0.25)
			assert.Equal(t, float32(0.25), opt.LearningRate())
			assert.Equal(t, 0.25, opt.Config()["learning_rate"])
		})
	}
	// The new rate is used by the next step.
	opt := NewSGD()
	p := param("w", []float64{1})
	p.Grad = tensor.From([]float32{1}, 1)
	opt.Apply([]*ag.Var{p})
	opt.SetLearningRate(0.5)
	opt.Apply([]*ag.Var{p})
	assert.InDelta(t, 1-0.01-0.5, p.Value.Data[0], 1e-7)
}
