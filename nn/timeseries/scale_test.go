package timeseries

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// series3 is 5 rows of three columns: a ramp, a constant, a jump.
func series3() *Series {
	return &Series{Name: "s3", Columns: []string{"ramp", "const", "jump"}, Values: []float32{
		1, 7, 0,
		2, 7, 0,
		3, 7, 0,
		4, 7, 100,
		5, 7, -100,
	}}
}

func TestFitScaler(t *testing.T) {
	s := series3()
	tests := []struct {
		kind         string
		from, to     int
		shift, scale []float32
	}{
		// Fitted on the first three rows only: the jump in rows 3 and 4 is unseen.
		{Standard, 0, 3, []float32{2, 7, 0}, []float32{float32(math.Sqrt(2.0 / 3)), 1, 1}},
		{Standard, 0, 5, []float32{3, 7, 0}, []float32{float32(math.Sqrt2), 1, float32(math.Sqrt(4000))}},
		{MinMax, 0, 3, []float32{1, 7, 0}, []float32{2, 1, 1}},
		{MinMax, 2, 5, []float32{3, 7, -100}, []float32{2, 1, 200}},
		{NoScale, 0, 5, []float32{0, 0, 0}, []float32{1, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			sc, err := FitScaler(tt.kind, s, tt.from, tt.to)
			require.NoError(t, err)
			assert.Equal(t, tt.kind, sc.Kind)
			assert.Equal(t, tt.shift, sc.Shift)
			assert.InDeltaSlice(t, tt.scale, sc.Scale, 1e-6)
		})
	}
}

func TestFitScalerErrors(t *testing.T) {
	s := series3()
	for _, tt := range []struct {
		kind     string
		from, to int
		want     string
	}{
		{"zscore", 0, 3, `timeseries: unknown scaler "zscore" (want "standard", "minmax" or "none")`},
		{Standard, 3, 3, "s3: cannot fit a scaler on rows [3, 3) of a series of 5 rows"},
		{Standard, -1, 3, "s3: cannot fit a scaler on rows [-1, 3)"},
		{Standard, 0, 6, "s3: cannot fit a scaler on rows [0, 6)"},
	} {
		_, err := FitScaler(tt.kind, s, tt.from, tt.to)
		require.Error(t, err)
		assert.Contains(t, err.Error(), tt.want)
	}
}

// meanStd against the textbook two-pass formula in float64.
func TestMeanStd(t *testing.T) {
	v := []float32{315.7, 317.46, 317.51, 315.86, 314.93, 313.2, 312.66}
	var sum float64
	for _, x := range v {
		sum += float64(x)
	}
	mean := sum / 7
	var ss float64
	for _, x := range v {
		ss += (float64(x) - mean) * (float64(x) - mean)
	}
	m, s := meanStd(v)
	assert.Equal(t, float32(mean), m)
	assert.InDelta(t, math.Sqrt(ss/7), float64(s), 1e-6)
}

func TestScaler_TransformInverse(t *testing.T) {
	s := series3()
	for _, kind := range []string{Standard, MinMax, NoScale} {
		t.Run(kind, func(t *testing.T) {
			sc, err := FitScaler(kind, s, 0, 3)
			require.NoError(t, err)
			z := sc.Transform(s)
			assert.Equal(t, s.Columns, z.Columns)
			for j := range s.Features() {
				for i := range s.Len() {
					want := (s.At(i, j) - sc.Shift[j]) / sc.Scale[j]
					assert.Equal(t, want, z.At(i, j))
				}
				back := sc.Inverse(j, z.Column(j))
				assert.InDeltaSlice(t, s.Column(j), back, 1e-4, "column %d", j)
			}
			assert.Equal(t, []float32{1, 7, 0}, s.Values[:3], "Transform leaves its input alone")
		})
	}
	sc, _ := FitScaler(MinMax, s, 0, 3)
	assert.Equal(t, []float32{0, 0.5, 1}, sc.Transform(s).Column(0)[:3], "min-max maps the fitted rows into [0, 1]")
	assert.Panics(t, func() { sc.Transform(&Series{Columns: []string{"a"}, Values: []float32{1}}) })
}
