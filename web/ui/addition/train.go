//go:build js && wasm

package main

import (
	"math"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"gonn/nn/datasets/addition"
	"gonn/nn/tensor"
	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/widgets"
)

// trainer is the training panel: the settings, the Train, Stop and Resume
// buttons, the progress bar, the status lines, the curves, the table of
// epochs with the held-out accuracy, and the weights hash. It owns the
// model and the data in the engine.
type trainer struct {
	form         *dom.HTMLFormElement
	settings     *dom.HTMLFieldSetElement
	digits       *dom.HTMLSelectElement
	questions    *dom.HTMLInputElement
	epochs       *dom.HTMLInputElement
	seed         *dom.HTMLInputElement
	trainButton  *dom.HTMLButtonElement
	stopButton   *dom.HTMLButtonElement
	resumeButton *dom.HTMLButtonElement
	progress     *dom.HTMLProgressElement
	status       dom.HTMLElement // a live region: what is happening
	stats        dom.HTMLElement // the running batch's numbers
	epochRows    *dom.HTMLTableSectionElement
	heldOut      dom.HTMLElement
	weightsHash  dom.HTMLElement
	summary      dom.HTMLElement
	chart        *widgets.Chart
	asker        *asker

	engine   *jsapi.Engine
	run      *run // the latest run, nil before the first
	inEngine *run // the run whose model and data are in the engine
}

// A run goes preparing → running ⇄ (pausing → paused) → finishing → done,
// or failed; a paused run that Train replaces is abandoned.
type runState int

const (
	preparing runState = iota // generating the questions, making the model
	running                   // training, or measuring between two epochs
	pausing                   // Stop was pressed: waiting for the engine to hold
	paused                    // held until Resume
	finishing                 // all epochs ran: measuring
	done
	failed
)

// run is one training: one model, one fit per epoch, however often paused.
type run struct {
	s         settings
	d         *data
	state     runState
	model     *jsapi.Model
	x, y      js.Value // the training questions and answers, in the engine
	valX      js.Value // the held-out questions, in the engine
	epoch     int      // the epoch running (from 0), or the number done at the end
	batches   int      // batches done over all epochs
	fitting   bool     // inside a fit: Stop must ask the engine to hold it
	over      bool     // every epoch ran
	abandoned bool
	started   time.Time     // of the running stretch of training
	trained   time.Duration // training time of the stretches that ended
	wake      chan struct{} // Resume or abandonment: the paused loop looks again
	finished  chan struct{} // closed when the run's goroutine returns
}

// ready enables training on the engine e.
func (t *trainer) ready(e *jsapi.Engine) {
	t.engine = e
	t.form.AddEventListener("submit", false, func(ev dom.Event) {
		ev.PreventDefault() // the browser has checked the ranges
		t.submit()
	})
	t.stopButton.AddEventListener("click", false, func(dom.Event) { t.stop() })
	t.resumeButton.AddEventListener("click", false, func(dom.Event) { t.resume() })
	t.digits.AddEventListener("change", false, func(dom.Event) { t.digitsChanged() })
	t.update()
}

// fill puts s in the form.
func (t *trainer) fill(s settings) {
	t.digits.SetValue(format.Itoa(s.Digits))
	t.questions.SetValue(format.Itoa(s.Questions))
	t.epochs.SetValue(format.Itoa(s.Epochs))
	t.seed.SetValue(format.Itoa(s.Seed))
	t.digitsChanged()
}

func (t *trainer) read() settings {
	d := 0
	for i, c := range t.digits.Value() {
		if i > 0 || c < '0' || c > '9' {
			d = 0
			break
		}
		d = int(c - '0')
	}
	return settings{
		Digits:    d,
		Questions: int(t.questions.ValueAsNumber()),
		Epochs:    int(t.epochs.ValueAsNumber()),
		Seed:      int(t.seed.ValueAsNumber()),
	}
}

// digitsChanged bounds the questions by the distinct sums of the digits.
func (t *trainer) digitsChanged() {
	s := t.read()
	most := mostQuestions(max(1, s.Digits))
	t.questions.SetAttribute("max", format.Itoa(most))
	if s.Questions > most {
		t.questions.SetValue(format.Itoa(most))
	}
	t.asker.setDigits(s.Digits)
}

