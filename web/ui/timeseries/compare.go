//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/nn/tensor"
	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/page"
)

// app is the comparison: the form, the buttons, the progress, the table
// and the chart. It owns the engine's models while they train.
type app struct {
	page.Status // a live region
	form        *dom.HTMLFormElement
	settings    *dom.HTMLFieldSetElement
	series      *dom.HTMLSelectElement
	epochs      *dom.HTMLInputElement
	seed        *dom.HTMLInputElement
	kernel      *dom.HTMLInputElement
	depth       *dom.HTMLInputElement
	trainButton *dom.HTMLButtonElement
	convButton  *dom.HTMLButtonElement
	stopButton  *dom.HTMLButtonElement
	progress    *dom.HTMLProgressElement
	stats       dom.HTMLElement
	field       *fieldView
	table       *maeTable
	chart       *forecastChart

	engine *jsapi.Engine
	files  map[string][]byte // the CSV files fetched, by source key
	data   *dataset          // the series compared last, nil before
	run    *run              // the latest run, nil before the first
}

// run is one comparison, or one Conv1D retrained.
type run struct {
	s        settings
	convOnly bool
	over     bool
	stopped  bool         // Stop was pressed
	model    *jsapi.Model // the model training, nil between models
	done     int          // batches done
	total    int          // batches of every epoch of every model, as if none stopped early
}

// read returns the form's settings.
func (p *app) read() settings {
	return settings{
		Source: p.series.Value(),
		Epochs: int(p.epochs.ValueAsNumber()),
		Seed:   int(p.seed.ValueAsNumber()),
		Kernel: int(p.kernel.ValueAsNumber()),
		Depth:  int(p.depth.ValueAsNumber()),
	}
}

// fill puts s in the form.
func (p *app) fill(s settings) {
	p.series.SetValue(s.Source)
	p.epochs.SetValue(format.Itoa(s.Epochs))
	p.seed.SetValue(format.Itoa(s.Seed))
	p.kernel.SetValue(format.Itoa(s.Kernel))
	p.depth.SetValue(format.Itoa(s.Depth))
	p.formChanged()
}

// formChanged follows the series, kernel and layers: the kernel's range
// and the receptive field.
func (p *app) formChanged() {
	s := p.read()
	src, err := sourceByKey(s.Source)
	if err != nil {
		return
	}
	p.kernel.SetAttribute("max", format.Itoa(src.Window))
	p.field.show(src, s.Kernel, s.Depth)
	p.update()
}

// ready enables the form on the engine e.
func (p *app) ready(e *jsapi.Engine) {
	p.engine = e
	p.form.AddEventListener("submit", false, func(ev dom.Event) {
		ev.PreventDefault() // the browser has checked the ranges
		p.start(false)
	})
	p.convButton.AddEventListener("click", false, func(dom.Event) {
		if p.form.Call("reportValidity").Bool() { // the browser checks the ranges, as for submit
			p.start(true)
		}
	})
	p.stopButton.AddEventListener("click", false, func(dom.Event) { p.stop() })
	p.update()
}

// busy reports whether a run is going on.
func (p *app) busy() bool { return p.run != nil && !p.run.over }

// update enables the controls that the state allows: Retrain Conv1D needs
// the series of the form compared already.
func (p *app) update() {
	idle := p.engine != nil && !p.busy()
	p.settings.SetDisabled(!idle)
	p.trainButton.SetDisabled(!idle)
	p.convButton.SetDisabled(!idle || p.data == nil || p.data.src.Key != p.series.Value())
	p.stopButton.SetDisabled(!p.busy() || p.run.stopped)
}

// start begins a comparison of all models, or (convOnly) retrains the
// Conv1D on the series compared.
func (p *app) start(convOnly bool) {
	if p.busy() {
		return
	}
	s := p.read()
	if err := s.check(); err != nil {
		p.Say("Cannot train: " + err.Error() + ".")
		return
	}
	r := &run{s: s, convOnly: convOnly}
	p.run = r
	p.update()
	go func() {
		err := p.compare(r)
		r.over, r.model = true, nil
		if err != nil {
			p.Fail("Training failed", err)
		}
		p.update()
	}()
}

// stop ends the run after the batch in progress: the model training keeps
// its best weights so far and is measured; the models after it are not
// trained.
func (p *app) stop() {
	r := p.run
	if r == nil || r.over || r.stopped {
		return
	}
	r.stopped = true
	if r.model != nil {
		r.model.Stop()
	}
	p.update()
	p.Say("Stopping after this batch…")
}

// compare runs r.
func (p *app) compare(r *run) error {
	src, err := sourceByKey(r.s.Source)
	if err != nil {
		return err
	}
	todo := kinds
	if r.convOnly {
		todo = kinds[len(kinds)-1:]
	} else {
		if p.data, err = p.load(src); err != nil {
			return err
		}
	}
	d := p.data
	bpe := (d.trainX.Shape[0] + batchSize - 1) / batchSize
	r.total = len(todo) * r.s.Epochs * bpe
	p.progress.SetMax(float64(r.total))
	p.progress.SetValue(0)
	if !r.convOnly {
		p.table.reset(src, d.naiveMAE(), r.s.Kernel, r.s.Depth)
		p.chart.reset(p.labels(d), src.Unit, d.testTruth, d.testLast)
	}
	for i, k := range todo {
		if r.stopped {
			p.table.waiting(k, src, r.s.Kernel, r.s.Depth, "skipped")
			continue
		}
		p.table.waiting(k, src, r.s.Kernel, r.s.Depth, "running")
		p.chart.set(k.key, nil)
		res, err := p.train(r, k, d, i*r.s.Epochs*bpe)
		if err != nil {
			p.table.waiting(k, src, r.s.Kernel, r.s.Depth, "failed")
			return err
		}
		p.table.set(k, res)
		p.chart.set(k.key, res.forecast)
	}
	p.progress.SetValue(float64(r.total))
	p.Say(p.summary(r, src))
	return nil
}

