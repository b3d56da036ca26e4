//go:build js && wasm

package main

import (
	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
	"gonn/web/ui/internal/widgets"
)

// lookAtTest looks inside the network at test image i.
func (p *page) lookAtTest(i int) {
	if p.testPack == nil || i < 0 || i >= p.testPack.N {
		p.lookStatus.SetTextContent("Pick a test image from 0 to 9,999.")
		return
	}
	sub, err := p.testPack.Gather([]int{i}, mnistdata.AllDigits, 0, 1)
	if err != nil {
		p.Fail("Reading the test image failed", err)
		return
	}
	p.look(jsapi.Float32s(sub.X))
}

// look shows what the network makes of img (784 values in [0, 1]): the
// feature maps, its verdict, the saliency and the occlusion map.
func (p *page) look(img []float32) {
	p.input = img
	p.asked++
	asked := p.asked
	m := p.model
	if m == nil {
		p.lookStatus.SetTextContent("Train the network first: then it shows what it sees in your digit.")
		return
	}
	go func() {
		err := p.lookErr(m, img, asked)
		if err != nil && asked == p.asked {
			p.Fail("Looking inside failed", err)
		}
	}()
}

func (p *page) lookErr(m *jsapi.Model, img []float32, asked int) error {
	p.lookStatus.SetTextContent("Looking inside…")
	x := jsapi.TensorLike(jsapi.Float32Array(img), 1, mnistdata.Side, mnistdata.Side, 1)
	outs, err := m.LayerOutputs(x)
	if err != nil {
		return err
	}
	if len(outs) == 0 {
		return errorText("layerOutputs returned no layer")
	}
	probs := outs[len(outs)-1].Output.Data
	class := argmax(probs, len(probs))[0]
	sal, err := m.Saliency(x, class)
	if err != nil {
		return err
	}
	occ, err := m.Occlusion(x, jsapi.OcclusionOptions{Class: class, Size: occlusionSize, Stride: occlusionStride, Fill: 0})
	if err != nil {
		return err
	}
	if asked != p.asked {
		return nil // another digit came meanwhile
	}
	p.drawMaps(img, outs)
	p.verdict.SetTextContent("The network reads a " + format.Itoa(class) + " (" + format.Percent(float64(probs[class]), 1) + ").")
	p.verdict.SetAttribute("data-class", format.Itoa(class))
	p.drawSaliency(sal)
	p.drawOcclusion(occ)
	p.lookStatus.SetTextContent("Shown: the digit through every layer, and where the " + format.Itoa(class) + " comes from.")
	return nil
}

// drawMaps shows every layer's output: the maps of convolutions and
// pools, one small image per channel; the probabilities of the last layer.
func (p *page) drawMaps(img []float32, outs []jsapi.LayerOutput) {
	p.maps.SetInnerHTML("")
	p.maps.SetAttribute("data-layers", format.Itoa(len(outs)))
	in := p.section("The input (28×28×1)")
	c := widgets.NewPixels(p.doc, mnistdata.Side, mnistdata.Side, "The input digit")
	c.Class().Add("medium")
	widgets.DrawGray(c, img, mnistdata.Side, mnistdata.Side, 0, 1)
	in.grid.AppendChild(c)
	for i, o := range outs {
		shape := o.Output.Shape[1:] // without the batch
		sec := p.section("Layer " + format.Itoa(i) + ": " + o.ClassName + " " + shapeText(shape))
		sec.box.SetAttribute("data-shape", shapeText(shape))
		switch len(shape) {
		case 3:
			h, w, ch := shape[0], shape[1], shape[2]
			lo, hi := widgets.ValueRange(o.Output.Data)
			for k := range ch {
				c := widgets.NewPixels(p.doc, w, h, "Layer "+format.Itoa(i)+", map "+format.Itoa(k+1))
				widgets.DrawGray(c, channel(o.Output.Data, h, w, ch, k), w, h, min(lo, 0), hi)
				sec.grid.AppendChild(c)
			}
		case 1:
			if i == len(outs)-1 {
				for k, v := range o.Output.Data {
					span := p.doc.CreateElement("span")
					span.SetTextContent(format.Itoa(k) + ": " + format.Percent(float64(v), 1))
					sec.grid.AppendChild(span)
				}
			} else {
				note := p.doc.CreateElement("p")
				note.SetTextContent(format.Itoa(shape[0]) + " numbers: the maps above, in a row.")
				sec.grid.AppendChild(note)
			}
		}
	}
}

