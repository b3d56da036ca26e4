package timeseries

import (
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/tensor"
)

// Examples worked by hand: Sigma is the population spread of the changes
// y[k] − x[k, W−1]; every window and target loses its window's last value
// and is divided by Sigma; Inverse gives the targets back.
func TestRelative(t *testing.T) {
	tests := []struct {
		name         string
		x            *tensor.Tensor // (N, W, 1)
		y            *tensor.Tensor // (N, 1)
		sigma        float32
		relX, relY   []float32
		last         []float32
		wantForecast []float32 // Inverse(last, zeros): the naive forecast
	}{
		{
			name: "changes 3 and -1: mean 1, spread 2",
			x:    tensor.From([]float32{1, 2, 4, 10, 10, 12}, 2, 3, 1), y: tensor.From([]float32{7, 11}, 2, 1),
			sigma: 2, relX: []float32{-1.5, -1, 0, -1, -1, 0}, relY: []float32{1.5, -0.5}, last: []float32{4, 12},
		},
		{
			name: "windows of one step, changes 0, 0, 4, 4: spread 2",
			x:    tensor.From([]float32{3, 5, 1, 2}, 4, 1, 1), y: tensor.From([]float32{3, 5, 5, 6}, 4, 1),
			sigma: 2, relX: []float32{0, 0, 0, 0}, relY: []float32{0, 0, 2, 2}, last: []float32{3, 5, 1, 2},
		},
		{
			name: "changes -1, 2, 5: mean 2, spread √6",
			x:    tensor.From([]float32{0, 1, 0, 0, 2, 1}, 3, 2, 1), y: tensor.From([]float32{0, 2, 6}, 3, 1),
			sigma: float32(math.Sqrt(6)), last: []float32{1, 0, 1},
			relX: []float32{-1 / float32(math.Sqrt(6)), 0, 0, 0, 1 / float32(math.Sqrt(6)), 0},
			relY: []float32{-1 / float32(math.Sqrt(6)), 2 / float32(math.Sqrt(6)), 5 / float32(math.Sqrt(6))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			truth := slices.Clone(tt.y.Data)
			r, err := FitRelative(tt.x, tt.y)
			require.NoError(t, err)
			assert.Equal(t, tt.sigma, r.Sigma)

			last, err := r.Apply(tt.x, tt.y)
			require.NoError(t, err)
			assert.Equal(t, tt.last, last)
			assert.InDeltaSlice(t, tt.relX, tt.x.Data, 1e-6)
			assert.InDeltaSlice(t, tt.relY, tt.y.Data, 1e-6)

			back, err := r.Inverse(last, tt.y.Data)
			require.NoError(t, err)
			assert.InDeltaSlice(t, truth, back, 1e-5, "the targets, back in units")
			naive, err := r.Inverse(last, make([]float32, len(last)))
			require.NoError(t, err)
			assert.Equal(t, last, naive, "a change of 0 is the last value")
		})
	}
}

// A Sigma fitted on one part scales another: the held-out part is not
// measured again.
func TestRelative_ApplyFittedSigma(t *testing.T) {
	x := tensor.From([]float32{100, 101, 90, 89}, 2, 2, 1)
	y := tensor.From([]float32{102, 88.5}, 2, 1)
	last, err := Relative{Sigma: 0.5}.Apply(x, y)
	require.NoError(t, err)
	assert.Equal(t, []float32{101, 89}, last)
	assert.Equal(t, []float32{-2, 0, 2, 0}, x.Data)
	assert.Equal(t, []float32{2, -1}, y.Data)
	got, err := Relative{Sigma: 0.5}.Inverse(last, []float32{1, -4})
	require.NoError(t, err)
	assert.Equal(t, []float32{101.5, 87}, got)
}

