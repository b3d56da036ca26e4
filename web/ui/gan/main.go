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

func main() { uipage.Main("gan", newPage, (*page).start) }

// page is the form, the loss chart, the grid of samples and the quality
// readout.
type page struct {
	doc                                   dom.Document
	form                                  *dom.HTMLFormElement
	settings                              *dom.HTMLFieldSetElement
	steps, batchSize, trainSize, samples  *dom.HTMLInputElement
	measureEvery, classifierSize, seed    *dom.HTMLInputElement
	trainButton, stopButton, resumeButton *dom.HTMLButtonElement
	progress                              *dom.HTMLProgressElement
	status, stepStats                     dom.HTMLElement
	losses                                *widgets.Plot
	grid                                  []*dom.HTMLCanvasElement
	gridInfo                              dom.HTMLElement // the grid's step and hash, as data attributes
	classifierAccuracy                    dom.HTMLElement
	confidence, digits                    dom.HTMLElement
	counts                                dom.HTMLElement
	qualityRows                           *dom.HTMLTableSectionElement

	engine              *jsapi.Engine
	trainPack, testPack *mnistdata.Pack
	run                 *run // the latest run, nil before the first
}

// newPage finds the elements of gan.html; a missing one is an error.
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
	p = &page{
		doc: doc, form: widgets.ByID[*dom.HTMLFormElement](doc, "gan-form"),
		settings: widgets.ByID[*dom.HTMLFieldSetElement](doc, "settings"),
		steps:    input("steps"), batchSize: input("batch-size"), trainSize: input("train-size"),
		samples: input("samples"), measureEvery: input("measure-every"), classifierSize: input("classifier-size"),
		seed:        input("seed"),
		trainButton: button("train"), stopButton: button("stop"), resumeButton: button("resume"),
		progress: widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		status:   el("status"), stepStats: el("step-stats"),
		losses: widgets.NewPlot(widgets.ByID[*dom.HTMLCanvasElement](doc, "losses"),
			widgets.PlotAxis{Label: "step"}, widgets.PlotAxis{Label: "loss (binary cross-entropy)", Min: 0}),
		gridInfo:           el("samples-info"),
		classifierAccuracy: el("classifier-accuracy"),
		confidence:         el("confidence"), digits: el("digits"), counts: el("counts"),
		qualityRows: widgets.ByID[*dom.HTMLTableSectionElement](doc, "quality-rows"),
	}
	p.losses.Empty = "The losses appear here during training."
	box := el("sample-grid")
	for k := range gridImages {
		c := widgets.NewPixels(doc, mnistdata.Side, mnistdata.Side, "Sample "+format.Itoa(k+1)+" from fixed noise")
		c.Class().Add("medium")
		box.AppendChild(c)
		p.grid = append(p.grid, c)
	}
	s := defaults
	if widgets.QueryFlag(js.Global().Get("location").Get("search").String(), "quick") {
		s = quick
	}
	p.fill(s)
	p.update()
	return p, nil
}

// fill puts s in the form.
func (p *page) fill(s settings) {
	p.steps.SetValue(format.Itoa(s.Steps))
	p.batchSize.SetValue(format.Itoa(s.BatchSize))
	p.trainSize.SetValue(format.Itoa(s.TrainSize))
	p.samples.SetValue(format.Itoa(s.Samples))
	p.measureEvery.SetValue(format.Itoa(s.MeasureEvery))
	p.classifierSize.SetValue(format.Itoa(s.ClassifierSize))
	p.seed.SetValue(format.Itoa(s.Seed))
}

// read returns the form's settings.
func (p *page) read() settings {
	n := func(in *dom.HTMLInputElement) int { return int(in.ValueAsNumber()) }
	return settings{Steps: n(p.steps), BatchSize: n(p.batchSize), TrainSize: n(p.trainSize), Samples: n(p.samples),
		MeasureEvery: n(p.measureEvery), ClassifierSize: n(p.classifierSize), Seed: n(p.seed)}
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
		p.submit()
	})
	p.stopButton.AddEventListener("click", false, func(dom.Event) { p.stop() })
	p.resumeButton.AddEventListener("click", false, func(dom.Event) { p.resume() })
	p.update()
	p.say("Engine gonn " + e.Version + " ready. Choose the settings and press Train.")
}

// update enables the controls that the latest run's state allows.
func (p *page) update() {
	busy := p.run != nil && p.run.state == running
	idle := p.engine != nil && !busy && (p.run == nil || p.run.state != preparing)
	p.settings.SetDisabled(!idle)
	p.trainButton.SetDisabled(!idle)
	p.stopButton.SetDisabled(!busy)
	p.resumeButton.SetDisabled(p.run == nil || p.run.state != paused)
}

// say puts msg in the live region.
func (p *page) say(msg string) { p.status.SetTextContent(msg) }

// failed says what failed, in the status line and the console.
func (p *page) failed(what string, err error) {
	p.say(what + ": " + err.Error())
	jsapi.ConsoleError("gan: " + what + ": " + err.Error())
}
