//go:build js && wasm

package main

import (
	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
	"gonn/web/ui/internal/widgets"
)

// example is one of the lecture's examples: the layers, the digit they get
// and where the images go (the element ids of augment.html).
type example struct {
	id     string // a <div> of canvases; gets data-ready
	digit  int
	layers []layerSpec
	copies int  // variants drawn
	first  bool // show only the first variant that differs (a flip draws ½)
	also   int  // a real digit to show beside, -1 for none
}

// examples are the lecture's allowed and forbidden perturbations.
var examples = []example{
	{id: "example-turn", digit: 6, copies: 1, also: 9, layers: []layerSpec{
		{"randomRotation", map[string]any{"factor": []any{0.5, 0.5}, "fillMode": "constant", "inputShape": []int{28, 28, 1}}}}},
	{id: "example-mirror", digit: 7, copies: 8, first: true, also: -1, layers: []layerSpec{
		{"randomFlip", map[string]any{"mode": "horizontal", "inputShape": []int{28, 28, 1}}}}},
	{id: "example-mirror-2", digit: 2, copies: 8, first: true, also: -1, layers: []layerSpec{
		{"randomFlip", map[string]any{"mode": "horizontal", "inputShape": []int{28, 28, 1}}}}},
	{id: "example-allowed", digit: 6, copies: 6, also: -1, layers: []layerSpec{
		{"randomRotation", map[string]any{"factor": 0.04, "fillMode": "constant", "inputShape": []int{28, 28, 1}}},
		{"randomTranslation", map[string]any{"heightFactor": 0.1, "widthFactor": 0.1, "fillMode": "constant"}},
		{"randomZoom", map[string]any{"heightFactor": 0.1, "fillMode": "constant"}}}},
}

// showExamples computes and draws every example.
func (p *page) showExamples() {
	for _, ex := range examples {
		if err := p.showExample(ex); err != nil {
			p.Fail("The example "+ex.id+" failed", err)
			return
		}
	}
}

// showExample draws the digit, its variants and the real digit beside.
func (p *page) showExample(ex example) error {
	box := widgets.ByID[dom.HTMLElement](p.doc, ex.id)
	i := firstIndex(p.labels, ex.digit)
	img, _, err := p.testImage(i)
	if err != nil {
		return err
	}
	m, err := augmenter(p.engine, ex.layers, 1)
	if err != nil {
		return err
	}
	defer m.Dispose()
	out, err := m.Apply(jsapi.Tensor{Shape: []int{ex.copies, mnistdata.Side, mnistdata.Side, 1},
		Data: repeat(img, ex.copies)}.JS(), true)
	if err != nil {
		return err
	}
	variants := out.Data
	if ex.first {
		k := firstChanged(img, variants, 1e-3)
		if k < 0 {
			k = 0
		}
		variants = variants[k*len(img) : (k+1)*len(img)]
	}
	box.SetInnerHTML("")
	add := func(data []float32, caption string) {
		fig := p.doc.CreateElement("figure")
		c := widgets.NewPixels(p.doc, mnistdata.Side, mnistdata.Side, caption)
		widgets.DrawGray(c, data, mnistdata.Side, mnistdata.Side, 0, 1)
		label := p.doc.CreateElement("figcaption")
		label.SetTextContent(caption)
		fig.AppendChild(c)
		fig.AppendChild(label)
		box.AppendChild(fig)
	}
	add(img, "a "+format.Itoa(ex.digit)+" (test image "+format.Itoa(i)+")")
	n := len(img)
	for k := 0; k*n < len(variants); k++ {
		add(variants[k*n:(k+1)*n], "augmented")
	}
	if ex.also >= 0 {
		j := firstIndex(p.labels, ex.also)
		real, _, err := p.testImage(j)
		if err != nil {
			return err
		}
		add(real, "a real "+format.Itoa(ex.also)+" (test image "+format.Itoa(j)+")")
	}
	box.SetAttribute("data-changed", format.Itoa(changed(img, variants, 1e-3)))
	box.SetAttribute("data-ready", "true")
	return nil
}

// firstIndex is the index of the first label l, or 0.
func firstIndex(labels []byte, l int) int {
	for i, v := range labels {
		if int(v) == l {
			return i
		}
	}
	return 0
}
