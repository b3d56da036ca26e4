//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"time"

	"honnef.co/go/js/dom/v2"

	"gonn/nn/datasets/addition"
	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
)

// refreshEvery is how often, at most, the answers are asked again while
// the model trains.
const refreshEvery = 700 * time.Millisecond

// samples is the number of held-out questions shown with the model's
// answers.
const samples = 10

// asker is the "ask the model" panel: the sum the user types, the model's
// answer and the true one, and the first held-out questions with the
// model's answers marked right or wrong. It asks the model again after
// each input, and while training at most every refreshEvery: the engine
// answers between two batches, so the answers follow the training.
type asker struct {
	input       *dom.HTMLInputElement
	inputError  dom.HTMLElement
	modelAnswer dom.HTMLElement
	trueAnswer  dom.HTMLElement
	verdict     dom.HTMLElement
	sampleRows  *dom.HTMLTableSectionElement
	when        dom.HTMLElement // which weights answered

	cfg     addition.Config // of the model, or of the form while there is none
	model   *jsapi.Model    // nil while there is none
	samples *addition.Set   // the held-out questions shown
	// progress says how far the model has trained, for the answers.
	progress func() (batches int, text string)

	busy, again bool      // a prediction is running; another is due after it
	last        time.Time // when the last one was asked
	generation  int       // bumped with each model: late answers of an old one are dropped
}

// wire listens to the input.
func (a *asker) wire() {
	a.input.AddEventListener("input", false, func(dom.Event) {
		a.showTyped()
		a.ask()
	})
	a.input.AddEventListener("keydown", false, func(ev dom.Event) {
		if ev.Underlying().Get("key").String() == "Enter" { // no form to submit: ask at once
			ev.PreventDefault()
			a.ask()
		}
	})
	a.showTyped()
	a.clearSamples("The held-out questions appear here when training starts.")
}

// setModel makes m the model that answers questions of cfg, with the
// held-out questions val; m nil empties the answers.
func (a *asker) setModel(m *jsapi.Model, cfg addition.Config, val *addition.Set) {
	a.generation++
	a.model, a.cfg = m, cfg
	a.busy, a.again = false, false
	a.samples = nil
	if val != nil {
		n := min(samples, len(val.Questions))
		a.samples = &addition.Set{Config: val.Config, Questions: val.Questions[:n], Answers: val.Answers[:n]}
		a.fillSamples()
	}
	a.showTyped()
	a.ask()
}

// setDigits follows the form's digits while no model answers.
func (a *asker) setDigits(digits int) {
	if a.model == nil {
		a.cfg = addition.Config{Digits: digits, Reverse: true}
		a.showTyped()
	}
}

// typed reads the input: the question in the model's form, its true
// answer, or an error.
func (a *asker) typed() (q, answer string, err error) {
	x, y, err := parseSum(a.input.Value(), a.cfg.Digits)
	if err != nil {
		return "", "", err
	}
	return question(x, y, a.cfg), strconv.Itoa(x + y), nil
}

// showTyped shows the true answer of the typed sum, or what is wrong with
// it, and forgets the model's answer to an older input.
func (a *asker) showTyped() {
	_, answer, err := a.typed()
	a.modelAnswer.SetTextContent("–")
	a.modelAnswer.RemoveAttribute("data-value")
	a.verdict.SetTextContent("")
	a.verdict.SetAttribute("class", "verdict")
	if err != nil {
		a.input.SetAttribute("aria-invalid", "true")
		a.inputError.SetTextContent(err.Error())
		a.trueAnswer.SetTextContent("–")
		a.trueAnswer.RemoveAttribute("data-value")
		return
	}
	a.input.RemoveAttribute("aria-invalid")
	a.inputError.SetTextContent("")
	a.trueAnswer.SetTextContent(answer)
	a.trueAnswer.SetAttribute("data-value", answer)
	if a.model == nil {
		a.when.SetTextContent("Train the model to hear its answer.")
	}
}

