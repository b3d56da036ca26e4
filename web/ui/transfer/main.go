//go:build js && wasm

package main

import (
	"errors"
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
	doc                               dom.Document
	form                              *dom.HTMLFormElement
	settings                          *dom.HTMLFieldSetElement
	trainSize, testSize, epochs, seed *dom.HTMLInputElement
	trainButton                       *dom.HTMLButtonElement
	progress                          *dom.HTMLProgressElement
	status, stats                     dom.HTMLElement
	chart                             *widgets.Chart
	accuracy1, accuracy2              dom.HTMLElement
	layerRows, weightRows             *dom.HTMLTableSectionElement
	verdict                           dom.HTMLElement

	engine              *jsapi.Engine
	trainPack, testPack *mnistdata.Pack
	trainLabels         []byte
	testLabels          []byte
	model               *jsapi.Model
	busy                bool
}

// newPage finds the elements of transfer.html; a missing one is an error.
func newPage(doc dom.Document) (p *page, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, ok := r.(string)
			if !ok {
				panic(r)
			}
			err = errors.New(s)
		}
	}()
	input := func(id string) *dom.HTMLInputElement { return widgets.ByID[*dom.HTMLInputElement](doc, id) }
	el := func(id string) dom.HTMLElement { return widgets.ByID[dom.HTMLElement](doc, id) }
	rows := func(id string) *dom.HTMLTableSectionElement {
		return widgets.ByID[*dom.HTMLTableSectionElement](doc, id)
	}
	p = &page{
		doc: doc, form: widgets.ByID[*dom.HTMLFormElement](doc, "train-form"),
		settings:  widgets.ByID[*dom.HTMLFieldSetElement](doc, "settings"),
		trainSize: input("train-size"), testSize: input("test-size"), epochs: input("epochs"), seed: input("seed"),
		trainButton: widgets.ByID[*dom.HTMLButtonElement](doc, "train"),
		progress:    widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		status:      el("status"), stats: el("batch-stats"),
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
	p.update()
	return p, nil
}

// read returns the form's settings.
func (p *page) read() settings {
	n := func(in *dom.HTMLInputElement) int { return int(in.ValueAsNumber()) }
	return settings{TrainSize: n(p.trainSize), TestSize: n(p.testSize), Epochs: n(p.epochs), Seed: n(p.seed)}
}

// start loads the engine and enables training.
func (p *page) start() {
	p.say("Loading the engine…")
	e, err := jsapi.Init()
	if err != nil {
		p.failed("The engine did not load", err)
		return
	}
	p.engine = e
	p.form.AddEventListener("submit", false, func(ev dom.Event) {
		ev.PreventDefault()
		if !p.busy {
			p.busy = true
			p.update()
			go p.runBoth(p.read())
		}
	})
	p.update()
	p.say("Engine gonn " + e.Version + " ready. Choose the settings and press Train.")
}

// update enables the form unless a run is in progress.
func (p *page) update() {
	idle := p.engine != nil && !p.busy
	p.settings.SetDisabled(!idle)
	p.trainButton.SetDisabled(!idle)
}

// say puts msg in the live region.
func (p *page) say(msg string) { p.status.SetTextContent(msg) }

// failed says what failed, in the status line and the console.
func (p *page) failed(what string, err error) {
	p.say(what + ": " + err.Error())
	jsapi.ConsoleError("transfer: " + what + ": " + err.Error())
}
