//go:build js && wasm

package widgets

import (
	"math"
	"strings"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
)

// Series is one set of points of a Plot, drawn as a line, dots or both.
type Series struct {
	Key    string  // names the series in the canvas's data-series
	Color  string  // a CSS colour, at least 3:1 on white
	Width  float64 // the line's width in CSS pixels; 0: no line
	Dot    float64 // the radius of a dot at each point; 0: no dots
	Dashed bool
	Alpha  float64 // opacity, 0 meaning 1
	X, Y   []float64
}

// PlotAxis is one axis of a Plot.
type PlotAxis struct {
	Label    string
	Min, Max float64 // a fixed range when Min < Max; else fitted to the data
	Log      bool    // a log10 scale: values ≤ 0 are not drawn
	Ticks    int     // about how many ticks a linear axis has; 0 means 5
}

// Plot is a line chart of any number of series on linear or log axes,
// redrawn at the next animation frame after a change and when the window
// is resized. Its canvas says what it shows for tests and tools:
// data-series lists the keys of the series with points, data-points their
// numbers of points, in the same order.
type Plot struct {
	X, Y  PlotAxis
	Empty string // said in the middle while no series has points

	canvas  *dom.HTMLCanvasElement
	ctx     *dom.CanvasRenderingContext2D
	drawn   *Canvas
	series  []Series
	sx, sy  PlotScale // of the last drawing, for clicks
	onClick func(x, y float64)
}

// The plot area's margins, in CSS pixels.
const (
	plotLeft, plotRight   = 56, 14
	plotTop, plotBottom   = 10, 40
	plotTextColor         = "#344054"
	plotGridColor         = "#e4e7ec"
	plotFont              = "12px system-ui, sans-serif"
	plotMaxPointsPerPixel = 2
)

// NewPlot draws an empty plot with axes x and y on canvas.
func NewPlot(canvas *dom.HTMLCanvasElement, x, y PlotAxis) *Plot {
	p := &Plot{X: x, Y: y, canvas: canvas}
	p.drawn = NewCanvas(canvas, p.draw)
	p.ctx = p.drawn.Ctx
	canvas.AddEventListener("click", false, func(ev dom.Event) {
		if p.onClick == nil || p.sx.Hi <= p.sx.Lo {
			return
		}
		e := ev.Underlying()
		r := canvas.GetBoundingClientRect()
		px, py := e.Get("clientX").Float()-r.Left(), e.Get("clientY").Float()-r.Top()
		if px < p.sx.From || px > p.sx.To || py > p.sy.From || py < p.sy.To {
			return // outside the plot area
		}
		p.onClick(p.sx.Value(px), p.sy.Value(py))
	})
	return p
}

// OnClick calls f with the data coordinates of each click inside the plot
// area (f must not block).
func (p *Plot) OnClick(f func(x, y float64)) { p.onClick = f }

// Set adds s, or replaces the series with its key.
func (p *Plot) Set(s Series) {
	for i := range p.series {
		if p.series[i].Key == s.Key {
			p.series[i] = s
			p.changed()
			return
		}
	}
	p.series = append(p.series, s)
	p.changed()
}

// Remove removes the series key.
func (p *Plot) Remove(key string) {
	out := p.series[:0]
	for _, s := range p.series {
		if s.Key != key {
			out = append(out, s)
		}
	}
	p.series = out
	p.changed()
}

// Clear removes every series.
func (p *Plot) Clear() {
	p.series = p.series[:0]
	p.changed()
}

func (p *Plot) changed() {
	var keys, counts []string
	for _, s := range p.series {
		if n := min(len(s.X), len(s.Y)); n > 0 {
			keys = append(keys, s.Key)
			counts = append(counts, format.Itoa(n))
		}
	}
	p.canvas.SetAttribute("data-series", strings.Join(keys, ","))
	p.canvas.SetAttribute("data-points", strings.Join(counts, ","))
	p.Redraw()
}

// Redraw draws at the next animation frame, once however often it is asked.
func (p *Plot) Redraw() { p.drawn.Redraw() }

func (p *Plot) draw(w, h float64) {
	ctx := p.ctx
	ctx.ClearRect(0, 0, w, h)
	ctx.SetFont(plotFont)
	p.sx = p.scale(p.X, func(s Series) []float64 { return s.X }, plotLeft, w-plotRight)
	p.sy = p.scale(p.Y, func(s Series) []float64 { return s.Y }, h-plotBottom, plotTop)
	p.drawAxes(w, h)
	drawn := false
	for _, s := range p.series {
		drawn = p.drawSeries(s) || drawn
	}
	if !drawn && p.Empty != "" {
		ctx.SetFillStyle(plotTextColor)
		ctx.SetTextAlign("center")
		ctx.SetTextBaseline("middle")
		ctx.FillText(p.Empty, (p.sx.From+p.sx.To)/2, (p.sy.From+p.sy.To)/2, -1)
	}
}

