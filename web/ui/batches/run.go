//go:build js && wasm

package main

import (
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

// ready enables training on the engine e.
func (p *app) ready(e *jsapi.Engine) {
	p.engine = e
	p.controls.Wire(p.Status, func() func() error {
		s := p.read()
		if err := s.check(); err != nil {
			p.Say("Check the settings: " + err.Error() + ".")
			return nil
		}
		return func() error { return p.run(s) }
	}, func() *jsapi.Model { return p.model })
}

// run trains one model per batch size of s.
func (p *app) run(s settings) error {
	if err := p.load(s); err != nil {
		return err
	}
	p.byExamples.Clear()
	p.byTime.Clear()
	p.buildTable(s)
	p.progress.SetMax(float64(s.budget()))
	p.progress.SetValue(0)
	done := 0
	start := time.Now()
	for _, size := range s.Sizes {
		if p.controls.Stopping() {
			break
		}
		if err := p.runSize(s, size, &done); err != nil {
			return err
		}
	}
	what := "Done"
	if p.controls.Stopping() {
		what = "Stopped"
	}
	p.Say(what + " in " + format.Fixed(time.Since(start).Seconds(), 1) + " s. Compare the curves: per example seen, and per second.")
	return nil
}

// run is one batch size's training: its curves as they grow.
type run struct {
	size                 int
	color                string
	seen                 []float64 // examples seen after each batch
	raw, smooth, seconds []float64 // the batch's loss, the average, the training time
	avg                  smoother
}

// runSize trains a fresh model (the same initial weights for every size)
// with batches of size; done counts the examples of the whole comparison.
func (p *app) runSize(s settings, size int, done *int) error {
	m, err := newMLP(p.engine, s)
	if err != nil {
		return err
	}
	p.model = m
	defer func() {
		p.model = nil
		m.Dispose()
	}()
	r := &run{size: size, color: colorOf(size), avg: smoother{over: smoothing}}
	row := p.doc.GetElementByID("row-" + format.Itoa(size)).(*dom.HTMLTableRowElement)
	var trained time.Duration
	for e := 0; e < s.Epochs && !p.controls.Stopping(); e++ {
		losses := newBatchLoss(s.TrainSize, size)
		fitStart := time.Now()
		err := m.Fit(p.trainSet.X, p.trainSet.Y, jsapi.FitOptions{Epochs: e + 1, InitialEpoch: e, BatchSize: size,
			OnBatchEnd: func(b int, l jsapi.Logs) {
				loss, k := losses.add(b, l.Loss())
				if k == 0 {
					return
				}
				*done += k
				r.add(loss, k, (trained + time.Since(fitStart)).Seconds())
				p.draw(r)
				p.progress.SetValue(float64(*done))
				p.stats.SetTextContent("Batch size " + format.Itoa(size) + " · epoch " + format.Itoa(e+1) + "/" +
					format.Itoa(s.Epochs) + " · " + format.Thousands(len(r.seen)) + " updates · loss " + format.Fixed(r.avg.value, 3))
			}})
		trained += time.Since(fitStart)
		if err != nil {
			return err
		}
		if p.controls.Stopping() {
			break
		}
		p.Say("Batch size " + format.Itoa(size) + ": measuring epoch " + format.Itoa(e+1) + " on the test images…")
		l, err := m.Evaluate(p.testSet.X, p.testSet.Y, evalBatch)
		if err != nil {
			return err
		}
		page.ShowNumber(row.Cells()[2+e], format.Percent(l.Accuracy(), 1), l.Accuracy())
	}
	cells := row.Cells()
	secs := trained.Seconds()
	page.ShowNumber(cells[2+s.Epochs], format.Fixed(secs, 1)+" s", secs)
	if secs > 0 && len(r.seen) > 0 {
		rate := r.seen[len(r.seen)-1] / secs
		page.ShowNumber(cells[3+s.Epochs], format.Thousands(int(rate+0.5)), rate)
	}
	return nil
}

// add records the loss of a batch of k examples at seconds of training.
func (r *run) add(loss float64, k int, seconds float64) {
	seen := float64(k)
	if n := len(r.seen); n > 0 {
		seen += r.seen[n-1]
	}
	r.seen = append(r.seen, seen)
	r.raw = append(r.raw, loss)
	r.smooth = append(r.smooth, r.avg.add(loss, k))
	r.seconds = append(r.seconds, seconds)
}

// draw puts the run's curves in the charts: thin, the loss of each batch;
// thick, its average over about smoothing examples.
func (p *app) draw(r *run) {
	key := format.Itoa(r.size)
	p.byExamples.Set(widgets.Series{Key: "raw-" + key, Color: r.color, Width: 1, Alpha: 0.3, X: r.seen, Y: r.raw})
	p.byExamples.Set(widgets.Series{Key: "avg-" + key, Color: r.color, Width: 2.5, X: r.seen, Y: r.smooth})
	p.byTime.Set(widgets.Series{Key: "avg-" + key, Color: r.color, Width: 2.5, X: r.seconds, Y: r.smooth})
}

// buildTable makes a row per batch size and a column per epoch.
func (p *app) buildTable(s settings) {
	p.head.SetInnerHTML("")
	th := func(text string) {
		c := p.doc.CreateElement("th")
		c.SetAttribute("scope", "col")
		c.SetTextContent(text)
		p.head.AppendChild(c)
	}
	th("Batch size")
	th("Updates per epoch")
	for e := range s.Epochs {
		th("Test accuracy, epoch " + format.Itoa(e+1))
	}
	th("Training time")
	th("Examples per second")
	p.rows.SetInnerHTML("")
	for _, size := range s.Sizes {
		row := p.rows.InsertRow(-1)
		row.SetID("row-" + format.Itoa(size))
		row.Style().SetProperty("--size", colorOf(size), "")
		head := p.doc.CreateElement("th")
		head.SetAttribute("scope", "row")
		head.SetTextContent(format.Itoa(size))
		row.AppendChild(head)
		u := updates(s.TrainSize, size)
		c := row.InsertCell(-1)
		page.ShowNumber(c, format.Thousands(u), float64(u))
		for range s.Epochs + 2 {
			row.InsertCell(-1).SetTextContent("–")
		}
	}
}

// load fetches the packs once and puts the first images of each in the
// engine, again only when their numbers change.
func (p *app) load(s settings) error {
	var err error
	if p.trainPack == nil {
		p.Say("Downloading MNIST…")
		if p.trainPack, err = mnistdata.FetchPack(mnistdata.TrainURL); err != nil {
			return err
		}
		if p.testPack, err = mnistdata.FetchPack(mnistdata.TestURL); err != nil {
			return err
		}
	}
	if p.trainSet != nil && p.trainSet.N != s.TrainSize {
		p.trainSet.Dispose()
		p.trainSet = nil
	}
	if p.trainSet == nil {
		p.Say("Preparing " + format.Thousands(s.TrainSize) + " training images…")
		if p.trainSet, err = p.trainPack.Upload(p.engine, s.TrainSize); err != nil {
			return err
		}
	}
	if p.testSet != nil && p.testSet.N != s.Test {
		p.testSet.Dispose()
		p.testSet = nil
	}
	if p.testSet == nil {
		if p.testSet, err = p.testPack.Upload(p.engine, s.Test); err != nil {
			return err
		}
	}
	p.Say("Training " + format.Itoa(len(s.Sizes)) + " models, one per batch size, " + format.Itoa(s.Epochs) +
		" epochs each on " + format.Thousands(s.TrainSize) + " images…")
	return nil
}

// newMLP makes and compiles Dense(hidden, relu) → Dense(10, softmax) on
// 784 inputs, seeded with s.Seed: every batch size starts from the same
// weights.
func newMLP(e *jsapi.Engine, s settings) (*jsapi.Model, error) {
	var specs []js.Value
	for _, o := range []map[string]any{
		{"units": hidden, "activation": "relu", "inputShape": []int{mnistdata.Pixels}},
		{"units": mnistdata.Classes, "activation": "softmax"},
	} {
		spec, err := jsapi.Layer("dense", o)
		if err != nil {
			return nil, err
		}
		specs = append(specs, spec)
	}
	m, err := e.Sequential(specs, s.Seed)
	if err != nil {
		return nil, err
	}
	class := map[string]string{"sgd": "SGD", "rmsprop": "RMSprop"}[s.Optimizer]
	err = m.Compile(map[string]any{
		"optimizer": map[string]any{"className": class, "config": map[string]any{"learning_rate": s.LR}},
		"loss":      "categorical_crossentropy", "metrics": []any{"accuracy"}})
	if err != nil {
		m.Dispose()
		return nil, err
	}
	return m, nil
}
