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
	t, err := newPage(doc)
	if err != nil {
		fail(doc, err)
	} else {
		go start(t)
	}
	select {} // the page lives on in its event handlers
}

// newPage finds the elements of addition.html; a missing one is an error.
func newPage(doc dom.Document) (t *trainer, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, ok := r.(string)
			if !ok {
				panic(r)
			}
			err = errors.New(s)
		}
	}()
	a := &asker{
		input:       widgets.ByID[*dom.HTMLInputElement](doc, "sum"),
		inputError:  widgets.ByID[dom.HTMLElement](doc, "sum-error"),
		modelAnswer: widgets.ByID[dom.HTMLElement](doc, "model-answer"),
		trueAnswer:  widgets.ByID[dom.HTMLElement](doc, "true-answer"),
		verdict:     widgets.ByID[dom.HTMLElement](doc, "verdict"),
		sampleRows:  widgets.ByID[*dom.HTMLTableSectionElement](doc, "sample-rows"),
		when:        widgets.ByID[dom.HTMLElement](doc, "answered"),
		cfg:         recipe.config(),
	}
	t = &trainer{
		form:         widgets.ByID[*dom.HTMLFormElement](doc, "train-form"),
		settings:     widgets.ByID[*dom.HTMLFieldSetElement](doc, "settings"),
		digits:       widgets.ByID[*dom.HTMLSelectElement](doc, "digits"),
		questions:    widgets.ByID[*dom.HTMLInputElement](doc, "questions"),
		epochs:       widgets.ByID[*dom.HTMLInputElement](doc, "epochs"),
		seed:         widgets.ByID[*dom.HTMLInputElement](doc, "seed"),
		trainButton:  widgets.ByID[*dom.HTMLButtonElement](doc, "train"),
		stopButton:   widgets.ByID[*dom.HTMLButtonElement](doc, "stop"),
		resumeButton: widgets.ByID[*dom.HTMLButtonElement](doc, "resume"),
		progress:     widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		status:       widgets.ByID[dom.HTMLElement](doc, "status"),
		stats:        widgets.ByID[dom.HTMLElement](doc, "batch-stats"),
		epochRows:    widgets.ByID[*dom.HTMLTableSectionElement](doc, "epoch-rows"),
		heldOut:      widgets.ByID[dom.HTMLElement](doc, "heldout-accuracy"),
		weightsHash:  widgets.ByID[dom.HTMLElement](doc, "weights-hash"),
		summary:      widgets.ByID[dom.HTMLElement](doc, "summary"),
		chart:        widgets.NewChart(widgets.ByID[*dom.HTMLCanvasElement](doc, "chart")),
		asker:        a,
	}
	a.progress = t.progressText
	a.wire()
	if widgets.QueryFlag(js.Global().Get("location").Get("search").String(), "quick") {
		t.fill(quick)
	}
	return t, nil
}

// progressText says how far the latest run has trained: batches done and
// "after 3 batches of epoch 1".
func (t *trainer) progressText() (int, string) {
	r := t.run
	if r == nil {
		return 0, "before training"
	}
	if r.batches == 0 {
		return 0, "before training (its initial weights)"
	}
	return r.batches, "after " + count(r.batches, "batch", "batches") + " (epoch " + format.Itoa(min(r.epoch+1, r.s.Epochs)) + ")"
}

// start loads the engine and enables training.
func start(t *trainer) {
	t.say("Loading the engine…")
	e, err := jsapi.Init()
	if err != nil {
		t.say("The engine did not load: " + err.Error())
		jsapi.ConsoleError("addition: " + err.Error())
		return
	}
	where := "on this page's thread"
	if e.InWorker {
		where = "in a Web Worker"
	}
	t.ready(e)
	t.say("Engine gonn " + e.Version + " ready " + where + " (loaded in " + format.Fixed(e.LoadMs, 0) +
		" ms). Choose the settings and press Train.")
}

// fail says that the page cannot run, in the status line if there is one.
func fail(doc dom.Document, err error) {
	jsapi.ConsoleError("addition: " + err.Error())
	if s := doc.GetElementByID("status"); s != nil {
		s.SetTextContent("This page cannot run: " + err.Error())
	}
}
