//go:build js && wasm

package main

import (
	"time"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

// trainer is the training panel: the settings form; the Train, Stop and
// Resume buttons; the progress bar, the status lines, the chart, the table
// of batches, the test accuracy, the speed and the weights hash. It owns the
// data in the engine and the model.
type trainer struct {
	page.Status  // a live region: what is happening
	controls     page.PauseControls
	trainSize    *dom.HTMLInputElement
	epochs       *dom.HTMLInputElement
	testSize     *dom.HTMLInputElement
	seed         *dom.HTMLInputElement
	progress     *dom.HTMLProgressElement
	stats        dom.HTMLElement // the running batch's numbers
	batchRows    *dom.HTMLTableSectionElement
	testAccuracy dom.HTMLElement
	speed        dom.HTMLElement
	weightsHash  dom.HTMLElement
	summary      dom.HTMLElement
	chart        *widgets.Chart
	// onModel gets the model that the pad may use, or nil (with what the
	// prediction panel should say meanwhile).
	onModel func(m *jsapi.Model, msg string)

	engine            *jsapi.Engine
	train, test       *mnistdata.Pack
	trainSet, testSet *mnistdata.Dataset
	model             *jsapi.Model // the latest model; disposed when a new run makes one
	run               *run         // the latest run, nil before the first
}

// run is one training: one model, one fit, however often it is paused
// (while pausing, the model is measured too).
type run struct {
	page.Run
	s       settings
	model   *jsapi.Model
	clock   clock
	batches int // batches done, over all epochs
	epoch   int // the epoch running, from 0
	fitOver bool
}

// ready enables training on the engine e.
func (t *trainer) ready(e *jsapi.Engine) {
	t.engine = e
	t.controls.Wire(t.submit, t.stop, t.resume)
	t.update()
}

func (t *trainer) read() settings {
	return settings{
		TrainSize: int(t.trainSize.ValueAsNumber()),
		Epochs:    int(t.epochs.ValueAsNumber()),
		TestSize:  int(t.testSize.ValueAsNumber()),
		Seed:      int(t.seed.ValueAsNumber()),
	}
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
	r := &run{Run: page.NewRun(), s: s}
	t.run = r
	t.update()
	t.clear(r)
	var after *page.Run
	if old != nil && old.State == page.Paused {
		old.Abandoned = true
		old.model.Stop() // ends the held fit: its goroutine returns quietly
		after = &old.Run
	}
	r.Go(after, t.Status, func() error { return t.runErr(r) }, t.update)
}

func (t *trainer) runErr(r *run) error {
	s := r.s
	if err := t.load(s); err != nil {
		return err
	}
	if err := s.check(t.train.N, t.test.N); err != nil {
		return err
	}
	if t.model != nil {
		t.onModel(nil, "Training a new model…")
		t.model.Dispose()
		t.model = nil
	}
	t.Say("Making the network…")
	m, err := newCNN(t.engine, s.Seed)
	if err != nil {
		return err
	}
	t.model, r.model = m, m
	if text, err := m.Summary(); err == nil {
		t.summary.SetTextContent(text)
	}

	t.Say("Training on " + format.Thousands(s.TrainSize) + " images for " + count(s.Epochs, "epoch", "epochs") + ", seed " +
		format.Itoa(s.Seed) + "…")
	r.State = page.Running
	r.clock.resume(time.Now())
	t.update()

	err = m.Fit(t.trainSet.X, t.trainSet.Y, jsapi.FitOptions{
		Epochs: s.Epochs, BatchSize: batchSize,
		OnBatchEnd: func(b int, l jsapi.Logs) { t.batchEnd(r, b, l) },
		OnEpochEnd: func(e int, l jsapi.Logs) {
			r.epoch = e + 1
			if r.State == page.Running && e+1 < s.Epochs {
				t.Say("Epoch " + format.Itoa(e+1) + " of " + format.Itoa(s.Epochs) + " done: accuracy " +
					format.Percent(l.Accuracy(), 2) + ".")
			}
		},
	})
	r.fitOver = true
	if r.Abandoned {
		return nil
	}
	r.clock.pause()
	if err != nil {
		return err
	}
	r.State = page.Finishing
	t.update()
	acc, err := t.measure(r)
	if err != nil {
		return err
	}
	t.Say("Trained " + count(s.Epochs, "epoch", "epochs") + " on " + format.Thousands(s.TrainSize) + " images in " +
		format.Fixed(r.clock.elapsed().Seconds(), 1) + " s. Test accuracy " + format.Percent(acc, 2) +
		". Draw a digit below.")
	t.onModel(m, "")
	return nil
}

// clear empties the displays of a run for r.
func (t *trainer) clear(r *run) {
	t.progress.SetMax(float64(r.s.Epochs * r.s.batches()))
	t.progress.SetValue(0)
	t.chart.Reset(r.s.Epochs)
	t.batchRows.SetInnerHTML("")
	t.stats.SetTextContent("No batch yet.")
	t.showTestAccuracy(nil, 0)
	t.showSpeed(r)
	t.showHash("")
	t.onModel(nil, "The pad reads your digit when training stops or ends.")
}

// batchEnd shows the batch b (from 0) of the running epoch, with its logs.
func (t *trainer) batchEnd(r *run, b int, l jsapi.Logs) {
	s := r.s
	r.batches = r.epoch*s.batches() + b + 1
	r.clock.batch(time.Now())
	t.progress.SetValue(float64(r.batches))
	t.chart.Add(float64(r.epoch)+float64(b+1)/float64(s.batches()), l.Loss(), l.Accuracy())
	t.addBatch(r.epoch, b, l)
	images := s.imagesDone(r.batches)
	t.stats.SetTextContent("Epoch " + format.Itoa(r.epoch+1) + "/" + format.Itoa(s.Epochs) + " · batch " +
		format.Itoa(b+1) + "/" + format.Itoa(s.batches()) + " · loss " + format.Fixed(l.Loss(), 4) +
		" · accuracy " + format.Percent(l.Accuracy(), 2) + " · " +
		format.Fixed(rate(images, r.clock.elapsed()), 1) + " images/s")
}

// stop holds the running fit and measures the model as it is.
func (t *trainer) stop() {
	r := t.run
	if r == nil || r.State != page.Running {
		return
	}
	r.State = page.Pausing
	r.model.Pause()
	t.update()
	t.Say("Stopping after this batch…")
	go func() {
		acc, err := t.measure(r)
		if r.Abandoned || r.fitOver { // the fit ended before the pause: runErr reports
			return
		}
		if err != nil {
			r.State = page.Failed
			t.Fail("Stopping failed", err)
			t.update()
			return
		}
		r.State = page.Paused
		t.update()
		t.Say("Stopped in epoch " + format.Itoa(r.epoch+1) + ", after " + count(r.batches, "batch", "batches") + " (" +
			format.Fixed(r.clock.elapsed().Seconds(), 1) + " s of training). Test accuracy " + format.Percent(acc, 2) +
			". Resume goes on from here; Train starts anew. Draw a digit below.")
		t.onModel(r.model, "")
	}()
}

// measure shows the weights hash, the speed and the test accuracy of the
// model as it is, and returns the accuracy. Its first call to the engine
// also waits for a pause to take hold: the engine answers between batches,
// after the reports of those done.
func (t *trainer) measure(r *run) (accuracy float64, err error) {
	hash, err := r.model.WeightsHash()
	if err != nil {
		return 0, err
	}
	r.clock.pause()
	t.showHash(hash)
	t.showSpeed(r)
	t.Say("Measuring the accuracy on " + format.Thousands(r.s.TestSize) + " test images…")
	l, err := r.model.Evaluate(t.testSet.X, t.testSet.Y, evalBatch)
	if err != nil {
		return 0, err
	}
	t.showTestAccuracy(&l, r.s.TestSize)
	return l.Accuracy(), nil
}

// resume continues the paused fit.
func (t *trainer) resume() {
	r := t.run
	if r == nil || r.State != page.Paused {
		return
	}
	r.State = page.Running
	r.clock.resume(time.Now())
	t.showTestAccuracy(nil, 0)
	t.showHash("")
	t.onModel(nil, "The pad reads your digit when training stops or ends.")
	r.model.Resume()
	t.update()
	t.Say("Resumed: training on from batch " + format.Itoa(r.batches+1) + " of " +
		format.Itoa(r.s.Epochs*r.s.batches()) + "…")
}

// load fetches the packs once and puts the first images of each in the
// engine, shaped 28×28×1.
func (t *trainer) load(s settings) error {
	var err error
	if t.train == nil {
		t.Say("Downloading MNIST…")
		if t.train, err = mnistdata.FetchPack(mnistdata.TrainURL); err != nil {
			return err
		}
	}
	if t.test == nil {
		if t.test, err = mnistdata.FetchPack(mnistdata.TestURL); err != nil {
			return err
		}
	}
	if t.testSet, err = t.upload(t.test, t.testSet, s.TestSize, "test"); err != nil {
		return err
	}
	t.trainSet, err = t.upload(t.train, t.trainSet, s.TrainSize, "training")
	return err
}

// upload returns have if it holds n images, else the first n of p, uploaded.
func (t *trainer) upload(p *mnistdata.Pack, have *mnistdata.Dataset, n int, what string) (*mnistdata.Dataset, error) {
	if have != nil && have.N == n {
		return have, nil
	}
	if have != nil {
		have.Dispose()
	}
	t.Say("Preparing " + format.Thousands(n) + " " + what + " images…")
	return p.Upload(t.engine, n, mnistdata.Side, mnistdata.Side, 1)
}

// addBatch appends the row of batch b of epoch e (both from 0) to the table.
func (t *trainer) addBatch(e, b int, l jsapi.Logs) {
	row := t.batchRows.InsertRow(-1)
	row.SetAttribute("data-epoch", format.Itoa(e+1))
	row.SetAttribute("data-batch", format.Itoa(b+1))
	page.Cell(row, format.Itoa(e+1), float64(e+1))
	page.Cell(row, format.Itoa(b+1), float64(b+1))
	page.Cell(row, format.Fixed(l.Loss(), 4), l.Loss())
	page.Cell(row, format.Percent(l.Accuracy(), 2), l.Accuracy())
}

// showTestAccuracy shows the test logs on n images, or a dash for nil.
func (t *trainer) showTestAccuracy(l *jsapi.Logs, n int) {
	if l == nil {
		page.Dash(t.testAccuracy)
		return
	}
	page.ShowNumber(t.testAccuracy, format.Percent(l.Accuracy(), 2)+" on "+format.Thousands(n)+
		" images (loss "+format.Fixed(l.Loss(), 4)+")", l.Accuracy())
}

// showSpeed shows the run's training speed so far.
func (t *trainer) showSpeed(r *run) {
	d := r.clock.elapsed()
	images := r.s.imagesDone(r.batches)
	if images == 0 || d <= 0 {
		page.Dash(t.speed)
		return
	}
	v := rate(images, d)
	page.ShowNumber(t.speed, format.Fixed(v, 1)+" images/s ("+format.Thousands(images)+" images in "+
		format.Fixed(d.Seconds(), 1)+" s)", v)
}

// showHash shows the weights hash, or a dash for "".
func (t *trainer) showHash(h string) {
	if h == "" {
		page.Dash(t.weightsHash)
		return
	}
	page.Show(t.weightsHash, h, h)
}
