package ag_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
)

func TestXent_Forward(t *testing.T) {
	// log softmax(1, 2, 3) = (-2.4076059, -1.4076059, -0.40760596)
	z := func() *ag.Var { return c([]float32{1, 2, 3, 1, 2, 3}, 2, 3) }
	tt := func(d ...float32) *tensor.Tensor { return tensor.From(d, 2, 3) }
	runForward(t, []forwardCase{
		{"one-hot", func() *ag.Var { return ag.SoftmaxCrossEntropy(z(), tt(0, 0, 1, 1, 0, 0), -1) },
			[]int{2}, []float32{0.40760596, 2.4076059}},
		{"soft targets", func() *ag.Var { return ag.SoftmaxCrossEntropy(z(), tt(0.5, 0.5, 0, 0, 0, 0), 1) },
			[]int{2}, []float32{1.9076059, 0}},
		{"targets summing to 2", func() *ag.Var { return ag.SoftmaxCrossEntropy(z(), tt(1, 1, 0, 0, 0, 0), 1) },
			[]int{2}, []float32{3.8152118, 0}},
		{"axis 0", func() *ag.Var {
			return ag.SoftmaxCrossEntropy(c([]float32{1, 3, 2, 2, 3, 1}, 3, 2), tensor.From([]float32{0, 0, 0, 0, 1, 1}, 3, 2), 0)
		}, []int{2}, []float32{0.40760596, 2.4076059}},
		{"large logits", func() *ag.Var {
			return ag.SoftmaxCrossEntropy(c([]float32{1000, 0}, 1, 2), tensor.From([]float32{0, 1}, 1, 2), -1)
		}, []int{1}, []float32{1000}},
		{"sparse", func() *ag.Var { return ag.SparseSoftmaxCrossEntropy(z(), []int{2, 0}) },
			[]int{2}, []float32{0.40760596, 2.4076059}},
		{"sparse large logits", func() *ag.Var { return ag.SparseSoftmaxCrossEntropy(c([]float32{-1000, 0}, 1, 2), []int{0}) },
			[]int{1}, []float32{1000}},
		{"sigmoid", func() *ag.Var {
			return ag.SigmoidCrossEntropy(c([]float32{0, 2, -2, 100, -100}, 5), tensor.From([]float32{1, 0, 1, 1, 0}, 5))
		}, []int{5}, []float32{0.6931472, 2.126928, 2.126928, 0, 0}},
		{"sigmoid soft target", func() *ag.Var {
			return ag.SigmoidCrossEntropy(c([]float32{1}, 1, 1), tensor.From([]float32{0.25}, 1, 1))
		}, []int{1, 1}, []float32{1 - 0.25 + 0.31326169}},
	})
}

func TestXent_Grad(t *testing.T) {
	soft := rnd(0, 1, 4, 5) // targets not summing to 1: the exact gradient is needed
	onehot := tensor.New(4, 5)
	for n, l := range []int{0, 4, 2, 2} {
		onehot.Set(1, n, l)
	}
	runGrad(t, []gradCase{
		{"softmax xent one-hot", func(in []*ag.Var) *ag.Var { return ag.SoftmaxCrossEntropy(in[0], onehot, -1) }, []*tensor.Tensor{rnd(-2, 2, 4, 5)}},
		{"softmax xent soft", func(in []*ag.Var) *ag.Var { return ag.SoftmaxCrossEntropy(in[0], soft, 1) }, []*tensor.Tensor{rnd(-2, 2, 4, 5)}},
		{"softmax xent axis 1 of 3-D", func(in []*ag.Var) *ag.Var {
			return ag.SoftmaxCrossEntropy(in[0], soft.Reshape(2, 2, 5).Clone(), -2)
		}, []*tensor.Tensor{rnd(-2, 2, 2, 2, 5)}},
		{"sparse xent", func(in []*ag.Var) *ag.Var { return ag.SparseSoftmaxCrossEntropy(in[0], []int{0, 4, 2, 2}) }, []*tensor.Tensor{rnd(-2, 2, 4, 5)}},
		{"sigmoid xent", func(in []*ag.Var) *ag.Var { return ag.SigmoidCrossEntropy(in[0], soft) }, []*tensor.Tensor{rnd(-3, 3, 4, 5)}},
	})
}

// The sparse loss is the dense one with one-hot targets, bit for bit, in
// value and gradient.
func TestXent_SparseMatchesDense(t *testing.T) {
	labels := []int{3, 0, 6, 6, 1}
	onehot := tensor.New(5, 7)
	for n, l := range labels {
		onehot.Set(1, n, l)
	}
	dense, sparse := ag.Param(rnd(-5, 5, 5, 7), "z"), ag.Param(rnd(-5, 5, 5, 7), "z")
	ld, ls := ag.SoftmaxCrossEntropy(dense, onehot, -1), ag.SparseSoftmaxCrossEntropy(sparse, labels)
	assert.Equal(t, bits(ld.Data()), bits(ls.Data()))
	seed := rnd(-1, 1, 5)
	ag.BackwardFrom(ld, seed)
	ag.BackwardFrom(ls, seed)
	assert.Equal(t, bits(dense.Grad.Data), bits(sparse.Grad.Data))
}

// The fused gradient equals softmax(z)·Σt - t.
func TestXent_GradValue(t *testing.T) {
	z := ag.Param(tensor.From([]float32{1, 2, 3}, 1, 3), "z")
	ag.Backward(ag.SoftmaxCrossEntropy(z, tensor.From([]float32{1, 1, 0}, 1, 3), -1))
	p := []float32{0.09003057, 0.24472847, 0.66524096}
	assert.InDeltaSlice(t, []float32{2*p[0] - 1, 2*p[1] - 1, 2 * p[2]}, z.Grad.Data, 1e-6)
}

func TestXent_ShapePanics(t *testing.T) {
	z := c(make([]float32, 6), 2, 3)
	for name, fn := range map[string]func(){
		"softmax targets shape": func() { ag.SoftmaxCrossEntropy(z, tensor.New(3, 2), -1) },
		"softmax axis 2":        func() { ag.SoftmaxCrossEntropy(z, tensor.New(2, 3), 2) },
		"sparse 1-D logits":     func() { ag.SparseSoftmaxCrossEntropy(c(make([]float32, 3), 3), []int{0}) },
		"sparse label count":    func() { ag.SparseSoftmaxCrossEntropy(z, []int{0}) },
		"sparse label -1":       func() { ag.SparseSoftmaxCrossEntropy(z, []int{0, -1}) },
		"sparse label C":        func() { ag.SparseSoftmaxCrossEntropy(z, []int{3, 0}) },
		"sigmoid targets shape": func() { ag.SigmoidCrossEntropy(z, tensor.New(6)) },
	} {
		t.Run(name, func(t *testing.T) { panicsShape(t, fn) })
	}
}
