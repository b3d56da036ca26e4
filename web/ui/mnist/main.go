//go:build js && wasm

package main

import (
	"errors"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/widgets"
)

func main() {
	doc := dom.GetWindow().Document()
	p, err := newPage(doc)
	if err != nil {
		fail(doc, err)
	} else {
		go p.start()
	}
	select {} // the page lives on in its event handlers
}

// page wires the training panel, the drawing pad and the predictions.
type page struct {
	trainer *trainer
	pad     *widgets.Pad
	preds   *widgets.Predictions
	model   *jsapi.Model // the trained model, nil while there is none
	asked   int          // predictions asked for, to drop answers that come late
}

// newPage finds the elements of mnist.html; a missing one is an error.
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
	t := &trainer{
		form:         widgets.ByID[*dom.HTMLFormElement](doc, "train-form"),
		settings:     widgets.ByID[*dom.HTMLFieldSetElement](doc, "settings"),
		trainSize:    widgets.ByID[*dom.HTMLInputElement](doc, "train-size"),
		epochs:       widgets.ByID[*dom.HTMLInputElement](doc, "epochs"),
		hidden:       widgets.ByID[*dom.HTMLSelectElement](doc, "hidden"),
		trainButton:  widgets.ByID[*dom.HTMLButtonElement](doc, "train"),
		stopButton:   widgets.ByID[*dom.HTMLButtonElement](doc, "stop"),
		progress:     widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		status:       widgets.ByID[dom.HTMLElement](doc, "status"),
		stats:        widgets.ByID[dom.HTMLElement](doc, "batch-stats"),
		epochRows:    widgets.ByID[*dom.HTMLTableSectionElement](doc, "epoch-rows"),
		testAccuracy: widgets.ByID[dom.HTMLElement](doc, "test-accuracy"),
		chart:        widgets.NewChart(widgets.ByID[*dom.HTMLCanvasElement](doc, "chart")),
	}
	p = &page{trainer: t}
	p.preds = widgets.NewPredictions(doc, widgets.ByID[dom.HTMLElement](doc, "probabilities"), widgets.ByID[dom.HTMLElement](doc, "prediction"))
	p.pad = widgets.NewPad(widgets.ByID[*dom.HTMLCanvasElement](doc, "pad"), widgets.ByID[*dom.HTMLCanvasElement](doc, "preview"),
		widgets.ByID[*dom.HTMLButtonElement](doc, "clear"))
	t.onModel = p.setModel
	p.pad.OnStroke = p.predict
	p.pad.OnClear = func() { p.setModel(p.model) }
	p.setModel(nil)
	return p, nil
}

// start loads the engine and enables training.
func (p *page) start() {
	p.trainer.say("Loading the engine…")
	e, err := jsapi.Init()
	if err != nil {
		p.trainer.say("The engine did not load: " + err.Error())
		jsapi.ConsoleError("mnist: " + err.Error())
		return
	}
	where := "on this page's thread"
	if e.InWorker {
		where = "in a Web Worker"
	}
	p.trainer.ready(e)
	p.trainer.say("Engine gonn " + e.Version + " ready " + where + " (loaded in " + format.Fixed(e.LoadMs, 0) +
		" ms). Choose the settings and press Train.")
}

// setModel makes m the model that classifies the drawing.
func (p *page) setModel(m *jsapi.Model) {
	p.model = m
	p.asked++ // answers of an older model are stale
	switch {
	case m == nil:
		p.preds.Reset("Train a model, then draw a digit.")
	case p.pad.Image != nil:
		p.predict(p.pad.Image)
	default:
		p.preds.Reset("Draw a digit in the box.")
	}
}

// predict classifies img with the model, if there is one.
func (p *page) predict(img []float32) {
	m := p.model
	if m == nil {
		p.preds.Reset("Train a model first: then it will read your digit.")
		return
	}
	p.asked++
	asked := p.asked
	go func() {
		probs, err := m.Predict(img, 1, len(img))
		if asked != p.asked {
			return // another stroke or another model came since
		}
		if err != nil {
			p.preds.Reset("The prediction failed: " + err.Error())
			return
		}
		p.preds.Show(probs)
	}()
}

// fail says that the page cannot run, in the status line if there is one.
func fail(doc dom.Document, err error) {
	jsapi.ConsoleError("mnist: " + err.Error())
	if s := doc.GetElementByID("status"); s != nil {
		s.SetTextContent("This page cannot run: " + err.Error())
	}
}
