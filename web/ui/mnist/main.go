//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
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
	pad     *pad
	preds   *predictions
	model   *model // the trained model, nil while there is none
	asked   int    // predictions asked for, to drop answers that come late
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
		form:         byID[*dom.HTMLFormElement](doc, "train-form"),
		settings:     byID[*dom.HTMLFieldSetElement](doc, "settings"),
		trainSize:    byID[*dom.HTMLInputElement](doc, "train-size"),
		epochs:       byID[*dom.HTMLInputElement](doc, "epochs"),
		hidden:       byID[*dom.HTMLSelectElement](doc, "hidden"),
		trainButton:  byID[*dom.HTMLButtonElement](doc, "train"),
		stopButton:   byID[*dom.HTMLButtonElement](doc, "stop"),
		progress:     byID[*dom.HTMLProgressElement](doc, "progress"),
		status:       byID[dom.HTMLElement](doc, "status"),
		stats:        byID[dom.HTMLElement](doc, "batch-stats"),
		epochRows:    byID[*dom.HTMLTableSectionElement](doc, "epoch-rows"),
		testAccuracy: byID[dom.HTMLElement](doc, "test-accuracy"),
		chart:        newChart(byID[*dom.HTMLCanvasElement](doc, "chart")),
	}
	p = &page{trainer: t}
	p.preds = newPredictions(doc, byID[dom.HTMLElement](doc, "probabilities"), byID[dom.HTMLElement](doc, "prediction"))
	p.pad = newPad(byID[*dom.HTMLCanvasElement](doc, "pad"), byID[*dom.HTMLCanvasElement](doc, "preview"),
		byID[*dom.HTMLButtonElement](doc, "clear"))
	t.onModel = p.setModel
	p.pad.onStroke = p.predict
	p.pad.onClear = func() { p.setModel(p.model) }
	p.setModel(nil)
	return p, nil
}

// start loads the engine and enables training.
func (p *page) start() {
	p.trainer.say("Loading the engine…")
	e, err := initEngine()
	if err != nil {
		p.trainer.say("The engine did not load: " + err.Error())
		js.Global().Get("console").Call("error", "mnist: "+err.Error())
		return
	}
	where := "on this page's thread"
	if e.InWorker {
		where = "in a Web Worker"
	}
	p.trainer.ready(e)
	p.trainer.say("Engine gonn " + e.Version + " ready " + where + " (loaded in " + fixed(e.LoadMs, 0) +
		" ms). Choose the settings and press Train.")
}

// setModel makes m the model that classifies the drawing.
func (p *page) setModel(m *model) {
	p.model = m
	p.asked++ // answers of an older model are stale
	switch {
	case m == nil:
		p.preds.reset("Train a model, then draw a digit.")
	case p.pad.image != nil:
		p.predict(p.pad.image)
	default:
		p.preds.reset("Draw a digit in the box.")
	}
}

// predict classifies img with the model, if there is one.
func (p *page) predict(img []float32) {
	m := p.model
	if m == nil {
		p.preds.reset("Train a model first: then it will read your digit.")
		return
	}
	p.asked++
	asked := p.asked
	go func() {
		probs, err := m.predict(img)
		if asked != p.asked {
			return // another stroke or another model came since
		}
		if err != nil {
			p.preds.reset("The prediction failed: " + err.Error())
			return
		}
		p.preds.show(probs)
	}()
}

// byID returns the element with id as a T, or panics.
func byID[T dom.Element](doc dom.Document, id string) T {
	el := doc.GetElementByID(id)
	t, ok := el.(T)
	if !ok {
		panic("mnist.html has no element #" + id + " of the right type")
	}
	return t
}

// fail says that the page cannot run, in the status line if there is one.
func fail(doc dom.Document, err error) {
	js.Global().Get("console").Call("error", "mnist: "+err.Error())
	if s := doc.GetElementByID("status"); s != nil {
		s.SetTextContent("This page cannot run: " + err.Error())
	}
}
