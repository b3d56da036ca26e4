package ag_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// iota returns a Const holding 0, 1, 2, … in the given shape.
func iota(shape ...int) *ag.Var {
	d := make([]float32, tensor.NumElements(shape))
	for i := range d {
		d[i] = float32(i)
	}
	return c(d, shape...)
}

func TestShape_Forward(t *testing.T) {
	runForward(t, []forwardCase{
		{"reshape -1", func() *ag.Var { return ag.Reshape(iota(2, 3), 3, -1) }, []int{3, 2}, []float32{0, 1, 2, 3, 4, 5}},
		{"reshape to scalar", func() *ag.Var { return ag.Reshape(c([]float32{7}, 1, 1)) }, []int{}, []float32{7}},
		{"transpose 2-D default", func() *ag.Var { return ag.Transpose(iota(2, 3)) }, []int{3, 2}, []float32{0, 3, 1, 4, 2, 5}},
		{"transpose (0,2,1)", func() *ag.Var { return ag.Transpose(iota(2, 3, 4), 0, 2, 1) }, []int{2, 4, 3},
			[]float32{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, 12, 16, 20, 13, 17, 21, 14, 18, 22, 15, 19, 23}},
		{"transpose (2,0,1)", func() *ag.Var { return ag.Transpose(iota(2, 3, 4), 2, 0, 1) }, []int{4, 2, 3},
			[]float32{0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23}},
		{"transpose identity", func() *ag.Var { return ag.Transpose(iota(2, 2), 0, 1) }, []int{2, 2}, []float32{0, 1, 2, 3}},
		{"concat axis 0", func() *ag.Var { return ag.Concat(0, iota(1, 2), c([]float32{7, 8, 9, 10}, 2, 2)) },
			[]int{3, 2}, []float32{0, 1, 7, 8, 9, 10}},
		{"concat axis -1", func() *ag.Var { return ag.Concat(-1, iota(2, 2), c([]float32{7, 8}, 2, 1)) },
			[]int{2, 3}, []float32{0, 1, 7, 2, 3, 8}},
		{"concat middle axis", func() *ag.Var { return ag.Concat(1, iota(2, 1, 2), c([]float32{5, 6, 7, 8}, 2, 1, 2)) },
			[]int{2, 2, 2}, []float32{0, 1, 5, 6, 2, 3, 7, 8}},
		{"concat one input", func() *ag.Var { return ag.Concat(0, iota(2)) }, []int{2}, []float32{0, 1}},
		{"slice axis 1", func() *ag.Var { return ag.Slice(iota(2, 3), 1, 1, 3) }, []int{2, 2}, []float32{1, 2, 4, 5}},
		{"slice axis 0", func() *ag.Var { return ag.Slice(iota(2, 3), 0, 1, 2) }, []int{1, 3}, []float32{3, 4, 5}},
		{"slice axis -2 of 3-D", func() *ag.Var { return ag.Slice(iota(2, 3, 2), -2, 2, 3) }, []int{2, 1, 2}, []float32{4, 5, 10, 11}},
		{"slice empty", func() *ag.Var { return ag.Slice(iota(2, 3), 1, 1, 1) }, []int{2, 0}, []float32{}},
	})
}

func TestShape_Grad(t *testing.T) {
	runGrad(t, []gradCase{
		{"reshape", func(in []*ag.Var) *ag.Var { return ag.Reshape(in[0], -1, 2) }, []*tensor.Tensor{rnd(-1, 1, 2, 3)}},
		{"transpose 2-D", func(in []*ag.Var) *ag.Var { return ag.Transpose(in[0]) }, []*tensor.Tensor{rnd(-1, 1, 2, 3)}},
		{"transpose (0,2,1)", func(in []*ag.Var) *ag.Var { return ag.Transpose(in[0], 0, 2, 1) }, []*tensor.Tensor{rnd(-1, 1, 2, 3, 4)}},
		{"transpose (2,0,1)", func(in []*ag.Var) *ag.Var { return ag.Transpose(in[0], 2, 0, 1) }, []*tensor.Tensor{rnd(-1, 1, 2, 3, 4)}},
		{"concat axis 1", func(in []*ag.Var) *ag.Var { return ag.Concat(1, in...) },
			[]*tensor.Tensor{rnd(-1, 1, 2, 1), rnd(-1, 1, 2, 3), rnd(-1, 1, 2, 2)}},
		{"concat axis 0", func(in []*ag.Var) *ag.Var { return ag.Concat(0, in...) },
			[]*tensor.Tensor{rnd(-1, 1, 1, 3), rnd(-1, 1, 2, 3)}},
		{"concat same input twice", func(in []*ag.Var) *ag.Var { return ag.Concat(-1, in[0], in[0]) },
			[]*tensor.Tensor{rnd(-1, 1, 2, 3)}},
		{"slice axis 1", func(in []*ag.Var) *ag.Var { return ag.Slice(in[0], 1, 1, 3) }, []*tensor.Tensor{rnd(-1, 1, 2, 4, 2)}},
		{"slice axis 0", func(in []*ag.Var) *ag.Var { return ag.Slice(in[0], 0, 0, 1) }, []*tensor.Tensor{rnd(-1, 1, 2, 3)}},
	})
}

func TestShape_ShapePanics(t *testing.T) {
	x := iota(2, 3)
	for name, fn := range map[string]func(){
		"reshape 6 to (4,-1)":     func() { ag.Reshape(x, 4, -1) },
		"reshape two -1":          func() { ag.Reshape(x, -1, -1) },
		"reshape 6 to (4)":        func() { ag.Reshape(x, 4) },
		"transpose repeated axis": func() { ag.Transpose(x, 0, 0) },
		"transpose too many axes": func() { ag.Transpose(x, 0, 1, 2) },
		"transpose too few axes":  func() { ag.Transpose(x, 1) },
		"transpose axis 2":        func() { ag.Transpose(x, 2, 0) },
		"concat nothing":          func() { ag.Concat(0) },
		"concat off-axis extent":  func() { ag.Concat(1, x, iota(3, 3)) },
		"concat rank":             func() { ag.Concat(0, x, iota(3)) },
		"concat axis 2":           func() { ag.Concat(2, x, x) },
		"slice start > end":       func() { ag.Slice(x, 1, 2, 1) },
		"slice end > extent":      func() { ag.Slice(x, 1, 0, 4) },
		"slice start < 0":         func() { ag.Slice(x, 1, -1, 2) },
		"slice axis 2":            func() { ag.Slice(x, 2, 0, 1) },
	} {
		t.Run(name, func(t *testing.T) { panicsShape(t, fn) })
	}
}
