package widgets

import "math"

// ValueRange is the smallest and largest finite value of data; 0, 0 when
// it has none.
func ValueRange(data []float32) (lo, hi float32) {
	first := true
	for _, v := range data {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			continue
		}
		if first {
			lo, hi, first = v, v, false
			continue
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}

// level maps v from lo … hi to 0 … 1, clamped; a flat range (lo ≥ hi) gives
// 0 and NaN gives 0.
func level(v, lo, hi float32) float64 {
	if !(hi > lo) || math.IsNaN(float64(v)) {
		return 0
	}
	return min(1, max(0, float64(v-lo)/float64(hi-lo)))
}

// GrayRGBA turns data (one value per pixel) into opaque RGBA bytes, lo
// black and hi white, as MNIST is shown: white ink on black.
func GrayRGBA(data []float32, lo, hi float32) []byte {
	out := make([]byte, 4*len(data))
	for i, v := range data {
		g := byte(math.Round(255 * level(v, lo, hi)))
		out[4*i], out[4*i+1], out[4*i+2], out[4*i+3] = g, g, g, 255
	}
	return out
}

// heatStops is the heat map's colour ramp from 0 to 1: black, dark red,
// orange, pale yellow (light grows with the value, so it reads in grey too).
var heatStops = [][3]float64{{0, 0, 0}, {128, 16, 24}, {232, 96, 16}, {255, 236, 150}}

// HeatRGBA turns data into opaque RGBA bytes on the heat ramp, lo dark and
// hi bright.
func HeatRGBA(data []float32, lo, hi float32) []byte {
	out := make([]byte, 4*len(data))
	last := float64(len(heatStops) - 1)
	for i, v := range data {
		t := level(v, lo, hi) * last
		k := min(int(t), len(heatStops)-2)
		f := t - float64(k)
		for c := range 3 {
			a, b := heatStops[k][c], heatStops[k+1][c]
			out[4*i+c] = byte(math.Round(a + (b-a)*f))
		}
		out[4*i+3] = 255
	}
	return out
}

// Abs is |v| for every value of data, in a new slice.
func Abs(data []float32) []float32 {
	out := make([]float32, len(data))
	for i, v := range data {
		out[i] = float32(math.Abs(float64(v)))
	}
	return out
}
