//go:build js && wasm

package main

import (
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"gonn/nn/tensor"
	"gonn/nn/text"
	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/page"
)

// csvTrainer is the "your own file" panel: the file input, what was read
// or what is wrong with the file (on the page, with its line), the
// settings, Train and Stop, the progress, the table of epochs. It trains
// the LSTM on the file's rows, validating on a part set apart.
type csvTrainer struct {
	p           *app
	file        *dom.HTMLInputElement
	info        dom.HTMLElement
	errorBox    dom.HTMLElement // role=alert: the file's or the settings' problem
	form        *dom.HTMLFormElement
	settings    *dom.HTMLFieldSetElement
	words       *dom.HTMLInputElement
	maxLen      *dom.HTMLInputElement
	validation  *dom.HTMLInputElement
	epochs      *dom.HTMLInputElement
	seed        *dom.HTMLInputElement
	trainButton *dom.HTMLButtonElement
	stopButton  *dom.HTMLButtonElement
	progress    *dom.HTMLProgressElement
	page.Status
	stats     dom.HTMLElement
	epochRows *dom.HTMLTableSectionElement

	data  *text.Dataset // the file read, nil before one is read well
	reads int           // bumped per file chosen: a late read of an old one is dropped
	run   *csvRun
}

// csvRun is one training on the file.
type csvRun struct {
	s       csvSettings
	c       *csvData
	held    held
	model   *jsapi.Model
	fitting bool
	stopped bool
	started time.Time
}

func (u *csvTrainer) wire() {
	u.file.AddEventListener("change", false, func(dom.Event) { u.fileChosen() })
	u.form.AddEventListener("submit", false, func(ev dom.Event) {
		ev.PreventDefault()
		u.submit()
	})
	u.stopButton.AddEventListener("click", false, func(dom.Event) { u.stop() })
}

func (u *csvTrainer) fill(s csvSettings) {
	u.words.SetValue(format.Itoa(s.Words))
	u.maxLen.SetValue(format.Itoa(s.MaxLen))
	u.validation.SetValue(format.Itoa(s.Validation))
	u.epochs.SetValue(format.Itoa(s.Epochs))
	u.seed.SetValue(format.Itoa(s.Seed))
}

func (u *csvTrainer) read() csvSettings {
	return csvSettings{
		Words:      int(u.words.ValueAsNumber()),
		MaxLen:     int(u.maxLen.ValueAsNumber()),
		Validation: int(u.validation.ValueAsNumber()),
		Epochs:     int(u.epochs.ValueAsNumber()),
		Seed:       int(u.seed.ValueAsNumber()),
	}
}

// enable sets the controls for a page that is training (busy) or not;
// running says whether this panel's run is the one training.
func (u *csvTrainer) enable(busy, running bool) {
	u.file.SetDisabled(busy)
	u.settings.SetDisabled(busy)
	u.trainButton.SetDisabled(busy || u.data == nil)
	u.stopButton.SetDisabled(!running)
}

// problem shows what is wrong with the file or the settings; "" clears it.
func (u *csvTrainer) problem(msg string) {
	u.errorBox.SetTextContent(msg)
	u.errorBox.Underlying().Set("hidden", msg == "")
}

// fileChosen reads the chosen file and checks every row.
func (u *csvTrainer) fileChosen() {
	u.reads++
	u.data = nil
	u.problem("")
	u.info.SetTextContent("")
	u.p.refresh()
	files := u.file.Files()
	if len(files) == 0 {
		u.info.SetTextContent("No file chosen.")
		return
	}
	f := files[0].Value
	name := f.Get("name").String()
	if size := f.Get("size").Int(); size > maxCSVBytes {
		u.problem(name + ": " + sizeText(size) + " is more than this page reads (" + sizeText(maxCSVBytes) + ").")
		return
	}
	u.info.SetTextContent("Reading " + name + "…")
	read := u.reads
	go func() {
		content, err := jsapi.Call(f, "text")
		if read != u.reads {
			return // another file was chosen meanwhile
		}
		if err != nil {
			u.info.SetTextContent("")
			u.problem(name + ": the browser could not read it: " + err.Error())
			return
		}
		d, err := parseCSV([]byte(content.String()), name)
		if err != nil {
			u.info.SetTextContent("")
			u.problem(err.Error() + ".")
			return
		}
		u.data = d
		positive := 0
		for _, l := range d.Labels {
			positive += l
		}
		u.info.SetTextContent(name + ": " + count(d.Len(), "row", "rows") + ", " + format.Thousands(positive) +
			" positive and " + format.Thousands(d.Len()-positive) + " negative. Choose the settings and press Train on this file.")
		u.info.SetAttribute("data-rows", format.Itoa(d.Len()))
		u.p.refresh()
	}()
}

