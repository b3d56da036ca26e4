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

func main() { uipage.Main("inside", newPage, (*page).start) }

// page wires the training, the pad and the pictures.
type page struct {
	doc                                   dom.Document
	form                                  *dom.HTMLFormElement
	settings                              *dom.HTMLFieldSetElement
	trainSize, epochs, testSize, maxSteps *dom.HTMLInputElement
	seed, testImage                       *dom.HTMLInputElement
	trainButton, useTest, maximiseButton  *dom.HTMLButtonElement
	progress                              *dom.HTMLProgressElement
	status, lookStatus, verdict           dom.HTMLElement
	pad                                   *widgets.Pad
	maps, filters, maxima                 dom.HTMLElement
	saliency, occlusion                   *dom.HTMLCanvasElement
	confusion                             *dom.HTMLTableElement
	confusionInfo                         dom.HTMLElement
	weightRows, gradientRows              *dom.HTMLTableSectionElement

	engine              *jsapi.Engine
	trainPack, testPack *mnistdata.Pack
	model               *jsapi.Model // nil until trained
	busy                bool
	input               []float32 // the digit looked at, 784 values in [0, 1]
	asked               int       // looks asked for, to drop late answers
}

// newPage finds the elements of inside.html; a missing one is an error.
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
	button := func(id string) *dom.HTMLButtonElement { return widgets.ByID[*dom.HTMLButtonElement](doc, id) }
	el := func(id string) dom.HTMLElement { return widgets.ByID[dom.HTMLElement](doc, id) }
	canvas := func(id string) *dom.HTMLCanvasElement { return widgets.ByID[*dom.HTMLCanvasElement](doc, id) }
	rows := func(id string) *dom.HTMLTableSectionElement {
		return widgets.ByID[*dom.HTMLTableSectionElement](doc, id)
	}
	p = &page{
		doc: doc, form: widgets.ByID[*dom.HTMLFormElement](doc, "train-form"),
		settings:  widgets.ByID[*dom.HTMLFieldSetElement](doc, "settings"),
		trainSize: input("train-size"), epochs: input("epochs"), testSize: input("test-size"),
		maxSteps: input("max-steps"), seed: input("seed"), testImage: input("test-image"),
		trainButton: button("train"), useTest: button("use-test"), maximiseButton: button("maximise"),
		progress: widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		status:   el("status"), lookStatus: el("look-status"), verdict: el("verdict"),
		maps: el("maps"), filters: el("filters"), maxima: el("maxima"),
		saliency: canvas("saliency"), occlusion: canvas("occlusion"),
		confusion:     widgets.ByID[*dom.HTMLTableElement](doc, "confusion"),
		confusionInfo: el("confusion-info"),
		weightRows:    rows("weight-rows"), gradientRows: rows("gradient-rows"),
	}
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
	p.update()
	return p, nil
}

// read returns the form's settings.
func (p *page) read() settings {
	n := func(in *dom.HTMLInputElement) int { return int(in.ValueAsNumber()) }
	return settings{TrainSize: n(p.trainSize), Epochs: n(p.epochs), TestSize: n(p.testSize), MaxSteps: n(p.maxSteps), Seed: n(p.seed)}
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
			go p.train(p.read())
		}
	})
	p.useTest.AddEventListener("click", false, func(dom.Event) { go p.lookAtTest(int(p.testImage.ValueAsNumber())) })
	p.maximiseButton.AddEventListener("click", false, func(dom.Event) {
		if !p.busy && p.model != nil {
			p.busy = true
			p.update()
			go p.maximise(p.read())
		}
	})
	p.update()
	p.say("Engine gonn " + e.Version + " ready. Press Train: the pictures appear once the network has learned.")
}

// update enables the controls that the page's state allows.
func (p *page) update() {
	idle := p.engine != nil && !p.busy
	p.settings.SetDisabled(!idle)
	p.trainButton.SetDisabled(!idle)
	p.maximiseButton.SetDisabled(!idle || p.model == nil)
	p.useTest.SetDisabled(p.model == nil)
}

// say puts msg in the live region.
func (p *page) say(msg string) { p.status.SetTextContent(msg) }

// failed says what failed, in the status line and the console.
func (p *page) failed(what string, err error) {
	p.say(what + ": " + err.Error())
	jsapi.ConsoleError("inside: " + what + ": " + err.Error())
}
