package widgets

import (
	"math"

	"gonn/web/ui/internal/format"
)

// PlotScale maps data values on one axis of a Plot to CSS pixels and back:
// Lo … Hi (data) to From … To (pixels), linearly or, when Log is set, by
// log10 (then Lo and Hi must be positive).
type PlotScale struct {
	Lo, Hi   float64 // the data range
	From, To float64 // the pixel range: From is where Lo lands
	Log      bool
}

func (s PlotScale) t(v float64) float64 {
	if s.Log {
		return (math.Log10(v) - math.Log10(s.Lo)) / (math.Log10(s.Hi) - math.Log10(s.Lo))
	}
	return (v - s.Lo) / (s.Hi - s.Lo)
}

// Px is the pixel of the data value v.
func (s PlotScale) Px(v float64) float64 { return s.From + (s.To-s.From)*s.t(v) }

// Value is the data value at pixel px: the inverse of Px.
func (s PlotScale) Value(px float64) float64 {
	t := (px - s.From) / (s.To - s.From)
	if s.Log {
		l0, l1 := math.Log10(s.Lo), math.Log10(s.Hi)
		return math.Pow(10, l0+t*(l1-l0))
	}
	return s.Lo + t*(s.Hi-s.Lo)
}

// Drawable reports whether v can be placed on the scale: finite, and
// positive on a log scale.
func (s PlotScale) Drawable(v float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && (!s.Log || v > 0)
}

// NiceTicks returns round ticks covering lo … hi, about n of them: steps of
// 1, 2 or 5 times a power of ten, from the last multiple of the step at or
// below lo to the first at or above hi. An empty range (lo = hi) is widened
// by one either side.
func NiceTicks(lo, hi float64, n int) []float64 {
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi == lo {
		lo, hi = lo-1, hi+1
	}
	span := hi - lo
	pow := math.Pow(10, math.Floor(math.Log10(span/float64(max(1, n)))))
	step, best := pow, math.Inf(1)
	for _, m := range []float64{1, 2, 5, 10} {
		if d := math.Abs(span/(m*pow) - float64(n)); d < best {
			best, step = d, m*pow
		}
	}
	// 1e-9: 0.3/0.1 is 2.9999…, which must not floor to 2.
	first, last := math.Floor(lo/step+1e-9), math.Ceil(hi/step-1e-9)
	ticks := make([]float64, 0, int(last-first)+1)
	for k := first; k <= last; k++ {
		ticks = append(ticks, roundTick(k*step, step))
	}
	return ticks
}

// roundTick removes float noise from a tick: 0.30000000000000004 is 0.3.
func roundTick(v, step float64) float64 {
	digits := math.Max(0, -math.Floor(math.Log10(step))+1)
	p := math.Pow(10, digits)
	return math.Round(v*p) / p
}

// LogTicks returns the powers of ten covering lo … hi (both positive): the
// last at or below lo to the first at or above hi.
func LogTicks(lo, hi float64) []float64 {
	if hi < lo {
		lo, hi = hi, lo
	}
	first := math.Floor(math.Log10(lo) + 1e-9)
	last := math.Ceil(math.Log10(hi) - 1e-9)
	if last <= first {
		last = first + 1
	}
	ticks := make([]float64, 0, int(last-first)+1)
	for e := first; e <= last; e++ {
		ticks = append(ticks, math.Pow(10, e))
	}
	return ticks
}

// DataRange returns the smallest and largest drawable values among vs, or
// ok false when there is none: the range a Plot's axis fits to.
func DataRange(log bool, vs ...[]float64) (lo, hi float64, ok bool) {
	s := PlotScale{Log: log}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		for _, x := range v {
			if s.Drawable(x) {
				lo, hi = min(lo, x), max(hi, x)
			}
		}
	}
	return lo, hi, lo <= hi
}

// TickLabel writes a tick's value without float noise: 0.6, not
// 0.6000000000000001; 12,000 with a comma; 1e-05 in exponent form.
func TickLabel(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) >= 1e4 && math.Abs(v) < 1e15 {
		return format.Thousands(int(v))
	}
	if v != 0 {
		p := math.Pow(10, 6-math.Ceil(math.Log10(math.Abs(v)))) // 6 significant digits
		v = math.Round(v*p) / p
	}
	return format.Shortest(v)
}

// thin returns the indices of the points of a line to draw when there may
// be more than budget of them: for points in x order, the lowest and the
// highest of each pixel column of the scale sx, in their order, so that a
// noisy line keeps its envelope. With budget or fewer points, every index.
func thin(x, y []float64, sx PlotScale, budget int) []int {
	n := min(len(x), len(y))
	idx := make([]int, 0, min(n, 2*budget+2))
	if n <= budget {
		for i := range n {
			idx = append(idx, i)
		}
		return idx
	}
	col, lo, hi := math.NaN(), -1, -1
	flush := func() {
		switch {
		case lo < 0:
		case lo == hi:
			idx = append(idx, lo)
		case lo < hi:
			idx = append(idx, lo, hi)
		default:
			idx = append(idx, hi, lo)
		}
	}
	for i := range n {
		c := math.Floor(sx.Px(x[i]))
		if c != col {
			flush()
			col, lo, hi = c, i, i
			continue
		}
		if y[i] < y[lo] || math.IsNaN(y[lo]) {
			lo = i
		}
		if y[i] > y[hi] || math.IsNaN(y[hi]) {
			hi = i
		}
	}
	flush()
	return idx
}

// LogGridTicks returns the ticks to draw on a log axis from lo to hi (both
// powers of ten, as LogTicks gives): each power of ten, and 2 and 5 times
// it when the axis spans two decades or fewer.
func LogGridTicks(lo, hi float64) []float64 {
	decades := LogTicks(lo, hi)
	if len(decades) > 3 {
		return decades
	}
	var ticks []float64
	for i, d := range decades {
		ticks = append(ticks, d)
		if i < len(decades)-1 {
			ticks = append(ticks, roundTick(2*d, d), roundTick(5*d, d))
		}
	}
	return ticks
}