func TestFitRelative_Errors(t *testing.T) {
	x22 := func(v ...float32) *tensor.Tensor { return tensor.From(v, 2, 2, 1) }
	y2 := func(v ...float32) *tensor.Tensor { return tensor.From(v, 2, 1) }
	tests := []struct {
		name string
		x, y *tensor.Tensor
		want string
	}{
		{"a series that does not change", x22(1, 1, 1, 1), y2(1, 1), "has a spread of 0 over the 2 windows: nothing to divide by"},
		{"a change that never varies", x22(1, 2, 2, 3), y2(3, 4), "has a spread of 0 over the 2 windows"},
		{"a NaN in the data", x22(1, 2, 2, float32(math.NaN())), y2(3, 4), "has a spread of NaN"},
		{"no window", tensor.New(0, 3, 1), tensor.New(0, 1), "no window to measure"},
		{"nil windows", nil, y2(3, 4), "got a nil tensor"},
		{"windows without a column axis", tensor.New(2, 2), y2(3, 4), "x has the shape [2 2]: want (N, W, 1)"},
		{"windows of two columns", tensor.New(2, 2, 2), y2(3, 4), "x has the shape [2 2 2]: want (N, W, 1)"},
		{"windows of no step", tensor.New(2, 0, 1), y2(3, 4), "x has the shape [2 0 1]"},
		{"a target too many", x22(1, 2, 3, 4), tensor.New(3, 1), "y has the shape [3 1]: want (2, 1)"},
		{"two targets a window", x22(1, 2, 3, 4), tensor.New(2, 2), "y has the shape [2 2]: want (2, 1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FitRelative(tt.x, tt.y)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestRelative_ApplyErrors(t *testing.T) {
	tests := []struct {
		name  string
		sigma float32
		x, y  *tensor.Tensor
		want  string
	}{
		{"no scale", 0, tensor.From([]float32{1, 2}, 1, 2, 1), tensor.From([]float32{3}, 1, 1), "a spread (Sigma) of 0"},
		{"a negative scale", -1, tensor.From([]float32{1, 2}, 1, 2, 1), tensor.From([]float32{3}, 1, 1), "of -1: want a positive finite number"},
		{"an infinite scale", float32(math.Inf(1)), tensor.From([]float32{1, 2}, 1, 2, 1), tensor.From([]float32{3}, 1, 1), "of +Inf"},
		{"a NaN scale", float32(math.NaN()), tensor.From([]float32{1, 2}, 1, 2, 1), tensor.From([]float32{3}, 1, 1), "of NaN"},
		{"targets of other windows", 1, tensor.From([]float32{1, 2}, 1, 2, 1), tensor.From([]float32{3, 4}, 2, 1), "y has the shape [2 1]: want (1, 1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := slices.Clone(tt.x.Data), slices.Clone(tt.y.Data)
			last, err := Relative{Sigma: tt.sigma}.Apply(tt.x, tt.y)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Nil(t, last)
			assert.Equal(t, x, tt.x.Data, "the windows are left as they were")
			assert.Equal(t, y, tt.y.Data, "the targets are left as they were")
		})
	}
}

func TestRelative_InverseErrors(t *testing.T) {
	_, err := Relative{Sigma: 2}.Inverse([]float32{1, 2}, []float32{0})
	assert.EqualError(t, err, "timeseries: Relative.Inverse: 2 last values for 1 relative values: want one per window")
	_, err = Relative{}.Inverse([]float32{1}, []float32{0})
	assert.ErrorContains(t, err, "a spread (Sigma) of 0")
}

// MakeRelative fits on the training windows only and shifts every part.
func TestDataset_MakeRelative(t *testing.T) {
	d := &Dataset{
		TrainX: tensor.From([]float32{1, 2, 4, 10, 10, 12}, 2, 3, 1), TrainY: tensor.From([]float32{7, 11}, 2, 1),
		ValX: tensor.From([]float32{20, 21, 22}, 1, 3, 1), ValY: tensor.From([]float32{30}, 1, 1),
		TestX: tensor.From([]float32{0, 0, 2, 5, 5, 3}, 2, 3, 1), TestY: tensor.From([]float32{-4, 3}, 2, 1),
	}
	r, testLast, err := d.MakeRelative()
	require.NoError(t, err)
	assert.Equal(t, float32(2), r.Sigma, "the training changes 3 and -1")
	assert.Equal(t, []float32{2, 3}, testLast)
	assert.Equal(t, []float32{-1.5, -1, 0, -1, -1, 0}, d.TrainX.Data)
	assert.Equal(t, []float32{1.5, -0.5}, d.TrainY.Data)
	assert.Equal(t, []float32{-1, -0.5, 0}, d.ValX.Data)
	assert.Equal(t, []float32{4}, d.ValY.Data)
	assert.Equal(t, []float32{-1, -1, 0, 1, 1, 0}, d.TestX.Data)
	assert.Equal(t, []float32{-3, 0}, d.TestY.Data)

	noTest := &Dataset{TrainX: tensor.From([]float32{1, 2, 4, 10, 10, 12}, 2, 3, 1), TrainY: tensor.From([]float32{7, 11}, 2, 1)}
	r, testLast, err = noTest.MakeRelative()
	require.NoError(t, err)
	assert.Equal(t, float32(2), r.Sigma)
	assert.Nil(t, testLast, "no test part, no last values")
}

func TestDataset_MakeRelativeErrors(t *testing.T) {
	train := func() (*tensor.Tensor, *tensor.Tensor) {
		return tensor.From([]float32{1, 2, 4, 10, 10, 12}, 2, 3, 1), tensor.From([]float32{7, 11}, 2, 1)
	}
	tests := []struct {
		name string
		edit func(d *Dataset)
		want string
	}{
		{"no training part", func(d *Dataset) { d.TrainX, d.TrainY = nil, nil }, "got a nil tensor (the training part)"},
		{"a horizon of 2", func(d *Dataset) { d.TestY = tensor.New(2, 2) }, "y has the shape [2 2]: want (2, 1), one next value per window of x [2 3 1] (the test part)"},
		{"two columns", func(d *Dataset) { d.ValX = tensor.New(1, 3, 2) }, "x has the shape [1 3 2]: want (N, W, 1), one column and W ≥ 1 (the validation part)"},
		{"targets without windows", func(d *Dataset) { d.ValX = nil }, "got a nil tensor (the validation part)"},
		{"no change to scale by", func(d *Dataset) { d.TrainY = tensor.From([]float32{4, 12}, 2, 1) }, "has a spread of 0 over the 2 windows: nothing to divide by (the training part)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := train()
			d := &Dataset{TrainX: x, TrainY: y, ValX: tensor.From([]float32{20, 21, 22}, 1, 3, 1), ValY: tensor.From([]float32{30}, 1, 1),
				TestX: tensor.From([]float32{0, 0, 2, 5, 5, 3}, 2, 3, 1), TestY: tensor.From([]float32{-4, 3}, 2, 1)}
			tt.edit(d)
			before := []float32{}
			for _, p := range []*tensor.Tensor{d.TrainX, d.TrainY, d.ValX, d.ValY, d.TestX, d.TestY} {
				if p != nil {
					before = append(before, p.Data...)
				}
			}
			_, _, err := d.MakeRelative()
			assert.ErrorContains(t, err, tt.want)
			after := []float32{}
			for _, p := range []*tensor.Tensor{d.TrainX, d.TrainY, d.ValX, d.ValY, d.TestX, d.TestY} {
				if p != nil {
					after = append(after, p.Data...)
				}
			}
			assert.Equal(t, before, after, "nothing changed")
		})
	}
}