// update enables the controls that the latest run's state allows.
func (t *trainer) update() {
	state := done
	if t.run != nil {
		state = t.run.state
	}
	idle := t.engine != nil && (state == paused || state == done || state == failed)
	t.settings.SetDisabled(!idle)
	t.trainButton.SetDisabled(!idle)
	t.stopButton.SetDisabled(state != running)
	t.resumeButton.SetDisabled(state != paused)
}

// say puts msg in the live region.
func (t *trainer) say(msg string) { t.status.SetTextContent(msg) }

// submit starts a run with the form's settings; a paused run is ended first.
func (t *trainer) submit() {
	s := t.read()
	old := t.run
	if old != nil && old.state != paused && old.state != done && old.state != failed {
		return
	}
	r := &run{s: s, state: preparing, wake: make(chan struct{}, 1), finished: make(chan struct{})}
	t.run = r
	t.update()
	t.clear(r)
	if old != nil && old.state == paused {
		old.abandoned = true
		old.model.Stop() // ends a held fit: its Fit returns
		old.nudge()
		go func() {
			<-old.finished
			t.start(r)
		}()
		return
	}
	go t.start(r)
}

// nudge wakes the run's loop if it waits between epochs.
func (r *run) nudge() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// start runs r and reports its outcome.
func (t *trainer) start(r *run) {
	defer close(r.finished)
	err := t.runErr(r)
	if r.abandoned {
		return
	}
	if err != nil {
		r.state = failed
		t.say("Training failed: " + err.Error())
		jsapi.ConsoleError("addition: " + err.Error())
	} else {
		r.state = done
	}
	t.update()
}

func (t *trainer) runErr(r *run) error {
	s := r.s
	if err := s.check(); err != nil {
		return err
	}
	t.say("Generating " + format.Thousands(s.Questions) + " questions…")
	d, err := makeData(s)
	if err != nil {
		return err
	}
	r.d = d
	if err := t.prepare(r); err != nil {
		return err
	}
	t.asker.setModel(r.model, d.cfg, d.val)

	t.say("Training on " + format.Thousands(s.trainSize()) + " questions for " + count(s.Epochs, "epoch", "epochs") +
		", seed " + format.Itoa(s.Seed) + "…")
	r.state = running
	t.update()
	for e := range s.Epochs {
		if r.waitWhilePaused() {
			return nil
		}
		r.epoch = e
		if err := t.fitEpoch(r); err != nil || r.abandoned {
			return err
		}
		if r.state == running {
			t.say("Epoch " + format.Itoa(e+1) + " of " + format.Itoa(s.Epochs) + " done: asking the " +
				format.Thousands(s.heldOutSize()) + " held-out questions…")
		}
		if err := t.measure(r); err != nil {
			return err
		}
	}
	r.over = true // a Stop that came as the last epoch ended is moot
	r.state = finishing
	t.update()
	t.showHash(r)
	acc := t.heldOut.GetAttribute("data-value")
	t.say("Trained " + count(s.Epochs, "epoch", "epochs") + " in " + format.Fixed(r.elapsed().Seconds(), 0) +
		" s. Held-out answers right: " + t.heldOut.TextContent() + ". Ask the model below." + hintMore(acc))
	return nil
}

// prepare makes the model and puts the questions in the engine; the
// previous run's are freed first.
func (t *trainer) prepare(r *run) error {
	t.asker.setModel(nil, r.d.cfg, nil)
	if t.inEngine != nil {
		t.inEngine.dispose()
	}
	t.inEngine = r
	t.say("Making the network…")
	m, err := newModel(t.engine, r.d.cfg, r.s.Seed)
	if err != nil {
		return err
	}
	r.model = m
	if text, err := m.Summary(); err == nil {
		t.summary.SetTextContent(text)
	}
	t.say("Putting " + format.Thousands(r.s.Questions) + " questions in the engine…")
	for _, u := range []struct {
		to *js.Value
		x  *tensor.Tensor
	}{{&r.x, r.d.train.X()}, {&r.y, r.d.train.Y()}, {&r.valX, r.d.val.X()}} {
		if *u.to, err = t.engine.Upload(jsapi.Float32Array(u.x.Data), u.x.Shape...); err != nil {
			return err
		}
	}
	return nil
}

