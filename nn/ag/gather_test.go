package ag_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
)

func TestGather_Forward(t *testing.T) {
	table := func() *ag.Var { return c([]float32{0, 1, 10, 11, 20, 21, 30, 31}, 4, 2) }
	runForward(t, []forwardCase{
		{"rows", func() *ag.Var { return ag.Gather(table(), []int{3, 0, 3}) }, []int{3, 2}, []float32{30, 31, 0, 1, 30, 31}},
		{"index shape (1,3)", func() *ag.Var { return ag.Gather(table(), []int{1, 2, 1}, 1, 3) }, []int{1, 3, 2}, []float32{10, 11, 20, 21, 10, 11}},
		{"index shape (2,2)", func() *ag.Var { return ag.Gather(table(), []int{0, 1, 2, 3}, 2, 2) }, []int{2, 2, 2}, []float32{0, 1, 10, 11, 20, 21, 30, 31}},
		{"1-D table", func() *ag.Var { return ag.Gather(c([]float32{0, 10, 20, 30}, 4), []int{2, 1}) }, []int{2}, []float32{20, 10}},
		{"3-D table", func() *ag.Var { return ag.Gather(iota(3, 2, 2), []int{2}) }, []int{1, 2, 2}, []float32{8, 9, 10, 11}},
		{"no indices", func() *ag.Var { return ag.Gather(table(), nil) }, []int{0, 2}, []float32{}},
	})
}

func TestGather_Grad(t *testing.T) {
	runGrad(t, []gradCase{
		{"rows with repeats", func(in []*ag.Var) *ag.Var { return ag.Gather(in[0], []int{3, 0, 3, 1}, 2, 2) }, []*tensor.Tensor{rnd(-1, 1, 5, 3)}},
		{"1-D table", func(in []*ag.Var) *ag.Var { return ag.Gather(in[0], []int{1, 1, 4}) }, []*tensor.Tensor{rnd(-1, 1, 5)}},
	})
}

// A row picked several times gets the sum of its gradients; a row never
// picked gets zero. indices is copied, so changing it later is harmless.
func TestGather_RepeatedRows(t *testing.T) {
	table := ag.Param(tensor.New(3, 2), "embeddings")
	idx := []int{1, 1, 2}
	out := ag.Gather(table, idx)
	idx[0] = 0
	ag.Backward(ag.SumAll(out))
	assert.Equal(t, []float32{0, 0, 2, 2, 1, 1}, table.Grad.Data)
}

func TestGather_ShapePanics(t *testing.T) {
	table := iota(4, 2)
	for name, fn := range map[string]func(){
		"index -1":          func() { ag.Gather(table, []int{0, -1}) },
		"index V":           func() { ag.Gather(table, []int{4}) },
		"index shape size":  func() { ag.Gather(table, []int{0, 1, 2}, 2, 2) },
		"scalar table":      func() { ag.Gather(c([]float32{1}), []int{0}) },
		"negative in shape": func() { ag.Gather(table, nil, -1, 0) },
	} {
		t.Run(name, func(t *testing.T) { panicsShape(t, fn) })
	}
}
