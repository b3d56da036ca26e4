//go:build js && wasm

package main

import (
	"math"
	"strconv"
	"time"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
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
	form          *dom.HTMLFormElement
	settings      *dom.HTMLFieldSetElement
	trainSize     *dom.HTMLInputElement
	epochs        *dom.HTMLInputElement
	hidden        *dom.HTMLSelectElement
	trainButton   *dom.HTMLButtonElement
	stopButton    *dom.HTMLButtonElement
	progress      *dom.HTMLProgressElement
	status        dom.HTMLElement // a live region: what is happening
	stats         dom.HTMLElement // the running batch's numbers
	epochRows     *dom.HTMLTableSectionElement
	testAccuracy  dom.HTMLElement
	chart         *widgets.Chart
	onModel       func(m *jsapi.Model) // a new model (nil while none is trained)
	engine        *jsapi.Engine
	train, test   *mnistdata.Pack
	trainSet      *mnistdata.Dataset
	testSet       *mnistdata.Dataset
	model         *jsapi.Model
	running, stop bool
}

// ready enables training on the engine e.
func (t *trainer) ready(e *jsapi.Engine) {
	t.engine = e
	t.form.AddEventListener("submit", false, func(ev dom.Event) {
		ev.PreventDefault() // the browser has checked the ranges
		if !t.running {
			t.setRunning(true)
			go t.run(t.read())
		}
	})
	t.stopButton.AddEventListener("click", false, func(dom.Event) {
		if t.running && !t.stop {
			t.stop = true
			t.say("Stopping after this batch…")
			if t.model != nil {
				t.model.Stop()
			}
		}
	})
	t.trainButton.SetDisabled(false)
}

func (t *trainer) read() settings {
	hidden, _ := strconv.Atoi(t.hidden.Value())
	return settings{TrainSize: int(t.trainSize.ValueAsNumber()), Epochs: int(t.epochs.ValueAsNumber()), Hidden: hidden}
}

func (t *trainer) setRunning(on bool) {
	t.running, t.stop = on, false
	t.settings.SetDisabled(on)
	t.trainButton.SetDisabled(on)
	t.stopButton.SetDisabled(!on)
}

// say puts msg in the live region.
func (t *trainer) say(msg string) { t.status.SetTextContent(msg) }

// run trains with s and reports the outcome.
func (t *trainer) run(s settings) {
	defer t.setRunning(false)
	if err := t.runErr(s); err != nil {
		t.say("Training failed: " + err.Error())
		jsapi.ConsoleError("mnist: " + err.Error())
	}
}

func (t *trainer) runErr(s settings) error {
	if err := t.load(s.TrainSize); err != nil {
		return err
	}
	if t.stop {
		t.say("Stopped before training.")
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
	t.say("Training on " + format.Itoa(s.TrainSize) + " images for " + format.Itoa(s.Epochs) + " epochs…")

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
			if !t.stop {
				t.say("Epoch " + format.Itoa(e+1) + " of " + format.Itoa(s.Epochs) + " done: accuracy " + format.Percent(l.Accuracy(), 2) + ".")
			}
		},
	})
	if err != nil {
		return err
	}
	trained := time.Since(start)
	t.say("Measuring the accuracy on the 10,000 test images…")
	l, err := m.Evaluate(t.testSet.X, t.testSet.Y, evalBatch)
	if err != nil {
		return err
	}
	t.showTestAccuracy(&l)
	what := "Trained " + format.Itoa(epoch) + " epochs in " + format.Fixed(trained.Seconds(), 1) + " s"
	if t.stop {
		// The API closes the epoch in progress: it is the table's last row.
		what = "Stopped after " + format.Fixed(trained.Seconds(), 1) + " s, in epoch " + format.Itoa(epoch)
	}
	t.say(what + ". Test accuracy " + format.Percent(l.Accuracy(), 2) + ". Draw a digit below.")
	t.onModel(m)
	return nil
}

// load fetches the packs once and puts the test set and the first n
// training images in the engine.
func (t *trainer) load(n int) error {
	var err error
	if t.train == nil {
		t.say("Downloading MNIST…")
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
		t.say("Preparing the 10,000 test images…")
		if t.testSet, err = t.test.Upload(t.engine, t.test.N); err != nil {
			return err
		}
	}
	if t.trainSet != nil && t.trainSet.N != n {
		t.trainSet.Dispose()
		t.trainSet = nil
	}
	if t.trainSet == nil {
		t.say("Preparing " + format.Itoa(n) + " training images…")
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
	cell := func(text string, value float64) {
		c := row.InsertCell(-1)
		c.SetTextContent(text)
		if !math.IsNaN(value) {
			c.SetAttribute("data-value", format.Shortest(value))
		}
	}
	cell(format.Itoa(e+1), float64(e+1))
	cell(format.Fixed(l.Loss(), 4), l.Loss())
	cell(format.Percent(l.Accuracy(), 2), l.Accuracy())
	cell(format.Fixed(took.Seconds(), 1)+" s", took.Seconds())
}

// showTestAccuracy shows the test logs, or a dash for nil.
func (t *trainer) showTestAccuracy(l *jsapi.Logs) {
	if l == nil {
		t.testAccuracy.SetTextContent("–")
		t.testAccuracy.RemoveAttribute("data-value")
		return
	}
	t.testAccuracy.SetTextContent(format.Percent(l.Accuracy(), 2) + " (loss " + format.Fixed(l.Loss(), 4) + ")")
	t.testAccuracy.SetAttribute("data-value", format.Shortest(l.Accuracy()))
}
