//go:build js && wasm

package widgets

import (
	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/mnistdata"
)

// Predictions is the prediction panel: a sentence in a live region and,
// for each digit, a labelled <meter> of its probability, with the id
// prob-<digit>.
type Predictions struct {
	message dom.HTMLElement
	rows    [mnistdata.Classes]dom.HTMLElement
	meters  [mnistdata.Classes]*dom.HTMLMeterElement
	pcts    [mnistdata.Classes]dom.HTMLElement
}

// NewPredictions builds the rows in list, an empty <ol>, and says its
// sentences in message.
func NewPredictions(doc dom.Document, list, message dom.HTMLElement) *Predictions {
	p := &Predictions{message: message}
	for d := range mnistdata.Classes {
		li := doc.CreateElement("li").(dom.HTMLElement)
		label := doc.CreateElement("label").(*dom.HTMLLabelElement)
		label.Set("htmlFor", "prob-"+format.Itoa(d))
		label.SetTextContent(format.Itoa(d))
		meter := doc.CreateElement("meter").(*dom.HTMLMeterElement)
		meter.SetID("prob-" + format.Itoa(d))
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
	p.Reset("")
	return p
}

// Show sets the probabilities of the ten digits and names the likeliest.
func (p *Predictions) Show(probs []float32) {
	best := 0
	for d, v := range probs {
		if v > probs[best] {
			best = d
		}
	}
	for d := range mnistdata.Classes {
		p.meters[d].Set("value", probs[d])
		p.pcts[d].SetTextContent(format.Percent(float64(probs[d]), 1))
		if d == best {
			p.rows[d].Class().Add("best")
		} else {
			p.rows[d].Class().Remove("best")
		}
	}
	p.message.SetTextContent("It looks like a " + format.Itoa(best) + " (" + format.Percent(float64(probs[best]), 1) + ").")
}

// Reset empties the meters and says msg.
func (p *Predictions) Reset(msg string) {
	for d := range mnistdata.Classes {
		p.meters[d].Set("value", 0)
		p.pcts[d].SetTextContent("–")
		p.rows[d].Class().Remove("best")
	}
	p.message.SetTextContent(msg)
}
