package layers_test

import (
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func rotationWith(factor layers.Factor, interpolation, fillMode string) *layers.RandomRotation {
	cfg := layers.DefaultRandomRotationConfig()
	cfg.Factor, cfg.Interpolation, cfg.FillMode = factor, interpolation, fillMode
	return layers.NewRandomRotationWith(cfg)
}

// TestRandomRotation_QuarterTurn: the factor (0.25, 0.25) turns every
// image a quarter turn counter-clockwise.
func TestRandomRotation_QuarterTurn(t *testing.T) {
	l := rotationWith(layers.Factor{0.25, 0.25}, "nearest", "reflect")
	build(t, l, 3, 3, 1)
	x := tensor.From([]float32{1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 2, 3, 3, 1)
	y := l.Call(training(1), ag.Const(x))
	assert.Equal(t, []float32{3, 6, 9, 2, 5, 8, 1, 4, 7, 7, 4, 1, 8, 5, 2, 9, 6, 3}, y.Data())
}

// TestRandomRotation_Statistics turns a dot 4 pixels right of the centre
// of a 9×9 image: where it lands gives the angle. With factor 0.1 the
// angles fill [−36°, 36°] evenly (as many positive as negative,
// counter-clockwise being up on screen); none goes beyond.
func TestRandomRotation_Statistics(t *testing.T) {
	const n = 2000
	x := tensor.New(n, 9, 9, 1)
	for b := range n {
		x.Set(1, b, 4, 8, 0)
	}
	l := rotationWith(layers.Factor{0.1}, "nearest", "constant")
	build(t, l, 9, 9, 1)
	y := l.Call(training(3), ag.Const(x)).Value
	var angles []float64
	for b := range n {
		// Nearest sampling may copy the dot to two neighbouring pixels:
		// take their centre.
		var row, col, count float64
		for i := range 81 {
			if y.Data[b*81+i] == 1 {
				row, col, count = row+float64(i/9), col+float64(i%9), count+1
			}
		}
		require.NotZero(t, count, "image %d lost its dot", b)
		angles = append(angles, math.Atan2(4-row/count, col/count-4)*180/math.Pi)
	}
	positive, negative, inner := 0, 0, 0
	for _, a := range angles {
		// The dot lands on a pixel: its angle is off by up to atan(0.5/4) ≈ 7°.
		require.LessOrEqual(t, math.Abs(a), 36+7.2)
		switch {
		case a > 0:
			positive++
		case a < 0:
			negative++
		}
		if math.Abs(a) < 18 {
			inner++
		}
	}
	// Small angles leave the dot on its row (angle 0): compare the others.
	assert.InDelta(t, 0.5, float64(positive)/float64(positive+negative), 0.06, "counter-clockwise share")
	assert.InDelta(t, 0.5, float64(inner)/n, 0.08, "share within half the range")
}
