//go:build js && wasm

package widgets

import (
	"math"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
)

// Colours of the chart; the pages' legends use the same ones (style.css),
// all at least 4.5:1 on white.
const (
	lossColor = "#b54708"
	accColor  = "#1d4ed8"
	gridColor = "#e4e7ec"
	textColor = "#344054"
)

// Chart is a line chart of the training loss (left axis) and accuracy
// (right axis, 0 … 100 %) after each batch, against epochs. It redraws at
// the next animation frame after a change, and when the window is resized.
type Chart struct {
	canvas *Canvas
	ctx    *dom.CanvasRenderingContext2D
	epochs int
	points []chartPoint
}

type chartPoint struct {
	epoch      float64 // epochs done, fractional
	loss, accu float64
}

// NewChart draws an empty chart of one epoch on canvas.
func NewChart(canvas *dom.HTMLCanvasElement) *Chart {
	c := &Chart{epochs: 1}
	c.canvas = NewCanvas(canvas, c.draw)
	c.ctx = c.canvas.Ctx
	return c
}

// Reset empties the chart for a run of epochs.
func (c *Chart) Reset(epochs int) {
	c.epochs = max(1, epochs)
	c.points = c.points[:0]
	c.redraw()
}

// SetEpochs stretches (or shrinks) the epoch axis to epochs, keeping the
// points: for a run that goes on.
func (c *Chart) SetEpochs(epochs int) {
	c.epochs = max(1, epochs)
	c.redraw()
}

// Add records the running means after a batch, at epoch (fractional).
func (c *Chart) Add(epoch, loss, accuracy float64) {
	c.points = append(c.points, chartPoint{epoch, loss, accuracy})
	c.redraw()
}

// redraw draws at the next animation frame, once however often it is asked.
func (c *Chart) redraw() { c.canvas.Redraw() }

// The plot area's margins, in CSS pixels.
const (
	marginLeft, marginRight = 48, 52
	marginTop, marginBottom = 12, 36
)

func (c *Chart) draw(w, h float64) {
	ctx := c.ctx
	ctx.ClearRect(0, 0, w, h)
	ctx.SetFont("12px system-ui, sans-serif")
	ctx.SetLineWidth(1)
	x0, x1 := float64(marginLeft), w-marginRight
	y0, y1 := h-marginBottom, float64(marginTop)
	maxLoss := c.lossScale()
	px := func(epoch float64) float64 { return x0 + (x1-x0)*epoch/float64(c.epochs) }
	pyLoss := func(loss float64) float64 { return y0 + (y1-y0)*math.Min(loss, maxLoss)/maxLoss }
	pyAcc := func(acc float64) float64 { return y0 + (y1-y0)*acc }

	// Grid and axes: five lines, loss on the left, accuracy on the right.
	ctx.SetTextBaseline("middle")
	for i := 0; i <= 4; i++ {
		y := y0 + (y1-y0)*float64(i)/4
		ctx.SetStrokeStyle(gridColor)
		Line(ctx, x0, y, x1, y)
		ctx.SetFillStyle(lossColor)
		ctx.SetTextAlign("right")
		ctx.FillText(AxisLabel(maxLoss*float64(i)/4), x0-6, y, -1)
		ctx.SetFillStyle(accColor)
		ctx.SetTextAlign("left")
		ctx.FillText(format.Itoa(25*i)+" %", x1+6, y, -1)
	}
	ctx.SetFillStyle(textColor)
	ctx.SetTextAlign("center")
	ctx.SetTextBaseline("top")
	for _, e := range EpochTicks(c.epochs) {
		ctx.SetStrokeStyle(gridColor)
		Line(ctx, px(e), y0, px(e), y1)
		ctx.FillText(AxisLabel(e), px(e), y0+4, -1)
	}
	ctx.FillText("epochs", (x0+x1)/2, y0+19, -1)

	if len(c.points) == 0 {
		ctx.SetTextBaseline("middle")
		ctx.FillText("The curves appear here during training.", (x0+x1)/2, (y0+y1)/2, -1)
	}
	c.plot(lossColor, px, func(p chartPoint) float64 { return pyLoss(p.loss) }, func(p chartPoint) float64 { return p.loss })
	c.plot(accColor, px, func(p chartPoint) float64 { return pyAcc(p.accu) }, func(p chartPoint) float64 { return p.accu })
}

// plot draws one series as a line, skipping values that are not finite.
func (c *Chart) plot(color string, px func(float64) float64, py func(chartPoint) float64, value func(chartPoint) float64) {
	ctx := c.ctx
	ctx.SetStrokeStyle(color)
	ctx.SetLineWidth(2)
	ctx.SetLineJoin("round")
	ctx.BeginPath()
	pen := false
	for _, p := range c.points {
		if v := value(p); math.IsNaN(v) || math.IsInf(v, 0) {
			pen = false
			continue
		}
		if pen {
			ctx.LineTo(px(p.epoch), py(p))
		} else {
			ctx.MoveTo(px(p.epoch), py(p))
			pen = true
		}
	}
	ctx.Stroke()
}

// lossScale is the top of the loss axis, for the largest loss so far.
func (c *Chart) lossScale() float64 {
	top := 0.0
	for _, p := range c.points {
		if !math.IsInf(p.loss, 0) && p.loss > top {
			top = p.loss
		}
	}
	return AxisTop(top)
}
