//go:build js && wasm

package main

import (
	"math"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"gonn/nn/datasets/sentiment"
	"gonn/nn/tensor"
	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/page"
)

// comparer is the comparison panel: the settings, Train and Stop, a
// progress bar per model, the chart of both test accuracies, the table of
// epochs and the final figures. It trains the LSTM and the bag of words
// epoch by epoch, in turn, on the same generated sentences.
type comparer struct {
	p            *app
	form         *dom.HTMLFormElement
	settings     *dom.HTMLFieldSetElement
	sentences    *dom.HTMLInputElement
	epochs       *dom.HTMLInputElement
	seed         *dom.HTMLInputElement
	trainButton  *dom.HTMLButtonElement
	stopButton   *dom.HTMLButtonElement
	lstmProgress *dom.HTMLProgressElement
	bagProgress  *dom.HTMLProgressElement
	page.Status
	stats     dom.HTMLElement
	epochRows *dom.HTMLTableSectionElement
	lstmAcc   dom.HTMLElement
	bagAcc    dom.HTMLElement
	margin    dom.HTMLElement
	chart     *accuracyChart

	run *compareRun // the latest run, nil before the first
}

// compareRun is one comparison: its models and tensors in the engine.
type compareRun struct {
	s       compareSettings
	held    held
	lstm    *jsapi.Model
	bag     *jsapi.Model
	fitting *jsapi.Model // the model in a fit: Stop stops it
	stopped bool
	started time.Time
}

func (c *comparer) wire() {
	c.form.AddEventListener("submit", false, func(ev dom.Event) {
		ev.PreventDefault() // the browser has checked the ranges
		c.submit()
	})
	c.stopButton.AddEventListener("click", false, func(dom.Event) { c.stop() })
}

func (c *comparer) fill(s compareSettings) {
	c.sentences.SetValue(format.Itoa(s.Sentences))
	c.epochs.SetValue(format.Itoa(s.Epochs))
	c.seed.SetValue(format.Itoa(s.Seed))
}

func (c *comparer) read() compareSettings {
	return compareSettings{
		Sentences: int(c.sentences.ValueAsNumber()),
		Epochs:    int(c.epochs.ValueAsNumber()),
		Seed:      int(c.seed.ValueAsNumber()),
	}
}

// enable sets the controls for a page that is training (busy) or not;
// running says whether this panel's run is the one training.
func (c *comparer) enable(busy, running bool) {
	c.settings.SetDisabled(busy)
	c.trainButton.SetDisabled(busy)
	c.stopButton.SetDisabled(!running)
}

func (c *comparer) submit() {
	if c.p.busy {
		return
	}
	s := c.read()
	if err := s.check(); err != nil {
		c.Say(err.Error())
		return
	}
	old := c.run
	r := &compareRun{s: s}
	c.run = r
	c.p.setBusy(c)
	go func() {
		if old != nil {
			c.p.asker.set(askLSTM, nil, nil)
			c.p.asker.set(askBag, nil, nil)
			old.held.dispose()
		}
		if err := c.runErr(r); err != nil {
			c.Fail("Training failed", err)
		} else {
			c.finish(r)
		}
		r.fitting = nil
		c.p.setBusy(nil)
	}()
}

func (c *comparer) stop() {
	r := c.run
	if r == nil || r.stopped || !c.p.busyWith(c) {
		return
	}
	r.stopped = true
	if r.fitting != nil {
		r.fitting.Stop()
	}
	c.stopButton.SetDisabled(true)
	c.Say("Stopping after this batch…")
}

// compareTensors are a run's sentences in the engine.
type compareTensors struct {
	x, y, testX, testY js.Value // ids (N, MaxLen) and labels (N, 1)
	bagX, bagTestX     js.Value // word counts (N, InputDim)
}

// runErr generates the sentences, makes both models and trains them in
// turn, epoch by epoch.
func (c *comparer) runErr(r *compareRun) error {
	s := r.s
	c.clear(r)
	c.Say("Generating " + format.Thousands(s.Sentences) + " training and " + format.Thousands(s.testSize()) +
		" test sentences from AFINN-165 (seed " + format.Itoa(s.Seed) + ")…")
	d, err := sentiment.Prepare(c.p.lex, s.config(), uint64(s.Seed))
	if err != nil {
		return err
	}
	c.chart.reset(s.Epochs, bagCeiling(d.Test))
	c.Say("Making the models and putting the sentences in the engine…")
	if r.lstm, err = newLSTMModel(c.p.engine, d.InputDim(), d.MaxLen, s.Seed); err != nil {
		return err
	}
	r.held.keep(r.lstm)
	if r.bag, err = newBagModel(c.p.engine, d.InputDim(), s.Seed); err != nil {
		return err
	}
	r.held.keep(r.bag)
	var t compareTensors
	for _, u := range []struct {
		to  *js.Value
		src *tensor.Tensor
	}{{&t.x, d.TrainX}, {&t.y, d.TrainY}, {&t.testX, d.TestX}, {&t.testY, d.TestY}, {&t.bagX, d.TrainBag}, {&t.bagTestX, d.TestBag}} {
		if *u.to, err = r.held.upload(c.p.engine, u.src); err != nil {
			return err
		}
	}

	// Epoch 0 of the chart: the initial weights, near 50 %.
	for series, m := range []struct {
		model *jsapi.Model
		x     js.Value
	}{{r.lstm, t.testX}, {r.bag, t.bagTestX}} {
		logs, err := m.model.Evaluate(m.x, t.testY, evalBatch)
		if err != nil {
			return err
		}
		c.chart.add(series, 0, logs.Accuracy())
	}
	reader := newAFINNReader(d)
	c.p.asker.set(askLSTM, r.lstm, reader.sequence)
	c.p.asker.set(askBag, r.bag, reader.bag)

	c.Say("Training both models on " + format.Thousands(s.Sentences) + " sentences for " + count(s.Epochs, "epoch", "epochs") +
		", in turn: an epoch of the LSTM, then one of the bag of words…")
	r.started = time.Now()
	for e := range s.Epochs {
		lstm, err := c.trainOne(r, e, lstmSeries, r.lstm, t.x, t.testX, t)
		if err != nil || !lstm.Complete {
			return err
		}
		bag, err := c.trainOne(r, e, bagSeries, r.bag, t.bagX, t.bagTestX, t)
		if err != nil || !bag.Complete {
			return err
		}
		c.addEpoch(e, lstm, bag)
		c.p.asker.ask()
	}
	return nil
}

