//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
	uipage "gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

func main() { uipage.Main("augment", newPage, (*page).start) }

// page is the form, the original image, the grid of variants and the
// lecture's examples.
type page struct {
	uipage.Status                          // the live region: what is happening
	doc                                    dom.Document
	form                                   *dom.HTMLFormElement
	settings                               *dom.HTMLFieldSetElement
	image, rotation, shift, zoom, contrast *dom.HTMLInputElement
	seed, variants                         *dom.HTMLInputElement
	flip, fillMode, interp                 *dom.HTMLSelectElement
	rotationOut, shiftOut, zoomOut         dom.HTMLElement
	contrastOut                            dom.HTMLElement
	original                               *dom.HTMLCanvasElement
	originalLabel                          dom.HTMLElement
	grid                                   dom.HTMLElement
	summary                                dom.HTMLElement // the grid's figures, with data attributes

	engine *jsapi.Engine
	test   *mnistdata.Pack
	labels []byte // of the test images
	asked  int    // settings changes, to drop grids that come late
	busy   bool   // a grid is being computed
}

// newPage finds the elements of augment.html; a missing one is an error.
func newPage(doc dom.Document) (*page, error) {
	input := func(id string) *dom.HTMLInputElement { return widgets.ByID[*dom.HTMLInputElement](doc, id) }
	sel := func(id string) *dom.HTMLSelectElement { return widgets.ByID[*dom.HTMLSelectElement](doc, id) }
	el := func(id string) dom.HTMLElement { return widgets.ByID[dom.HTMLElement](doc, id) }
	p := &page{
		Status: uipage.NewStatus("augment", el("status")),
		doc:    doc, form: widgets.ByID[*dom.HTMLFormElement](doc, "augment-form"),
		settings: widgets.ByID[*dom.HTMLFieldSetElement](doc, "settings"),
		image:    input("image"), rotation: input("rotation"), shift: input("shift"), zoom: input("zoom"),
		contrast: input("contrast"), seed: input("seed"), variants: input("variants"),
		flip: sel("flip"), fillMode: sel("fill-mode"), interp: sel("interpolation"),
		rotationOut: el("rotation-value"), shiftOut: el("shift-value"), zoomOut: el("zoom-value"),
		contrastOut: el("contrast-value"),
		original:    widgets.ByID[*dom.HTMLCanvasElement](doc, "original"), originalLabel: el("original-label"),
		grid: el("grid"), summary: el("variants-stats"),
	}
	s := defaults
	if widgets.QueryFlag(js.Global().Get("location").Get("search").String(), "quick") {
		s = quick
	}
	p.fill(s)
	p.settings.SetDisabled(true)
	return p, nil
}

// fill puts s in the form.
func (p *page) fill(s settings) {
	p.image.SetValue(format.Itoa(s.Image))
	p.flip.SetValue(s.Flip)
	p.rotation.SetValue(format.Shortest(s.Rotation))
	p.shift.SetValue(format.Shortest(s.Shift))
	p.zoom.SetValue(format.Shortest(s.Zoom))
	p.contrast.SetValue(format.Shortest(s.Contrast))
	p.fillMode.SetValue(s.FillMode)
	p.interp.SetValue(s.Interp)
	p.seed.SetValue(format.Itoa(s.Seed))
	p.variants.SetValue(format.Itoa(s.Variants))
	p.showFactors(s)
}

// read returns the form's settings.
func (p *page) read() settings {
	return settings{
		Image: int(p.image.ValueAsNumber()), Flip: p.flip.Value(),
		Rotation: p.rotation.ValueAsNumber(), Shift: p.shift.ValueAsNumber(), Zoom: p.zoom.ValueAsNumber(),
		Contrast: p.contrast.ValueAsNumber(), FillMode: p.fillMode.Value(), Interp: p.interp.Value(),
		Seed: int(p.seed.ValueAsNumber()), Variants: int(p.variants.ValueAsNumber()),
	}
}

// showFactors writes the sliders' values beside them.
func (p *page) showFactors(s settings) {
	p.rotationOut.SetTextContent("±" + format.Fixed(degrees(s.Rotation), 0) + "°")
	p.shiftOut.SetTextContent("±" + format.Fixed(100*s.Shift, 0) + " % (±" + format.Fixed(28*s.Shift, 1) + " px)")
	p.zoomOut.SetTextContent("±" + format.Fixed(100*s.Zoom, 0) + " %")
	p.contrastOut.SetTextContent("×" + format.Fixed(1-s.Contrast, 2) + " … ×" + format.Fixed(1+s.Contrast, 2))
}

// start loads the engine and the test images, then draws the grid and the
// examples.
func (p *page) start() {
	if p.engine = p.LoadEngine(); p.engine == nil {
		return
	}
	p.Say("Downloading the MNIST test images…")
	var err error
	if p.test, err = mnistdata.FetchPack(mnistdata.TestURL); err != nil {
		p.Fail("The images did not load", err)
		return
	}
	p.labels = p.test.LabelBytes(p.test.N)
	p.image.SetMax(format.Itoa(p.test.N - 1))
	p.settings.SetDisabled(false)
	changed := func(dom.Event) {
		s := p.read()
		p.showFactors(s)
		p.refresh()
	}
	p.form.AddEventListener("input", false, changed)
	p.form.AddEventListener("change", false, changed)
	p.form.AddEventListener("submit", false, func(ev dom.Event) { ev.PreventDefault() })
	p.refresh()
	go p.showExamples()
}
