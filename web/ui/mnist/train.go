//go:build js && wasm

package main

import (
	"strconv"
	"time"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

// The fixed settings, said on the page: Keras' mnist_mlp uses batches of
// 128, dropout 0.2 and RMSprop.
const (
	batchSize = 128
	dropout   = 0.2
	seed      = 42
	// evalBatch is the batch size of the test evaluation (inference only).
	evalBatch = 1000
)

// settings are what the form asks for.
type settings struct {
	TrainSize, Epochs, Hidden int
}

// trainer is the training panel: the settings form, the Train and Stop
// buttons, the progress bar, the status lines, the chart, the table of
// epochs and the test accuracy. It owns the data in the engine and the
// model.
type trainer struct {
	page.Status  // a live region: what is happening
	controls     page.Controls
	trainSize    *dom.HTMLInputElement
	epochs       *dom.HTMLInputElement
	hidden       *dom.HTMLSelectElement
	progress     *dom.HTMLProgressElement
	stats        dom.HTMLElement // the running batch's numbers
	epochRows    *dom.HTMLTableSectionElement
	testAccuracy dom.HTMLElement
	chart        *widgets.Chart
	onModel      func(m *jsapi.Model) // a new model (nil while none is trained)
	engine       *jsapi.Engine
	train, test  *mnistdata.Pack
	trainSet     *mnistdata.Dataset
	testSet      *mnistdata.Dataset
	model        *jsapi.Model
}

// ready enables training on the engine e.
func (t *trainer) ready(e *jsapi.Engine) {
	t.engine = e
	t.controls.Wire(t.Status, func() func() error {
		s := t.read()
		return func() error { return t.run(s) }
	}, func() *jsapi.Model { return t.model })
}

func (t *trainer) read() settings {
	hidden, _ := strconv.Atoi(t.hidden.Value())
	return settings{TrainSize: int(t.trainSize.ValueAsNumber()), Epochs: int(t.epochs.ValueAsNumber()), Hidden: hidden}
}

// run trains with s.
func (t *trainer) run(s settings) error {
	if err := t.load(s.TrainSize); err != nil {
		return err
	}
	if t.controls.Stopping() {
		t.Say("Stopped before training.")
		return nil
	}
	if t.model != nil {
		t.model.Dispose()
		t.model = nil
		t.onModel(nil)
	}
	m, err := newMLP(t.engine, mlpConfig{Hidden: s.Hidden, Dropout: dropout, Seed: seed})
	if err != nil {
		return err
	}
	t.model = m

	batches := (s.TrainSize + batchSize - 1) / batchSize
	t.progress.SetMax(float64(s.Epochs * batches))
	t.progress.SetValue(0)
	t.chart.Reset(s.Epochs)
	t.epochRows.SetInnerHTML("")
	t.showTestAccuracy(nil)
	t.Say("Training on " + format.Itoa(s.TrainSize) + " images for " + format.Itoa(s.Epochs) + " epochs…")

	start := time.Now()
	epoch, epochStart := 0, start
	err = m.Fit(t.trainSet.X, t.trainSet.Y, jsapi.FitOptions{
		Epochs: s.Epochs, BatchSize: batchSize,
		OnBatchEnd: func(b int, l jsapi.Logs) {
			t.progress.SetValue(float64(epoch*batches + b + 1))
			t.chart.Add(float64(epoch)+float64(b+1)/float64(batches), l.Loss(), l.Accuracy())
			t.stats.SetTextContent("Epoch " + format.Itoa(epoch+1) + "/" + format.Itoa(s.Epochs) + " · batch " + format.Itoa(b+1) + "/" +
				format.Itoa(batches) + " · loss " + format.Fixed(l.Loss(), 4) + " · accuracy " + format.Percent(l.Accuracy(), 2))
		},
		OnEpochEnd: func(e int, l jsapi.Logs) {
			t.addEpoch(e, l, time.Since(epochStart))
			epoch, epochStart = e+1, time.Now()
			if !t.controls.Stopping() {
				t.Say("Epoch " + format.Itoa(e+1) + " of " + format.Itoa(s.Epochs) + " done: accuracy " + format.Percent(l.Accuracy(), 2) + ".")
			}
		},
	})
	if err != nil {
		return err
	}
	trained := time.Since(start)
	t.Say("Measuring the accuracy on the 10,000 test images…")
	l, err := m.Evaluate(t.testSet.X, t.testSet.Y, evalBatch)
	if err != nil {
		return err
	}
	t.showTestAccuracy(&l)
	what := "Trained " + format.Itoa(epoch) + " epochs in " + format.Fixed(trained.Seconds(), 1) + " s"
	if t.controls.Stopping() {
		// The API closes the epoch in progress: it is the table's last row.
		what = "Stopped after " + format.Fixed(trained.Seconds(), 1) + " s, in epoch " + format.Itoa(epoch)
	}
	t.Say(what + ". Test accuracy " + format.Percent(l.Accuracy(), 2) + ". Draw a digit below.")
	t.onModel(m)
	return nil
}

// load fetches the packs once and puts the test set and the first n
// training images in the engine.
func (t *trainer) load(n int) error {
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
	if t.testSet == nil {
		t.Say("Preparing the 10,000 test images…")
		if t.testSet, err = t.test.Upload(t.engine, t.test.N); err != nil {
			return err
		}
	}
	if t.trainSet != nil && t.trainSet.N != n {
		t.trainSet.Dispose()
		t.trainSet = nil
	}
	if t.trainSet == nil {
		t.Say("Preparing " + format.Itoa(n) + " training images…")
		if t.trainSet, err = t.train.Upload(t.engine, n); err != nil {
			return err
		}
	}
	return nil
}

// addEpoch appends the row of epoch e (from 0) to the table.
func (t *trainer) addEpoch(e int, l jsapi.Logs, took time.Duration) {
	row := t.epochRows.InsertRow(-1)
	row.SetAttribute("data-epoch", format.Itoa(e+1))
	page.Cell(row, format.Itoa(e+1), float64(e+1))
	page.Cell(row, format.Fixed(l.Loss(), 4), l.Loss())
	page.Cell(row, format.Percent(l.Accuracy(), 2), l.Accuracy())
	page.Cell(row, format.Fixed(took.Seconds(), 1)+" s", took.Seconds())
}

// showTestAccuracy shows the test logs, or a dash for nil.
func (t *trainer) showTestAccuracy(l *jsapi.Logs) {
	if l == nil {
		page.Dash(t.testAccuracy)
		return
	}
	page.ShowNumber(t.testAccuracy, format.Percent(l.Accuracy(), 2)+" (loss "+format.Fixed(l.Loss(), 4)+")", l.Accuracy())
}
