//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/nn/datasets/sentiment"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

// panel is a part of the page that trains: one trains at a time.
type panel interface {
	enable(busy, running bool)
}

// app holds the engine, the lexicon and the three panels.
type app struct {
	engine  *jsapi.Engine
	lex     *sentiment.Lexicon
	compare *comparer
	csv     *csvTrainer
	asker   *asker
	busy    bool
	running panel // the panel whose run trains, nil when none
}

func main() { page.Main("sentiment", newApp, (*app).start) }

// newApp finds the elements of sentiment.html (a missing one is an
// error) and reads the lexicon the binary embeds.
func newApp(doc dom.Document) (*app, error) {
	lex, err := sentiment.AFINN165()
	if err != nil {
		return nil, err
	}
	p := &app{lex: lex}
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
		Status:       page.NewStatus("sentiment", widgets.ByID[dom.HTMLElement](doc, "status")),
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
		Status:      page.NewStatus("sentiment", widgets.ByID[dom.HTMLElement](doc, "csv-status")),
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
func (p *app) start() {
	e := p.compare.LoadEngine()
	if e == nil {
		return
	}
	p.engine = e
	p.compare.wire()
	p.csv.wire()
	p.refresh()
	p.compare.Ready(e, "Press Train to train both models.")
	p.csv.Say("Choose a file to train on.")
}

// setBusy marks running as the panel that trains (nil: none) and sets
// every control.
func (p *app) setBusy(running panel) {
	p.busy, p.running = running != nil, running
	p.refresh()
}

// busyWith reports whether pn's run is the one training.
func (p *app) busyWith(pn panel) bool { return p.busy && p.running == pn }

// refresh sets every control for the page's state.
func (p *app) refresh() {
	if p.engine == nil {
		return
	}
	p.compare.enable(p.busy, p.busyWith(p.compare))
	p.csv.enable(p.busy, p.busyWith(p.csv))
}
