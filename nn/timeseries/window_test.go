package timeseries

import (
	"math"
	"testing"

	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ramp2 is n rows of two columns: i and 100+i.
func ramp2(n int) *Series {
	s := &Series{Name: "ramp", Columns: []string{"a", "b"}}
	for i := range n {
		s.Values = append(s.Values, float32(i), float32(100+i))
	}
	return s
}

func TestSeries_Windows(t *testing.T) {
	s := ramp2(10)
	tests := []struct {
		name     string
		from, to int
		cfg      WindowConfig
		x        []float32
		xShape   []int
		y        []float32
	}{
		{"window 3, next step of a", 0, 5, WindowConfig{Window: 3, Horizon: 1},
			[]float32{0, 100, 1, 101, 2, 102, 1, 101, 2, 102, 3, 103}, []int{2, 3, 2},
			[]float32{3, 4}},
		{"target b, horizon 2", 0, 5, WindowConfig{Window: 2, Horizon: 2, Target: 1},
			[]float32{0, 100, 1, 101, 1, 101, 2, 102}, []int{2, 2, 2},
			[]float32{102, 103, 103, 104}},
		{"stride 3, offset rows", 4, 10, WindowConfig{Window: 2, Horizon: 1, Stride: 3},
			[]float32{4, 104, 5, 105, 7, 107, 8, 108}, []int{2, 2, 2},
			[]float32{6, 9}},
		{"exactly one example", 6, 10, WindowConfig{Window: 3, Horizon: 1},
			[]float32{6, 106, 7, 107, 8, 108}, []int{1, 3, 2},
			[]float32{9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y, err := s.Windows(tt.from, tt.to, tt.cfg)
			require.NoError(t, err)
			assert.Equal(t, tt.xShape, x.Shape)
			assert.Equal(t, tt.x, x.Data)
			assert.Equal(t, []int{tt.xShape[0], tt.cfg.Horizon}, y.Shape)
			assert.Equal(t, tt.y, y.Data)
			assert.Equal(t, tt.xShape[0], tt.cfg.Examples(tt.to-tt.from))
		})
	}
}

func TestSeries_WindowsErrors(t *testing.T) {
	s := ramp2(10)
	tests := []struct {
		name     string
		from, to int
		cfg      WindowConfig
		want     string
	}{
		{"zero window", 0, 10, WindowConfig{Horizon: 1}, "ramp: window 0, horizon 1 and stride 0: want window > 0"},
		{"zero horizon", 0, 10, WindowConfig{Window: 2}, "ramp: window 2, horizon 0"},
		{"negative stride", 0, 10, WindowConfig{Window: 2, Horizon: 1, Stride: -1}, "stride -1"},
		{"target out of range", 0, 10, WindowConfig{Window: 2, Horizon: 1, Target: 2}, `ramp: target column 2 out of range: the series has 2 columns ["a" "b"]`},
		{"rows out of range", 5, 11, WindowConfig{Window: 2, Horizon: 1}, "ramp: rows [5, 11) out of range: the series has 10 rows"},
		{"too few rows", 0, 3, WindowConfig{Window: 3, Horizon: 1}, "ramp: rows [0, 3) hold 3 rows, fewer than window + horizon = 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y, err := s.Windows(tt.from, tt.to, tt.cfg)
			require.Error(t, err)
			assert.Nil(t, x)
			assert.Nil(t, y)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestChronoSplit(t *testing.T) {
	tests := []struct {
		n          int
		train, val float64
		want       Split
	}{
		{10, 0.7, 0.2, Split{7, 9, 10}},
		{100, 0.7, 0.2, Split{70, 90, 100}},
		{741, 0.7, 0.2, Split{519, 667, 741}}, // 518.7 and 666.9 round up
		{100, 0.29, 0.01, Split{29, 30, 100}}, // 0.29*100 is 28.999…: rounded, not truncated
		{10, 0.8, 0, Split{8, 8, 10}},
		{10, 0.8, 0.2, Split{8, 10, 10}},
		{10, 1, 0, Split{10, 10, 10}},
	}
	for _, tt := range tests {
		got, err := ChronoSplit(tt.n, tt.train, tt.val)
		require.NoError(t, err)
		assert.Equal(t, tt.want, got, "%d rows, %g/%g", tt.n, tt.train, tt.val)
	}
	for _, bad := range [][3]float64{{10, 0, 0.2}, {10, 0.7, -0.1}, {10, 0.9, 0.2}, {0, 0.7, 0.2}, {10, 0.7, nan()}} {
		_, err := ChronoSplit(int(bad[0]), bad[1], bad[2])
		assert.Error(t, err, "%v", bad)
	}
}

func nan() float64 { return math.NaN() }

func TestPrepare(t *testing.T) {
	s := ramp2(20) // rows 0..19
	cfg := DefaultConfig()
	cfg.Window = 1
	d, err := Prepare(s, cfg)
	require.NoError(t, err)
	assert.Equal(t, Split{14, 18, 20}, d.Split)
	assert.Equal(t, []int{13, 1, 2}, d.TrainX.Shape)
	assert.Equal(t, []int{1, 1}, d.TestY.Shape)

	// The scaler saw the 14 training rows only.
	assert.Equal(t, []float32{6.5, 106.5}, d.Scaler.Shift)

	// Each part is windowed on its own: 12-4+1, 4-4+1, 4-4+1 examples.
	cfg.Window = 3
	cfg.Train, cfg.Val = 0.6, 0.2 // 12, 4, 4 rows
	d, err = Prepare(s, cfg)
	require.NoError(t, err)
	assert.Equal(t, []int{9, 3, 2}, d.TrainX.Shape)
	assert.Equal(t, []int{1, 3, 2}, d.ValX.Shape)
	assert.Equal(t, []int{1, 3, 2}, d.TestX.Shape)
	// In data units, the validation example sees rows 12..14 and predicts
	// row 15; the test example sees 16..18 and predicts 19.
	inv := func(x *tensor.Tensor) []float32 { return d.Scaler.Inverse(0, x.Data) }
	assert.InDeltaSlice(t, []float32{15}, inv(d.ValY), 1e-5)
	assert.InDeltaSlice(t, []float32{19}, inv(d.TestY), 1e-5)
	assert.InDelta(t, 12, float64(d.Scaler.Inverse(0, d.ValX.Data[:1])[0]), 1e-5)

	// An empty validation part is allowed.
	cfg.Train, cfg.Val = 0.8, 0
	d, err = Prepare(s, cfg)
	require.NoError(t, err)
	assert.Nil(t, d.ValX)
	assert.Nil(t, d.ValY)
	assert.Equal(t, []int{1, 1}, d.TestY.Shape)

	// A part with rows but too few for one example is an error.
	cfg.Train, cfg.Val = 0.7, 0.2
	_, err = Prepare(s, cfg)
	require.Error(t, err)
	assert.Equal(t, "test part: ramp: rows [18, 20) hold 2 rows, fewer than window + horizon = 4", err.Error())

	cfg.Scale = ""
	_, err = Prepare(s, cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `ramp: training part: timeseries: unknown scaler ""`)
}
