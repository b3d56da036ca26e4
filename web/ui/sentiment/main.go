//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/nn/datasets/sentiment"
	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/widgets"
)

// panel is a part of the page that trains: one trains at a time.
type panel interface {
	enable(busy, running bool)
}

// page holds the engine, the lexicon and the three panels.
type page struct {
	engine  *jsapi.Engine
	lex     *sentiment.Lexicon
	compare *comparer
	csv     *csvTrainer
	asker   *asker
	busy    bool
	running panel // the panel whose run trains, nil when none
}

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

// newPage finds the elements of sentiment.html (a missing one is an
// error) and reads the lexicon the binary embeds.
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
	lex, err := sentiment.AFINN165()
	if err != nil {
		return nil, err
	}
	p = &page{lex: lex}
	p.asker = &asker{
		doc:   doc,
		input: widgets.ByID[*dom.HTMLInputElement](doc, "sentence"),
		rule:  widgets.ByID[dom.HTMLElement](doc, "rule"),
		lex:   lex,
	}
	for i, id := range askIDs {
		p.asker.read[i] = widgets.ByID[dom.HTMLElement](doc, "read-"+id)
		p.asker.says[i] = widgets.ByID[dom.HTMLElement](doc, "says-"+id)
	}
	p.compare = &comparer{
		p:            p,
		form:         widgets.ByID[*dom.HTMLFormElement](doc, "compare-form"),
		settings:     widgets.ByID[*dom.HTMLFieldSetElement](doc, "compare-settings"),
		sentences:    widgets.ByID[*dom.HTMLInputElement](doc, "sentences"),
		epochs:       widgets.ByID[*dom.HTMLInputElement](doc, "epochs"),
		seed:         widgets.ByID[*dom.HTMLInputElement](doc, "seed"),
		trainButton:  widgets.ByID[*dom.HTMLButtonElement](doc, "train"),
		stopButton:   widgets.ByID[*dom.HTMLButtonElement](doc, "stop"),
		lstmProgress: widgets.ByID[*dom.HTMLProgressElement](doc, "lstm-progress"),
		bagProgress:  widgets.ByID[*dom.HTMLProgressElement](doc, "bag-progress"),
		status:       widgets.ByID[dom.HTMLElement](doc, "status"),
		stats:        widgets.ByID[dom.HTMLElement](doc, "batch-stats"),
		epochRows:    widgets.ByID[*dom.HTMLTableSectionElement](doc, "epoch-rows"),
		lstmAcc:      widgets.ByID[dom.HTMLElement](doc, "lstm-accuracy"),
		bagAcc:       widgets.ByID[dom.HTMLElement](doc, "bag-accuracy"),
		margin:       widgets.ByID[dom.HTMLElement](doc, "margin"),
		chart:        newAccuracyChart(widgets.ByID[*dom.HTMLCanvasElement](doc, "chart")),
	}
	p.csv = &csvTrainer{
		p:           p,
		file:        widgets.ByID[*dom.HTMLInputElement](doc, "csv-file"),
		info:        widgets.ByID[dom.HTMLElement](doc, "csv-info"),
		errorBox:    widgets.ByID[dom.HTMLElement](doc, "csv-error"),
		form:        widgets.ByID[*dom.HTMLFormElement](doc, "csv-form"),
		settings:    widgets.ByID[*dom.HTMLFieldSetElement](doc, "csv-settings"),
		words:       widgets.ByID[*dom.HTMLInputElement](doc, "csv-words"),
		maxLen:      widgets.ByID[*dom.HTMLInputElement](doc, "csv-maxlen"),
		validation:  widgets.ByID[*dom.HTMLInputElement](doc, "csv-validation"),
		epochs:      widgets.ByID[*dom.HTMLInputElement](doc, "csv-epochs"),
		seed:        widgets.ByID[*dom.HTMLInputElement](doc, "csv-seed"),
		trainButton: widgets.ByID[*dom.HTMLButtonElement](doc, "csv-train"),
		stopButton:  widgets.ByID[*dom.HTMLButtonElement](doc, "csv-stop"),
		progress:    widgets.ByID[*dom.HTMLProgressElement](doc, "csv-progress"),
		status:      widgets.ByID[dom.HTMLElement](doc, "csv-status"),
		stats:       widgets.ByID[dom.HTMLElement](doc, "csv-stats"),
		epochRows:   widgets.ByID[*dom.HTMLTableSectionElement](doc, "csv-rows"),
	}
	if widgets.QueryFlag(js.Global().Get("location").Get("search").String(), "quick") {
		p.compare.fill(compareQuick)
		p.csv.fill(csvQuick)
	}
	p.asker.wire(doc.QuerySelectorAll("button[data-example]"))
	return p, nil
}

// start loads the engine and enables training.
func start(p *page) {
	p.compare.say("Loading the engine…")
	e, err := jsapi.Init()
	if err != nil {
		p.compare.say("The engine did not load: " + err.Error())
		jsapi.ConsoleError("sentiment: " + err.Error())
		return
	}
	p.engine = e
	p.compare.wire()
	p.csv.wire()
	p.refresh()
	where := "on this page's thread"
	if e.InWorker {
		where = "in a Web Worker"
	}
	p.compare.say("Engine gonn " + e.Version + " ready " + where + " (loaded in " + format.Fixed(e.LoadMs, 0) +
		" ms). Press Train to train both models.")
	p.csv.say("Choose a file to train on.")
}

// setBusy marks running as the panel that trains (nil: none) and sets
// every control.
func (p *page) setBusy(running panel) {
	p.busy, p.running = running != nil, running
	p.refresh()
}

// busyWith reports whether pn's run is the one training.
func (p *page) busyWith(pn panel) bool { return p.busy && p.running == pn }

// refresh sets every control for the page's state.
func (p *page) refresh() {
	if p.engine == nil {
		return
	}
	p.compare.enable(p.busy, p.busyWith(p.compare))
	p.csv.enable(p.busy, p.busyWith(p.csv))
}

// fail says that the page cannot run, in the status line if there is one.
func fail(doc dom.Document, err error) {
	jsapi.ConsoleError("sentiment: " + err.Error())
	if s := doc.GetElementByID("status"); s != nil {
		s.SetTextContent("This page cannot run: " + err.Error())
	}
}
