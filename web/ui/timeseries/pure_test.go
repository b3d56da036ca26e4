package main

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/tensor"
	"gonn/nn/timeseries"
)

// vega reads a shipped file from the module's data/vega.
func vega(t *testing.T, src source) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "data", "vega", src.Vega.File))
	require.NoError(t, err)
	return b
}

// TestLoad: every shipped series loads and splits; the relative windows
// give back the values they were made of.
func TestLoad(t *testing.T) {
	for _, src := range sources {
		t.Run(src.Key, func(t *testing.T) {
			d, err := load(vega(t, src), src)
			require.NoError(t, err)
			assert.Equal(t, src.Vega.Rows, d.train+d.val+d.tested)
			n := d.testX.Shape[0]
			assert.Equal(t, d.tested-src.Window, n, "one held-out example per step after the first window")
			assert.Equal(t, []int{n, src.Window, 1}, d.testX.Shape)
			require.Len(t, d.testTimes, n)
			require.Len(t, d.testTruth, n)
			assert.Greater(t, d.rel.Sigma, float32(0))
			// The last step of every window is 0 after the shift.
			w := src.Window
			for k := range n {
				assert.Zero(t, d.testX.Data[k*w+w-1])
			}
			// Forecasting the true changes gives the truth back.
			truth, err := d.forecast(d.testY.Data)
			require.NoError(t, err)
			for k := range n {
				assert.InDelta(t, d.testTruth[k], truth[k], 1e-3*math.Abs(float64(d.testTruth[k]))+1e-4)
			}
			assert.InDelta(t, 0, d.mae(truth), 1e-3)
			assert.Greater(t, d.naiveMAE(), 0.0)
		})
	}
}

// TestLoad_CO2: the figures the recipe's results file gives for the same
// cut (results/timeseries.md): 495, 87 and 87 windows, σ = 1.223 ppm, a
// naive test MAE of 1.273 ppm, the held-out months 2011-02 on.
func TestLoad_CO2(t *testing.T) {
	src := sources[0]
	d, err := load(vega(t, src), src)
	require.NoError(t, err)
	assert.Equal(t, 495, d.trainX.Shape[0])
	assert.Equal(t, 87, d.valX.Shape[0])
	assert.Equal(t, 87, d.testX.Shape[0])
	assert.InDelta(t, 1.223, d.rel.Sigma, 5e-4)
	assert.InDelta(t, 1.273, d.naiveMAE(), 5e-4)
	assert.Equal(t, "2013-02", d.testTimes[0].Format("2006-01"), "24 months after the first held-out month, 2011-02")
}

func TestLoad_Errors(t *testing.T) {
	src := sources[0]
	_, err := load([]byte("Date,CO2\n1958-03-01,abc\n"), src)
	assert.ErrorContains(t, err, `co2-concentration.csv: line 2, column "CO2": "abc" is not a number`)
	_, err = load([]byte("Date,CO2\n1958-03-01,315\n1958-04-01,316\n"), src)
	assert.Error(t, err, "too short for windows of 24 months")
	flat := "Date,CO2\n"
	for y := 1900; y < 1940; y++ {
		for m := 1; m <= 12; m++ {
			flat += itoa4(y) + "-" + itoa2(m) + "-01,300\n"
		}
	}
	_, err = load([]byte(flat), src)
	assert.ErrorContains(t, err, "co2-concentration.csv: timeseries: FitRelative: the one-step change (target − the window's last value) has a spread of 0")
}

func itoa4(v int) string { return string(rune('0'+v/1000)) + string(rune('0'+v/100%10)) + itoa2(v%100) }
func itoa2(v int) string { return string(rune('0'+v/10)) + string(rune('0'+v%10)) }

func TestLastSteps(t *testing.T) {
	x := tensor.From([]float32{1, 2, 3, 4, 5, 6, 7, 8}, 2, 4, 1)
	assert.Equal(t, []float32{3, 4, 7, 8}, lastSteps(x, 2).Data)
	assert.Equal(t, []int{2, 2, 1}, lastSteps(x, 2).Shape)
	assert.Equal(t, x.Data, lastSteps(x, 4).Data)
	assert.Panics(t, func() { lastSteps(x, 5) })
	assert.Panics(t, func() { lastSteps(x, 0) })
}

