//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
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

// page is the form, the two charts and the table.
type page struct {
	doc                         dom.Document
	form                        *dom.HTMLFormElement
	settings                    *dom.HTMLFieldSetElement
	sizes                       []*dom.HTMLInputElement // one checkbox per Sizes
	trainSize, epochs, test, lr *dom.HTMLInputElement
	seed                        *dom.HTMLInputElement
	optimizer                   *dom.HTMLSelectElement
	trainButton, stopButton     *dom.HTMLButtonElement
	progress                    *dom.HTMLProgressElement
	status, stats               dom.HTMLElement
	head                        *dom.HTMLTableRowElement
	rows                        *dom.HTMLTableSectionElement
	byExamples, byTime          *widgets.Plot

	engine        *jsapi.Engine
	trainPack     *mnistdata.Pack
	testPack      *mnistdata.Pack
	trainSet      *mnistdata.Dataset
	testSet       *mnistdata.Dataset
	model         *jsapi.Model // the one training, nil between runs
	running, stop bool
}

// newPage finds the elements of batches.html; a missing one is an error.
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
	lossAxis := widgets.PlotAxis{Label: "training loss", Min: 0, Max: 3, Ticks: 6}
	p = &page{
		doc:         doc,
		form:        widgets.ByID[*dom.HTMLFormElement](doc, "train-form"),
		settings:    widgets.ByID[*dom.HTMLFieldSetElement](doc, "settings"),
		trainSize:   input("train-size"),
		epochs:      input("epochs"),
		test:        input("test-size"),
		lr:          input("lr"),
		seed:        input("seed"),
		optimizer:   widgets.ByID[*dom.HTMLSelectElement](doc, "optimizer"),
		trainButton: widgets.ByID[*dom.HTMLButtonElement](doc, "train"),
		stopButton:  widgets.ByID[*dom.HTMLButtonElement](doc, "stop"),
		progress:    widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		status:      widgets.ByID[dom.HTMLElement](doc, "status"),
		stats:       widgets.ByID[dom.HTMLElement](doc, "run-stats"),
		head:        widgets.ByID[*dom.HTMLTableRowElement](doc, "acc-head"),
		rows:        widgets.ByID[*dom.HTMLTableSectionElement](doc, "size-rows"),
		byExamples: widgets.NewPlot(widgets.ByID[*dom.HTMLCanvasElement](doc, "loss-examples"),
			widgets.PlotAxis{Label: "examples seen"}, lossAxis),
		byTime: widgets.NewPlot(widgets.ByID[*dom.HTMLCanvasElement](doc, "loss-time"),
			widgets.PlotAxis{Label: "training time (s)"}, lossAxis),
	}
	p.byExamples.Empty = "The losses appear here during training."
	p.byTime.Empty = "The losses appear here during training."
	p.buildSizes(widgets.ByID[dom.HTMLElement](doc, "sizes"))
	s := defaults
	if widgets.QueryFlag(js.Global().Get("location").Get("search").String(), "quick") {
		s = quick
	}
	p.fill(s)
	p.optimizer.AddEventListener("change", false, func(dom.Event) {
		if p.optimizer.Value() == "rmsprop" {
			p.lr.SetValue("0.001") // Keras' default
		} else {
			p.lr.SetValue(format.Shortest(defaults.LR))
		}
	})
	return p, nil
}

// buildSizes puts a checkbox per batch size in box, each with its colour.
func (p *page) buildSizes(box dom.HTMLElement) {
	for _, b := range Sizes {
		label := p.doc.CreateElement("label").(dom.HTMLElement)
		label.Style().SetProperty("--size", colorOf(b), "")
		in := p.doc.CreateElement("input").(*dom.HTMLInputElement)
		in.SetType("checkbox")
		in.SetID("size-" + format.Itoa(b))
		in.SetValue(format.Itoa(b))
		swatch := p.doc.CreateElement("span").(dom.HTMLElement)
		swatch.Class().Add("swatch")
		swatch.SetAttribute("aria-hidden", "true")
		label.AppendChild(in)
		label.AppendChild(swatch)
		label.AppendChild(p.doc.CreateTextNode(format.Itoa(b)))
		box.AppendChild(label)
		p.sizes = append(p.sizes, in)
	}
}

// fill puts s in the form.
func (p *page) fill(s settings) {
	for i, in := range p.sizes {
		picked := false
		for _, b := range s.Sizes {
			picked = picked || b == Sizes[i]
		}
		in.SetChecked(picked)
	}
	p.trainSize.SetValue(format.Itoa(s.TrainSize))
	p.epochs.SetValue(format.Itoa(s.Epochs))
	p.test.SetValue(format.Itoa(s.Test))
	p.optimizer.SetValue(s.Optimizer)
	p.lr.SetValue(format.Shortest(s.LR))
	p.seed.SetValue(format.Itoa(s.Seed))
}

// read returns the form's settings; a field that is not a whole number
// reads as -1, which check refuses.
func (p *page) read() settings {
	whole := func(in *dom.HTMLInputElement) int {
		v, err := strconv.Atoi(strings.TrimSpace(in.Value()))
		if err != nil {
			return -1
		}
		return v
	}
	s := settings{TrainSize: whole(p.trainSize), Epochs: whole(p.epochs), Test: whole(p.test),
		Optimizer: p.optimizer.Value(), Seed: whole(p.seed)}
	lr, err := strconv.ParseFloat(strings.TrimSpace(p.lr.Value()), 64)
	if err != nil {
		lr = -1
	}
	s.LR = lr
	for i, in := range p.sizes {
		if in.Checked() {
			s.Sizes = append(s.Sizes, Sizes[i])
		}
	}
	return s
}

// start loads the engine and enables training.
func (p *page) start() {
	p.say("Loading the engine…")
	e, err := jsapi.Init()
	if err != nil {
		p.say("The engine did not load: " + err.Error())
		jsapi.ConsoleError("batches: " + err.Error())
		return
	}
	p.ready(e)
	where := "on this page's thread"
	if e.InWorker {
		where = "in a Web Worker"
	}
	p.say("Engine gonn " + e.Version + " ready " + where + ". Pick a few batch sizes and press Train.")
}

// say puts msg in the live region.
func (p *page) say(msg string) { p.status.SetTextContent(msg) }

// fail says that the page cannot run, in the status line if there is one.
func fail(doc dom.Document, err error) {
	jsapi.ConsoleError("batches: " + err.Error())
	if s := doc.GetElementByID("status"); s != nil {
		s.SetTextContent("This page cannot run: " + err.Error())
	}
}
