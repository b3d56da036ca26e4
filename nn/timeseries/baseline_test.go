package timeseries

import (
	"math"
	"testing"

	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
)

func TestNaiveForecast(t *testing.T) {
	// Two examples, window 2, two features.
	x := tensor.From([]float32{
		1, 10, 2, 20,
		3, 30, 4, 40,
	}, 2, 2, 2)
	assert.Equal(t, []float32{2, 2, 2, 4, 4, 4}, NaiveForecast(x, 0, 3).Data)
	p := NaiveForecast(x, 1, 1)
	assert.Equal(t, []int{2, 1}, p.Shape)
	assert.Equal(t, []float32{20, 40}, p.Data)

	for _, bad := range []func(){
		func() { NaiveForecast(tensor.New(2, 2), 0, 1) },
		func() { NaiveForecast(x, 2, 1) },
		func() { NaiveForecast(x, -1, 1) },
		func() { NaiveForecast(x, 0, 0) },
	} {
		assertShapePanic(t, bad)
	}
}

func TestMAE(t *testing.T) {
	a := tensor.From([]float32{1, 2, 3, 4}, 2, 2)
	b := tensor.From([]float32{1, 0, 4, 4}, 2, 2)
	assert.Equal(t, 0.75, MAE(a, b))
	assert.Equal(t, 0.0, MAE(a, a))
	assert.True(t, math.IsNaN(MAE(tensor.New(0, 1), tensor.New(0, 1))))
	assertShapePanic(t, func() { MAE(a, tensor.New(4)) })
}

// assertShapePanic checks that f panics with an error wrapping tensor.ErrShape.
func assertShapePanic(t *testing.T, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		err, _ := recover().(error)
		assert.ErrorIs(t, err, tensor.ErrShape)
	}()
	f()
}

// On a series that rises by 1 each step, the last value misses the next
// step by exactly h at horizon step h.
func TestNaiveForecastRamp(t *testing.T) {
	x, y, err := ramp2(12).Windows(0, 12, WindowConfig{Window: 4, Horizon: 3})
	if err != nil {
		t.Fatal(err)
	}
	assert.Equal(t, 2.0, MAE(y, NaiveForecast(x, 0, 3))) // (1+2+3)/3
}
