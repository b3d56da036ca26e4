package ag_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
)

func TestSelectRows_Forward(t *testing.T) {
	a := func() *ag.Var { return c([]float32{1, 2, 3, 4, 5, 6}, 3, 2) }
	b := func() *ag.Var { return c([]float32{-1, -2, -3, -4, -5, -6}, 3, 2) }
	runForward(t, []forwardCase{
		{"mixed", func() *ag.Var { return ag.SelectRows([]bool{true, false, true}, a(), b()) }, []int{3, 2}, []float32{1, 2, -3, -4, 5, 6}},
		{"3-D rows", func() *ag.Var {
			return ag.SelectRows([]bool{false, true}, c([]float32{1, 2, 3, 4}, 2, 1, 2), c([]float32{9, 8, 7, 6}, 2, 1, 2))
		}, []int{2, 1, 2}, []float32{9, 8, 3, 4}},
	})
}

// All kept gives a itself, none kept gives b: no node, no copy.
func TestSelectRows_AllOrNone(t *testing.T) {
	a, b := c([]float32{1, 2}, 2, 1), c([]float32{3, 4}, 2, 1)
	assert.Same(t, a, ag.SelectRows([]bool{true, true}, a, b))
	assert.Same(t, b, ag.SelectRows([]bool{false, false}, a, b))
}

func TestSelectRows_Grad(t *testing.T) {
	keep := []bool{true, false, false, true}
	runGrad(t, []gradCase{
		{"mixed", func(in []*ag.Var) *ag.Var { return ag.SelectRows(keep, in[0], in[1]) },
			[]*tensor.Tensor{rnd(-1, 1, 4, 3), rnd(-1, 1, 4, 3)}},
		// The usual use: both sides read the same earlier value.
		{"shared input", func(in []*ag.Var) *ag.Var {
			return ag.SelectRows(keep, ag.Tanh(in[0]), ag.Mul(in[0], in[0]))
		}, []*tensor.Tensor{rnd(-1, 1, 4, 2)}},
	})
}

func TestSelectRows_ShapePanics(t *testing.T) {
	a := c([]float32{1, 2, 3, 4}, 2, 2)
	for name, fn := range map[string]func(){
		"flag count":   func() { ag.SelectRows([]bool{true}, a, a) },
		"shapes":       func() { ag.SelectRows([]bool{true, false}, a, c([]float32{1, 2}, 2, 1)) },
		"scalar":       func() { ag.SelectRows(nil, c([]float32{1}), c([]float32{1})) },
		"transposed b": func() { ag.SelectRows([]bool{true, false}, a, c([]float32{1, 2, 3, 4}, 4, 1)) },
	} {
		t.Run(name, func(t *testing.T) { panicsShape(t, fn) })
	}
}
