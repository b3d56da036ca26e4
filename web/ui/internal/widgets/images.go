//go:build js && wasm

package widgets

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// NewPixels makes a canvas of w×h pixels, one per value of the images drawn
// on it, shown enlarged without smoothing (the class "pixels" of
// pictures.css), described by label for screen readers.
func NewPixels(doc dom.Document, w, h int, label string) *dom.HTMLCanvasElement {
	c := doc.CreateElement("canvas").(*dom.HTMLCanvasElement)
	c.SetWidth(w)
	c.SetHeight(h)
	c.Class().Add("pixels")
	c.SetAttribute("role", "img")
	c.SetAttribute("aria-label", label)
	return c
}

// PutRGBA draws rgba (4 bytes per pixel, w×h) on the canvas, resizing it to
// w×h pixels.
func PutRGBA(c *dom.HTMLCanvasElement, rgba []byte, w, h int) {
	if c.Width() != w || c.Height() != h {
		c.SetWidth(w)
		c.SetHeight(h)
	}
	ctx := c.GetContext2d()
	img := ctx.CreateImageData(w, h)
	js.CopyBytesToJS(img.Get("data"), rgba)
	ctx.PutImageData(img, 0, 0)
}

// DrawGray draws data (w×h values) in grey, lo black and hi white.
func DrawGray(c *dom.HTMLCanvasElement, data []float32, w, h int, lo, hi float32) {
	PutRGBA(c, GrayRGBA(data, lo, hi), w, h)
}

// DrawHeat draws data (w×h values) on the heat ramp, lo dark and hi bright.
func DrawHeat(c *dom.HTMLCanvasElement, data []float32, w, h int, lo, hi float32) {
	PutRGBA(c, HeatRGBA(data, lo, hi), w, h)
}