// trainOne trains one model of the run for epoch e and adds its test
// accuracy to the chart; a run stopped before it trains nothing.
func (c *comparer) trainOne(r *compareRun, e, series int, m *jsapi.Model, x, testX js.Value, t compareTensors) (epochResult, error) {
	if r.stopped {
		return epochResult{}, nil
	}
	progress, name := c.lstmProgress, "LSTM"
	if series == bagSeries {
		progress, name = c.bagProgress, "Bag of words"
	}
	batches := r.s.batches()
	r.fitting = m
	res, err := fitEpoch(m, e, x, t.y, testX, t.testY, func() bool { return r.stopped }, func(b int, l jsapi.Logs) {
		progress.SetValue(float64(e*batches + b + 1))
		c.stats.SetTextContent(name + " · epoch " + format.Itoa(e+1) + "/" + format.Itoa(r.s.Epochs) + " · batch " +
			format.Itoa(b+1) + "/" + format.Itoa(batches) + " · loss " + format.Fixed(l.Loss(), 4) +
			" · accuracy " + format.Percent(l.Accuracy(), 1))
	})
	r.fitting = nil
	if err == nil && res.Complete {
		c.chart.add(series, e+1, res.HeldAcc)
	}
	return res, err
}

// clear empties the displays for r.
func (c *comparer) clear(r *compareRun) {
	total := float64(max(1, r.s.Epochs*r.s.batches()))
	for _, p := range []*dom.HTMLProgressElement{c.lstmProgress, c.bagProgress} {
		p.SetMax(total)
		p.SetValue(0)
	}
	c.chart.reset(r.s.Epochs, math.NaN())
	c.epochRows.SetInnerHTML("")
	page.Placeholder(c.epochRows, 6, "The epochs appear here during training.")
	c.stats.SetTextContent("No batch yet.")
	for _, o := range []dom.HTMLElement{c.lstmAcc, c.bagAcc, c.margin} {
		page.Dash(o)
	}
}

// addEpoch appends the row of epoch e (from 0) and shows its figures.
func (c *comparer) addEpoch(e int, lstm, bag epochResult) {
	if e == 0 {
		c.epochRows.SetInnerHTML("")
	}
	row := c.epochRows.InsertRow(-1)
	row.SetAttribute("data-epoch", format.Itoa(e+1))
	margin := 100 * (lstm.HeldAcc - bag.HeldAcc)
	page.Cell(row, format.Itoa(e+1), float64(e+1))
	page.Cell(row, format.Fixed(lstm.Loss, 4), lstm.Loss)
	page.Cell(row, format.Percent(lstm.HeldAcc, 1), lstm.HeldAcc)
	page.Cell(row, format.Fixed(bag.Loss, 4), bag.Loss)
	page.Cell(row, format.Percent(bag.HeldAcc, 1), bag.HeldAcc)
	page.Cell(row, signed(margin), margin)
	page.ShowNumber(c.lstmAcc, format.Percent(lstm.HeldAcc, 1), lstm.HeldAcc)
	page.ShowNumber(c.bagAcc, format.Percent(bag.HeldAcc, 1), bag.HeldAcc)
	page.ShowNumber(c.margin, signed(margin)+" points", margin)
}

// finish reports the end of a run that did not fail.
func (c *comparer) finish(r *compareRun) {
	took := seconds(time.Since(r.started))
	if r.stopped {
		c.Say("Stopped after " + took + ". The models answer below with the weights they have; Train starts anew.")
		return
	}
	if c.margin.HasAttribute("data-value") {
		c.Say("Trained " + count(r.s.Epochs, "epoch", "epochs") + " of each model in " + took + ". On the " +
			format.Thousands(r.s.testSize()) + " test sentences: LSTM " + c.lstmAcc.TextContent() + ", bag of words " +
			c.bagAcc.TextContent() + ", a margin of " + c.margin.TextContent() + ". Type a sentence below.")
	}
}
