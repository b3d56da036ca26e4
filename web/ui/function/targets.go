package main

import (
	"errors"
	"math"

	"gonn/nn/rng"
)

// The plot's window: the targets are drawn on x in [XMin, XMax], and the
// points live in it and in [YMin, YMax] (a click outside is no point).
const (
	XMin, XMax = -1.0, 1.0
	YMin, YMax = -1.5, 1.5
)

// target is a 1-D function to learn.
type target struct {
	Key   string // the form's value
	Label string // as the page writes it
	F     func(x float64) float64
}

// targets are the page's choices; "points" (the user's own) has no F.
var targets = []target{
	{Key: "sine", Label: "sin(2πx)", F: func(x float64) float64 { return math.Sin(2 * math.Pi * x) }},
	{Key: "step", Label: "a step: 0, then 1 from x = 0", F: func(x float64) float64 {
		if x < 0 {
			return 0
		}
		return 1
	}},
	{Key: "abs", Label: "|x|", F: math.Abs},
	{Key: "points", Label: "your own points"},
}

// targetOf returns the target with key.
func targetOf(key string) (target, error) {
	for _, t := range targets {
		if t.Key == key {
			return t, nil
		}
	}
	return target{}, errors.New("there is no target " + key)
}

// point is one training example.
type point struct{ X, Y float64 }

// sample draws n points of t: x uniform in [XMin, XMax], y = F(x) plus
// Gaussian noise of standard deviation noise, from a generator seeded with
// seed (x, then the noise, point after point). The user's own target has no
// points to draw: nil.
func sample(t target, n int, noise float64, seed uint64) []point {
	if t.F == nil {
		return nil
	}
	r := rng.New(seed)
	ps := make([]point, n)
	for i := range ps {
		x := XMin + (XMax-XMin)*r.Float64()
		ps[i] = point{x, t.F(x) + noise*r.Normal()}
	}
	return ps
}

// inWindow reports whether p lies in the plot's window.
func inWindow(p point) bool {
	return p.X >= XMin && p.X <= XMax && p.Y >= YMin && p.Y <= YMax
}

// grid returns n evenly spaced x from XMin to XMax, both included (n ≥ 2):
// where the fitted curve is drawn.
func grid(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = XMin + (XMax-XMin)*float64(i)/float64(n-1)
	}
	return xs
}
