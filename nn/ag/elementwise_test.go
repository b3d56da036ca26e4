package ag_test

import (
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
)

func TestBinary_Forward(t *testing.T) {
	a := []float32{1, 2, 3, 4, 5, 6} // (2, 3)
	d10 := make([]float32, 20)       // (2, 10): long enough to be read in place
	bias10 := make([]float32, 10)
	want10 := make([]float32, 20)
	for i := range d10 {
		d10[i] = float32(i)
		if i < 10 {
			bias10[i] = float32(100 * i)
		}
		want10[i] = float32(i) + float32(100*(i%10))
	}
	runForward(t, []forwardCase{
		{"add same shape", func() *ag.Var { return ag.Add(c(a, 2, 3), c([]float32{10, 20, 30, 40, 50, 60}, 2, 3)) },
			[]int{2, 3}, []float32{11, 22, 33, 44, 55, 66}},
		{"add bias (2,3)+(3)", func() *ag.Var { return ag.Add(c(a, 2, 3), c([]float32{10, 20, 30}, 3)) },
			[]int{2, 3}, []float32{11, 22, 33, 14, 25, 36}},
		{"add bias (2,10)+(10)", func() *ag.Var { return ag.Add(c(d10, 2, 10), c(bias10, 10)) },
			[]int{2, 10}, want10},
		{"add bias first (10)+(1,2,10)", func() *ag.Var { return ag.Add(c(bias10, 10), c(d10, 1, 2, 10)) },
			[]int{1, 2, 10}, want10},
		{"add outer (2,1)+(1,3)", func() *ag.Var { return ag.Add(c([]float32{1, 2}, 2, 1), c([]float32{10, 20, 30}, 1, 3)) },
			[]int{2, 3}, []float32{11, 21, 31, 12, 22, 32}},
		{"add scalar shape []", func() *ag.Var { return ag.Add(c(a, 2, 3), c([]float32{0.5})) },
			[]int{2, 3}, []float32{1.5, 2.5, 3.5, 4.5, 5.5, 6.5}},
		{"add scalars", func() *ag.Var { return ag.Add(c([]float32{1}), c([]float32{2})) },
			[]int{}, []float32{3}},
		{"sub (3)-(2,3)", func() *ag.Var { return ag.Sub(c([]float32{10, 20, 30}, 3), c(a, 2, 3)) },
			[]int{2, 3}, []float32{9, 18, 27, 6, 15, 24}},
		{"mul (2,1,3)*(2,1)", func() *ag.Var { return ag.Mul(c(a, 2, 1, 3), c([]float32{2, 3}, 2, 1)) },
			[]int{2, 2, 3}, []float32{2, 4, 6, 3, 6, 9, 8, 10, 12, 12, 15, 18}},
		{"div (2,3)/(2,1)", func() *ag.Var { return ag.Div(c(a, 2, 3), c([]float32{2, 4}, 2, 1)) },
			[]int{2, 3}, []float32{0.5, 1, 1.5, 1, 1.25, 1.5}},
		{"empty", func() *ag.Var { return ag.Add(c(nil, 0, 3), c([]float32{1, 2, 3}, 3)) },
			[]int{0, 3}, []float32{}},
	})
}

func TestBinary_Grad(t *testing.T) {
	div := func(in []*ag.Var) *ag.Var { return ag.Div(in[0], in[1]) }
	runGrad(t, []gradCase{
		{"add same", func(in []*ag.Var) *ag.Var { return ag.Add(in[0], in[1]) }, []*tensor.Tensor{rnd(-1, 1, 3, 4), rnd(-1, 1, 4, 3).Reshape(3, 4)}},
		{"add bias (3,4)+(4)", func(in []*ag.Var) *ag.Var { return ag.Add(in[0], in[1]) }, []*tensor.Tensor{rnd(-1, 1, 3, 4), rnd(-1, 1, 4)}},
		{"add bias (3,10)+(10)", func(in []*ag.Var) *ag.Var { return ag.Add(in[0], in[1]) }, []*tensor.Tensor{rnd(-1, 1, 3, 10), rnd(-1, 1, 10)}},
		{"add outer (3,1)+(1,4)", func(in []*ag.Var) *ag.Var { return ag.Add(in[0], in[1]) }, []*tensor.Tensor{rnd(-1, 1, 3, 1), rnd(-1, 1, 1, 4)}},
		{"sub (4)-(2,3,4)", func(in []*ag.Var) *ag.Var { return ag.Sub(in[0], in[1]) }, []*tensor.Tensor{rnd(-1, 1, 4), rnd(-1, 1, 2, 3, 4)}},
		{"sub scalar", func(in []*ag.Var) *ag.Var { return ag.Sub(in[0], in[1]) }, []*tensor.Tensor{rnd(-1, 1, 2, 3), tensor.Scalar(0.3)}},
		{"mul same", func(in []*ag.Var) *ag.Var { return ag.Mul(in[0], in[1]) }, []*tensor.Tensor{rnd(-1, 1, 2, 5), rnd(-1, 1, 10).Reshape(2, 5)}},
		{"mul (2,3,4)*(3,1)", func(in []*ag.Var) *ag.Var { return ag.Mul(in[0], in[1]) }, []*tensor.Tensor{rnd(-1, 1, 2, 3, 4), rnd(-1, 1, 3, 1)}},
		{"mul (12)*(2,1,12)", func(in []*ag.Var) *ag.Var { return ag.Mul(in[0], in[1]) }, []*tensor.Tensor{rnd(-1, 1, 12), rnd(-1, 1, 2, 1, 12)}},
		{"mul x*x", func(in []*ag.Var) *ag.Var { return ag.Mul(in[0], in[0]) }, []*tensor.Tensor{rnd(-1, 1, 2, 3)}},
		{"div same", div, []*tensor.Tensor{rnd(-1, 1, 2, 3), rnd(1, 2, 2, 3)}},
		{"div (3,4)/(4)", div, []*tensor.Tensor{rnd(-1, 1, 3, 4), rnd(1, 2, 4)}},
		{"div (1,4)/(3,1)", div, []*tensor.Tensor{rnd(-1, 1, 1, 4), rnd(1, 2, 3, 1)}},
	})
}

