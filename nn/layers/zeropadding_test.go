package layers_test

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
)

func TestZeroPadding2D_Forward(t *testing.T) {
	// One 2×2 image of two channels, padded by ((1, 0), (0, 2)).
	x := tensor.From([]float32{1, -1, 2, -2, 3, -3, 4, -4}, 1, 2, 2, 2)
	z := layers.NewZeroPadding2DWith(layers.ZeroPadding2DConfig{Padding: layers.Padding2D{{1, 0}, {0, 2}}})
	assert.Equal(t, []int{3, 4, 2}, build(t, z, 2, 2, 2))
	y := z.Call(inference(), ag.Const(x))
	assert.Equal(t, []int{1, 3, 4, 2}, y.Shape())
	assert.Equal(t, []float32{
		0, 0, 0, 0, 0, 0, 0, 0,
		1, -1, 2, -2, 0, 0, 0, 0,
		3, -3, 4, -4, 0, 0, 0, 0,
	}, y.Data())

	none := layers.NewZeroPadding2D(0, 0)
	build(t, none, 2, 2, 2)
	assert.Equal(t, x.Data, none.Call(inference(), ag.Const(x)).Data())
}

func TestZeroPadding2D_Grad(t *testing.T) {
	for _, p := range []layers.Padding2D{{{1, 1}, {1, 1}}, {{0, 2}, {3, 0}}, {{0, 0}, {1, 0}}} {
		z := layers.NewZeroPadding2DWith(layers.ZeroPadding2DConfig{Padding: p})
		build(t, z, 3, 2, 2)
		checkGrad(t, z, inference, data(2, 3, 2, 2))
	}
}
