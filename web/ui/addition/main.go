//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

func main() { page.Main("addition", newTrainer, (*trainer).start) }

// newTrainer finds the elements of addition.html; a missing one is an
// error.
func newTrainer(doc dom.Document) (*trainer, error) {
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
	t := &trainer{
		Status:      page.NewStatus("addition", widgets.ByID[dom.HTMLElement](doc, "status")),
		controls:    page.PauseControlsOf(doc),
		digits:      widgets.ByID[*dom.HTMLSelectElement](doc, "digits"),
		questions:   widgets.ByID[*dom.HTMLInputElement](doc, "questions"),
		epochs:      widgets.ByID[*dom.HTMLInputElement](doc, "epochs"),
		seed:        widgets.ByID[*dom.HTMLInputElement](doc, "seed"),
		progress:    widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		stats:       widgets.ByID[dom.HTMLElement](doc, "batch-stats"),
		epochRows:   widgets.ByID[*dom.HTMLTableSectionElement](doc, "epoch-rows"),
		heldOut:     widgets.ByID[dom.HTMLElement](doc, "heldout-accuracy"),
		weightsHash: widgets.ByID[dom.HTMLElement](doc, "weights-hash"),
		summary:     widgets.ByID[dom.HTMLElement](doc, "summary"),
		chart:       widgets.NewChart(widgets.ByID[*dom.HTMLCanvasElement](doc, "chart")),
		asker:       a,
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
func (t *trainer) start() {
	if e := t.LoadEngine(); e != nil {
		t.ready(e)
		t.Ready(e, "Choose the settings and press Train.")
	}
}
