//go:build js && wasm

package main

import (
	"math"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/widgets"
	"gonn/web/ui/optimizers/race"
)

// mapView draws a surface as a heat map with contour lines, its minima,
// the start, and the racers' paths; a click on it picks a new start. It
// redraws at the next animation frame after a change. Its canvas says
// what it shows: data-surface, data-steps (the race's), data-racers (the
// keys of the racers drawn) and data-lengths (their paths' points).
type mapView struct {
	canvas  *dom.HTMLCanvasElement
	ctx     *dom.CanvasRenderingContext2D
	surface *race.Surface
	race    *race.Race
	start   race.Point
	onClick func(race.Point)

	heat         js.Value // an offscreen canvas holding the heat map
	heatSurface  *race.Surface
	heatW, heatH int
	sx, sy       widgets.PlotScale
	frame        js.Func
	queued       bool
}

// The map's margins for its axes, in CSS pixels.
const (
	mapLeft, mapBottom, mapTop, mapRight = 34, 24, 6, 6
	// mapCell is the heat map's resolution: one value per mapCell CSS
	// pixels a side, smoothed when drawn.
	mapCell = 2
)

func newMapView(canvas *dom.HTMLCanvasElement) *mapView {
	m := &mapView{canvas: canvas, ctx: canvas.GetContext2d(),
		heat: js.Global().Get("document").Call("createElement", "canvas")}
	m.frame = js.FuncOf(func(js.Value, []js.Value) any {
		m.queued = false
		m.draw()
		return nil
	})
	dom.GetWindow().AddEventListener("resize", false, func(dom.Event) { m.redraw() })
	canvas.AddEventListener("click", false, func(ev dom.Event) {
		if m.onClick == nil || m.sx.Hi <= m.sx.Lo {
			return
		}
		e := ev.Underlying()
		r := canvas.GetBoundingClientRect()
		px, py := e.Get("clientX").Float()-r.Left(), e.Get("clientY").Float()-r.Top()
		p := race.Point{float32(m.sx.Value(px)), float32(m.sy.Value(py))}
		if m.surface.Inside(p) {
			m.onClick(p)
		}
	})
	return m
}

// show draws race rc (nil for none) on s from start.
func (m *mapView) show(s *race.Surface, start race.Point, rc *race.Race) {
	m.surface, m.start, m.race = s, start, rc
	m.canvas.SetAttribute("data-surface", s.Key)
	var keys, lengths []string
	steps := 0
	if rc != nil {
		steps = rc.Steps
		for _, r := range rc.Racers {
			keys = append(keys, r.Kind.Key)
			lengths = append(lengths, format.Itoa(len(r.Path)))
		}
	}
	m.canvas.SetAttribute("data-steps", format.Itoa(steps))
	m.canvas.SetAttribute("data-racers", strings.Join(keys, ","))
	m.canvas.SetAttribute("data-lengths", strings.Join(lengths, ","))
	m.redraw()
}

func (m *mapView) redraw() {
	if !m.queued {
		m.queued = true
		js.Global().Call("requestAnimationFrame", m.frame)
	}
}

func (m *mapView) draw() {
	if m.surface == nil {
		return
	}
	w, h := m.fit()
	ctx := m.ctx
	ctx.ClearRect(0, 0, w, h)
	win := m.surface.Window
	m.sx = widgets.PlotScale{Lo: float64(win[0][0]), Hi: float64(win[0][1]), From: mapLeft, To: w - mapRight}
	m.sy = widgets.PlotScale{Lo: float64(win[1][0]), Hi: float64(win[1][1]), From: h - mapBottom, To: mapTop}
	pw, ph := m.sx.To-m.sx.From, m.sy.From-m.sy.To
	m.paintHeat(int(pw/mapCell), int(ph/mapCell))
	ctx.Set("imageSmoothingEnabled", true)
	ctx.Call("drawImage", m.heat, m.sx.From, m.sy.To, pw, ph)
	m.drawAxes()
	m.drawMarks()
	if m.race != nil {
		for _, r := range m.race.Racers {
			m.drawPath(r)
		}
	}
}

// paintHeat computes the heat map of the surface at nx × ny values, once
// per surface and size.
func (m *mapView) paintHeat(nx, ny int) {
	nx, ny = max(nx, 2), max(ny, 2)
	if m.heatSurface == m.surface && m.heatW == nx && m.heatH == ny {
		return
	}
	m.heatSurface, m.heatW, m.heatH = m.surface, nx, ny
	rgba := heatImage(heatLevels(m.surface.Grid(nx, ny)), nx, ny)
	m.heat.Set("width", nx)
	m.heat.Set("height", ny)
	hctx := m.heat.Call("getContext", "2d")
	img := hctx.Call("createImageData", nx, ny)
	js.CopyBytesToJS(img.Get("data"), rgba)
	hctx.Call("putImageData", img, 0, 0)
}

