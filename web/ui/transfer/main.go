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

func main() { uipage.Main("transfer", newPage, (*page).start) }

// page is the form, the chart, the accuracies and the frozen-layer view.
type page struct {
	uipage.Status                     // the live region: what is happening
	controls                          uipage.Controls
	doc                               dom.Document
	trainSize, testSize, epochs, seed *dom.HTMLInputElement
	progress                          *dom.HTMLProgressElement
	stats                             dom.HTMLElement
	chart                             *widgets.Chart
	accuracy1, accuracy2              dom.HTMLElement
	layerRows, weightRows             *dom.HTMLTableSectionElement
	verdict                           dom.HTMLElement

	engine              *jsapi.Engine
	trainPack, testPack *mnistdata.Pack
	trainLabels         []byte
	testLabels          []byte
	model               *jsapi.Model
}

// newPage finds the elements of transfer.html; a missing one is an error.
func newPage(doc dom.Document) (*page, error) {
	input := func(id string) *dom.HTMLInputElement { return widgets.ByID[*dom.HTMLInputElement](doc, id) }
	el := func(id string) dom.HTMLElement { return widgets.ByID[dom.HTMLElement](doc, id) }
	rows := func(id string) *dom.HTMLTableSectionElement {
		return widgets.ByID[*dom.HTMLTableSectionElement](doc, id)
	}
	p := &page{
		Status:    uipage.NewStatus("transfer", el("status")),
		controls:  uipage.TrainControlsOf(doc),
		doc:       doc,
		trainSize: input("train-size"), testSize: input("test-size"), epochs: input("epochs"), seed: input("seed"),
		progress:  widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		stats:     el("batch-stats"),
		chart:     widgets.NewChart(widgets.ByID[*dom.HTMLCanvasElement](doc, "chart")),
		accuracy1: el("accuracy-1"), accuracy2: el("accuracy-2"),
		layerRows: rows("layer-rows"), weightRows: rows("weight-rows"), verdict: el("frozen-verdict"),
	}
	s := defaults
	if widgets.QueryFlag(js.Global().Get("location").Get("search").String(), "quick") {
		s = quick
	}
	p.trainSize.SetValue(format.Itoa(s.TrainSize))
	p.testSize.SetValue(format.Itoa(s.TestSize))
	p.epochs.SetValue(format.Itoa(s.Epochs))
	p.seed.SetValue(format.Itoa(s.Seed))
	p.controls.Settings.SetDisabled(true) // until the engine is ready
	return p, nil
}

// read returns the form's settings.
func (p *page) read() settings {
	n := func(in *dom.HTMLInputElement) int { return int(in.ValueAsNumber()) }
	return settings{TrainSize: n(p.trainSize), TestSize: n(p.testSize), Epochs: n(p.epochs), Seed: n(p.seed)}
}

// start loads the engine and enables training: one run at a time, both
// phases.
func (p *page) start() {
	e := p.LoadEngine()
	if e == nil {
		return
	}
	p.engine = e
	p.controls.Wire(p.Status, func() func() error {
		s := p.read()
		return func() error { return p.runBoth(s) }
	}, nil)
	p.controls.Settings.SetDisabled(false)
	p.Ready(e, "Choose the settings and press Train.")
}
