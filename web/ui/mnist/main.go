//go:build js && wasm

package main

import (
	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

func main() { page.Main("mnist", newApp, (*app).start) }

// app wires the training panel, the drawing pad and the predictions.
type app struct {
	trainer *trainer
	pad     *widgets.Pad
	preds   *widgets.Predictions
	model   *jsapi.Model // the trained model, nil while there is none
	asked   int          // predictions asked for, to drop answers that come late
}

// newApp finds the elements of mnist.html; a missing one is an error.
func newApp(doc dom.Document) (*app, error) {
	t := &trainer{
		Status:       page.NewStatus("mnist", widgets.ByID[dom.HTMLElement](doc, "status")),
		controls:     page.ControlsOf(doc),
		trainSize:    widgets.ByID[*dom.HTMLInputElement](doc, "train-size"),
		epochs:       widgets.ByID[*dom.HTMLInputElement](doc, "epochs"),
		hidden:       widgets.ByID[*dom.HTMLSelectElement](doc, "hidden"),
		progress:     widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		stats:        widgets.ByID[dom.HTMLElement](doc, "batch-stats"),
		epochRows:    widgets.ByID[*dom.HTMLTableSectionElement](doc, "epoch-rows"),
		testAccuracy: widgets.ByID[dom.HTMLElement](doc, "test-accuracy"),
		chart:        widgets.NewChart(widgets.ByID[*dom.HTMLCanvasElement](doc, "chart")),
	}
	p := &app{trainer: t}
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
func (p *app) start() {
	if e := p.trainer.LoadEngine(); e != nil {
		p.trainer.ready(e)
		p.trainer.Ready(e, "Choose the settings and press Train.")
	}
}

// setModel makes m the model that classifies the drawing.
func (p *app) setModel(m *jsapi.Model) {
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
func (p *app) predict(img []float32) {
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
