package timeseries

import (
	"fmt"
	"math"

	"gonn/nn/tensor"
)

// WindowConfig says how Series.Windows cuts rows into examples.
type WindowConfig struct {
	// Window is the number of consecutive steps an example shows (> 0).
	Window int
	// Horizon is the number of steps after the window to predict (> 0):
	// 1 predicts the next step.
	Horizon int
	// Target is the index in Series.Columns of the column to predict.
	Target int
	// Stride is the number of steps between the starts of successive
	// examples; 0 means 1 (every possible window).
	Stride int
}

func (c WindowConfig) stride() int { return max(c.Stride, 1) }

func (c WindowConfig) check(s *Series) error {
	if c.Window <= 0 || c.Horizon <= 0 || c.Stride < 0 {
		return fmt.Errorf("%s: window %d, horizon %d and stride %d: want window > 0, horizon > 0 and stride >= 0",
			s.Name, c.Window, c.Horizon, c.Stride)
	}
	if c.Target < 0 || c.Target >= s.Features() {
		return fmt.Errorf("%s: target column %d out of range: the series has %d columns %q", s.Name, c.Target, s.Features(), s.Columns)
	}
	return nil
}

// Examples is the number of examples Windows cuts from n rows.
func (c WindowConfig) Examples(n int) int {
	span := c.Window + c.Horizon
	if n < span || c.Window <= 0 || c.Horizon <= 0 {
		return 0
	}
	return (n-span)/c.stride() + 1
}

// Windows cuts rows [from, to) of s into supervised examples. Example k
// starts at row r = from + k*Stride:
//
//	x[k] = rows r … r+Window-1, every column      x shape (N, Window, F)
//	y[k] = column Target at rows r+Window … r+Window+Horizon-1   y shape (N, Horizon)
//
// with N = Examples(to - from). The rows must hold at least one example.
func (s *Series) Windows(from, to int, cfg WindowConfig) (x, y *tensor.Tensor, err error) {
	if err := cfg.check(s); err != nil {
		return nil, nil, err
	}
	if from < 0 || to > s.Len() || from > to {
		return nil, nil, fmt.Errorf("%s: rows [%d, %d) out of range: the series has %d rows", s.Name, from, to, s.Len())
	}
	n := cfg.Examples(to - from)
	if n == 0 {
		return nil, nil, fmt.Errorf("%s: rows [%d, %d) hold %d rows, fewer than window + horizon = %d",
			s.Name, from, to, to-from, cfg.Window+cfg.Horizon)
	}
	f := s.Features()
	if n > tensor.MaxElements/(cfg.Window*f) {
		return nil, nil, fmt.Errorf("%s: %d examples of %dx%d are more than a tensor holds (%d values)",
			s.Name, n, cfg.Window, f, tensor.MaxElements)
	}
	x = tensor.New(n, cfg.Window, f)
	y = tensor.New(n, cfg.Horizon)
	row := cfg.Window * f
	for k := range n {
		r := from + k*cfg.stride()
		copy(x.Data[k*row:(k+1)*row], s.Values[r*f:(r+cfg.Window)*f])
		for h := range cfg.Horizon {
			y.Data[k*cfg.Horizon+h] = s.Values[(r+cfg.Window+h)*f+cfg.Target]
		}
	}
	return x, y, nil
}

// Split cuts rows [0, Len) in time order: training rows [0, TrainEnd),
// validation rows [TrainEnd, ValEnd), test rows [ValEnd, Len).
type Split struct {
	TrainEnd, ValEnd, Len int
}

// ChronoSplit splits n rows into training, validation and test parts of
// about train, val and 1-train-val of the rows (each end rounded to the
// nearest row), in that order. The TensorFlow tutorial uses 0.7 and 0.2.
func ChronoSplit(n int, train, val float64) (Split, error) {
	if !(train > 0) || !(val >= 0) || train+val > 1+1e-9 || n <= 0 { // 1e-9: fractions such as 0.7+0.3 may sum just above 1
		return Split{}, fmt.Errorf("timeseries: cannot split %d rows into fractions train %g, val %g: want n > 0, train > 0, val >= 0, train+val <= 1",
			n, train, val)
	}
	te := int(math.Round(float64(n) * train))
	ve := int(math.Round(float64(n) * (train + val)))
	return Split{TrainEnd: te, ValEnd: min(ve, n), Len: n}, nil
}

// Config is what Prepare needs: how to cut, split and scale a Series.
type Config struct {
	WindowConfig
	// Train and Val are the fractions of the rows, in time order, for
	// training and validation; the test part is the rest. Val may be 0, and
	// so may the test part (Train+Val = 1): that part is then empty.
	Train, Val float64
	// Scale is the Scaler kind: Standard, MinMax or NoScale.
	Scale string
}

// DefaultConfig returns the TensorFlow time-series tutorial's choices: 70 %
// training, 20 % validation, 10 % test, standard scaling. Window, Horizon
// and Target must still be set (Horizon is 1 here).
func DefaultConfig() Config {
	return Config{WindowConfig: WindowConfig{Horizon: 1}, Train: 0.7, Val: 0.2, Scale: Standard}
}

// Dataset is a Series made ready for training: each part's inputs x (N,
// Window, F) and targets y (N, Horizon), scaled. A part whose rows are zero
// has nil tensors.
type Dataset struct {
	TrainX, TrainY *tensor.Tensor
	ValX, ValY     *tensor.Tensor
	TestX, TestY   *tensor.Tensor
	// Split gives the rows of each part in the Series.
	Split Split
	// Scaler was fitted on the training rows; Scaler.Inverse(Target, …)
	// maps targets and predictions back to the data's units.
	Scaler *Scaler
}

// Prepare splits s in time order, fits the scaler on the training rows,
// scales every row and cuts each part into windows on its own, so that no
// example sees rows of another part. Every part that has rows must hold at
// least Window + Horizon of them.
func Prepare(s *Series, cfg Config) (*Dataset, error) {
	if err := cfg.check(s); err != nil {
		return nil, err
	}
	sp, err := ChronoSplit(s.Len(), cfg.Train, cfg.Val)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Name, err)
	}
	sc, err := FitScaler(cfg.Scale, s, 0, sp.TrainEnd)
	if err != nil {
		return nil, fmt.Errorf("%s: training part: %w", s.Name, err)
	}
	scaled := sc.Transform(s)
	d := &Dataset{Split: sp, Scaler: sc}
	parts := []struct {
		name     string
		from, to int
		x, y     **tensor.Tensor
	}{
		{"training", 0, sp.TrainEnd, &d.TrainX, &d.TrainY},
		{"validation", sp.TrainEnd, sp.ValEnd, &d.ValX, &d.ValY},
		{"test", sp.ValEnd, sp.Len, &d.TestX, &d.TestY},
	}
	for _, p := range parts {
		if p.from == p.to && p.name != "training" {
			continue
		}
		x, y, err := scaled.Windows(p.from, p.to, cfg.WindowConfig)
		if err != nil {
			return nil, fmt.Errorf("%s part: %w", p.name, err)
		}
		*p.x, *p.y = x, y
	}
	return d, nil
}
