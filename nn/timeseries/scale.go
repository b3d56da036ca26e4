package timeseries

import (
	"fmt"
	"math"
	"slices"
)

// Scaler kinds, for FitScaler and Config.Scale.
const (
	Standard = "standard" // (x - mean) / std, as scikit-learn's StandardScaler
	MinMax   = "minmax"   // (x - min) / (max - min), into [0, 1] on the fitted rows
	NoScale  = "none"     // values unchanged
)

// Scaler normalises each column of a Series: z = (x - Shift[j]) / Scale[j],
// and back: x = z*Scale[j] + Shift[j].
type Scaler struct {
	// Kind is Standard, MinMax or NoScale.
	Kind string
	// Shift holds one value per column: the mean (Standard), the minimum
	// (MinMax) or 0 (NoScale).
	Shift []float32
	// Scale holds one value per column: the population standard deviation
	// (Standard, divided by n, not n-1), max - min (MinMax) or 1 (NoScale).
	// A constant column gets 1, as in scikit-learn, so nothing divides by 0.
	Scale []float32
}

// FitScaler learns a Scaler of the given kind from rows [from, to) of s:
// fit it on the training rows only, so that nothing about the validation or
// test rows leaks into training. Sums run in float64, in row order.
func FitScaler(kind string, s *Series, from, to int) (*Scaler, error) {
	if from < 0 || to > s.Len() || from >= to {
		return nil, fmt.Errorf("%s: cannot fit a scaler on rows [%d, %d) of a series of %d rows", s.Name, from, to, s.Len())
	}
	f := s.Features()
	sc := &Scaler{Kind: kind, Shift: make([]float32, f), Scale: make([]float32, f)}
	for j := range f {
		col := s.Column(j)[from:to]
		switch kind {
		case Standard:
			sc.Shift[j], sc.Scale[j] = meanStd(col)
		case MinMax:
			lo, hi := slices.Min(col), slices.Max(col)
			sc.Shift[j], sc.Scale[j] = lo, hi-lo
		case NoScale:
			sc.Scale[j] = 1
		default:
			return nil, fmt.Errorf("timeseries: unknown scaler %q (want %q, %q or %q)", kind, Standard, MinMax, NoScale)
		}
		if sc.Scale[j] == 0 || math.IsInf(float64(sc.Scale[j]), 0) {
			sc.Scale[j] = 1
		}
	}
	return sc, nil
}

// meanStd returns the mean and the population standard deviation of v.
func meanStd(v []float32) (mean, std float32) {
	var sum float64
	for _, x := range v {
		sum += float64(x)
	}
	m := sum / float64(len(v))
	var ss float64
	for _, x := range v {
		d := float64(x) - m
		ss += float64(d * d) // rounded before the add: no fused multiply-add
	}
	return float32(m), float32(math.Sqrt(ss / float64(len(v))))
}

// Transform returns a copy of s with every column scaled. It panics if s
// has not as many columns as the Scaler.
func (sc *Scaler) Transform(s *Series) *Series {
	f := s.Features()
	if f != len(sc.Shift) {
		panic(fmt.Sprintf("timeseries: Transform: scaler fitted on %d columns, series %s has %d", len(sc.Shift), s.Name, f))
	}
	out := &Series{Name: s.Name, Columns: slices.Clone(s.Columns), Times: slices.Clone(s.Times), Values: make([]float32, len(s.Values))}
	for i, x := range s.Values {
		j := i % f
		out.Values[i] = (x - sc.Shift[j]) / sc.Scale[j]
	}
	return out
}

// Inverse maps values of column col back from scaled units to the data's
// units (x = z*Scale + Shift), for instance a model's predictions of the
// target column. It returns a new slice.
func (sc *Scaler) Inverse(col int, z []float32) []float32 {
	out := make([]float32, len(z))
	a, b := sc.Scale[col], sc.Shift[col]
	for i, v := range z {
		out[i] = float32(v*a) + b
	}
	return out
}
