//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

func main() { page.Main("timeseries", newApp, boot) }

// newApp finds the elements of timeseries.html; a missing one is an error.
func newApp(doc dom.Document) (*app, error) {
	p := &app{
		Status:      page.NewStatus("timeseries", widgets.ByID[dom.HTMLElement](doc, "status")),
		form:        widgets.ByID[*dom.HTMLFormElement](doc, "train-form"),
		settings:    widgets.ByID[*dom.HTMLFieldSetElement](doc, "settings"),
		series:      widgets.ByID[*dom.HTMLSelectElement](doc, "series"),
		epochs:      widgets.ByID[*dom.HTMLInputElement](doc, "epochs"),
		seed:        widgets.ByID[*dom.HTMLInputElement](doc, "seed"),
		kernel:      widgets.ByID[*dom.HTMLInputElement](doc, "kernel"),
		depth:       widgets.ByID[*dom.HTMLInputElement](doc, "depth"),
		trainButton: widgets.ByID[*dom.HTMLButtonElement](doc, "train"),
		convButton:  widgets.ByID[*dom.HTMLButtonElement](doc, "retrain-conv"),
		stopButton:  widgets.ByID[*dom.HTMLButtonElement](doc, "stop"),
		progress:    widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		stats:       widgets.ByID[dom.HTMLElement](doc, "fit-stats"),
		field: &fieldView{doc: doc, text: widgets.ByID[dom.HTMLElement](doc, "receptive"),
			strip: widgets.ByID[dom.HTMLElement](doc, "window-strip")},
		table: newMAETable(doc),
		chart: newForecastChart(widgets.ByID[*dom.HTMLCanvasElement](doc, "forecast")),
		files: map[string][]byte{},
	}
	for _, el := range []dom.Element{p.series, p.kernel, p.depth} {
		el.AddEventListener("input", false, func(dom.Event) { p.formChanged() })
	}
	s := defaults
	if widgets.QueryFlag(js.Global().Get("location").Get("search").String(), "quick") {
		s = quick
	}
	p.fill(s)
	return p, nil
}

// boot loads the engine and enables the form.
func boot(p *app) {
	if e := p.LoadEngine(); e != nil {
		p.ready(e)
		p.Ready(e, "Choose a series and press Train all four.")
	}
}
