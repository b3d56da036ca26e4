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

func main() { uipage.Main("gan", newPage, (*page).start) }

// page is the form, the loss chart, the grid of samples and the quality
// readout.
type page struct {
	uipage.Status                        // the live region: what is happening
	controls                             uipage.PauseControls
	doc                                  dom.Document
	steps, batchSize, trainSize, samples *dom.HTMLInputElement
	measureEvery, classifierSize, seed   *dom.HTMLInputElement
	progress                             *dom.HTMLProgressElement
	stepStats                            dom.HTMLElement
	losses                               *widgets.Plot
	grid                                 []*dom.HTMLCanvasElement
	gridInfo                             dom.HTMLElement // the grid's step and hash, as data attributes
	classifierAccuracy                   dom.HTMLElement
	confidence, digits                   dom.HTMLElement
	counts                               dom.HTMLElement
	qualityRows                          *dom.HTMLTableSectionElement

	engine              *jsapi.Engine
	trainPack, testPack *mnistdata.Pack
	run                 *run // the latest run, nil before the first
}

// newPage finds the elements of gan.html; a missing one is an error.
func newPage(doc dom.Document) (*page, error) {
	input := func(id string) *dom.HTMLInputElement { return widgets.ByID[*dom.HTMLInputElement](doc, id) }
	el := func(id string) dom.HTMLElement { return widgets.ByID[dom.HTMLElement](doc, id) }
	p := &page{
		Status:   uipage.NewStatus("gan", el("status")),
		controls: uipage.PauseControlsIn(doc, "gan-form"),
		doc:      doc,
		steps:    input("steps"), batchSize: input("batch-size"), trainSize: input("train-size"),
		samples: input("samples"), measureEvery: input("measure-every"), classifierSize: input("classifier-size"),
		seed:      input("seed"),
		progress:  widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		stepStats: el("step-stats"),
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
	e := p.LoadEngine()
	if e == nil {
		return
	}
	p.engine = e
	p.controls.Wire(p.submit, p.stop, p.resume)
	p.update()
	p.Ready(e, "Choose the settings and press Train.")
}

// update enables the controls that the latest run's state allows.
func (p *page) update() {
	state := uipage.Done // before the first run
	if p.run != nil {
		state = p.run.state
	}
	p.controls.Update(p.engine != nil, state)
}
