//go:build js && wasm

package main

import (
	"errors"
	"math"
	"strings"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
	uipage "gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

// train trains a new network, then shows what can be seen without an
// input: the confusion matrix, the statistics and the filters.
func (p *page) train(s settings) error {
	if err := p.load(); err != nil {
		return err
	}
	if err := s.check(p.trainPack.N, p.testPack.N); err != nil {
		return err
	}
	if p.model != nil {
		p.model.Dispose()
		p.model = nil
		p.update()
	}
	m, err := newCNN(p.engine, s.Seed)
	if err != nil {
		return err
	}
	trainSet, err := p.trainPack.Upload(p.engine, s.TrainSize, mnistdata.Side, mnistdata.Side, 1)
	if err != nil {
		m.Dispose()
		return err
	}
	defer trainSet.Dispose()
	batches := (s.TrainSize + batchSize - 1) / batchSize
	p.progress.SetMax(float64(s.Epochs * batches))
	p.progress.SetValue(0)
	epoch := 0
	p.Say("Training on " + format.Thousands(s.TrainSize) + " images…")
	err = m.Fit(trainSet.X, trainSet.Y, jsapi.FitOptions{Epochs: s.Epochs, BatchSize: batchSize,
		OnBatchEnd: func(b int, l jsapi.Logs) {
			p.progress.SetValue(float64(epoch*batches + b + 1))
			p.Say("Training: epoch " + format.Itoa(epoch+1) + ", batch " + format.Itoa(b+1) + "/" + format.Itoa(batches) +
				", accuracy " + format.Percent(l.Accuracy(), 1) + "…")
		},
		OnEpochEnd: func(e int, _ jsapi.Logs) { epoch = e + 1 },
	})
	if err != nil {
		m.Dispose()
		return err
	}
	p.model = m
	p.update()
	p.Say("Measuring on " + format.Thousands(s.TestSize) + " test images…")
	if err := p.showConfusion(m, s.TestSize); err != nil {
		return err
	}
	if err := p.showStats(m); err != nil {
		return err
	}
	if err := p.showFilters(m); err != nil {
		return err
	}
	p.Say("Trained. Draw a digit, or look at a test image, to see inside; the confusion matrix is below.")
	if p.pad.Image != nil {
		p.look(p.pad.Image)
	} else {
		p.lookAtTest(int(p.testImage.ValueAsNumber()))
	}
	return nil
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

// showConfusion predicts the first n test images and fills the matrix.
func (p *page) showConfusion(m *jsapi.Model, n int) error {
	test, err := p.testPack.Upload(p.engine, n, mnistdata.Side, mnistdata.Side, 1)
	if err != nil {
		return err
	}
	defer test.Dispose()
	probs, err := m.PredictOn(test.X, evalBatch)
	if err != nil {
		return err
	}
	truth := make([]int, n)
	for i, l := range p.testPack.LabelBytes(n) {
		truth[i] = int(l)
	}
	cm, err := jsapi.ConfusionMatrix(truth, argmax(probs, mnistdata.Classes), mnistdata.Classes)
	if err != nil {
		return err
	}
	p.drawConfusion(cm)
	right, all := diagonal(cm), total(cm)
	p.confusionInfo.SetTextContent(format.Thousands(right) + " of " + format.Thousands(all) + " test images right (" +
		format.Percent(float64(right)/float64(max(all, 1)), 1) + "). Rows: the true digit; columns: what the network said.")
	p.confusionInfo.SetAttribute("data-total", format.Itoa(all))
	p.confusionInfo.SetAttribute("data-right", format.Itoa(right))
	return nil
}

// drawConfusion fills the table: a header row of predictions, then a row
// per true digit, each cell shaded by its share of the row.
func (p *page) drawConfusion(cm [][]int) {
	el := func(tag, text string) dom.Element {
		e := p.doc.CreateElement(tag)
		e.SetTextContent(text)
		return e
	}
	p.confusion.SetInnerHTML("")
	p.confusion.AppendChild(el("caption", "Confusion matrix: true digit (rows) against the network's answer (columns)"))
	head := el("tr", "")
	head.AppendChild(el("th", ""))
	for c := range cm {
		th := el("th", format.Itoa(c))
		th.SetAttribute("scope", "col")
		head.AppendChild(th)
	}
	thead := el("thead", "")
	thead.AppendChild(head)
	p.confusion.AppendChild(thead)
	body := el("tbody", "")
	for r, row := range cm {
		tr := el("tr", "")
		th := el("th", format.Itoa(r))
		th.SetAttribute("scope", "row")
		tr.AppendChild(th)
		sum := 0
		for _, v := range row {
			sum += v
		}
		for c, v := range row {
			td := el("td", format.Itoa(v)).(dom.HTMLElement)
			td.SetAttribute("data-value", format.Itoa(v))
			share := float64(v) / float64(max(sum, 1))
			td.Style().SetProperty("background", "rgba(29, 78, 216, "+format.Fixed(share, 3)+")", "")
			if share > 0.5 {
				td.Class().Add("dark")
			}
			td.SetAttribute("title", "true "+format.Itoa(r)+", said "+format.Itoa(c)+": "+format.Itoa(v))
			tr.AppendChild(td)
		}
		body.AppendChild(tr)
	}
	p.confusion.AppendChild(body)
}

// showStats fills the weight and gradient tables.
func (p *page) showStats(m *jsapi.Model) error {
	ws, err := m.WeightStats()
	if err != nil {
		return err
	}
	fill(p.weightRows, ws)
	batch, err := p.testPack.Upload(p.engine, statsBatch, mnistdata.Side, mnistdata.Side, 1)
	if err != nil {
		return err
	}
	defer batch.Dispose()
	gs, err := m.GradientStats(batch.X, batch.Y)
	if err != nil {
		return err
	}
	fill(p.gradientRows, gs)
	return nil
}

// fill puts a row per weight in rows: its statistics, each cell with its
// number in data-value (none for NaN).
func fill(rows *dom.HTMLTableSectionElement, stats []jsapi.Stats) {
	rows.SetInnerHTML("")
	for _, st := range stats {
		row := rows.InsertRow(-1)
		uipage.Cell(row, st.Name, math.NaN())
		uipage.Cell(row, shapeText(st.Shape), math.NaN())
		for _, v := range []float64{st.Mean, st.Std, st.Min, st.Max, st.Norm, st.Zeros} {
			uipage.Cell(row, format.Fixed(v, 4), v)
		}
	}
}

// showFilters draws the filters of both convolutions, a filter's channels
// side by side.
func (p *page) showFilters(m *jsapi.Model) error {
	p.filters.SetInnerHTML("")
	for _, layer := range []int{firstConv, secondConv} {
		f, err := m.Filters(layer)
		if err != nil {
			return err
		}
		if len(f.Shape) != 3 {
			return errors.New("the filters of layer " + format.Itoa(layer) + " have the shape " + shapeText(f.Shape) + ", not (kh, kw, channels)")
		}
		kh, kw, ch := f.Shape[0], f.Shape[1], f.Shape[2]
		sec := p.doc.CreateElement("section")
		h := p.doc.CreateElement("h3")
		h.SetTextContent("Layer " + format.Itoa(layer) + ": " + format.Itoa(len(f.Images)) + " filters of " +
			format.Itoa(kh) + "×" + format.Itoa(kw) + "×" + format.Itoa(ch))
		sec.AppendChild(h)
		grid := p.doc.CreateElement("div").(dom.HTMLElement)
		grid.Class().Add("image-row")
		sec.SetAttribute("data-layer", format.Itoa(layer))
		sec.SetAttribute("data-filters", format.Itoa(len(f.Images)))
		for k, img := range f.Images {
			c := widgets.NewPixels(p.doc, kw*ch, kh, "Filter "+format.Itoa(k+1)+" of layer "+format.Itoa(layer))
			c.Style().SetProperty("width", format.Itoa(12*kw*ch)+"px", "")
			c.Style().SetProperty("height", format.Itoa(12*kh)+"px", "")
			widgets.DrawGray(c, tile(img, kh, kw, ch), kw*ch, kh, 0, 1)
			grid.AppendChild(c)
		}
		sec.AppendChild(grid)
		p.filters.AppendChild(sec)
	}
	return nil
}

// shapeText writes a shape as (a, b, c).
func shapeText(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = format.Itoa(d)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
