package timeseries

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vegaDir is VegaDir seen from this package's folder, where go test runs.
var vegaDir = filepath.Join("..", "..", VegaDir)

// The shipped files' SHA-256, as listed in data/vega/README.md.
var vegaSHA256 = map[string]string{
	VegaCO2.File:            "c1a4a970864145940a28225cae288618b156cb32f9a2a1b6606ba7124134febb",
	VegaSeattleWeather.File: "0845078a290b48e3149ab8639966824110a251db4e06fc144c06ebb534af23be",
	VegaGlobalTemp.File:     "5933dcb6d5e7fc5c0c241b956b802de2b02da12d0914d06031030579a0f1443b",
}

func TestVegaFilesUnchanged(t *testing.T) {
	for file, want := range vegaSHA256 {
		b, err := os.ReadFile(filepath.Join(vegaDir, file))
		require.NoError(t, err)
		sum := sha256.Sum256(b)
		assert.Equal(t, want, hex.EncodeToString(sum[:]), file)
	}
	for _, f := range []string{"LICENSE", "README.md"} {
		assert.FileExists(t, filepath.Join(vegaDir, f))
	}
}

func TestLoadVega(t *testing.T) {
	tests := []struct {
		file        VegaFile
		first, last time.Time
		firstValues []float32
		lastValues  []float32
		step        func(a, b time.Time) bool // true if b is one step after a
		gaps        int                       // steps that are not one step
	}{
		{VegaCO2, day("1958-03-01"), day("2020-04-01"),
			[]float32{315.70, 314.44}, []float32{416.18, 413.35},
			func(a, b time.Time) bool { return a.AddDate(0, 1, 0).Equal(b) },
			3}, // 1958-06, 1958-10 and 1964-02..04 are absent
		{VegaSeattleWeather, day("2012-01-01"), day("2015-12-31"),
			[]float32{0, 12.8, 5.0, 4.7}, []float32{0, 5.6, -2.1, 3.5},
			func(a, b time.Time) bool { return b.Sub(a) == 24*time.Hour },
			0},
		{VegaGlobalTemp, day("1880-01-01"), day("2023-01-01"),
			[]float32{-0.17}, []float32{1.17},
			func(a, b time.Time) bool { return a.AddDate(1, 0, 0).Equal(b) },
			0},
	}
	for _, tt := range tests {
		t.Run(tt.file.File, func(t *testing.T) {
			s, err := LoadVega(vegaDir, tt.file)
			require.NoError(t, err)
			assert.Equal(t, filepath.Join(vegaDir, tt.file.File), s.Name)
			require.Equal(t, tt.file.Rows, s.Len())
			require.Len(t, s.Times, tt.file.Rows)
			assert.Equal(t, tt.file.Config.Columns, s.Columns)
			assert.Equal(t, tt.first, s.Times[0])
			assert.Equal(t, tt.last, s.Times[s.Len()-1])
			f := s.Features()
			assert.Equal(t, tt.firstValues, s.Values[:f])
			assert.Equal(t, tt.lastValues, s.Values[len(s.Values)-f:])
			gaps := 0
			for i := 1; i < s.Len(); i++ {
				if !tt.step(s.Times[i-1], s.Times[i]) {
					gaps++
				}
			}
			assert.Equal(t, tt.gaps, gaps)
		})
	}
}

// The whole path on the real CO2 record: split, scale on the training
// rows, window each part, and the last-value baseline in ppm.
func TestPrepareCO2(t *testing.T) {
	s, err := LoadVega(vegaDir, VegaCO2)
	require.NoError(t, err)
	cfg := DefaultConfig()
	cfg.Window, cfg.Horizon, cfg.Target = 12, 1, s.Index("CO2")
	d, err := Prepare(s, cfg)
	require.NoError(t, err)

	assert.Equal(t, Split{519, 667, 741}, d.Split)
	assert.Equal(t, []int{507, 12, 2}, d.TrainX.Shape)
	assert.Equal(t, []int{507, 1}, d.TrainY.Shape)
	assert.Equal(t, []int{136, 12, 2}, d.ValX.Shape)
	assert.Equal(t, []int{62, 12, 2}, d.TestX.Shape)

	// The scaler saw only the 519 training rows (1958-03 to 2001-10); the
	// reference values come from Python's statistics.mean and pstdev.
	m, sd := meanStd(s.Column(0)[:519])
	assert.Equal(t, m, d.Scaler.Shift[0])
	assert.Equal(t, sd, d.Scaler.Scale[0])
	assert.InDelta(t, 339.750096, float64(m), 1e-4)
	assert.InDelta(t, 16.995014, float64(sd), 1e-4)

	// The baseline's error in ppm, two ways: through the scaler, and
	// straight from the file's values.
	pred := NaiveForecast(d.TestX, cfg.Target, cfg.Horizon)
	yTrue := d.Scaler.Inverse(cfg.Target, d.TestY.Data)
	yPred := d.Scaler.Inverse(cfg.Target, pred.Data)
	var viaScaler, direct float64
	for k := range yTrue {
		viaScaler += abs(float64(yTrue[k]) - float64(yPred[k]))
		r := d.Split.ValEnd + k + cfg.Window // row predicted
		direct += abs(float64(s.At(r, 0)) - float64(s.At(r-1, 0)))
	}
	viaScaler /= float64(len(yTrue))
	direct /= float64(len(yTrue))
	assert.InDelta(t, direct, viaScaler, 1e-4)
	// Normalised MAE times the standard deviation is the MAE in ppm.
	assert.InDelta(t, direct, MAE(d.TestY, pred)*float64(d.Scaler.Scale[0]), 1e-4)
	// Python on the file: mean |v[i] - v[i-1]| over rows 679..740 (2015-03 to 2020-04).
	assert.InDelta(t, 1.288226, direct, 1e-5)
}

// Several features in, one out: predict three days of maximum temperature
// from a week of Seattle weather.
func TestPrepareSeattle(t *testing.T) {
	s, err := LoadVega(vegaDir, VegaSeattleWeather)
	require.NoError(t, err)
	cfg := DefaultConfig()
	cfg.Window, cfg.Horizon, cfg.Target = 7, 3, s.Index("temp_max")
	cfg.Scale = MinMax
	d, err := Prepare(s, cfg)
	require.NoError(t, err)
	assert.Equal(t, Split{1023, 1315, 1461}, d.Split)
	assert.Equal(t, []int{1023 - 9, 7, 4}, d.TrainX.Shape)
	assert.Equal(t, []int{1023 - 9, 3}, d.TrainY.Shape)
	// Min-max on the training rows puts them in [0, 1]; later rows may
	// fall outside.
	for _, v := range d.TrainX.Data {
		require.True(t, v >= 0 && v <= 1, "%g", v)
	}
	// The first training target is temp_max of 2012-01-08 … 2012-01-10.
	got := d.Scaler.Inverse(cfg.Target, d.TrainY.Data[:3])
	want := []float32{s.At(7, 1), s.At(8, 1), s.At(9, 1)}
	assert.InDeltaSlice(t, want, got, 1e-4)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
