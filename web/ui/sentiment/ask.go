//go:build js && wasm

package main

import (
	"strings"

	"honnef.co/go/js/dom/v2"

	"gonn/nn/datasets/sentiment"
	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
)

// The models that answer a typed sentence, in the order of the table.
const (
	askLSTM = iota // the LSTM trained on the AFINN sentences
	askBag         // the bag of words trained on them
	askCSV         // the LSTM trained on the user's file
	askModels
)

// askIDs name each model's row: the cells read-<id> and says-<id>.
var askIDs = [askModels]string{"lstm", "bag", "csv"}

// answerer is one model that answers: how it reads a sentence, and the
// model in the engine; nil until trained.
type answerer struct {
	read  func(sentence string) (reading, error)
	model *jsapi.Model
}

// asker is the "type a sentence" panel: each model's reading of the
// sentence (unknown words as <oov>) and its answer, and what the data
// set's rule says. It asks again after each input, each epoch and each
// new model; one prediction runs at a time, and the latest input is
// answered after it.
type asker struct {
	doc   dom.Document
	input *dom.HTMLInputElement
	rule  dom.HTMLElement
	read  [askModels]dom.HTMLElement
	says  [askModels]dom.HTMLElement
	lex   *sentiment.Lexicon

	models     [askModels]answerer
	busy       bool
	again      bool
	generation int // bumped when a model changes: late answers are dropped
}

// wire listens to the input and the example buttons.
func (a *asker) wire(examples []dom.Element) {
	a.input.AddEventListener("input", false, func(dom.Event) { a.ask() })
	for _, ex := range examples {
		ex.AddEventListener("click", false, func(dom.Event) {
			a.input.SetValue(ex.GetAttribute("data-example"))
			a.ask()
		})
	}
	a.ask()
}

// set makes answerer which answer with model reading by read; a nil model
// takes it off the table.
func (a *asker) set(which int, model *jsapi.Model, read func(string) (reading, error)) {
	a.generation++
	a.busy = false
	a.models[which] = answerer{read: read, model: model}
	a.ask()
}

// job is one model's prediction to make.
type job struct {
	which int
	model *jsapi.Model
	r     reading
}

// ask shows how every model reads the sentence, at once, and predicts
// from a goroutine; while a prediction runs, the next waits for it.
func (a *asker) ask() {
	sentence := a.input.Value()
	a.rule.SetTextContent(ruleText(a.lex, sentence))
	jobs := a.readAll(sentence)
	if a.busy {
		a.again = true
		return
	}
	if len(jobs) == 0 {
		return
	}
	a.busy = true
	gen := a.generation
	go func() {
		for _, j := range jobs {
			p, err := j.model.Predict(j.r.X.Data, j.r.X.Shape...)
			if gen != a.generation {
				return // a model changed meanwhile: its ask follows
			}
			if err != nil {
				a.says[j.which].SetTextContent("No answer: " + err.Error())
				jsapi.ConsoleError("sentiment: " + err.Error())
				continue
			}
			a.showAnswer(j.which, j.model, p[0], sentence)
		}
		a.busy = false
		if a.again {
			a.again = false
			a.ask()
		}
	}()
}

// readAll shows how each model reads sentence and returns the predictions
// to make.
func (a *asker) readAll(sentence string) []job {
	var jobs []job
	for i, m := range a.models {
		if m.model == nil {
			a.showNone(i)
			continue
		}
		r, err := m.read(sentence)
		if err != nil {
			a.showReading(i, reading{}, "")
			a.read[i].SetTextContent(err.Error())
			a.showAnswer(i, nil, 0, "")
			continue
		}
		a.showReading(i, r, sentence)
		jobs = append(jobs, job{i, m.model, r})
	}
	return jobs
}

// showNone says that the model of row which is not trained yet.
func (a *asker) showNone(which int) {
	a.showReading(which, reading{}, "")
	a.read[which].SetTextContent("–")
	a.showAnswer(which, nil, 0, "")
	msg := "Train the models above to hear them."
	if which == askCSV {
		msg = "Train on your file below to hear this one."
	}
	a.says[which].SetTextContent(msg)
}

// showReading shows the words the model reads of sentence, each <oov>
// marked; the cell's data attributes hold them and the sentence. An empty
// sentence clears them.
func (a *asker) showReading(which int, r reading, sentence string) {
	cell := a.read[which]
	cell.SetInnerHTML("")
	if sentence == "" {
		for _, attr := range []string{"data-value", "data-unknown", "data-sentence"} {
			cell.RemoveAttribute(attr)
		}
		return
	}
	if r.Cut > 0 {
		note := a.doc.CreateElement("span").(dom.HTMLElement)
		note.Class().Add("cut")
		note.SetTextContent("(" + count(r.Cut, "word", "words") + " cut) ")
		cell.AppendChild(note)
	}
	for i, w := range r.Words {
		if i > 0 {
			cell.AppendChild(a.doc.CreateTextNode(" "))
		}
		if w == oovToken {
			m := a.doc.CreateElement("mark").(dom.HTMLElement)
			m.Class().Add("oov")
			m.SetTextContent(w)
			cell.AppendChild(m)
		} else {
			cell.AppendChild(a.doc.CreateTextNode(w))
		}
	}
	cell.SetAttribute("data-value", strings.Join(r.Words, " "))
	cell.SetAttribute("data-unknown", format.Itoa(r.Unknown()))
	cell.SetAttribute("data-sentence", sentence)
}

// showAnswer shows a model's P(positive) p for sentence, or clears the
// cell when model is nil. The cell's data attributes hold the numbers and
// the sentence they answer.
func (a *asker) showAnswer(which int, model *jsapi.Model, p float32, sentence string) {
	cell := a.says[which]
	if model == nil {
		cell.SetTextContent("–")
		for _, attr := range []string{"data-value", "data-label", "data-sentence"} {
			cell.RemoveAttribute(attr)
		}
		cell.SetAttribute("class", "says")
		return
	}
	label := polarity(p)
	cell.SetInnerHTML("")
	strong := a.doc.CreateElement("strong").(dom.HTMLElement)
	strong.SetTextContent(label)
	cell.AppendChild(strong)
	cell.AppendChild(a.doc.CreateTextNode(" · " + probabilityText(p)))
	cell.SetAttribute("data-value", format.Shortest(float64(p)))
	cell.SetAttribute("data-label", label)
	cell.SetAttribute("data-sentence", sentence)
	cell.SetAttribute("class", "says "+label)
}
