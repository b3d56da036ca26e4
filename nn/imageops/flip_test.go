package imageops

import (
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
)

func TestFlipImages(t *testing.T) {
	x := tensor.New(4, 2, 3, 1) // four copies of 1 2 3 / 4 5 6
	for i := range x.Data {
		x.Data[i] = float32(i%6 + 1)
	}
	flips := []Flip{{}, {LeftRight: true}, {UpDown: true}, {LeftRight: true, UpDown: true}}
	want := []float32{
		1, 2, 3, 4, 5, 6, // kept
		3, 2, 1, 6, 5, 4, // left-right
		4, 5, 6, 1, 2, 3, // upside down
		6, 5, 4, 3, 2, 1, // both: a half turn
	}
	assert.Equal(t, want, FlipImages(x, flips).Data)
	assert.Equal(t, want, FlipImagesVar(ag.Const(x), flips).Data())

	// Channels move together.
	rgb := tensor.From([]float32{1, 2, 3, 4, 5, 6}, 1, 1, 2, 3)
	assert.Equal(t, []float32{4, 5, 6, 1, 2, 3}, FlipImages(rgb, []Flip{{LeftRight: true}}).Data)
}

func TestFlipImagesVar_Grad(t *testing.T) {
	flips := []Flip{{LeftRight: true}, {UpDown: true}, {LeftRight: true, UpDown: true}}
	agtest.CheckGrad(t, agtest.Default, func(in []*ag.Var) *ag.Var {
		return FlipImagesVar(in[0], flips)
	}, agtest.Rand(2, -1, 1, 3, 3, 4, 2))
}

func TestFlipImages_BadShapes(t *testing.T) {
	assert.PanicsWithError(t, "tensor: shape mismatch: imageops: 1 flips for 2 images", func() {
		FlipImages(tensor.New(2, 2, 2, 1), []Flip{{}})
	})
	assert.Panics(t, func() { FlipImagesVar(ag.Const(tensor.New(2, 2)), []Flip{{}, {}}) })
}
