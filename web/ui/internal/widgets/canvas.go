//go:build js && wasm

package widgets

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// Canvas is a canvas that a chart draws on: draw paints it at the next
// animation frame after Redraw (once, however often it is asked) and when
// the window is resized, with the canvas's pixels sized to its CSS size
// times the device pixel ratio, so that lines stay sharp; draw gets the CSS
// size, and is not called while the canvas has no area (it is hidden).
type Canvas struct {
	El  *dom.HTMLCanvasElement
	Ctx *dom.CanvasRenderingContext2D

	draw   func(w, h float64)
	frame  js.Func
	queued bool
}

// NewCanvas returns el as a Canvas painted by draw, and asks for a first
// drawing.
func NewCanvas(el *dom.HTMLCanvasElement, draw func(w, h float64)) *Canvas {
	c := &Canvas{El: el, Ctx: el.GetContext2d(), draw: draw}
	c.frame = js.FuncOf(func(js.Value, []js.Value) any {
		c.queued = false
		if w, h := fitCanvas(c.El, c.Ctx); w > 0 && h > 0 { // else hidden: nothing to see
			c.draw(w, h)
		}
		return nil
	})
	dom.GetWindow().AddEventListener("resize", false, func(dom.Event) { c.Redraw() })
	c.Redraw()
	return c
}

// Redraw draws at the next animation frame, once however often it is asked.
func (c *Canvas) Redraw() {
	if !c.queued {
		c.queued = true
		js.Global().Call("requestAnimationFrame", c.frame)
	}
}

// Line strokes a straight line from (x0, y0) to (x1, y1).
func Line(ctx *dom.CanvasRenderingContext2D, x0, y0, x1, y1 float64) {
	ctx.BeginPath()
	ctx.MoveTo(x0, y0)
	ctx.LineTo(x1, y1)
	ctx.Stroke()
}

// fitCanvas sizes the canvas's pixels to its CSS size times the device
// pixel ratio, so that lines stay sharp, and returns the CSS size.
func fitCanvas(canvas *dom.HTMLCanvasElement, ctx *dom.CanvasRenderingContext2D) (w, h float64) {
	r := canvas.GetBoundingClientRect()
	w, h = r.Width(), r.Height()
	dpr := js.Global().Get("devicePixelRatio").Float()
	if dpr <= 0 {
		dpr = 1
	}
	if pw, ph := int(w*dpr+0.5), int(h*dpr+0.5); canvas.Width() != pw || canvas.Height() != ph {
		canvas.SetWidth(pw)
		canvas.SetHeight(ph)
	}
	ctx.Call("setTransform", dpr, 0, 0, dpr, 0, 0)
	return w, h
}
