//go:build js && wasm

package main

import (
	"math"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/widgets"
)

// Grids up to tableMax×tableMax show as tables of numbers, as the lecture's
// slides print them; larger ones (the 28×28 digit) as shaded canvases whose
// numbers show on hover.
const (
	tableMax   = 9
	canvasCell = 7 // CSS pixels per value on a canvas
)

// gridView shows one grid in its <figure>: the shape in the caption, the
// grid as a table or a canvas, and, on a canvas, the value under the
// pointer in an <output>. The figure's data-values and data-shape hold the
// numbers for scripts and tests (Grid.Values).
type gridView struct {
	doc     dom.Document
	fig     dom.HTMLElement
	shape   dom.HTMLElement
	view    dom.HTMLElement
	readout dom.HTMLElement
	canvas  *dom.HTMLCanvasElement // made on first use, kept
	grid    Grid
	name    string // what the grid is, for the canvas' label: "the convolution"
}

func newGridView(doc dom.Document, id, name string) *gridView {
	fig := widgets.ByID[dom.HTMLElement](doc, id)
	v := &gridView{doc: doc, fig: fig, name: name}
	v.shape = fig.QuerySelector(".shape").(dom.HTMLElement)
	v.view = fig.QuerySelector(".grid-view").(dom.HTMLElement)
	v.readout = fig.QuerySelector(".readout").(dom.HTMLElement)
	return v
}

// show displays g.
func (v *gridView) show(g Grid) {
	v.grid = g
	v.fig.SetAttribute("data-shape", g.Shape())
	v.fig.SetAttribute("data-values", g.Values())
	v.fig.Class().Remove("stale")
	v.shape.SetTextContent(g.Shape())
	v.view.SetTextContent("")
	if g.H <= tableMax && g.W <= tableMax {
		v.readout.SetTextContent("")
		v.view.AppendChild(v.table(g))
		return
	}
	v.drawCanvas(g)
	v.view.AppendChild(v.canvas)
	v.readout.SetTextContent("")
}

// stale marks the grid as out of date (a filter cell that is not a number).
func (v *gridView) stale() { v.fig.Class().Add("stale") }

// table is g as a <table>, each cell shaded by its value.
func (v *gridView) table(g Grid) dom.Element {
	scale := g.MaxAbs()
	t := v.doc.CreateElement("table").(dom.HTMLElement)
	t.Class().Add("grid-table")
	body := v.doc.CreateElement("tbody")
	for i := range g.H {
		tr := v.doc.CreateElement("tr")
		for j := range g.W {
			x := g.At(i, j)
			td := v.doc.CreateElement("td").(dom.HTMLElement)
			td.SetTextContent(FormatCell(x))
			td.SetAttribute("title", "row "+itoa(i+1)+", column "+itoa(j+1)+": "+FormatExact(x))
			shade(td, x, scale)
			tr.AppendChild(td)
		}
		body.AppendChild(tr)
	}
	t.AppendChild(body)
	return t
}

// shade colours el by x on the grid's scale (CSSOM, which the page's CSP
// allows, unlike style attributes).
func shade(el dom.HTMLElement, x, scale float32) {
	rgb, dark := Shade(x, scale)
	el.Style().SetProperty("background-color", CSSColor(rgb), "")
	if dark {
		el.Class().Add("dark")
	}
}

// drawCanvas paints g on the view's canvas, one canvas pixel per value,
// scaled up by CSS without smoothing.
func (v *gridView) drawCanvas(g Grid) {
	if v.canvas == nil {
		v.canvas = v.doc.CreateElement("canvas").(*dom.HTMLCanvasElement)
		v.canvas.Class().Add("grid-canvas")
		v.canvas.SetAttribute("role", "img")
		v.canvas.AddEventListener("mousemove", false, v.hover)
		v.canvas.AddEventListener("mouseleave", false, func(dom.Event) { v.readout.SetTextContent("") })
	}
	c := v.canvas
	c.SetWidth(g.W)
	c.SetHeight(g.H)
	c.Style().SetProperty("width", itoa(g.W*canvasCell)+"px", "")
	c.Style().SetProperty("height", itoa(g.H*canvasCell)+"px", "")
	lo, hi := minMax(g.Data)
	c.SetAttribute("aria-label", "A "+g.Shape()+" grid of shaded pixels, "+v.name+": values from "+
		FormatCell(lo)+" to "+FormatCell(hi)+". Point at a pixel to read its value.")

	scale := g.MaxAbs()
	rgba := make([]byte, 4*len(g.Data))
	for i, x := range g.Data {
		rgb, _ := Shade(x, scale)
		copy(rgba[4*i:], rgb[:])
		rgba[4*i+3] = 255
	}
	arr := js.Global().Get("Uint8ClampedArray").New(len(rgba))
	js.CopyBytesToJS(arr, rgba)
	img := js.Global().Get("ImageData").New(arr, g.W, g.H)
	c.GetContext2d().Call("putImageData", img, 0, 0)
}

// hover shows the value under the mouse.
func (v *gridView) hover(ev dom.Event) {
	me, ok := ev.(*dom.MouseEvent)
	g := v.grid
	// offsetX/Y are from the padding box: measure it without the border.
	c := v.canvas.Underlying()
	w, h := c.Get("clientWidth").Float(), c.Get("clientHeight").Float()
	if !ok || w <= 0 || h <= 0 || g.W == 0 {
		return
	}
	j := int(math.Floor(me.OffsetX() / w * float64(g.W)))
	i := int(math.Floor(me.OffsetY() / h * float64(g.H)))
	if i < 0 || j < 0 || i >= g.H || j >= g.W {
		return
	}
	v.readout.SetTextContent("Row " + itoa(i+1) + ", column " + itoa(j+1) + ": " + FormatExact(g.At(i, j)))
}