// The gradient of a broadcast input is the sum of its terms over the broadcast
// axes, in increasing flat index of the output: checked bit for bit against a
// reference written straight from that rule, for shapes taking the in-place
// path (trailing block of >= 8) and the expanding path.
func TestBinary_BroadcastGradOrder(t *testing.T) {
	tests := []struct {
		name   string
		ashape []int
		bshape []int
	}{
		{"bias in place", []int{7, 33}, []int{33}},
		{"bias in place, rank 3", []int{2, 5, 33}, []int{33}},
		{"bias of two axes", []int{4, 5, 9}, []int{5, 9}},
		{"bias (1, D)", []int{6, 10}, []int{1, 10}},
		{"bias expanded", []int{7, 3}, []int{3}},
		{"outer", []int{5, 1}, []int{1, 9}},
		{"middle", []int{3, 4, 5}, []int{4, 1}},
		{"scalar", []int{4, 6}, []int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := ag.Param(rnd(-1, 1, tc.ashape...), "a")
			b := ag.Param(rnd(-1, 1, tc.bshape...), "b")
			out := ag.Mul(a, b)
			seed := rnd(-1, 1, out.Shape()...)
			checkAddGradOrder(t, tc.ashape, tc.bshape, seed)
			ag.BackwardFrom(out, seed)

			// Reference: walk the output in flat order, locate each input's element.
			shape := out.Shape()
			wantA := make([]float32, a.Value.Size())
			wantB := make([]float32, b.Value.Size())
			idx := make([]int, len(shape))
			for i := range seed.Data {
				ia, ib := bcastOffset(idx, tc.ashape), bcastOffset(idx, tc.bshape)
				wantA[ia] = wantA[ia] + float32(seed.Data[i]*b.Data()[ib])
				wantB[ib] = wantB[ib] + float32(seed.Data[i]*a.Data()[ia])
				for k := len(idx) - 1; k >= 0; k-- {
					if idx[k]++; idx[k] < shape[k] {
						break
					}
					idx[k] = 0
				}
			}
			assert.Equal(t, bits(wantA), bits(a.Grad.Data), "da")
			assert.Equal(t, bits(wantB), bits(b.Grad.Data), "db")
		})
	}
}

// checkAddGradOrder is TestBinary_BroadcastGradOrder for Add (whose bias
// case, a (N…, D) + b (D…), takes a path of its own): value and both
// gradients bit for bit against the rule.
func checkAddGradOrder(t *testing.T, ashape, bshape []int, seed *tensor.Tensor) {
	t.Helper()
	a := ag.Param(rnd(-1, 1, ashape...), "a")
	b := ag.Param(rnd(-1, 1, bshape...), "b")
	out := ag.Add(a, b)
	assert.Equal(t, seed.Shape, out.Shape(), "add's shape")
	ag.BackwardFrom(out, seed)
	shape := out.Shape()
	wantA := make([]float32, a.Value.Size())
	wantB := make([]float32, b.Value.Size())
	wantOut := make([]float32, len(seed.Data))
	idx := make([]int, len(shape))
	for i := range seed.Data {
		ia, ib := bcastOffset(idx, ashape), bcastOffset(idx, bshape)
		wantOut[i] = a.Data()[ia] + b.Data()[ib]
		wantA[ia] = wantA[ia] + seed.Data[i]
		wantB[ib] = wantB[ib] + seed.Data[i]
		for k := len(idx) - 1; k >= 0; k-- {
			if idx[k]++; idx[k] < shape[k] {
				break
			}
			idx[k] = 0
		}
	}
	assert.Equal(t, bits(wantOut), bits(out.Data()), "add")
	assert.Equal(t, bits(wantA), bits(a.Grad.Data), "add: da")
	assert.Equal(t, bits(wantB), bits(b.Grad.Data), "add: db")
}

// bcastOffset is the flat offset in an operand of shape s of the output
// element at idx (len(idx) >= len(s), trailing axes aligned).
func bcastOffset(idx, s []int) int {
	off, lead := 0, len(idx)-len(s)
	for k, d := range s {
		i := idx[lead+k]
		if d == 1 {
			i = 0
		}
		off = off*d + i
	}
	return off
}

func bits(x []float32) []uint32 {
	b := make([]uint32, len(x))
	for i, v := range x {
		b[i] = math.Float32bits(v)
	}
	return b
}

func TestBinary_ShapePanics(t *testing.T) {
	x := c(make([]float32, 6), 2, 3)
	for name, fn := range map[string]func(){
		"add (2,3)+(2)":   func() { ag.Add(x, c(make([]float32, 2), 2)) },
		"sub (2,3)-(3,3)": func() { ag.Sub(x, c(make([]float32, 9), 3, 3)) },
		"mul (2,3)*(4,1)": func() { ag.Mul(x, c(make([]float32, 4), 4, 1)) },
		"div (2,3)/(2,2)": func() { ag.Div(x, c(make([]float32, 4), 2, 2)) },
	} {
		t.Run(name, func(t *testing.T) { panicsShape(t, fn) })
	}
}