// load fetches src's file once and prepares it.
func (p *app) load(src source) (*dataset, error) {
	csv, ok := p.files[src.Key]
	if !ok {
		p.Say("Downloading " + src.URL() + "…")
		a, err := jsapi.Fetch(src.URL())
		if err != nil {
			return nil, err
		}
		csv = make([]byte, a.Length())
		js.CopyBytesToGo(csv, a)
		p.files[src.Key] = csv
	}
	return load(csv, src)
}

// labels are the held-out steps' times as the chart writes them.
func (p *app) labels(d *dataset) []string {
	out := make([]string, len(d.testTimes))
	for i, t := range d.testTimes {
		out[i] = t.Format(d.src.Layout)
	}
	return out
}

// train fits one model of k, epoch by epoch, keeping the weights of the
// epoch with the lowest validation loss (early stopping with patience),
// and measures them on the held-out steps. base is the progress before it.
func (p *app) train(r *run, k kind, d *dataset, base int) (result, error) {
	s := r.s
	steps, name := d.src.Window, k.name
	if k.conv {
		steps, name = receptiveField(s.Kernel, s.Depth), convName(s.Kernel, s.Depth)
	}
	p.Say("Training " + name + " on " + format.Thousands(d.trainX.Shape[0]) + " windows, at most " +
		format.Itoa(s.Epochs) + " epochs…")
	m, err := newModel(p.engine, specs(k, steps, s.Kernel, s.Depth), s.Seed)
	if err != nil {
		return result{}, err
	}
	defer m.Dispose()
	in := func(x *tensor.Tensor) *tensor.Tensor {
		if k.conv {
			return lastSteps(x, steps)
		}
		return x
	}
	var tensors []js.Value
	defer func() {
		for _, t := range tensors {
			t.Call("dispose")
		}
	}()
	upload := func(x *tensor.Tensor) (js.Value, error) {
		v, err := p.engine.Upload(jsapi.Float32Array(x.Data), x.Shape...)
		if err == nil {
			tensors = append(tensors, v)
		}
		return v, err
	}
	var x, y, valX, valY, testX js.Value
	for _, u := range []struct {
		to *js.Value
		t  *tensor.Tensor
	}{{&x, in(d.trainX)}, {&y, d.trainY}, {&valX, in(d.valX)}, {&valY, d.valY}, {&testX, in(d.testX)}} {
		if *u.to, err = upload(u.t); err != nil {
			return result{}, err
		}
	}

	bpe := (d.trainX.Shape[0] + batchSize - 1) / batchSize
	stop := newEarlyStop(patience)
	var best jsapi.Weights
	epochs := 0
	r.model = m
	for e := range s.Epochs {
		if r.stopped {
			break
		}
		err := m.Fit(x, y, jsapi.FitOptions{Epochs: e + 1, InitialEpoch: e, BatchSize: batchSize,
			OnBatchEnd: func(b int, l jsapi.Logs) {
				r.done = base + e*bpe + b + 1
				p.progress.SetValue(float64(r.done))
				p.stats.SetTextContent(name + " · epoch " + format.Itoa(e+1) + "/" + format.Itoa(s.Epochs) + " · batch " +
					format.Itoa(b+1) + "/" + format.Itoa(bpe) + " · loss " + format.Fixed(l.Loss(), 4) + bestSoFar(stop))
			}})
		if err != nil {
			return result{}, err
		}
		epochs = e + 1
		l, err := m.Evaluate(valX, valY, evalBatch)
		if err != nil {
			return result{}, err
		}
		better, halt := stop.epoch(e, l.Loss())
		if better {
			if best, err = m.GetWeights(); err != nil {
				return result{}, err
			}
		}
		if halt {
			break
		}
	}
	r.model = nil
	if best.Value.Truthy() {
		if err := m.SetWeights(best); err != nil {
			return result{}, err
		}
	}
	pred, err := m.PredictOn(testX, evalBatch)
	if err != nil {
		return result{}, err
	}
	fc, err := d.forecast(pred)
	if err != nil {
		return result{}, err
	}
	return result{name: name, sees: steps, mae: d.mae(fc), forecast: fc, epochs: epochs, best: stop.bestAt + 1}, nil
}

// bestSoFar is the best validation loss so far, for the stats line.
func bestSoFar(s *earlyStop) string {
	if s.bestAt < 0 {
		return ""
	}
	return " · best validation loss " + format.Fixed(s.best, 4) + " (epoch " + format.Itoa(s.bestAt+1) + ")"
}

// summary says how the run ended.
func (p *app) summary(r *run, src source) string {
	d := p.data
	msg := "Done"
	if r.stopped {
		msg = "Stopped"
	}
	msg += ": held-out MAE on " + format.Itoa(len(d.testTruth)) + " " + src.Steps + ", the last-value forecast " +
		format.Fixed(d.naiveMAE(), 3) + " " + src.Unit + "."
	if c, ok := p.table.maes["conv1d"]; ok {
		seen := receptiveField(r.s.Kernel, r.s.Depth)
		msg += " " + convName(r.s.Kernel, r.s.Depth) + " sees " + format.Itoa(seen) + " " + src.Steps + ": " +
			format.Fixed(c, 3) + " " + src.Unit + ". Change its kernel size or layers and press Retrain Conv1D to see how far back it needs to look."
	}
	return msg
}