func (u *csvTrainer) submit() {
	if u.p.busy || u.data == nil {
		return
	}
	s := u.read()
	c, err := prepareCSV(u.data, s)
	if err != nil {
		u.problem(err.Error() + ".")
		return
	}
	u.problem("")
	old := u.run
	r := &csvRun{s: s, c: c}
	u.run = r
	u.p.setBusy(u)
	go func() {
		u.p.asker.set(askCSV, nil, nil)
		if old != nil {
			old.held.dispose()
		}
		if err := u.runErr(r); err != nil {
			u.Fail("Training failed", err)
		} else {
			u.finish(r)
		}
		u.p.setBusy(nil)
	}()
}

func (u *csvTrainer) stop() {
	r := u.run
	if r == nil || r.stopped || !u.p.busyWith(u) {
		return
	}
	r.stopped = true
	if r.fitting {
		r.model.Stop()
	}
	u.stopButton.SetDisabled(true)
	u.Say("Stopping after this batch…")
}

// runErr makes the model, puts the rows in the engine and trains.
func (u *csvTrainer) runErr(r *csvRun) error {
	s, c := r.s, r.c
	u.clear(r)
	u.Say("Making the model and putting the rows in the engine…")
	var err error
	if r.model, err = newLSTMModel(u.p.engine, c.InputDim, c.MaxLen, s.Seed); err != nil {
		return err
	}
	r.held.keep(r.model)
	var x, y, valX, valY js.Value
	for _, up := range []struct {
		to  *js.Value
		src *tensor.Tensor
	}{{&x, c.TrainX}, {&y, c.TrainY}, {&valX, c.ValX}, {&valY, c.ValY}} {
		if *up.to, err = r.held.upload(u.p.engine, up.src); err != nil {
			return err
		}
	}
	u.p.asker.set(askCSV, r.model, c.sequence)

	train, val := c.TrainY.Shape[0], c.ValY.Shape[0]
	u.Say("Training on " + count(train, "row", "rows") + ", validating on " + format.Thousands(val) + ": " +
		count(c.Words, "word", "words") + " (ids kept below " + format.Thousands(c.InputDim) + "), texts of up to " +
		count(c.MaxLen, "word", "words") + "…")
	batches := batchesOf(train)
	r.started = time.Now()
	for e := range s.Epochs {
		if r.stopped {
			return nil
		}
		r.fitting = true
		res, err := fitEpoch(r.model, e, x, y, valX, valY, func() bool { return r.stopped }, func(b int, l jsapi.Logs) {
			u.progress.SetValue(float64(e*batches + b + 1))
			u.stats.SetTextContent("Epoch " + format.Itoa(e+1) + "/" + format.Itoa(s.Epochs) + " · batch " +
				format.Itoa(b+1) + "/" + format.Itoa(batches) + " · loss " + format.Fixed(l.Loss(), 4) +
				" · accuracy " + format.Percent(l.Accuracy(), 1))
		})
		r.fitting = false
		if err != nil || !res.Complete {
			return err
		}
		u.addEpoch(e, res)
		u.p.asker.ask()
	}
	return nil
}

// clear empties the displays for r.
func (u *csvTrainer) clear(r *csvRun) {
	u.progress.SetMax(float64(max(1, r.s.Epochs*batchesOf(r.c.TrainY.Shape[0]))))
	u.progress.SetValue(0)
	u.epochRows.SetInnerHTML("")
	page.Placeholder(u.epochRows, 5, "The epochs appear here during training.")
	u.stats.SetTextContent("No batch yet.")
}

// addEpoch appends the row of epoch e (from 0).
func (u *csvTrainer) addEpoch(e int, res epochResult) {
	if e == 0 {
		u.epochRows.SetInnerHTML("")
	}
	row := u.epochRows.InsertRow(-1)
	row.SetAttribute("data-epoch", format.Itoa(e+1))
	page.Cell(row, format.Itoa(e+1), float64(e+1))
	page.Cell(row, format.Fixed(res.Loss, 4), res.Loss)
	page.Cell(row, format.Percent(res.Accuracy, 1), res.Accuracy)
	page.Cell(row, format.Fixed(res.HeldLoss, 4), res.HeldLoss)
	page.Cell(row, format.Percent(res.HeldAcc, 1), res.HeldAcc)
}

// finish reports the end of a run that did not fail.
func (u *csvTrainer) finish(r *csvRun) {
	took := seconds(time.Since(r.started))
	if r.stopped {
		u.Say("Stopped after " + took + ". The model answers above with the weights it has.")
		return
	}
	rows := u.epochRows.Rows()
	last := rows[len(rows)-1].Cells()
	u.Say("Trained " + count(r.s.Epochs, "epoch", "epochs") + " in " + took + ": " + last[4].TextContent() +
		" right on the validation rows. Type a sentence above to hear the model.")
}
