//go:build js && wasm

package main

import (
	"math"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/widgets"
)

// Colours of the chart, the same as the legend's in sentiment.css, all at
// least 4.5:1 on white.
const (
	lstmColor    = "#1d4ed8"
	bagColor     = "#b54708"
	ceilingColor = "#475467"
	gridColor    = "#e4e7ec"
	textColor    = "#344054"
)

// The chart's series.
const (
	lstmSeries = iota
	bagSeries
	seriesCount
)

// accuracyChart plots the test accuracy of both models against epochs (0
// is before training), with the ceiling that no bag of words can pass as
// a dashed line: the margin is the gap between the two curves. It redraws
// at the next animation frame after a change.
type accuracyChart struct {
	canvas  *widgets.Canvas
	ctx     *dom.CanvasRenderingContext2D
	epochs  int
	ceiling float64 // NaN: none to draw
	points  [seriesCount][]chartPoint
}

type chartPoint struct{ epoch, accuracy float64 }

func newAccuracyChart(canvas *dom.HTMLCanvasElement) *accuracyChart {
	c := &accuracyChart{epochs: 1, ceiling: math.NaN()}
	c.canvas = widgets.NewCanvas(canvas, c.draw)
	c.ctx = c.canvas.Ctx
	return c
}

// reset empties the chart for a run of epochs on a test set whose
// bag-of-words ceiling is ceiling.
func (c *accuracyChart) reset(epochs int, ceiling float64) {
	c.epochs, c.ceiling = max(1, epochs), ceiling
	for i := range c.points {
		c.points[i] = c.points[i][:0]
	}
	c.redraw()
}

// add records a series' test accuracy after epoch (0: before training).
func (c *accuracyChart) add(series, epoch int, accuracy float64) {
	c.points[series] = append(c.points[series], chartPoint{float64(epoch), accuracy})
	c.redraw()
}

func (c *accuracyChart) redraw() { c.canvas.Redraw() }

// The plot area's margins, in CSS pixels.
const (
	marginLeft, marginRight = 48, 16
	marginTop, marginBottom = 12, 36
)

func (c *accuracyChart) draw(w, h float64) {
	ctx := c.ctx
	ctx.ClearRect(0, 0, w, h)
	ctx.SetFont("12px system-ui, sans-serif")
	ctx.SetLineWidth(1)
	ctx.Call("setLineDash", []any{})
	x0, x1 := float64(marginLeft), w-marginRight
	y0, y1 := h-marginBottom, float64(marginTop)
	px := func(epoch float64) float64 { return x0 + (x1-x0)*epoch/float64(c.epochs) }
	py := func(acc float64) float64 { return y0 + (y1-y0)*acc }

	ctx.SetTextBaseline("middle")
	ctx.SetTextAlign("right")
	for i := 0; i <= 4; i++ {
		y := py(float64(i) / 4)
		ctx.SetStrokeStyle(gridColor)
		widgets.Line(ctx, x0, y, x1, y)
		ctx.SetFillStyle(textColor)
		ctx.FillText(format.Itoa(25*i)+" %", x0-6, y, -1)
	}
	ctx.SetTextAlign("center")
	ctx.SetTextBaseline("top")
	for _, e := range widgets.EpochTicks(c.epochs) {
		ctx.SetStrokeStyle(gridColor)
		widgets.Line(ctx, px(e), y0, px(e), y1)
		ctx.FillText(widgets.AxisLabel(e), px(e), y0+4, -1)
	}
	ctx.FillText("epochs", (x0+x1)/2, y0+19, -1)

	if !math.IsNaN(c.ceiling) {
		ctx.SetStrokeStyle(ceilingColor)
		ctx.Call("setLineDash", []any{6, 4})
		widgets.Line(ctx, x0, py(c.ceiling), x1, py(c.ceiling))
		ctx.Call("setLineDash", []any{})
		ctx.SetFillStyle(ceilingColor)
		ctx.SetTextAlign("right")
		ctx.SetTextBaseline("bottom")
		ctx.FillText("no bag of words passes "+format.Percent(c.ceiling, 1), x1-4, py(c.ceiling)-3, -1)
	}
	if len(c.points[lstmSeries]) == 0 && len(c.points[bagSeries]) == 0 {
		ctx.SetFillStyle(textColor)
		ctx.SetTextAlign("center")
		ctx.SetTextBaseline("middle")
		ctx.FillText("The test accuracy of both models appears here after each epoch.", (x0+x1)/2, py(0.25), -1)
	}
	c.plot(c.points[lstmSeries], lstmColor, px, py)
	c.plot(c.points[bagSeries], bagColor, px, py)
}

// plot draws one series as a line with a dot on each epoch.
func (c *accuracyChart) plot(points []chartPoint, color string, px, py func(float64) float64) {
	ctx := c.ctx
	ctx.SetStrokeStyle(color)
	ctx.SetFillStyle(color)
	ctx.SetLineWidth(2)
	ctx.SetLineJoin("round")
	ctx.BeginPath()
	for i, p := range points {
		if i == 0 {
			ctx.MoveTo(px(p.epoch), py(p.accuracy))
		} else {
			ctx.LineTo(px(p.epoch), py(p.accuracy))
		}
	}
	ctx.Stroke()
	for _, p := range points {
		ctx.BeginPath()
		ctx.Arc(px(p.epoch), py(p.accuracy), 3, 0, 2*math.Pi, false)
		ctx.Fill()
	}
}
