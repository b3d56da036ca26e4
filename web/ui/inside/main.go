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

func main() { uipage.Main("inside", newPage, (*page).start) }

// page wires the training, the pad and the pictures.
type page struct {
	uipage.Status                                         // the live region: what is happening
	controls                              uipage.Controls // Changed: update
	doc                                   dom.Document
	trainSize, epochs, testSize, maxSteps *dom.HTMLInputElement
	seed, testImage                       *dom.HTMLInputElement
	useTest, maximiseButton               *dom.HTMLButtonElement
	progress                              *dom.HTMLProgressElement
	lookStatus, verdict                   dom.HTMLElement
	pad                                   *widgets.Pad
	maps, filters, maxima                 dom.HTMLElement
	saliency, occlusion                   *dom.HTMLCanvasElement
	confusion                             *dom.HTMLTableElement
	confusionInfo                         dom.HTMLElement
	weightRows, gradientRows              *dom.HTMLTableSectionElement

	engine              *jsapi.Engine
	trainPack, testPack *mnistdata.Pack
	model               *jsapi.Model // nil until trained
	input               []float32    // the digit looked at, 784 values in [0, 1]
	asked               int          // looks asked for, to drop late answers
}

// newPage finds the elements of inside.html; a missing one is an error.
func newPage(doc dom.Document) (*page, error) {
	input := func(id string) *dom.HTMLInputElement { return widgets.ByID[*dom.HTMLInputElement](doc, id) }
	button := func(id string) *dom.HTMLButtonElement { return widgets.ByID[*dom.HTMLButtonElement](doc, id) }
	el := func(id string) dom.HTMLElement { return widgets.ByID[dom.HTMLElement](doc, id) }
	canvas := func(id string) *dom.HTMLCanvasElement { return widgets.ByID[*dom.HTMLCanvasElement](doc, id) }
	rows := func(id string) *dom.HTMLTableSectionElement {
		return widgets.ByID[*dom.HTMLTableSectionElement](doc, id)
	}
	p := &page{
		Status:    uipage.NewStatus("inside", el("status")),
		controls:  uipage.TrainControlsOf(doc),
		doc:       doc,
		trainSize: input("train-size"), epochs: input("epochs"), testSize: input("test-size"),
		maxSteps: input("max-steps"), seed: input("seed"), testImage: input("test-image"),
		useTest: button("use-test"), maximiseButton: button("maximise"),
		progress:   widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		lookStatus: el("look-status"), verdict: el("verdict"),
		maps: el("maps"), filters: el("filters"), maxima: el("maxima"),
		saliency: canvas("saliency"), occlusion: canvas("occlusion"),
		confusion:     widgets.ByID[*dom.HTMLTableElement](doc, "confusion"),
		confusionInfo: el("confusion-info"),
		weightRows:    rows("weight-rows"), gradientRows: rows("gradient-rows"),
	}
	p.controls.Changed = p.update
	p.pad = widgets.NewPad(canvas("pad"), canvas("preview"), button("clear"))
	p.pad.OnStroke = func(img []float32) { p.look(img) }
	s := defaults
	if widgets.QueryFlag(js.Global().Get("location").Get("search").String(), "quick") {
		s = quick
	}
	p.trainSize.SetValue(format.Itoa(s.TrainSize))
	p.epochs.SetValue(format.Itoa(s.Epochs))
	p.testSize.SetValue(format.Itoa(s.TestSize))
	p.maxSteps.SetValue(format.Itoa(s.MaxSteps))
	p.seed.SetValue(format.Itoa(s.Seed))
	p.controls.Settings.SetDisabled(true) // until the engine is ready
	p.update()
	return p, nil
}

// read returns the form's settings.
func (p *page) read() settings {
	n := func(in *dom.HTMLInputElement) int { return int(in.ValueAsNumber()) }
	return settings{TrainSize: n(p.trainSize), Epochs: n(p.epochs), TestSize: n(p.testSize), MaxSteps: n(p.maxSteps), Seed: n(p.seed)}
}

// start loads the engine and enables training. Training and the gradient
// ascent are runs of the controls: one at a time.
func (p *page) start() {
	e := p.LoadEngine()
	if e == nil {
		return
	}
	p.engine = e
	p.controls.Wire(p.Status, func() func() error {
		s := p.read()
		return func() error { return p.train(s) }
	}, nil)
	p.useTest.AddEventListener("click", false, func(dom.Event) { go p.lookAtTest(int(p.testImage.ValueAsNumber())) })
	p.maximiseButton.AddEventListener("click", false, func(dom.Event) {
		if p.model != nil {
			s := p.read()
			p.controls.Start(p.Status, func() error { p.maximise(s); return nil })
		}
	})
	p.controls.Settings.SetDisabled(false)
	p.update()
	p.Ready(e, "Press Train: the pictures appear once the network has learned.")
}

// update enables the buttons beside the controls that the page's state
// allows: the gradient ascent needs a network and no run, a test image a
// network.
func (p *page) update() {
	p.maximiseButton.SetDisabled(p.engine == nil || p.controls.Running() || p.model == nil)
	p.useTest.SetDisabled(p.model == nil)
}
