//go:build js && wasm

package main

import (
	"math"
	"math/rand/v2"
	"syscall/js"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
	uipage "gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

// run is one GAN trained for s.Steps steps. It goes preparing → running
// ⇄ paused → done, or failed: Stop pauses it at once, after the step in
// progress.
type run struct {
	s          settings
	state      uipage.State
	g, d       *jsapi.Model
	net        *jsapi.GAN
	judge      *jsapi.Model
	real       *mnistdata.Subset // TrainSize images in [−1, 1]
	order      []int             // the order of the real images, from the seed
	gridNoise  js.Value          // (16, 64), drawn once
	judgeNoise js.Value          // (Samples, 64), drawn once
	steps      int               // steps done
	looping    bool              // the loop of train runs (it may be finishing a step after a stop)
	stepAxis   []float64
	dLoss      []float64
	gLoss      []float64
}

// dispose frees the run's models.
func (r *run) dispose() {
	for _, m := range []*jsapi.Model{r.g, r.d, r.judge} {
		if m != nil {
			m.Dispose()
		}
	}
	if r.net != nil {
		r.net.Dispose()
	}
}

// submit starts a run with the form's settings.
func (p *page) submit() {
	if old := p.run; old != nil && !old.state.Idle() {
		return
	}
	if p.run != nil {
		p.run.dispose()
	}
	r := &run{s: p.read(), state: uipage.Preparing}
	p.run = r
	p.clear(r)
	p.update()
	go func() {
		if err := p.prepare(r); err != nil {
			r.state = uipage.Failed
			p.Fail("Training failed", err)
			p.update()
			return
		}
		p.train(r)
	}()
}

// stop pauses the run after the step in progress.
func (p *page) stop() {
	if r := p.run; r != nil && r.state == uipage.Running {
		r.state = uipage.Paused
		p.update()
	}
}

// resume continues a paused run.
func (p *page) resume() {
	r := p.run
	if r == nil || r.state != uipage.Paused {
		return
	}
	if r.looping { // stopped within a step: the loop goes on
		r.state = uipage.Running
		p.update()
		return
	}
	go p.train(r)
}

// prepare loads the data, trains the judge and makes the GAN.
func (p *page) prepare(r *run) error {
	s := r.s
	if err := p.load(); err != nil {
		return err
	}
	if err := s.check(p.trainPack.N); err != nil {
		return err
	}
	if err := p.trainJudge(r); err != nil {
		return err
	}
	p.Say("Making the generator and the discriminator…")
	var err error
	if r.g, r.d, r.net, err = newGAN(p.engine, s.Seed); err != nil {
		return err
	}
	p.Say("Preparing " + format.Thousands(s.TrainSize) + " real images in [−1, 1]…")
	idx := make([]int, s.TrainSize)
	for i := range idx {
		idx[i] = i
	}
	if r.real, err = p.trainPack.Gather(idx, mnistdata.AllDigits, -1, 1); err != nil {
		return err
	}
	r.order = rand.New(rand.NewPCG(uint64(s.Seed), 0x9a11)).Perm(s.TrainSize)
	if r.gridNoise, err = r.net.Noise(gridImages); err != nil {
		return err
	}
	if r.judgeNoise, err = r.net.Noise(s.Samples); err != nil {
		return err
	}
	return p.measure(r)
}

// load fetches the packs once.
func (p *page) load() error {
	var err error
	if p.trainPack == nil {
		p.Say("Downloading MNIST…")
		if p.trainPack, err = mnistdata.FetchPack(mnistdata.TrainURL); err != nil {
			return err
		}
	}
	if p.testPack == nil {
		if p.testPack, err = mnistdata.FetchPack(mnistdata.TestURL); err != nil {
			return err
		}
	}
	return nil
}

// trainJudge trains the classifier that judges the samples, for one epoch,
// and measures it on test images.
func (p *page) trainJudge(r *run) error {
	s := r.s
	p.Say("Training the judge, a small MNIST classifier, on " + format.Thousands(s.ClassifierSize) + " images…")
	m, err := newClassifier(p.engine, s.Seed+3)
	if err != nil {
		return err
	}
	r.judge = m
	set, err := p.trainPack.Upload(p.engine, s.ClassifierSize)
	if err != nil {
		return err
	}
	defer set.Dispose()
	batches := (s.ClassifierSize + classifierBatch - 1) / classifierBatch
	p.progress.SetMax(float64(batches))
	err = m.Fit(set.X, set.Y, jsapi.FitOptions{Epochs: 1, BatchSize: classifierBatch,
		OnBatchEnd: func(b int, _ jsapi.Logs) { p.progress.SetValue(float64(b + 1)) }})
	if err != nil {
		return err
	}
	test, err := p.testPack.Upload(p.engine, classifierTest)
	if err != nil {
		return err
	}
	defer test.Dispose()
	l, err := m.Evaluate(test.X, test.Y, 500)
	if err != nil {
		return err
	}
	uipage.ShowNumber(p.classifierAccuracy, format.Percent(l.Accuracy(), 1)+" on "+format.Thousands(classifierTest)+" test images", l.Accuracy())
	return nil
}

// train runs steps until the run's end or a stop.
func (p *page) train(r *run) {
	s := r.s
	r.state, r.looping = uipage.Running, true
	defer func() { r.looping = false }()
	p.update()
	p.progress.SetMax(float64(s.Steps))
	batch := js.Global().Get("Float32Array").New(s.BatchSize * mnistdata.Pixels)
	x := jsapi.TensorLike(batch, s.BatchSize, mnistdata.Side, mnistdata.Side, 1)
	for r.steps < s.Steps && r.state == uipage.Running && p.run == r {
		for k, i := range batchAt(r.order, r.steps, s.BatchSize) {
			batch.Call("set", r.real.Image(i), k*mnistdata.Pixels)
		}
		logs, err := r.net.Step(x)
		if err != nil {
			r.state = uipage.Failed
			p.Fail("A training step failed", err)
			p.update()
			return
		}
		r.steps++
		p.stepDone(r, logs)
		if s.measureAt(r.steps, s.Steps) {
			if err := p.measure(r); err != nil {
				r.state = uipage.Failed
				p.Fail("Measuring the samples failed", err)
				p.update()
				return
			}
		}
	}
	switch {
	case r.steps >= s.Steps:
		r.state = uipage.Done
		p.Say("Trained " + format.Itoa(r.steps) + " steps. The same seed gives the same samples: hash " +
			p.gridInfo.GetAttribute("data-hash") + ".")
	case r.state == uipage.Paused:
		p.Say("Stopped after step " + format.Itoa(r.steps) + ". Continue goes on from here.")
	}
	p.update()
}

// stepDone shows the losses of a step.
func (p *page) stepDone(r *run, l jsapi.GANLogs) {
	r.stepAxis = append(r.stepAxis, float64(r.steps))
	r.dLoss = append(r.dLoss, l.DLoss)
	r.gLoss = append(r.gLoss, l.GLoss)
	p.losses.Set(widgets.Series{Key: "d", Color: "#b54708", Width: 2, X: r.stepAxis, Y: r.dLoss})
	p.losses.Set(widgets.Series{Key: "g", Color: "#1d4ed8", Width: 2, X: r.stepAxis, Y: r.gLoss})
	p.progress.SetValue(float64(r.steps))
	p.stepStats.SetTextContent("Step " + format.Itoa(r.steps) + " of " + format.Itoa(r.s.Steps) +
		" · D loss " + format.Fixed(l.DLoss, 4) + " · G loss " + format.Fixed(l.GLoss, 4))
	p.stepStats.SetAttribute("data-step", format.Itoa(r.steps))
	p.stepStats.SetAttribute("data-d-loss", format.Shortest(l.DLoss))
	p.stepStats.SetAttribute("data-g-loss", format.Shortest(l.GLoss))
	if r.state == uipage.Running {
		p.Say("Training: step " + format.Itoa(r.steps) + " of " + format.Itoa(r.s.Steps) + "…")
	}
}

// measure draws the grid from the fixed noise and has the judge label the
// samples of the judge's noise.
func (p *page) measure(r *run) error {
	grid, err := r.net.Generate(r.gridNoise)
	if err != nil {
		return err
	}
	for k, c := range p.grid {
		widgets.DrawGray(c, grid.Data[k*mnistdata.Pixels:(k+1)*mnistdata.Pixels], mnistdata.Side, mnistdata.Side, -1, 1)
	}
	p.gridInfo.SetTextContent("Step " + format.Itoa(r.steps) + " · samples hash " + format.Hash(grid.Data))
	p.gridInfo.SetAttribute("data-step", format.Itoa(r.steps))
	p.gridInfo.SetAttribute("data-hash", format.Hash(grid.Data))

	samples, err := r.net.Generate(r.judgeNoise)
	if err != nil {
		return err
	}
	probs, err := r.judge.PredictOn(jsapi.TensorLike(jsapi.Float32Array(toUnit(samples.Data)), r.s.Samples, mnistdata.Pixels), 500)
	if err != nil {
		return err
	}
	q := measure(probs, mnistdata.Classes)
	p.showQuality(r, q)
	return nil
}

// showQuality shows the judge's verdict and adds it to the table.
func (p *page) showQuality(r *run, q quality) {
	uipage.ShowNumber(p.confidence, format.Fixed(q.MeanConfidence, 3), q.MeanConfidence)
	uipage.Show(p.digits, format.Itoa(q.Classes)+" of 10: "+digitsPresent(q.Counts), format.Itoa(q.Classes))
	p.counts.SetInnerHTML("")
	total := 0
	for c, n := range q.Counts {
		li := p.doc.CreateElement("li")
		li.SetTextContent(format.Itoa(c) + ": " + format.Itoa(n))
		li.SetAttribute("data-count", format.Itoa(n))
		p.counts.AppendChild(li)
		total += n
	}
	p.counts.SetAttribute("data-total", format.Itoa(total))
	row := p.qualityRows.InsertRow(-1)
	row.SetAttribute("data-step", format.Itoa(r.steps))
	uipage.Cell(row, format.Itoa(r.steps), float64(r.steps))
	uipage.Cell(row, format.Fixed(q.MeanConfidence, 3), q.MeanConfidence)
	uipage.Cell(row, format.Itoa(q.Classes), float64(q.Classes))
	uipage.Cell(row, digitsPresent(q.Counts), math.NaN())
}

// clear empties the displays for r.
func (p *page) clear(r *run) {
	p.losses.Clear()
	p.progress.SetValue(0)
	p.qualityRows.SetInnerHTML("")
	p.stepStats.SetTextContent("No step yet.")
	p.stepStats.RemoveAttribute("data-step")
	uipage.Dash(p.confidence)
	uipage.Dash(p.digits)
	uipage.Dash(p.classifierAccuracy)
	p.gridInfo.RemoveAttribute("data-hash")
	p.gridInfo.RemoveAttribute("data-step")
	p.counts.SetInnerHTML("")
}
