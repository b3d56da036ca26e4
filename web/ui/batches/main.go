//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

func main() { page.Main("batches", newApp, (*app).start) }

// app is the form, the two charts and the table.
type app struct {
	page.Status
	controls                    page.Controls
	doc                         dom.Document
	sizes                       []*dom.HTMLInputElement // one checkbox per Sizes
	trainSize, epochs, test, lr *dom.HTMLInputElement
	seed                        *dom.HTMLInputElement
	optimizer                   *dom.HTMLSelectElement
	progress                    *dom.HTMLProgressElement
	stats                       dom.HTMLElement
	head                        *dom.HTMLTableRowElement
	rows                        *dom.HTMLTableSectionElement
	byExamples, byTime          *widgets.Plot

	engine    *jsapi.Engine
	trainPack *mnistdata.Pack
	testPack  *mnistdata.Pack
	trainSet  *mnistdata.Dataset
	testSet   *mnistdata.Dataset
	model     *jsapi.Model // the one training, nil between runs
}

// newApp finds the elements of batches.html; a missing one is an error.
func newApp(doc dom.Document) (*app, error) {
	input := func(id string) *dom.HTMLInputElement { return widgets.ByID[*dom.HTMLInputElement](doc, id) }
	lossAxis := widgets.PlotAxis{Label: "training loss", Min: 0, Max: 3, Ticks: 6}
	p := &app{
		Status:    page.NewStatus("batches", widgets.ByID[dom.HTMLElement](doc, "status")),
		controls:  page.ControlsOf(doc),
		doc:       doc,
		trainSize: input("train-size"),
		epochs:    input("epochs"),
		test:      input("test-size"),
		lr:        input("lr"),
		seed:      input("seed"),
		optimizer: widgets.ByID[*dom.HTMLSelectElement](doc, "optimizer"),
		progress:  widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		stats:     widgets.ByID[dom.HTMLElement](doc, "run-stats"),
		head:      widgets.ByID[*dom.HTMLTableRowElement](doc, "acc-head"),
		rows:      widgets.ByID[*dom.HTMLTableSectionElement](doc, "size-rows"),
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
func (p *app) buildSizes(box dom.HTMLElement) {
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
func (p *app) fill(s settings) {
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
func (p *app) read() settings {
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
func (p *app) start() {
	if e := p.LoadEngine(); e != nil {
		p.ready(e)
		p.Ready(e, "Pick a few batch sizes and press Train.")
	}
}
