package main

import "math"

// The map's colours: light for low losses, darker for high ones, so that
// the racers' paths stand out; contour lines darker still.
var heatStops = [][3]float64{{250, 251, 253}, {205, 219, 235}, {129, 151, 182}}

const (
	contourLevels = 14
	contourShade  = 0.8 // a contour pixel's colour, times this
)

// heatLevels maps losses to [0, 1] on a log scale above their minimum, so
// that the contours crowd where the surface is flat and near its minima
// too: t = log(L − lo + δ) from log δ to log(hi − lo + δ), δ a thousandth
// of the range.
func heatLevels(losses []float32) []float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range losses {
		lo, hi = min(lo, float64(v)), max(hi, float64(v))
	}
	delta := (hi-lo)*1e-3 + 1e-12
	l0, l1 := math.Log(delta), math.Log(hi-lo+delta)
	t := make([]float64, len(losses))
	for i, v := range losses {
		t[i] = (math.Log(float64(v)-lo+delta) - l0) / (l1 - l0)
	}
	return t
}

// heatImage colours the levels t of an nx × ny grid (row-major, top row
// first) as RGBA pixels, darkening where the contour level changes from
// the pixel to its right or below.
func heatImage(t []float64, nx, ny int) []byte {
	level := func(i int) int { return min(contourLevels-1, int(t[i]*contourLevels)) }
	rgba := make([]byte, 4*nx*ny)
	for r := range ny {
		for c := range nx {
			i := r*nx + c
			col := heatColor(t[i])
			edge := (c+1 < nx && level(i+1) != level(i)) || (r+1 < ny && level(i+nx) != level(i))
			for k := range 3 {
				v := col[k]
				if edge {
					v *= contourShade
				}
				rgba[4*i+k] = byte(math.Round(v))
			}
			rgba[4*i+3] = 255
		}
	}
	return rgba
}

// heatColor interpolates heatStops at t in [0, 1].
func heatColor(t float64) [3]float64 {
	t = math.Max(0, math.Min(1, t))
	seg := t * float64(len(heatStops)-1)
	i := min(len(heatStops)-2, int(seg))
	f := seg - float64(i)
	var out [3]float64
	for k := range 3 {
		out[k] = heatStops[i][k] + f*(heatStops[i+1][k]-heatStops[i][k])
	}
	return out
}