// dispose frees the run's model and tensors in the engine.
func (r *run) dispose() {
	if r.model != nil {
		r.model.Dispose()
	}
	for _, v := range []js.Value{r.x, r.y, r.valX} {
		if v.Truthy() {
			v.Call("dispose")
		}
	}
}

// waitWhilePaused waits, between two epochs, while the run is held; it
// reports whether the run was abandoned meanwhile.
func (r *run) waitWhilePaused() (abandoned bool) {
	for (r.state == pausing || r.state == paused) && !r.abandoned {
		<-r.wake
	}
	return r.abandoned
}

// fitEpoch trains one epoch: a fit from initial epoch e to e+1, so that the
// held-out questions are asked of the weights at the end of each epoch.
func (t *trainer) fitEpoch(r *run) error {
	e := r.epoch
	r.fitting = true
	r.started = time.Now()
	err := r.model.Fit(r.x, r.y, jsapi.FitOptions{
		Epochs: e + 1, InitialEpoch: e, BatchSize: batchSize,
		OnBatchEnd: func(b int, l jsapi.Logs) { t.batchEnd(r, b, l) },
		OnEpochEnd: func(_ int, l jsapi.Logs) { t.addEpoch(r, e, l) },
	})
	r.fitting = false
	r.stretchEnds()
	return err
}

// stretchEnds adds the running stretch to the training time.
func (r *run) stretchEnds() {
	if !r.started.IsZero() {
		r.trained += time.Since(r.started)
		r.started = time.Time{}
	}
}

// elapsed is the training time so far.
func (r *run) elapsed() time.Duration {
	if r.started.IsZero() {
		return r.trained
	}
	return r.trained + time.Since(r.started)
}

// clear empties the displays of a run for r.
func (t *trainer) clear(r *run) {
	t.progress.SetMax(float64(max(1, r.s.Epochs*r.s.batches())))
	t.progress.SetValue(0)
	t.chart.Reset(r.s.Epochs)
	t.epochRows.SetInnerHTML("")
	row := t.epochRows.InsertRow(-1)
	row.SetAttribute("class", "placeholder")
	cell := row.InsertCell(-1)
	cell.SetAttribute("colspan", "5")
	cell.SetTextContent("The epochs appear here during training.")
	t.stats.SetTextContent("No batch yet.")
	t.heldOut.SetTextContent("–")
	t.heldOut.RemoveAttribute("data-value")
	t.weightsHash.SetTextContent("–")
	t.weightsHash.RemoveAttribute("data-value")
}

// batchEnd shows batch b (from 0) of the running epoch, with its logs.
func (t *trainer) batchEnd(r *run, b int, l jsapi.Logs) {
	s := r.s
	r.batches = r.epoch*s.batches() + b + 1
	t.progress.SetValue(float64(r.batches))
	t.chart.Add(float64(r.epoch)+float64(b+1)/float64(s.batches()), l.Loss(), l.Accuracy())
	speed := 0.0
	if d := r.elapsed(); d > 0 {
		speed = float64(min(r.batches*batchSize, r.epoch*s.trainSize()+(b+1)*batchSize)) / d.Seconds()
	}
	t.stats.SetTextContent("Epoch " + format.Itoa(r.epoch+1) + "/" + format.Itoa(s.Epochs) + " · batch " +
		format.Itoa(b+1) + "/" + format.Itoa(s.batches()) + " · loss " + format.Fixed(l.Loss(), 4) +
		" · accuracy per character " + format.Percent(l.Accuracy(), 2) + " · " + format.Fixed(speed, 0) + " questions/s")
	t.asker.tick()
}

