//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"time"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
	uipage "gonn/web/ui/internal/page"
)

// phase is one of the two trainings: its digits, data and outcome.
type phase struct {
	n           int // 1 or 2
	digits      mnistdata.Digits
	train, test *mnistdata.Dataset
	accuracy    float64
	seconds     float64
	out         dom.HTMLElement // shows the accuracy
}

// runBoth trains phase 1, freezes, trains phase 2 and checks the weights.
func (p *page) runBoth(s settings) error {
	if err := p.load(); err != nil {
		return err
	}
	trainLow, trainHigh := countDigits(p.trainLabels)
	testLow, testHigh := countDigits(p.testLabels)
	if err := s.check(min(trainLow, trainHigh), min(testLow, testHigh)); err != nil {
		return err
	}
	p.clear(s)
	if p.model != nil {
		p.model.Dispose()
		p.model = nil
	}
	p.Say("Making the network…")
	m, err := newModel(p.engine, s.Seed)
	if err != nil {
		return err
	}
	p.model = m
	one := &phase{n: 1, digits: firstDigits, out: p.accuracy1}
	two := &phase{n: 2, digits: secondDigits, out: p.accuracy2}
	for _, ph := range []*phase{one, two} {
		if err := p.upload(s, ph); err != nil {
			return err
		}
		defer ph.train.Dispose()
		defer ph.test.Dispose()
	}
	layers1, _, trainable1, err := m.Info()
	if err != nil {
		return err
	}
	if err := p.train(s, m, one); err != nil {
		return err
	}

	p.Say("Freezing the feature layers and compiling again…")
	if err := freeze(m); err != nil {
		return err
	}
	layers2, params, trainable2, err := m.Info()
	if err != nil {
		return err
	}
	p.showLayers(layers1, layers2)
	before, err := m.WeightStats()
	if err != nil {
		return err
	}
	if err := p.train(s, m, two); err != nil {
		return err
	}
	after, err := m.WeightStats()
	if err != nil {
		return err
	}
	checks := checkWeights(toWeightStats(before), toWeightStats(after))
	p.showWeights(checks, before)
	fk, f, tm, t := tally(checks)
	p.verdict.SetAttribute("data-frozen-kept", format.Itoa(fk))
	p.verdict.SetAttribute("data-frozen", format.Itoa(f))
	p.verdict.SetAttribute("data-trained-moved", format.Itoa(tm))
	p.verdict.SetAttribute("data-trained", format.Itoa(t))
	p.verdict.SetTextContent(format.Itoa(fk) + " of " + format.Itoa(f) + " frozen weights kept every bit; " +
		format.Itoa(tm) + " of " + format.Itoa(t) + " trainable weights moved. Phase 2 trained " +
		format.Thousands(trainable2) + " of " + format.Thousands(params) + " parameters (phase 1: " +
		format.Thousands(trainable1) + ").")
	p.Say("Done. Digits 0–4: " + format.Percent(one.accuracy, 1) + " after phase 1; digits 5–9: " +
		format.Percent(two.accuracy, 1) + " after phase 2, with the features of phase 1 frozen.")
	return nil
}

// load fetches the packs and their labels once.
func (p *page) load() error {
	var err error
	if p.trainPack == nil {
		p.Say("Downloading MNIST…")
		if p.trainPack, err = mnistdata.FetchPack(mnistdata.TrainURL); err != nil {
			return err
		}
		p.trainLabels = p.trainPack.LabelBytes(p.trainPack.N)
	}
	if p.testPack == nil {
		if p.testPack, err = mnistdata.FetchPack(mnistdata.TestURL); err != nil {
			return err
		}
		p.testLabels = p.testPack.LabelBytes(p.testPack.N)
	}
	return nil
}

// upload puts the phase's first training and test images of its digits in
// the engine, labels one-hot over its five digits.
func (p *page) upload(s settings, ph *phase) error {
	p.Say("Preparing the digits " + digitsText(ph.digits) + "…")
	var err error
	if ph.train, err = p.uploadDigits(p.trainPack, p.trainLabels, ph.digits, s.TrainSize); err != nil {
		return err
	}
	ph.test, err = p.uploadDigits(p.testPack, p.testLabels, ph.digits, s.TestSize)
	return err
}

func (p *page) uploadDigits(pack *mnistdata.Pack, labels []byte, d mnistdata.Digits, n int) (*mnistdata.Dataset, error) {
	sub, err := pack.Gather(mnistdata.SelectDigits(labels, d, n), d, 0, 1)
	if err != nil {
		return nil, err
	}
	x, err := p.engine.Upload(sub.X, sub.N, mnistdata.Side, mnistdata.Side, 1)
	if err != nil {
		return nil, err
	}
	y, err := p.engine.Upload(sub.Y, sub.N, d.Count)
	if err != nil {
		x.Call("dispose")
		return nil, err
	}
	return &mnistdata.Dataset{N: sub.N, X: x, Y: y}, nil
}

