//go:build js && wasm

package widgets

import (
	"math"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/mnistdata"
)

// strokeWidth is the pen's width in the pad's pixels (280×280): about a
// tenth of a digit's height, as MNIST's strokes are 2 to 3 pixels of 20.
const strokeWidth = 22

// Pad is the drawing pad: a transparent canvas drawn on with pointer events
// (mouse, pen and touch alike), so that its alpha channel is the ink. After
// each stroke it digitizes the drawing as MNIST was made
// (mnistdata.Digitize), shows the 28×28 result in the preview and passes it
// to OnStroke.
type Pad struct {
	// Image is the digitized drawing (784 values in [0, 1], row-major), nil
	// while the pad is blank.
	Image []float32
	// OnStroke, if set, gets the drawing after each stroke; it must not block.
	OnStroke func(img []float32)
	// OnClear, if set, is called when the drawing is cleared.
	OnClear func()

	canvas  *dom.HTMLCanvasElement
	ctx     *dom.CanvasRenderingContext2D
	preview *dom.CanvasRenderingContext2D
	drawing bool
	x, y    float64 // the last point of the stroke, in canvas pixels
}

// NewPad makes a drawing pad of canvas (280×280 pixels), with preview (a
// 28×28 canvas) and the button clear.
func NewPad(canvas, preview *dom.HTMLCanvasElement, clear *dom.HTMLButtonElement) *Pad {
	// The pad is read back after every stroke: ask for a context kept in
	// memory rather than on the GPU (and spare Chromium's warning).
	ctx := canvas.Call("getContext", "2d", map[string]any{"willReadFrequently": true})
	p := &Pad{canvas: canvas, ctx: &dom.CanvasRenderingContext2D{Value: ctx}, preview: preview.GetContext2d()}
	p.ctx.SetLineWidth(strokeWidth)
	p.ctx.SetLineCap("round")
	p.ctx.SetLineJoin("round")
	p.ctx.SetStrokeStyle("#fff")
	p.ctx.SetFillStyle("#fff")
	canvas.AddEventListener("pointerdown", false, p.down)
	canvas.AddEventListener("pointermove", false, p.move)
	canvas.AddEventListener("pointerup", false, p.up)
	canvas.AddEventListener("pointercancel", false, p.up)
	clear.AddEventListener("click", false, func(dom.Event) { p.Clear() })
	p.showPreview(make([]float32, mnistdata.Pixels))
	return p
}

// point returns the event's position in canvas pixels (the canvas may be
// shown at another size than its 280×280 pixels).
func (p *Pad) point(ev dom.Event) (x, y float64) {
	e := ev.Underlying()
	r := p.canvas.GetBoundingClientRect()
	x = (e.Get("clientX").Float() - r.Left()) * float64(p.canvas.Width()) / r.Width()
	y = (e.Get("clientY").Float() - r.Top()) * float64(p.canvas.Height()) / r.Height()
	return x, y
}

func (p *Pad) down(ev dom.Event) {
	e := ev.Underlying()
	if e.Get("button").Int() != 0 { // the main button, a touch or a pen
		return
	}
	ev.PreventDefault()
	p.canvas.Underlying().Call("setPointerCapture", e.Get("pointerId"))
	p.drawing = true
	p.x, p.y = p.point(ev)
	p.ctx.BeginPath() // a dot, for a click without a move
	p.ctx.Arc(p.x, p.y, strokeWidth/2, 0, 2*math.Pi, false)
	p.ctx.Fill()
}

func (p *Pad) move(ev dom.Event) {
	if !p.drawing {
		return
	}
	x, y := p.point(ev)
	p.ctx.BeginPath()
	p.ctx.MoveTo(p.x, p.y)
	p.ctx.LineTo(x, y)
	p.ctx.Stroke()
	p.x, p.y = x, y
}

func (p *Pad) up(dom.Event) {
	if !p.drawing {
		return
	}
	p.drawing = false
	w, h := p.canvas.Width(), p.canvas.Height()
	rgba := make([]byte, 4*w*h)
	js.CopyBytesToGo(rgba, p.ctx.GetImageData(0, 0, w, h).Get("data"))
	img, ok := mnistdata.Digitize(mnistdata.AlphaInk(rgba), w, h)
	if !ok {
		return
	}
	p.Image = img
	p.showPreview(img)
	if p.OnStroke != nil {
		p.OnStroke(img)
	}
}

// Clear wipes the drawing.
func (p *Pad) Clear() {
	p.ctx.ClearRect(0, 0, float64(p.canvas.Width()), float64(p.canvas.Height()))
	p.Image = nil
	p.showPreview(make([]float32, mnistdata.Pixels))
	if p.OnClear != nil {
		p.OnClear()
	}
}

// showPreview draws img as MNIST shows it: white ink on black.
func (p *Pad) showPreview(img []float32) {
	rgba := make([]byte, 4*mnistdata.Pixels)
	for i, v := range img {
		g := byte(math.Round(float64(v) * 255))
		rgba[4*i], rgba[4*i+1], rgba[4*i+2], rgba[4*i+3] = g, g, g, 255
	}
	data := p.preview.CreateImageData(mnistdata.Side, mnistdata.Side)
	js.CopyBytesToJS(data.Get("data"), rgba)
	p.preview.PutImageData(data, 0, 0)
}