// scale fits an axis to its fixed range, or to the data rounded out to
// ticks.
func (p *Plot) scale(a PlotAxis, values func(Series) []float64, from, to float64) PlotScale {
	s := PlotScale{From: from, To: to, Log: a.Log}
	if a.Min < a.Max {
		s.Lo, s.Hi = a.Min, a.Max
		return s
	}
	var vs [][]float64
	for _, se := range p.series {
		vs = append(vs, values(se))
	}
	lo, hi, ok := DataRange(a.Log, vs...)
	switch {
	case !ok && a.Log:
		lo, hi = 0.1, 10
	case !ok:
		lo, hi = 0, 1
	}
	var ticks []float64
	if a.Log {
		ticks = LogTicks(lo, hi)
	} else {
		ticks = NiceTicks(lo, hi, a.tickCount())
	}
	s.Lo, s.Hi = ticks[0], ticks[len(ticks)-1]
	return s
}

func (a PlotAxis) tickCount() int {
	if a.Ticks == 0 {
		return 5
	}
	return a.Ticks
}

// ticks are the grid lines and labels of an axis over lo … hi.
func (p *Plot) ticks(a PlotAxis, lo, hi float64) []float64 {
	if a.Log {
		return LogGridTicks(lo, hi)
	}
	return NiceTicks(lo, hi, a.tickCount())
}

func (p *Plot) drawAxes(w, h float64) {
	ctx := p.ctx
	ctx.SetLineWidth(1)
	ctx.SetFillStyle(plotTextColor)
	ctx.SetTextAlign("right")
	ctx.SetTextBaseline("middle")
	for _, v := range p.ticks(p.Y, p.sy.Lo, p.sy.Hi) {
		if v < p.sy.Lo || v > p.sy.Hi {
			continue
		}
		y := p.sy.Px(v)
		ctx.SetStrokeStyle(plotGridColor)
		Line(ctx, p.sx.From, y, p.sx.To, y)
		ctx.FillText(TickLabel(v), p.sx.From-6, y, -1)
	}
	ctx.SetTextAlign("center")
	ctx.SetTextBaseline("top")
	for _, v := range p.ticks(p.X, p.sx.Lo, p.sx.Hi) {
		if v < p.sx.Lo || v > p.sx.Hi {
			continue
		}
		x := p.sx.Px(v)
		ctx.SetStrokeStyle(plotGridColor)
		Line(ctx, x, p.sy.From, x, p.sy.To)
		ctx.FillText(TickLabel(v), x, p.sy.From+4, -1)
	}
	ctx.FillText(p.X.Label, (p.sx.From+p.sx.To)/2, h-17, -1)
	if p.Y.Label != "" { // turned a quarter, along the left edge
		ctx.Save()
		ctx.Translate(12, (p.sy.From+p.sy.To)/2)
		ctx.Rotate(-math.Pi / 2)
		ctx.SetTextBaseline("middle")
		ctx.FillText(p.Y.Label, 0, 0, -1)
		ctx.Restore()
	}
}

// drawSeries draws s, lifting the pen over values it cannot place, and
// reports whether it had points.
func (p *Plot) drawSeries(s Series) bool {
	n := min(len(s.X), len(s.Y))
	if n == 0 {
		return false
	}
	ctx := p.ctx
	ctx.Save()
	defer ctx.Restore()
	ctx.BeginPath()
	ctx.Call("rect", p.sx.From, p.sy.To, p.sx.To-p.sx.From, p.sy.From-p.sy.To)
	ctx.Call("clip")
	if s.Alpha > 0 {
		ctx.SetGlobalAlpha(s.Alpha)
	}
	ctx.SetStrokeStyle(s.Color)
	ctx.SetFillStyle(s.Color)
	if s.Width > 0 {
		ctx.Set("lineWidth", s.Width) // SetLineWidth takes whole pixels
		ctx.SetLineJoin("round")
		if s.Dashed {
			ctx.Call("setLineDash", []any{6, 4})
		}
		ctx.BeginPath()
		pen := false
		for _, i := range thin(s.X[:n], s.Y[:n], p.sx, int(p.sx.To-p.sx.From)*plotMaxPointsPerPixel) {
			x, y := s.X[i], s.Y[i]
			switch {
			case !p.sx.Drawable(x) || !p.sy.Drawable(y):
				pen = false
			case pen:
				ctx.LineTo(p.sx.Px(x), p.sy.Px(y))
			default:
				ctx.MoveTo(p.sx.Px(x), p.sy.Px(y))
				pen = true
			}
		}
		ctx.Stroke()
	}
	if s.Dot > 0 {
		for i := range n {
			if x, y := s.X[i], s.Y[i]; p.sx.Drawable(x) && p.sy.Drawable(y) {
				ctx.BeginPath()
				ctx.Arc(p.sx.Px(x), p.sy.Px(y), s.Dot, 0, 2*math.Pi, false)
				ctx.Fill()
			}
		}
	}
	return true
}
