//go:build js && wasm

package main

import "honnef.co/go/js/dom/v2"

// predictions is the prediction panel: a sentence in a live region and, for
// each digit, a labelled <meter> of its probability. It builds its rows in
// the <ol> that mnist.html leaves empty.
type predictions struct {
	message dom.HTMLElement
	rows    [Classes]dom.HTMLElement
	meters  [Classes]*dom.HTMLMeterElement
	pcts    [Classes]dom.HTMLElement
}

func newPredictions(doc dom.Document, list, message dom.HTMLElement) *predictions {
	p := &predictions{message: message}
	for d := range Classes {
		li := doc.CreateElement("li").(dom.HTMLElement)
		label := doc.CreateElement("label").(*dom.HTMLLabelElement)
		label.Set("htmlFor", "prob-"+itoa(d))
		label.SetTextContent(itoa(d))
		meter := doc.CreateElement("meter").(*dom.HTMLMeterElement)
		meter.SetID("prob-" + itoa(d))
		meter.SetMin(0)
		meter.SetMax(1)
		pct := doc.CreateElement("span").(dom.HTMLElement)
		pct.Class().Add("pct")
		pct.SetAttribute("aria-hidden", "true") // the meter says it
		li.AppendChild(label)
		li.AppendChild(meter)
		li.AppendChild(pct)
		list.AppendChild(li)
		p.rows[d], p.meters[d], p.pcts[d] = li, meter, pct
	}
	p.reset("")
	return p
}

// show sets the probabilities of the ten digits and names the likeliest.
func (p *predictions) show(probs []float32) {
	best := 0
	for d, v := range probs {
		if v > probs[best] {
			best = d
		}
	}
	for d := range Classes {
		p.meters[d].Set("value", probs[d])
		p.pcts[d].SetTextContent(percent(float64(probs[d]), 1))
		if d == best {
			p.rows[d].Class().Add("best")
		} else {
			p.rows[d].Class().Remove("best")
		}
	}
	p.message.SetTextContent("It looks like a " + itoa(best) + " (" + percent(float64(probs[best]), 1) + ").")
}

// reset empties the meters and says msg.
func (p *predictions) reset(msg string) {
	for d := range Classes {
		p.meters[d].Set("value", 0)
		p.pcts[d].SetTextContent("–")
		p.rows[d].Class().Remove("best")
	}
	p.message.SetTextContent(msg)
}