// tick asks again if refreshEvery has passed: after each batch.
func (a *asker) tick() {
	if time.Since(a.last) >= refreshEvery {
		a.ask()
	}
}

// ask predicts the typed question and the held-out samples in one call,
// from a goroutine; one prediction runs at a time, the last asked follows.
func (a *asker) ask() {
	if a.model == nil {
		return
	}
	if a.busy {
		a.again = true
		return
	}
	var questions []string
	q, answer, typedErr := a.typed()
	if typedErr == nil {
		questions = append(questions, q)
	}
	if a.samples != nil {
		questions = append(questions, a.samples.Questions...)
	}
	if len(questions) == 0 {
		return
	}
	a.busy, a.last = true, time.Now()
	m, gen, cfg := a.model, a.generation, a.cfg
	batches, progress := a.progress()
	go func() {
		x := addition.Encode(questions, cfg.QueryLen())
		out, err := m.Predict(x.Data, x.Shape...)
		if gen != a.generation {
			return // another model came meanwhile
		}
		a.busy = false
		if err != nil {
			a.when.SetTextContent("The model could not answer: " + err.Error())
			jsapi.ConsoleError("addition: " + err.Error())
			return
		}
		got := answers(out, len(questions), cfg)
		if typedErr == nil {
			a.showAnswer(strings.TrimSpace(got[0]), answer, batches)
			got = got[1:]
		}
		a.showSamples(got)
		a.when.SetTextContent("Answered by the model " + progress + ".")
		if a.again {
			a.again = false
			a.ask()
		}
	}()
}

// showAnswer shows the model's answer to the typed sum against the true
// one. The text changes only when the answer does: an <output> is a live
// region, and screen readers should hear new answers, not every refresh.
func (a *asker) showAnswer(got, want string, batches int) {
	a.modelAnswer.SetAttribute("data-batches", format.Itoa(batches))
	if a.modelAnswer.GetAttribute("data-value") == got && a.modelAnswer.HasAttribute("data-value") {
		return
	}
	a.modelAnswer.SetTextContent(orBlank(got))
	a.modelAnswer.SetAttribute("data-value", got)
	if got == want {
		a.verdict.SetTextContent("✓ right")
		a.verdict.SetAttribute("class", "verdict right")
	} else {
		a.verdict.SetTextContent("✗ wrong")
		a.verdict.SetAttribute("class", "verdict wrong")
	}
}

// fillSamples writes the rows of the held-out questions, without answers.
func (a *asker) fillSamples() {
	a.sampleRows.SetInnerHTML("")
	for i, q := range a.samples.Questions {
		row := a.sampleRows.InsertRow(-1)
		row.SetAttribute("data-sample", format.Itoa(i))
		for _, text := range []string{shown(q, a.samples.Reverse), strings.TrimSpace(a.samples.Answers[i]), "–", ""} {
			row.InsertCell(-1).SetTextContent(text)
		}
	}
}

// showSamples fills in the model's answers to the held-out questions.
func (a *asker) showSamples(got []string) {
	if a.samples == nil {
		return
	}
	rows := a.sampleRows.Rows()
	for i, g := range got {
		if i >= len(rows) {
			break
		}
		cells := rows[i].Cells()
		g = strings.TrimSpace(g)
		right := g == strings.TrimSpace(a.samples.Answers[i])
		cells[2].SetTextContent(orBlank(g))
		cells[2].SetAttribute("data-value", g)
		mark := cells[3]
		if right {
			mark.SetTextContent("✓ right")
			mark.SetAttribute("class", "right")
		} else {
			mark.SetTextContent("✗ wrong")
			mark.SetAttribute("class", "wrong")
		}
	}
}

// clearSamples empties the held-out table with a message.
func (a *asker) clearSamples(msg string) {
	a.sampleRows.SetInnerHTML("")
	row := a.sampleRows.InsertRow(-1)
	row.SetAttribute("class", "placeholder")
	cell := row.InsertCell(-1)
	cell.SetAttribute("colspan", "4")
	cell.SetTextContent(msg)
}
