//go:build js && wasm

package main

import (
	"syscall/js"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
	"gonn/web/ui/internal/widgets"
)

// grid is what one pass of the augmentation model gave.
type grid struct {
	s        settings
	original []float32 // 784 values in [0, 1]
	label    int
	train    []float32 // Variants images, training: true
	identity bool      // training: false gave every copy back unchanged
	layers   int
}

// refresh computes the grid for the form's settings, after the one in
// progress if there is one; settings changed meanwhile win.
func (p *page) refresh() {
	p.asked++
	if p.busy {
		return
	}
	p.busy = true
	go func() {
		defer func() { p.busy = false }()
		for done := -1; done != p.asked; {
			done = p.asked
			s := p.read()
			if err := s.check(p.test.N); err != nil {
				p.Say(err.Error())
				continue
			}
			p.Say("Augmenting image " + format.Itoa(s.Image) + "…")
			g, err := p.compute(s)
			if err != nil {
				p.Fail("Augmenting failed", err)
				continue
			}
			if done == p.asked {
				p.show(g)
			}
		}
	}()
}

// compute copies the image Variants times into a batch and runs the
// settings' layers over it, in training mode and not.
func (p *page) compute(s settings) (grid, error) {
	img, label, err := p.testImage(s.Image)
	if err != nil {
		return grid{}, err
	}
	g := grid{s: s, original: img, label: label, layers: len(s.layers())}
	batch := repeat(img, s.Variants)
	if g.layers == 0 {
		g.train, g.identity = batch, true
		return g, nil
	}
	m, err := augmenter(p.engine, s.layers(), s.Seed)
	if err != nil {
		return grid{}, err
	}
	defer m.Dispose()
	x := jsapi.Tensor{Shape: []int{s.Variants, mnistdata.Side, mnistdata.Side, 1}, Data: batch}.JS()
	train, err := m.Apply(x, true)
	if err != nil {
		return grid{}, err
	}
	infer, err := m.Apply(x, false)
	if err != nil {
		return grid{}, err
	}
	g.train = train.Data
	g.identity = changed(img, infer.Data, 0) == 0 && len(infer.Data) == len(batch)
	return g, nil
}

// augmenter makes a model of the layers, seeded.
func augmenter(e *jsapi.Engine, layers []layerSpec, seed int) (*jsapi.Model, error) {
	specs := make([]js.Value, len(layers))
	for i, l := range layers {
		spec, err := jsapi.Layer(l.kind, l.opts)
		if err != nil {
			return nil, err
		}
		specs[i] = spec
	}
	return e.Sequential(specs, seed)
}

// testImage returns the pixels of test image i, in [0, 1], and its label.
func (p *page) testImage(i int) ([]float32, int, error) {
	sub, err := p.test.Gather([]int{i}, mnistdata.AllDigits, 0, 1)
	if err != nil {
		return nil, 0, err
	}
	return jsapi.Float32s(sub.X), sub.Labels[0], nil
}

// repeat is n copies of img, one after the other.
func repeat(img []float32, n int) []float32 {
	out := make([]float32, 0, n*len(img))
	for range n {
		out = append(out, img...)
	}
	return out
}

// show draws the original and the variants, and says what they are.
func (p *page) show(g grid) {
	widgets.DrawGray(p.original, g.original, mnistdata.Side, mnistdata.Side, 0, 1)
	p.original.SetAttribute("aria-label", "Test image "+format.Itoa(g.s.Image)+", a "+format.Itoa(g.label))
	p.originalLabel.SetTextContent("Test image " + format.Itoa(g.s.Image) + ": a " + format.Itoa(g.label))
	p.grid.SetInnerHTML("")
	n := len(g.original)
	for k := 0; k < g.s.Variants; k++ {
		c := widgets.NewPixels(p.doc, mnistdata.Side, mnistdata.Side, "Variant "+format.Itoa(k+1))
		widgets.DrawGray(c, g.train[k*n:(k+1)*n], mnistdata.Side, mnistdata.Side, 0, 1)
		p.grid.AppendChild(c)
	}
	moved := changed(g.original, g.train, 1e-3)
	sum := p.summary
	sum.SetAttribute("data-variants", format.Itoa(g.s.Variants))
	sum.SetAttribute("data-changed", format.Itoa(moved))
	sum.SetAttribute("data-identity", boolText(g.identity))
	sum.SetAttribute("data-hash", format.Hash(g.train))
	sum.SetAttribute("data-layers", format.Itoa(g.layers))
	text := format.Itoa(moved) + " of " + format.Itoa(g.s.Variants) + " variants differ from the image. "
	if g.layers == 0 {
		text = "No layer is on: every variant is the image itself. "
	}
	if g.identity {
		text += "With training: false the layers give the image back unchanged, as at inference."
	} else {
		text += "With training: false the image changed: that is a bug in the layers."
	}
	sum.SetTextContent(text)
	p.Say("Image " + format.Itoa(g.s.Image) + " (a " + format.Itoa(g.label) + ") through " +
		format.Itoa(g.layers) + " layers, seed " + format.Itoa(g.s.Seed) + ": grid hash " + format.Hash(g.train) + ".")
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
