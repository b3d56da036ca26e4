package imageops

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
)

// TestAdjustContrast: image 0 has channel means 3 and 10, image 1 has 2.5
// and 0; each value moves from its channel's mean by its image's factor.
func TestAdjustContrast(t *testing.T) {
	x := tensor.From([]float32{
		1, 10, 2, 12, 3, 8, 6, 10, // image 0, 2×2 pixels of (c0, c1)
		0, -1, 5, 1, 2, 2, 3, -2, // image 1
	}, 2, 2, 2, 2)
	want := []float32{
		-1, 10, 1, 14, 3, 6, 9, 10, // factor 2: (x−m)·2 + m
		2.5, 0, 2.5, 0, 2.5, 0, 2.5, 0, // factor 0: flat at the means
	}
	factors := []float32{2, 0}
	assert.Equal(t, want, AdjustContrast(x, factors).Data)
	assert.Equal(t, want, AdjustContrastVar(ag.Const(x), factors).Data())
	assert.Equal(t, x.Data, AdjustContrast(x, []float32{1, 1}).Data)
}

func TestAdjustContrastVar_SameBits(t *testing.T) {
	x := agtest.Rand(9, 0, 255, 3, 7, 5, 3)
	factors := []float32{0.3, 1.7, 1.05}
	assert.Equal(t, bits(AdjustContrast(x, factors).Data), bits(AdjustContrastVar(ag.Const(x), factors).Data()))
}

func TestAdjustContrastVar_Grad(t *testing.T) {
	agtest.CheckGrad(t, agtest.Default, func(in []*ag.Var) *ag.Var {
		return AdjustContrastVar(in[0], []float32{0.4, 1.6})
	}, agtest.Rand(4, -1, 1, 2, 3, 3, 2))
}

func TestAdjustContrast_BadShapes(t *testing.T) {
	assert.PanicsWithError(t, "tensor: shape mismatch: imageops: 1 contrast factors for 2 images", func() {
		AdjustContrast(tensor.New(2, 2, 2, 1), []float32{1})
	})
	assert.Panics(t, func() { AdjustContrastVar(ag.Const(tensor.New(2, 2, 2)), []float32{1, 1}) })
}
