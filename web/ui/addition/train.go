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
	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

// trainer is the training panel: the settings, the Train, Stop and Resume
// buttons, the progress bar, the status lines, the curves, the table of
// epochs with the held-out accuracy, and the weights hash. It owns the
// model and the data in the engine.
type trainer struct {
	page.Status // a live region: what is happening
	controls    page.PauseControls
	digits      *dom.HTMLSelectElement
	questions   *dom.HTMLInputElement
	epochs      *dom.HTMLInputElement
	seed        *dom.HTMLInputElement
	progress    *dom.HTMLProgressElement
	stats       dom.HTMLElement // the running batch's numbers
	epochRows   *dom.HTMLTableSectionElement
	heldOut     dom.HTMLElement
	weightsHash dom.HTMLElement
	summary     dom.HTMLElement
	chart       *widgets.Chart
	asker       *asker

	engine   *jsapi.Engine
	run      *run // the latest run, nil before the first
	inEngine *run // the run whose model and data are in the engine
}

// run is one training: one model, one fit per epoch, however often paused.
// It is Preparing while it generates the questions and makes the model,
// Running while it trains or measures between two epochs.
type run struct {
	page.Run
	s       settings
	d       *data
	model   *jsapi.Model
	x, y    js.Value      // the training questions and answers, in the engine
	valX    js.Value      // the held-out questions, in the engine
	epoch   int           // the epoch running (from 0), or the number done at the end
	batches int           // batches done over all epochs
	fitting bool          // inside a fit: Stop must ask the engine to hold it
	over    bool          // every epoch ran
	started time.Time     // of the running stretch of training
	trained time.Duration // training time of the stretches that ended
	wake    chan struct{} // Resume or abandonment: the paused loop looks again
}

// ready enables training on the engine e.
func (t *trainer) ready(e *jsapi.Engine) {
	t.engine = e
	t.controls.Wire(t.submit, t.stop, t.resume)
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
	state := page.Done
	if t.run != nil {
		state = t.run.State
	}
	t.controls.Update(t.engine != nil, state)
}

// submit starts a run with the form's settings; a paused run is ended first.
func (t *trainer) submit() {
	s := t.read()
	old := t.run
	if old != nil && !old.State.Idle() {
		return
	}
	r := &run{Run: page.NewRun(), s: s, wake: make(chan struct{}, 1)}
	t.run = r
	t.update()
	t.clear(r)
	var after *page.Run
	if old != nil && old.State == page.Paused {
		old.Abandoned = true
		old.model.Stop() // ends a held fit: its Fit returns
		old.nudge()
		after = &old.Run
	}
	r.Go(after, t.Status, func() error { return t.runErr(r) }, t.update)
}

// nudge wakes the run's loop if it waits between epochs.
func (r *run) nudge() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

func (t *trainer) runErr(r *run) error {
	s := r.s
	if err := s.check(); err != nil {
		return err
	}
	t.Say("Generating " + format.Thousands(s.Questions) + " questions…")
	d, err := makeData(s)
	if err != nil {
		return err
	}
	r.d = d
	if err := t.prepare(r); err != nil {
		return err
	}
	t.asker.setModel(r.model, d.cfg, d.val)

	t.Say("Training on " + format.Thousands(s.trainSize()) + " questions for " + count(s.Epochs, "epoch", "epochs") +
		", seed " + format.Itoa(s.Seed) + "…")
	r.State = page.Running
	t.update()
	for e := range s.Epochs {
		if r.waitWhilePaused() {
			return nil
		}
		r.epoch = e
		if err := t.fitEpoch(r); err != nil || r.Abandoned {
			return err
		}
		if r.State == page.Running {
			t.Say("Epoch " + format.Itoa(e+1) + " of " + format.Itoa(s.Epochs) + " done: asking the " +
				format.Thousands(s.heldOutSize()) + " held-out questions…")
		}
		if err := t.measure(r); err != nil {
			return err
		}
	}
	r.over = true // a Stop that came as the last epoch ended is moot
	r.State = page.Finishing
	t.update()
	t.showHash(r)
	acc := t.heldOut.GetAttribute("data-value")
	t.Say("Trained " + count(s.Epochs, "epoch", "epochs") + " in " + format.Fixed(r.elapsed().Seconds(), 0) +
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
	t.Say("Making the network…")
	m, err := newModel(t.engine, r.d.cfg, r.s.Seed)
	if err != nil {
		return err
	}
	r.model = m
	if text, err := m.Summary(); err == nil {
		t.summary.SetTextContent(text)
	}
	t.Say("Putting " + format.Thousands(r.s.Questions) + " questions in the engine…")
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
	for (r.State == page.Pausing || r.State == page.Paused) && !r.Abandoned {
		<-r.wake
	}
	return r.Abandoned
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
	page.Placeholder(t.epochRows, 5, "The epochs appear here during training.")
	t.stats.SetTextContent("No batch yet.")
	page.Dash(t.heldOut)
	page.Dash(t.weightsHash)
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
	page.Cell(row, format.Itoa(e+1), float64(e+1))
	page.Cell(row, format.Fixed(l.Loss(), 4), l.Loss())
	page.Cell(row, format.Percent(l.Accuracy(), 2), l.Accuracy())
	page.Cell(row, "…", math.NaN())
	page.Cell(row, "…", math.NaN())
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
			page.ShowNumber(cells[3], format.Percent(char, 2), char)
			page.ShowNumber(cells[4], format.Percent(seq, 2), seq)
		}
	}
	page.ShowNumber(t.heldOut, format.Percent(seq, 2)+" of "+format.Thousands(len(val.Questions))+" (after epoch "+
		format.Itoa(r.epoch+1)+")", seq)
	t.asker.ask()
	return nil
}

// stop holds the run after the batch in progress (or before the next
// epoch) and shows the weights as they are.
func (t *trainer) stop() {
	r := t.run
	if r == nil || r.State != page.Running {
		return
	}
	r.State = page.Pausing
	if r.fitting {
		r.model.Pause()
	}
	t.update()
	t.Say("Stopping after this batch…")
	go func() {
		// The engine answers between batches, once the pause holds.
		hash, err := r.model.WeightsHash()
		r.stretchEnds()
		if r.Abandoned || r.over || r.State != page.Pausing {
			return
		}
		if err != nil {
			r.State = page.Failed
			t.Fail("Stopping failed", err)
			t.update()
			return
		}
		r.State = page.Paused
		page.Show(t.weightsHash, hash, hash)
		t.update()
		t.Say("Stopped in epoch " + format.Itoa(r.epoch+1) + ", after " + count(r.batches, "batch", "batches") + " (" +
			format.Fixed(r.elapsed().Seconds(), 0) + " s of training). Ask the model below; Resume goes on from here, Train starts anew.")
		t.asker.ask()
	}()
}

// resume continues the paused run.
func (t *trainer) resume() {
	r := t.run
	if r == nil || r.State != page.Paused {
		return
	}
	r.State = page.Running
	page.Dash(t.weightsHash)
	if r.fitting {
		r.started = time.Now()
		r.model.Resume()
	}
	r.nudge()
	t.update()
	t.Say("Resumed: training on from batch " + format.Itoa(r.batches+1) + " of " +
		format.Thousands(r.s.Epochs*r.s.batches()) + "…")
}

// showHash shows the weights hash of the run's model.
func (t *trainer) showHash(r *run) {
	hash, err := r.model.WeightsHash()
	if err != nil {
		t.Log(err)
		return
	}
	page.Show(t.weightsHash, hash, hash)
}
