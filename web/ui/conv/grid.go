package main

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"gonn/nn/lecture"
)

// Grid is a one-channel image: H rows of W values, row-major in Data.
type Grid struct {
	H, W int
	Data []float32
}

// At is the value at row i, column j.
func (g Grid) At(i, j int) float32 { return g.Data[i*g.W+j] }

// MaxAbs is the largest |value| of g (0 for an empty or all-zero grid).
func (g Grid) MaxAbs() float32 {
	var m float32
	for _, v := range g.Data {
		m = max(m, float32(math.Abs(float64(v))))
	}
	return m
}

// Shape is "5×5".
func (g Grid) Shape() string { return strconv.Itoa(g.H) + "×" + strconv.Itoa(g.W) }

// Values is g as the page's data-values attribute holds it, for tests and
// scripts: rows separated by ";", values by ",", each in the shortest form
// that gives its float32 back: "0,1,3;1,-2,0.5".
func (g Grid) Values() string {
	var b strings.Builder
	for i := range g.H {
		if i > 0 {
			b.WriteByte(';')
		}
		for j := range g.W {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatFloat(float64(g.At(i, j)), 'g', -1, 32))
		}
	}
	return b.String()
}

// LectureImage is the lecture's 7×7 "Input image" of its convolution
// slides (package lecture).
var LectureImage = gridOf(lecture.Image)

// gridOf makes a Grid of rows of equal length.
func gridOf(rows [][]float32) Grid {
	g := Grid{H: len(rows), W: len(rows[0])}
	for _, r := range rows {
		g.Data = append(g.Data, r...)
	}
	return g
}

// Preset is a named 3×3 filter, its cells as the kernel inputs show them.
type Preset struct {
	ID, Name string
	Cells    [9]string
}

// Presets are the filters the page offers: the lecture's identity, box
// blur and horizontal edges, their transpose and a sharpening filter.
var Presets = []Preset{
	{"identity", "Identity", [9]string{"0", "0", "0", "0", "1", "0", "0", "0", "0"}},
	{"blur", "Box blur", [9]string{"1/9", "1/9", "1/9", "1/9", "1/9", "1/9", "1/9", "1/9", "1/9"}},
	{"horizontal", "Horizontal edges", [9]string{"-1", "-1", "-1", "2", "2", "2", "-1", "-1", "-1"}},
	{"vertical", "Vertical edges", [9]string{"-1", "2", "-1", "-1", "2", "-1", "-1", "2", "-1"}},
	{"sharpen", "Sharpen", [9]string{"0", "-1", "0", "-1", "5", "-1", "0", "-1", "0"}},
}

// Kernel returns the preset's nine values.
func (p Preset) Kernel() [9]float32 {
	var k [9]float32
	for i, c := range p.Cells {
		v, err := ParseCell(c)
		if err != nil {
			panic("preset " + p.ID + ": " + err.Error())
		}
		k[i] = v
	}
	return k
}

// MatchPreset returns the ID of the preset whose values k holds, or "".
func MatchPreset(k [9]float32) string {
	for _, p := range Presets {
		if p.Kernel() == k {
			return p.ID
		}
	}
	return ""
}

// ParseCell reads a kernel cell: a decimal number ("2", "-0.5", ".25",
// "1e-3") or a fraction of two ("1/9", "-1/8"), with spaces allowed around
// the parts. It returns the nearest float32.
func ParseCell(s string) (float32, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "−", "-")) // a typographic minus is a minus
	if s == "" {
		return 0, errors.New("empty: write a number such as 0, -1, 0.5 or 1/9")
	}
	num, den, isFrac := strings.Cut(s, "/")
	n, err := parseNumber(num)
	if err != nil {
		return 0, err
	}
	if !isFrac {
		return float32(n), nil
	}
	d, err := parseNumber(den)
	if err != nil {
		return 0, err
	}
	if d == 0 {
		return 0, errors.New(strconv.Quote(s) + " divides by zero")
	}
	return float32(n / d), nil
}

// parseNumber reads a finite decimal number of magnitude at most 1e6.
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || strings.ContainsAny(s, "xXpP_") || strings.EqualFold(s, "infinity") {
		return 0, errors.New(strconv.Quote(s) + " is not a number: write one such as 0, -1, 0.5 or 1/9")
	}
	if math.Abs(v) > 1e6 {
		return 0, errors.New(strconv.Quote(s) + " is too large (at most a million)")
	}
	return v, nil
}

// FormatCell writes a value for a grid's cell: an integer as one ("3",
// "-2"), a value within 1e-5 of an integer as that integer (float32
// rounding: 9 × 1/9 is 1.0000001), anything else with at most two decimals
// ("0.33", "0.5"). Never "-0".
func FormatCell(v float32) string {
	f := float64(v)
	if r := math.Round(f); math.Abs(f-r) <= 1e-5 {
		if r == 0 {
			return "0"
		}
		return strconv.FormatFloat(r, 'f', 0, 64)
	}
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// FormatExact writes a value with all the digits of its float32: the
// cells' tooltips and the hover readout.
func FormatExact(v float32) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(float64(v), 'g', -1, 32)
}

// Shade is the colour of a value on the page's diverging scale, relative
// to scale (a grid's MaxAbs): 0 is white, +scale the accent blue, -scale
// the loss orange, linear in between. Dark says that text on it must be
// white rather than black: whichever contrasts more, which is always at
// least 4.58:1 (WCAG AA).
func Shade(v, scale float32) (rgb [3]uint8, dark bool) {
	white := [3]float64{255, 255, 255}
	pos := [3]float64{29, 78, 216} // --accent #1d4ed8
	neg := [3]float64{181, 71, 8}  // --loss #b54708
	t := 0.0
	if scale > 0 {
		t = min(1, math.Abs(float64(v))/float64(scale))
	}
	end := pos
	if v < 0 {
		end = neg
	}
	for c := range 3 {
		rgb[c] = uint8(math.Round(white[c] + t*(end[c]-white[c])))
	}
	l := luminance(rgb)
	return rgb, 1.05/(l+0.05) > (l+0.05)/0.05
}

// luminance is the WCAG relative luminance of an sRGB colour.
func luminance(rgb [3]uint8) float64 {
	var lin [3]float64
	for c, v := range rgb {
		x := float64(v) / 255
		if x <= 0.04045 {
			lin[c] = x / 12.92
		} else {
			lin[c] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*lin[0] + 0.7152*lin[1] + 0.0722*lin[2]
}

// CSSColor is rgb as CSS: "rgb(29 78 216)".
func CSSColor(rgb [3]uint8) string {
	return "rgb(" + strconv.Itoa(int(rgb[0])) + " " + strconv.Itoa(int(rgb[1])) + " " + strconv.Itoa(int(rgb[2])) + ")"
}

// OutputSize is the extent of a Keras Conv2D's output along an axis of
// extent n, for a 3×3 filter at stride 1: n−2 without padding ("valid"), n
// with it ("same").
func OutputSize(n int, padding string) int {
	if padding == "same" {
		return n
	}
	return max(n-2, 0)
}

// PoolSize is the extent after 2×2 max pooling with stride 2 and no
// padding: the last row or column of an odd extent is dropped, as Keras
// does.
func PoolSize(n int) int { return n / 2 }

// minMax returns the smallest and the largest value of d (0, 0 if empty).
func minMax(d []float32) (lo, hi float32) {
	if len(d) == 0 {
		return 0, 0
	}
	lo, hi = d[0], d[0]
	for _, x := range d {
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi
}
