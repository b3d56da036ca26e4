package ag

import (
	"math"
	"testing"

	"gonn/nn/tensor"

	"github.com/stretchr/testify/require"
)

// TestConv_ChunkBits: the number of examples per im2col chunk changes no
// bit of the output or of either gradient, for both ops, so the memory
// bound is free to change.
func TestConv_ChunkBits(t *testing.T) {
	defer func(b int) { im2colBudget = b }(im2colBudget)
	p := ConvParams{StrideH: 2, StrideW: 1, PadTop: 1, PadBottom: 1, PadLeft: 2}
	run := func(budget int, transpose bool) [][]float32 {
		im2colBudget = budget
		x := Param(ramp(5, 7, 6, 3), "x")
		k := Param(ramp(3, 3, 3, 4), "k")
		var y *Var
		if transpose {
			x = Param(ramp(5, 4, 6, 4), "x")
			y = Conv2DTranspose(x, k, p, 7, 6)
		} else {
			y = Conv2D(x, k, p)
		}
		BackwardFrom(y, ramp(y.Shape()...))
		return [][]float32{y.Data(), x.Grad.Data, k.Grad.Data}
	}
	for _, transpose := range []bool{false, true} {
		whole := run(1<<30, transpose)
		for _, budget := range []int{1, 100, 2 * 4 * 6 * 27} { // 1 example per chunk, then 2
			got := run(budget, transpose)
			for i, what := range []string{"output", "dx", "dkernel"} {
				require.Equal(t, bits(whole[i]), bits(got[i]), "transpose=%v budget=%d %s", transpose, budget, what)
			}
		}
	}
}

// ramp is a tensor of the given shape with values spread over [-1, 1)
// without a pattern that a wrong index could reproduce.
func ramp(shape ...int) *tensor.Tensor {
	t := tensor.New(shape...)
	for i := range t.Data {
		t.Data[i] = float32(math.Mod(float64(i)*0.6180339887, 2)) - 1
	}
	return t
}

func bits(x []float32) []uint32 {
	b := make([]uint32, len(x))
	for i, v := range x {
		b[i] = math.Float32bits(v)
	}
	return b
}