func TestReceptiveField(t *testing.T) {
	tests := []struct{ kernel, depth, want int }{
		{3, 1, 3}, {12, 1, 12}, {3, 2, 5}, {6, 2, 11}, {2, 4, 5}, {24, 1, 24},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, receptiveField(tt.kernel, tt.depth), "kernel %d, %d layers", tt.kernel, tt.depth)
	}
}

func TestSettings_Check(t *testing.T) {
	assert.NoError(t, defaults.check())
	assert.NoError(t, quick.check())
	tests := []struct {
		name string
		edit func(*settings)
		want string
	}{
		{"unknown series", func(s *settings) { s.Source = "sp500" }, "there is no series sp500"},
		{"no epochs", func(s *settings) { s.Epochs = 0 }, "epochs must be 1 to 300, not 0"},
		{"negative seed", func(s *settings) { s.Seed = -1 }, "the seed must be"},
		{"kernel 1", func(s *settings) { s.Kernel = 1 }, "the kernel size must be 2 to 24 (the window), not 1"},
		{"kernel beyond the window", func(s *settings) { s.Kernel = 25 }, "not 25"},
		{"no layers", func(s *settings) { s.Depth = 0 }, "Conv1D layers must be 1 to 4, not 0"},
		{"too far back", func(s *settings) { s.Kernel, s.Depth = 13, 2 }, "2 layers of kernel 13 would see 25 months, more than the window of 24"},
		{"global temperature's window", func(s *settings) { s.Source, s.Kernel = "global-temp", 11 }, "2 to 10 (the window)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := defaults
			tt.edit(&s)
			err := s.check()
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tt.want)
			}
		})
	}
}

func TestEarlyStop(t *testing.T) {
	s := newEarlyStop(2)
	steps := []struct {
		loss         float64
		better, stop bool
	}{
		{1.0, true, false},
		{0.8, true, false},
		{0.9, false, false},
		{0.7, true, false}, // the wait starts again
		{0.7, false, false},
		{math.NaN(), false, true},
	}
	for e, st := range steps {
		better, stop := s.epoch(e, st.loss)
		assert.Equal(t, st.better, better, "epoch %d", e)
		assert.Equal(t, st.stop, stop, "epoch %d", e)
	}
	assert.Equal(t, 3, s.bestAt)
	assert.Equal(t, 0.7, s.best)
}

func TestNiceScale(t *testing.T) {
	tests := []struct {
		lo, hi         float64
		from, to, step float64
	}{
		{391.2, 416.3, 390, 420, 5},
		{0.31, 1.17, 0.2, 1.2, 0.2},
		{0.3, 0.9, 0.3, 0.9, 0.1},
		{-3.2, 34.4, -10, 40, 10},
		{5, 5, 4, 6, 0.5},
		{10, 0, 0, 10, 2},
	}
	for _, tt := range tests {
		from, to, step := niceScale(tt.lo, tt.hi, 5)
		assert.InDelta(t, tt.from, from, 1e-9, "%v … %v", tt.lo, tt.hi)
		assert.InDelta(t, tt.to, to, 1e-9, "%v … %v", tt.lo, tt.hi)
		assert.InDelta(t, tt.step, step, 1e-12, "%v … %v", tt.lo, tt.hi)
	}
}

// TestSources: every source's column is in its file's configuration.
func TestSources(t *testing.T) {
	for _, s := range sources {
		assert.Contains(t, s.Vega.Config.Columns, s.Column, s.Key)
		assert.Equal(t, "data/vega/"+s.Vega.File, s.URL())
		got, err := sourceByKey(s.Key)
		require.NoError(t, err)
		assert.Equal(t, s.Key, got.Key)
	}
	_ = timeseries.VegaDir
}

func TestTimeTicks(t *testing.T) {
	tests := []struct {
		labels []string
		most   int
		want   []int
	}{
		{[]string{"2011", "2011", "2012", "2012", "2013"}, 8, []int{0, 2, 4}},
		{[]string{"a", "b", "c", "d", "e", "f", "g"}, 3, []int{0, 3, 6}},
		{[]string{"a", "b", "c", "d"}, 2, []int{0, 2}},
		{nil, 5, nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, timeTicks(tt.labels, tt.most), "%v", tt.labels)
	}
}