func (m *mapView) drawAxes() {
	ctx := m.ctx
	ctx.SetFont("11px system-ui, sans-serif")
	ctx.SetFillStyle("#344054")
	ctx.SetTextAlign("center")
	ctx.SetTextBaseline("top")
	for _, v := range widgets.NiceTicks(m.sx.Lo, m.sx.Hi, 6) {
		if v >= m.sx.Lo && v <= m.sx.Hi {
			ctx.FillText(widgets.TickLabel(v), m.sx.Px(v), m.sy.From+4, -1)
		}
	}
	ctx.SetTextAlign("right")
	ctx.SetTextBaseline("middle")
	for _, v := range widgets.NiceTicks(m.sy.Lo, m.sy.Hi, 6) {
		if v >= m.sy.Lo && v <= m.sy.Hi {
			ctx.FillText(widgets.TickLabel(v), m.sx.From-5, m.sy.Px(v), -1)
		}
	}
	ctx.SetStrokeStyle("#98a2b3")
	ctx.SetLineWidth(1)
	ctx.StrokeRect(m.sx.From, m.sy.To, m.sx.To-m.sx.From, m.sy.From-m.sy.To)
}

// drawMarks marks the minima and the start.
func (m *mapView) drawMarks() {
	ctx := m.ctx
	ctx.SetFont("600 12px system-ui, sans-serif")
	ctx.SetTextAlign("left")
	ctx.SetTextBaseline("middle")
	mark := func(p race.Point, label string) {
		x, y := m.sx.Px(float64(p[0])), m.sy.Px(float64(p[1]))
		ctx.SetStrokeStyle("#101828")
		ctx.SetLineWidth(2)
		widgets.Line(ctx, x-5, y-5, x+5, y+5)
		widgets.Line(ctx, x-5, y+5, x+5, y-5)
		ctx.SetFillStyle("#101828")
		ctx.FillText(label, x+8, y+10, -1)
	}
	if m.surface.Traps {
		mark(m.surface.Min, "global minimum")
		mark(m.surface.Local, "local minimum")
	} else {
		mark(m.surface.Min, "minimum")
	}
	x, y := m.sx.Px(float64(m.start[0])), m.sy.Px(float64(m.start[1]))
	ctx.SetStrokeStyle("#101828")
	ctx.SetLineWidth(2)
	ctx.BeginPath()
	ctx.Arc(x, y, 6, 0, 2*math.Pi, false)
	ctx.Stroke()
	ctx.SetFillStyle("#101828")
	ctx.FillText("start", x+9, y-9, -1)
}

// drawPath draws a racer's path and, on its end, a dot.
func (m *mapView) drawPath(r *race.Racer) {
	ctx := m.ctx
	ctx.Save()
	defer ctx.Restore()
	ctx.BeginPath()
	ctx.Call("rect", m.sx.From, m.sy.To, m.sx.To-m.sx.From, m.sy.From-m.sy.To)
	ctx.Call("clip")
	ctx.SetStrokeStyle(r.Kind.Color)
	ctx.Set("lineWidth", 2)
	ctx.SetLineJoin("round")
	ctx.BeginPath()
	for i, p := range r.Path {
		x, y := m.sx.Px(float64(p[0])), m.sy.Px(float64(p[1]))
		if i == 0 {
			ctx.MoveTo(x, y)
		} else {
			ctx.LineTo(x, y)
		}
	}
	ctx.Stroke()
	p := r.At()
	ctx.BeginPath()
	ctx.Arc(m.sx.Px(float64(p[0])), m.sy.Px(float64(p[1])), 5.5, 0, 2*math.Pi, false)
	ctx.SetFillStyle(r.Kind.Color)
	ctx.Fill()
	ctx.SetStrokeStyle("#ffffff")
	ctx.Set("lineWidth", 1.5)
	ctx.Stroke()
}

// fit sizes the canvas's pixels to its CSS size times the device pixel
// ratio and returns the CSS size. The CSS fixes the width; the height
// follows the window's aspect, so that a unit is as long across as up.
func (m *mapView) fit() (w, h float64) {
	r := m.canvas.GetBoundingClientRect()
	w = r.Width()
	win := m.surface.Window
	aspect := float64(win[1][1]-win[1][0]) / float64(win[0][1]-win[0][0])
	h = math.Round((w-mapLeft-mapRight)*aspect + mapTop + mapBottom)
	m.canvas.Style().SetProperty("height", format.Itoa(int(h))+"px", "")
	dpr := js.Global().Get("devicePixelRatio").Float()
	if dpr <= 0 {
		dpr = 1
	}
	if pw, ph := int(w*dpr+0.5), int(h*dpr+0.5); m.canvas.Width() != pw || m.canvas.Height() != ph {
		m.canvas.SetWidth(pw)
		m.canvas.SetHeight(ph)
	}
	m.ctx.Call("setTransform", dpr, 0, 0, dpr, 0, 0)
	return w, h
}