// mapSection is a titled row of images in the feature maps.
type mapSection struct {
	box  dom.Element
	grid dom.Element
}

func (p *page) section(title string) mapSection {
	box := p.doc.CreateElement("section")
	h := p.doc.CreateElement("h3")
	h.SetTextContent(title)
	grid := p.doc.CreateElement("div")
	grid.Class().Add("image-row")
	box.AppendChild(h)
	box.AppendChild(grid)
	p.maps.AppendChild(box)
	return mapSection{box, grid}
}

// drawSaliency shows |∂ score / ∂ pixel| on the heat ramp.
func (p *page) drawSaliency(s jsapi.Tensor) {
	h, w := mnistdata.Side, mnistdata.Side
	if len(s.Shape) == 4 {
		h, w = s.Shape[1], s.Shape[2]
	}
	mag := widgets.Abs(s.Data)
	_, hi := widgets.ValueRange(mag)
	widgets.DrawHeat(p.saliency, mag, w, h, 0, hi)
	p.saliency.SetAttribute("data-shape", shapeText(s.Shape))
}

// drawOcclusion shows how much hiding each patch costs the class.
func (p *page) drawOcclusion(o jsapi.Tensor) {
	if len(o.Shape) != 2 {
		p.occlusion.SetAttribute("data-shape", shapeText(o.Shape))
		return
	}
	rows, cols := o.Shape[0], o.Shape[1]
	d := positive(o.Data)
	_, hi := widgets.ValueRange(d)
	widgets.DrawHeat(p.occlusion, d, cols, rows, 0, max(hi, 1e-6))
	p.occlusion.SetAttribute("data-shape", shapeText(o.Shape))
	p.occlusion.SetAttribute("data-max-drop", format.Shortest(float64(hi)))
}

// maximise finds, for each class, the input the network likes most.
func (p *page) maximise(s settings) {
	p.maxima.SetInnerHTML("")
	p.progress.SetMax(mnistdata.Classes)
	p.progress.SetValue(0)
	// A dim grey start: from black, ReLU units that see nothing pass no
	// gradient back.
	start := jsapi.Tensor{Shape: []int{1, mnistdata.Side, mnistdata.Side, 1}, Data: make([]float32, mnistdata.Pixels)}
	for i := range start.Data {
		start.Data[i] = ascentStart
	}
	for class := range mnistdata.Classes {
		p.Say("Gradient ascent for the class " + format.Itoa(class) + "…")
		x, act, err := p.model.Maximise(jsapi.MaximiseOptions{Layer: outputLayer, Unit: class, Steps: s.MaxSteps,
			LearningRate: ascentRate, L2: ascentL2, Min: 0, Max: 1, Start: &start})
		if err != nil {
			p.Fail("The gradient ascent failed", err)
			return
		}
		fig := p.doc.CreateElement("figure")
		c := widgets.NewPixels(p.doc, mnistdata.Side, mnistdata.Side, "The input that most activates the class "+format.Itoa(class))
		c.Class().Add("medium")
		lo, hi := widgets.ValueRange(x.Data) // its own range: the pattern, not the brightness
		widgets.DrawGray(c, x.Data, mnistdata.Side, mnistdata.Side, lo, hi)
		caption := p.doc.CreateElement("figcaption")
		caption.SetTextContent(format.Itoa(class) + ": " + format.Percent(act, 1))
		fig.SetAttribute("data-activation", format.Shortest(act))
		fig.AppendChild(c)
		fig.AppendChild(caption)
		p.maxima.AppendChild(fig)
		p.progress.SetValue(float64(class + 1))
	}
	p.Say("Each image is the input that gradient ascent found for its class, from a dim grey start, " +
		format.Itoa(s.MaxSteps) + " steps. Do they look like digits?")
}

// errorText is an error with a fixed message.
type errorText string

func (e errorText) Error() string { return string(e) }