// train fits the phase and measures it on its test digits.
func (p *page) train(s settings, m *jsapi.Model, ph *phase) error {
	p.Say("Phase " + format.Itoa(ph.n) + ": training on " + format.Thousands(s.TrainSize) + " images of the digits " +
		digitsText(ph.digits) + "…")
	offset := float64((ph.n - 1) * s.Epochs)
	epoch := 0
	start := time.Now()
	err := m.Fit(ph.train.X, ph.train.Y, jsapi.FitOptions{Epochs: s.Epochs, BatchSize: batchSize,
		OnBatchEnd: func(b int, l jsapi.Logs) {
			done := (ph.n-1)*s.Epochs*s.batches() + epoch*s.batches() + b + 1
			p.progress.SetValue(float64(done))
			p.chart.Add(offset+float64(epoch)+float64(b+1)/float64(s.batches()), l.Loss(), l.Accuracy())
			p.stats.SetTextContent("Phase " + format.Itoa(ph.n) + " · epoch " + format.Itoa(epoch+1) + " · batch " +
				format.Itoa(b+1) + "/" + format.Itoa(s.batches()) + " · loss " + format.Fixed(l.Loss(), 4) +
				" · accuracy " + format.Percent(l.Accuracy(), 1))
		},
		OnEpochEnd: func(e int, _ jsapi.Logs) { epoch = e + 1 },
	})
	if err != nil {
		return err
	}
	ph.seconds = time.Since(start).Seconds()
	p.Say("Phase " + format.Itoa(ph.n) + ": measuring on " + format.Thousands(ph.test.N) + " test images…")
	l, err := m.Evaluate(ph.test.X, ph.test.Y, evalBatch)
	if err != nil {
		return err
	}
	ph.accuracy = l.Accuracy()
	uipage.ShowNumber(ph.out, format.Percent(ph.accuracy, 2)+" on "+format.Thousands(ph.test.N)+" test images of "+
		digitsText(ph.digits)+" (trained in "+format.Fixed(ph.seconds, 1)+" s)", ph.accuracy)
	return nil
}

// clear empties the displays for a run of s.
func (p *page) clear(s settings) {
	p.chart.Reset(2 * s.Epochs)
	p.progress.SetMax(float64(2 * s.Epochs * s.batches()))
	p.progress.SetValue(0)
	uipage.Dash(p.accuracy1)
	uipage.Dash(p.accuracy2)
	p.layerRows.SetInnerHTML("")
	p.weightRows.SetInnerHTML("")
	p.verdict.SetTextContent("The check appears after phase 2.")
	for _, a := range []string{"data-frozen-kept", "data-frozen", "data-trained-moved", "data-trained"} {
		p.verdict.RemoveAttribute(a)
	}
}

// showLayers fills the layer table: each layer in both phases.
func (p *page) showLayers(one, two []jsapi.LayerInfo) {
	for i, l := range two {
		row := p.layerRows.InsertRow(-1)
		row.SetAttribute("data-trainable", strconv.FormatBool(l.Trainable))
		row.SetAttribute("data-params", format.Itoa(l.Params))
		trainable1 := i < len(one) && one[i].Trainable
		cells := []string{format.Itoa(i), l.Name, l.ClassName, format.Thousands(l.Params), yesNo(trainable1), yesNo(l.Trainable)}
		for k, text := range cells {
			c := row.InsertCell(-1)
			c.SetTextContent(text)
			if k == 5 && !l.Trainable {
				c.Class().Add("frozen")
				c.SetTextContent("frozen")
			}
		}
	}
}

// showWeights fills the weight table: statistics before and after phase 2.
func (p *page) showWeights(checks []weightCheck, stats []jsapi.Stats) {
	for i, c := range checks {
		row := p.weightRows.InsertRow(-1)
		row.SetAttribute("data-trainable", strconv.FormatBool(c.After.Trainable))
		row.SetAttribute("data-moved", strconv.FormatBool(c.Moved))
		row.SetAttribute("data-ok", strconv.FormatBool(c.OK))
		shape := ""
		if i < len(stats) {
			shape = shapeText(stats[i].Shape)
		}
		verdict, class := "kept every bit", "kept"
		switch {
		case c.Moved && c.After.Trainable:
			verdict, class = "trained", "moved"
		case c.Moved:
			verdict, class = "moved, though frozen!", "moved"
		case c.After.Trainable:
			verdict = "did not move"
		}
		for k, text := range []string{c.After.Name, shape, yesNo(c.After.Trainable), format.Fixed(c.Before.Norm, 4),
			format.Fixed(c.After.Norm, 4), format.Fixed(c.Before.Mean, 5), format.Fixed(c.After.Mean, 5), verdict} {
			cell := row.InsertCell(-1)
			cell.SetTextContent(text)
			if k == 7 {
				cell.Class().Add(class)
			}
		}
	}
}

// toWeightStats keeps what the check compares.
func toWeightStats(s []jsapi.Stats) []weightStat {
	out := make([]weightStat, len(s))
	for i, w := range s {
		out[i] = weightStat{Name: w.Name, Trainable: w.Trainable, Mean: w.Mean, Std: w.Std, Min: w.Min, Max: w.Max, Norm: w.Norm}
	}
	return out
}

func digitsText(d mnistdata.Digits) string {
	return format.Itoa(d.First) + "–" + format.Itoa(d.First+d.Count-1)
}

func shapeText(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = format.Itoa(d)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
