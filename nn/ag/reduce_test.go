package ag_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
)

func TestReduce_Forward(t *testing.T) {
	x := func() *ag.Var { return c([]float32{1, 2, 3, 4, 5, 6}, 2, 3) }
	cube := func() *ag.Var { // (2, 3, 4): x[i,j,k] = 12i + 4j + k
		d := make([]float32, 24)
		for i := range d {
			d[i] = float32(i)
		}
		return c(d, 2, 3, 4)
	}
	runForward(t, []forwardCase{
		{"sum axis 0", func() *ag.Var { return ag.Sum(x(), []int{0}, false) }, []int{3}, []float32{5, 7, 9}},
		{"sum axis 0 keepDims", func() *ag.Var { return ag.Sum(x(), []int{0}, true) }, []int{1, 3}, []float32{5, 7, 9}},
		{"sum axis -1", func() *ag.Var { return ag.Sum(x(), []int{-1}, false) }, []int{2}, []float32{6, 15}},
		{"sum nil axes = all", func() *ag.Var { return ag.Sum(x(), nil, false) }, []int{}, []float32{21}},
		{"sum all keepDims", func() *ag.Var { return ag.Sum(x(), []int{1, 0}, true) }, []int{1, 1}, []float32{21}},
		{"sum axes 0,2 of cube", func() *ag.Var { return ag.Sum(cube(), []int{0, -1}, false) }, []int{3}, []float32{60, 92, 124}},
		{"sum axes 0,2 keepDims", func() *ag.Var { return ag.Sum(cube(), []int{2, 0}, true) }, []int{1, 3, 1}, []float32{60, 92, 124}},
		{"sum axis 1 of cube", func() *ag.Var { return ag.Sum(cube(), []int{1}, false) },
			[]int{2, 4}, []float32{12, 15, 18, 21, 48, 51, 54, 57}},
		{"mean axis 1", func() *ag.Var { return ag.Mean(x(), []int{1}, false) }, []int{2}, []float32{2, 5}},
		{"mean axis 0 keepDims", func() *ag.Var { return ag.Mean(x(), []int{0}, true) }, []int{1, 3}, []float32{2.5, 3.5, 4.5}},
		{"mean all", func() *ag.Var { return ag.Mean(x(), nil, false) }, []int{}, []float32{3.5}},
		{"sum_all", func() *ag.Var { return ag.SumAll(x()) }, []int{}, []float32{21}},
		{"mean_all", func() *ag.Var { return ag.MeanAll(x()) }, []int{}, []float32{3.5}},
		{"sum of a scalar", func() *ag.Var { return ag.SumAll(c([]float32{4})) }, []int{}, []float32{4}},
	})
}

// Reductions add in increasing index: with these values any other order
// gives 0 or 2 instead of 1.
func TestReduce_Order(t *testing.T) {
	d := []float32{1e8, 1, -1e8, 1}
	assert.Equal(t, []float32{1}, ag.SumAll(c(d, 4)).Data())
	assert.Equal(t, []float32{1}, ag.Sum(c(d, 4), nil, false).Data())
	assert.Equal(t, []float32{1}, ag.Sum(c(d, 4, 1), []int{0}, false).Data())
	assert.Equal(t, []float32{1, 1}, ag.Sum(c([]float32{1e8, 1e8, 1, 1, -1e8, -1e8, 1, 1}, 4, 2), []int{0}, false).Data())
	assert.Equal(t, []float32{0.25}, ag.MeanAll(c(d, 4)).Data())
}

func TestReduce_Grad(t *testing.T) {
	sum := func(axes []int, keep bool) func([]*ag.Var) *ag.Var {
		return func(in []*ag.Var) *ag.Var { return ag.Sum(in[0], axes, keep) }
	}
	mean := func(axes []int, keep bool) func([]*ag.Var) *ag.Var {
		return func(in []*ag.Var) *ag.Var { return ag.Mean(in[0], axes, keep) }
	}
	x := rnd(-1, 1, 2, 3, 4)
	runGrad(t, []gradCase{
		{"sum axis 0", sum([]int{0}, false), []*tensor.Tensor{x}},
		{"sum axis -1 keepDims", sum([]int{-1}, true), []*tensor.Tensor{x}},
		{"sum axes 0,2", sum([]int{0, 2}, false), []*tensor.Tensor{x}},
		{"sum all", sum(nil, false), []*tensor.Tensor{x}},
		{"mean axis 1", mean([]int{1}, false), []*tensor.Tensor{x}},
		{"mean axes 1,2 keepDims", mean([]int{1, 2}, true), []*tensor.Tensor{x}},
		{"sum_all", func(in []*ag.Var) *ag.Var { return ag.SumAll(in[0]) }, []*tensor.Tensor{x}},
		{"mean_all", func(in []*ag.Var) *ag.Var { return ag.MeanAll(in[0]) }, []*tensor.Tensor{x}},
	})
}

func TestReduce_ShapePanics(t *testing.T) {
	x := c(make([]float32, 6), 2, 3)
	for name, fn := range map[string]func(){
		"sum axis 2":         func() { ag.Sum(x, []int{2}, false) },
		"sum axis -3":        func() { ag.Sum(x, []int{-3}, false) },
		"sum repeated axis":  func() { ag.Sum(x, []int{1, -1}, false) },
		"mean axis 5":        func() { ag.Mean(x, []int{5}, true) },
		"mean repeated axis": func() { ag.Mean(x, []int{0, 0}, false) },
	} {
		t.Run(name, func(t *testing.T) { panicsShape(t, fn) })
	}
}
