package ag_test

import (
	"fmt"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

func TestMatMul_Forward(t *testing.T) {
	// a (2,3) = [[1 2 3] [4 5 6]], b (3,2) = [[7 8] [9 10] [11 12]]; a·b = [[58 64] [139 154]].
	a, aT := []float32{1, 2, 3, 4, 5, 6}, []float32{1, 4, 2, 5, 3, 6}
	b, bT := []float32{7, 8, 9, 10, 11, 12}, []float32{7, 9, 11, 8, 10, 12}
	want := []float32{58, 64, 139, 154}
	runForward(t, []forwardCase{
		{"a·b", func() *ag.Var { return ag.MatMul(c(a, 2, 3), c(b, 3, 2), false, false) }, []int{2, 2}, want},
		{"aᵀ·b", func() *ag.Var { return ag.MatMul(c(aT, 3, 2), c(b, 3, 2), true, false) }, []int{2, 2}, want},
		{"a·bᵀ", func() *ag.Var { return ag.MatMul(c(a, 2, 3), c(bT, 2, 3), false, true) }, []int{2, 2}, want},
		{"aᵀ·bᵀ", func() *ag.Var { return ag.MatMul(c(aT, 3, 2), c(bT, 2, 3), true, true) }, []int{2, 2}, want},
		{"(1,3)·(3,1)", func() *ag.Var { return ag.MatMul(c(a[:3], 1, 3), c([]float32{1, 1, 1}, 3, 1), false, false) }, []int{1, 1}, []float32{6}},
	})
}

func TestMatMul_Grad(t *testing.T) {
	const m, k, n = 3, 4, 2
	var tests []gradCase
	for _, transA := range []bool{false, true} {
		for _, transB := range []bool{false, true} {
			ashape, bshape := []int{m, k}, []int{k, n}
			if transA {
				ashape = []int{k, m}
			}
			if transB {
				bshape = []int{n, k}
			}
			tests = append(tests, gradCase{
				name:   fmt.Sprintf("transA=%v transB=%v", transA, transB),
				f:      func(in []*ag.Var) *ag.Var { return ag.MatMul(in[0], in[1], transA, transB) },
				inputs: []*tensor.Tensor{rnd(-1, 1, ashape...), rnd(-1, 1, bshape...)},
			})
		}
	}
	tests = append(tests, gradCase{
		name:   "x·x",
		f:      func(in []*ag.Var) *ag.Var { return ag.MatMul(in[0], in[0], false, false) },
		inputs: []*tensor.Tensor{rnd(-1, 1, 3, 3)},
	}, gradCase{
		name:   "x·xᵀ",
		f:      func(in []*ag.Var) *ag.Var { return ag.MatMul(in[0], in[0], false, true) },
		inputs: []*tensor.Tensor{rnd(-1, 1, 2, 3)},
	})
	runGrad(t, tests)
}

func TestMatMul_ShapePanics(t *testing.T) {
	for name, fn := range map[string]func(){
		"1-D operand":   func() { ag.MatMul(c(make([]float32, 3), 3), c(make([]float32, 3), 3, 1), false, false) },
		"inner extents": func() { ag.MatMul(c(make([]float32, 6), 2, 3), c(make([]float32, 6), 2, 3), false, false) },
		"inner with transB": func() {
			ag.MatMul(c(make([]float32, 6), 2, 3), c(make([]float32, 6), 3, 2), false, true)
		},
	} {
		t.Run(name, func(t *testing.T) { panicsShape(t, fn) })
	}
}