// addEpoch appends the row of epoch e (from 0) with its training logs; the
// held-out cells wait for measure.
func (t *trainer) addEpoch(r *run, e int, l jsapi.Logs) {
	if e == 0 {
		t.epochRows.SetInnerHTML("")
	}
	row := t.epochRows.InsertRow(-1)
	row.SetAttribute("data-epoch", format.Itoa(e+1))
	cell(row, format.Itoa(e+1), float64(e+1))
	cell(row, format.Fixed(l.Loss(), 4), l.Loss())
	cell(row, format.Percent(l.Accuracy(), 2), l.Accuracy())
	cell(row, "…", math.NaN())
	cell(row, "…", math.NaN())
}

// cell appends a cell showing text, with value as its data-value unless NaN.
func cell(row *dom.HTMLTableRowElement, text string, value float64) {
	c := row.InsertCell(-1)
	c.SetTextContent(text)
	if !math.IsNaN(value) {
		c.SetAttribute("data-value", format.Shortest(value))
	}
}

// measure asks the model every held-out question and fills in the last
// epoch row: the characters right and the answers right in full.
func (t *trainer) measure(r *run) error {
	val := r.d.val
	out, err := r.model.PredictOn(r.valX, predictBatch)
	if err != nil {
		return err
	}
	got := answers(out, len(val.Questions), r.d.cfg)
	seq, char := addition.Accuracy(got, val.Answers)
	rows := t.epochRows.Rows()
	if len(rows) > 0 {
		cells := rows[len(rows)-1].Cells()
		if len(cells) == 5 {
			cells[3].SetTextContent(format.Percent(char, 2))
			cells[3].SetAttribute("data-value", format.Shortest(char))
			cells[4].SetTextContent(format.Percent(seq, 2))
			cells[4].SetAttribute("data-value", format.Shortest(seq))
		}
	}
	t.heldOut.SetTextContent(format.Percent(seq, 2) + " of " + format.Thousands(len(val.Questions)) + " (after epoch " +
		format.Itoa(r.epoch+1) + ")")
	t.heldOut.SetAttribute("data-value", format.Shortest(seq))
	t.asker.ask()
	return nil
}

// stop holds the run after the batch in progress (or before the next
// epoch) and shows the weights as they are.
func (t *trainer) stop() {
	r := t.run
	if r == nil || r.state != running {
		return
	}
	r.state = pausing
	if r.fitting {
		r.model.Pause()
	}
	t.update()
	t.say("Stopping after this batch…")
	go func() {
		// The engine answers between batches, once the pause holds.
		hash, err := r.model.WeightsHash()
		r.stretchEnds()
		if r.abandoned || r.over || r.state != pausing {
			return
		}
		if err != nil {
			r.state = failed
			t.say("Stopping failed: " + err.Error())
			jsapi.ConsoleError("addition: " + err.Error())
			t.update()
			return
		}
		r.state = paused
		t.weightsHash.SetTextContent(hash)
		t.weightsHash.SetAttribute("data-value", hash)
		t.update()
		t.say("Stopped in epoch " + format.Itoa(r.epoch+1) + ", after " + count(r.batches, "batch", "batches") + " (" +
			format.Fixed(r.elapsed().Seconds(), 0) + " s of training). Ask the model below; Resume goes on from here, Train starts anew.")
		t.asker.ask()
	}()
}

// resume continues the paused run.
func (t *trainer) resume() {
	r := t.run
	if r == nil || r.state != paused {
		return
	}
	r.state = running
	t.weightsHash.SetTextContent("–")
	t.weightsHash.RemoveAttribute("data-value")
	if r.fitting {
		r.started = time.Now()
		r.model.Resume()
	}
	r.nudge()
	t.update()
	t.say("Resumed: training on from batch " + format.Itoa(r.batches+1) + " of " +
		format.Thousands(r.s.Epochs*r.s.batches()) + "…")
}

// showHash shows the weights hash of the run's model.
func (t *trainer) showHash(r *run) {
	hash, err := r.model.WeightsHash()
	if err != nil {
		jsapi.ConsoleError("addition: " + err.Error())
		return
	}
	t.weightsHash.SetTextContent(hash)
	t.weightsHash.SetAttribute("data-value", hash)
}
