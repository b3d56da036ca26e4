//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

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
		go start(p)
	}
	select {} // the page lives on in its event handlers
}

// newPage finds the elements of timeseries.html; a missing one is an error.
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
	p = &page{
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
		status:      widgets.ByID[dom.HTMLElement](doc, "status"),
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

// start loads the engine and enables the form.
func start(p *page) {
	p.say("Loading the engine…")
	e, err := jsapi.Init()
	if err != nil {
		p.say("The engine did not load: " + err.Error())
		jsapi.ConsoleError("timeseries: " + err.Error())
		return
	}
	where := "on this page's thread"
	if e.InWorker {
		where = "in a Web Worker"
	}
	p.ready(e)
	p.say("Engine gonn " + e.Version + " ready " + where + " (loaded in " + format.Fixed(e.LoadMs, 0) +
		" ms). Choose a series and press Train all four.")
}

// fail says that the page cannot run, in the status line if there is one.
func fail(doc dom.Document, err error) {
	jsapi.ConsoleError("timeseries: " + err.Error())
	if s := doc.GetElementByID("status"); s != nil {
		s.SetTextContent("This page cannot run: " + err.Error())
	}
}
