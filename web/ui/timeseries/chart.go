//go:build js && wasm

package main

import (
	"math"
	"strings"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/widgets"
)

// line is one series of the forecast chart; its colour matches the
// legend's (sequences.css), at least 3:1 on white.
type line struct {
	key    string
	color  string
	width  float64
	dashed bool
	values []float32 // one per held-out step; nil: not drawn
}

// The chart's lines, drawn in this order (the truth on top).
var lineStyles = []line{
	{key: "naive", color: "#667085", width: 1.5, dashed: true},
	{key: "simple-rnn", color: "#b54708", width: 1.5},
	{key: "lstm", color: "#1d4ed8", width: 1.5},
	{key: "gru", color: "#067647", width: 1.5},
	{key: "conv1d", color: "#9e165f", width: 1.5},
	{key: "truth", color: "#101828", width: 2.5},
}

const (
	gridColor = "#e4e7ec"
	textColor = "#344054"
)

// forecastChart plots the held-out steps: the true values and each
// forecast of them, against time. It redraws at the next animation frame
// after a change and when the window is resized. The canvas's data-lines
// attribute lists the lines drawn, data-points the steps.
type forecastChart struct {
	canvas *widgets.Canvas
	ctx    *dom.CanvasRenderingContext2D
	labels []string // the time of each step, as the axis writes it
	unit   string
	lines  []line
}

func newForecastChart(canvas *dom.HTMLCanvasElement) *forecastChart {
	c := &forecastChart{lines: append([]line(nil), lineStyles...)}
	c.canvas = widgets.NewCanvas(canvas, c.draw)
	c.ctx = c.canvas.Ctx
	return c
}

// reset starts a chart of the held-out steps labelled labels, in unit,
// with the truth and the naive forecast.
func (c *forecastChart) reset(labels []string, unit string, truth, naive []float32) {
	c.labels, c.unit = labels, unit
	for i := range c.lines {
		c.lines[i].values = nil
	}
	c.set("truth", truth)
	c.set("naive", naive)
}

// set draws (or, for nil, removes) the line key.
func (c *forecastChart) set(key string, values []float32) {
	var drawn []string
	for i := range c.lines {
		if c.lines[i].key == key {
			c.lines[i].values = values
		}
		if c.lines[i].values != nil {
			drawn = append(drawn, c.lines[i].key)
		}
	}
	c.canvas.El.SetAttribute("data-lines", strings.Join(drawn, ","))
	c.canvas.El.SetAttribute("data-points", format.Itoa(len(c.labels)))
	c.canvas.Redraw()
}

// The plot area's margins, in CSS pixels.
const (
	marginLeft, marginRight = 56, 16
	marginTop, marginBottom = 12, 40
)

func (c *forecastChart) draw(w, h float64) {
	ctx := c.ctx
	ctx.ClearRect(0, 0, w, h)
	ctx.SetFont("12px system-ui, sans-serif")
	x0, x1 := float64(marginLeft), w-marginRight
	y0, y1 := h-marginBottom, float64(marginTop)
	n := len(c.labels)
	if n < 2 {
		ctx.SetFillStyle(textColor)
		ctx.SetTextAlign("center")
		ctx.SetTextBaseline("middle")
		ctx.FillText("The held-out values and the forecasts appear here.", (x0+x1)/2, (y0+y1)/2, -1)
		return
	}
	lo, hi := c.extent()
	from, to, step := niceScale(lo, hi, 5)
	px := func(i int) float64 { return x0 + (x1-x0)*float64(i)/float64(n-1) }
	py := func(v float64) float64 { return y0 + (y1-y0)*(v-from)/(to-from) }

	ctx.SetLineWidth(1)
	ctx.SetTextBaseline("middle")
	ctx.SetTextAlign("right")
	for v := from; v <= to+step/2; v += step {
		ctx.SetStrokeStyle(gridColor)
		widgets.Line(ctx, x0, py(v), x1, py(v))
		ctx.SetFillStyle(textColor)
		ctx.FillText(format.Shortest(math.Round(v*1000)/1000), x0-6, py(v), -1)
	}
	ctx.SetTextAlign("center")
	ctx.SetTextBaseline("top")
	for _, i := range timeTicks(c.labels, 8) {
		ctx.SetStrokeStyle(gridColor)
		widgets.Line(ctx, px(i), y0, px(i), y1)
		ctx.FillText(c.labels[i], px(i), y0+4, -1)
	}
	ctx.FillText(c.unit+" · held-out steps, each forecast one step ahead", (x0+x1)/2, y0+21, -1)

	for _, l := range c.lines {
		if l.values == nil {
			continue
		}
		ctx.SetStrokeStyle(l.color)
		ctx.Set("lineWidth", l.width) // SetLineWidth takes whole pixels
		ctx.SetLineJoin("round")
		if l.dashed {
			ctx.Call("setLineDash", []any{6, 4})
		} else {
			ctx.Call("setLineDash", []any{})
		}
		ctx.BeginPath()
		pen := false // up across values that are not finite
		for i, v := range l.values {
			f := float64(v)
			switch {
			case math.IsNaN(f) || math.IsInf(f, 0):
				pen = false
			case pen:
				ctx.LineTo(px(i), py(f))
			default:
				ctx.MoveTo(px(i), py(f))
				pen = true
			}
		}
		ctx.Stroke()
	}
	ctx.Call("setLineDash", []any{})
}

// extent is the smallest and largest value of the lines drawn.
func (c *forecastChart) extent() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, l := range c.lines {
		for _, v := range l.values {
			if f := float64(v); !math.IsNaN(f) && !math.IsInf(f, 0) {
				lo, hi = min(lo, f), max(hi, f)
			}
		}
	}
	if lo > hi {
		return 0, 1
	}
	return lo, hi
}
