package ag_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
)

func TestSoftmax_Forward(t *testing.T) {
	p := []float32{0.09003057, 0.24472847, 0.66524096}                     // softmax(1, 2, 3)
	l := []float32{-2.4076059, -1.4076059, -0.40760596}                    // log softmax(1, 2, 3)
	cols := func() *ag.Var { return c([]float32{1, 3, 2, 2, 3, 1}, 3, 2) } // columns (1,2,3), (3,2,1)
	runForward(t, []forwardCase{
		{"softmax last axis", func() *ag.Var { return ag.Softmax(c([]float32{1, 2, 3, 3, 2, 1}, 2, 3), -1) },
			[]int{2, 3}, []float32{p[0], p[1], p[2], p[2], p[1], p[0]}},
		{"softmax axis 0", func() *ag.Var { return ag.Softmax(cols(), 0) },
			[]int{3, 2}, []float32{p[0], p[2], p[1], p[1], p[2], p[0]}},
		{"softmax axis -2", func() *ag.Var { return ag.Softmax(cols(), -2) },
			[]int{3, 2}, []float32{p[0], p[2], p[1], p[1], p[2], p[0]}},
		{"softmax large logits", func() *ag.Var { return ag.Softmax(c([]float32{1000, 1000, -1000}, 3), 0) },
			[]int{3}, []float32{0.5, 0.5, 0}},
		{"log_softmax last axis", func() *ag.Var { return ag.LogSoftmax(c([]float32{1, 2, 3}, 1, 3), 1) },
			[]int{1, 3}, l},
		{"log_softmax axis 0", func() *ag.Var { return ag.LogSoftmax(cols(), 0) },
			[]int{3, 2}, []float32{l[0], l[2], l[1], l[1], l[2], l[0]}},
		{"log_softmax large logits", func() *ag.Var { return ag.LogSoftmax(c([]float32{1000, 0}, 2), -1) },
			[]int{2}, []float32{0, -1000}},
	})
}

func TestSoftmax_Grad(t *testing.T) {
	runGrad(t, []gradCase{
		{"softmax last", func(in []*ag.Var) *ag.Var { return ag.Softmax(in[0], -1) }, []*tensor.Tensor{rnd(-2, 2, 3, 5)}},
		{"softmax middle", func(in []*ag.Var) *ag.Var { return ag.Softmax(in[0], 1) }, []*tensor.Tensor{rnd(-2, 2, 2, 4, 3)}},
		{"softmax first", func(in []*ag.Var) *ag.Var { return ag.Softmax(in[0], -3) }, []*tensor.Tensor{rnd(-2, 2, 3, 2, 2)}},
		{"log_softmax last", func(in []*ag.Var) *ag.Var { return ag.LogSoftmax(in[0], -1) }, []*tensor.Tensor{rnd(-2, 2, 3, 5)}},
		{"log_softmax middle", func(in []*ag.Var) *ag.Var { return ag.LogSoftmax(in[0], 1) }, []*tensor.Tensor{rnd(-2, 2, 2, 4, 3)}},
	})
}

// Losses find the logits under a softmax or sigmoid by op name.
func TestSoftmax_OpNames(t *testing.T) {
	z := c([]float32{1, 2}, 1, 2)
	for name, v := range map[string]*ag.Var{"softmax": ag.Softmax(z, -1), "sigmoid": ag.Sigmoid(z), "log_softmax": ag.LogSoftmax(z, -1)} {
		assert.Equal(t, name, v.Op())
		assert.Same(t, z, v.Inputs()[0])
	}
}

func TestSoftmax_ShapePanics(t *testing.T) {
	x := c(make([]float32, 6), 2, 3)
	for name, fn := range map[string]func(){
		"softmax axis 2":      func() { ag.Softmax(x, 2) },
		"softmax axis -3":     func() { ag.Softmax(x, -3) },
		"log_softmax axis 2":  func() { ag.LogSoftmax(x, 2) },
		"softmax of a scalar": func() { ag.Softmax(c([]float32{1}), 0) },
	} {
		t.Run(name, func(t *testing.T) { panicsShape(t, fn) })
	}
}
