//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/optimizers/race"
)

// racerRow is one optimiser's row of the table: whether it races, its
// settings, and where it is.
type racerRow struct {
	kind            race.Kind
	use             *dom.HTMLInputElement
	lr              *dom.HTMLInputElement
	params          []*dom.HTMLInputElement // in kind.Params' order
	loss, at, where dom.HTMLElement
}

// racerTable is the table of racers, built into its <tbody> from
// race.Kinds; element ids end in the kind's key (lr-adam, beta_1-adam,
// where-adam, …).
type racerTable struct {
	rows []*racerRow
}

func newRacerTable(doc dom.Document, body dom.HTMLElement, onChange func()) *racerTable {
	t := &racerTable{}
	el := func(tag string) dom.HTMLElement { return doc.CreateElement(tag).(dom.HTMLElement) }
	number := func(id, label string) *dom.HTMLInputElement {
		in := doc.CreateElement("input").(*dom.HTMLInputElement)
		in.SetID(id)
		in.SetType("number")
		in.SetAttribute("step", "any")
		in.SetAttribute("min", "0")
		in.SetAttribute("aria-label", label)
		in.AddEventListener("change", false, func(dom.Event) { onChange() })
		return in
	}
	for _, k := range race.Kinds {
		r := &racerRow{kind: k}
		tr := el("tr")
		tr.SetID("row-" + k.Key)
		tr.Style().SetProperty("--racer", k.Color, "")

		head := el("th")
		head.SetAttribute("scope", "row")
		label := el("label")
		r.use = doc.CreateElement("input").(*dom.HTMLInputElement)
		r.use.SetID("use-" + k.Key)
		r.use.SetType("checkbox")
		r.use.SetChecked(true)
		r.use.AddEventListener("change", false, func(dom.Event) { onChange() })
		swatch := el("span")
		swatch.Class().Add("swatch")
		swatch.SetAttribute("aria-hidden", "true")
		label.AppendChild(r.use)
		label.AppendChild(swatch)
		label.AppendChild(doc.CreateTextNode(k.Label))
		head.AppendChild(label)
		tr.AppendChild(head)

		cell := el("td")
		r.lr = number("lr-"+k.Key, k.Label+" learning rate")
		cell.AppendChild(r.lr)
		tr.AppendChild(cell)

		cell = el("td")
		cell.Class().Add("params")
		for _, p := range k.Params {
			l := el("label")
			l.AppendChild(doc.CreateTextNode(p.Label + " "))
			in := number(p.Key+"-"+k.Key, k.Label+" "+p.Label)
			in.SetAttribute("max", "0.9999")
			in.SetValue(float32Text(p.Default))
			l.AppendChild(in)
			cell.AppendChild(l)
			r.params = append(r.params, in)
		}
		if len(k.Params) == 0 {
			cell.SetTextContent("–")
		}
		tr.AppendChild(cell)

		for _, c := range []*dom.HTMLElement{&r.loss, &r.at, &r.where} {
			*c = el("td")
			(*c).SetTextContent("–")
			tr.AppendChild(*c)
		}
		r.loss.SetID("loss-" + k.Key)
		r.at.SetID("at-" + k.Key)
		r.where.SetID("where-" + k.Key)
		body.AppendChild(tr)
		t.rows = append(t.rows, r)
	}
	return t
}

// setRates puts the surface's learning rates in the table.
func (t *racerTable) setRates(s *race.Surface) {
	for _, r := range t.rows {
		r.lr.SetValue(float32Text(s.Rates[r.kind.Key]))
	}
}

// entries reads the racers that race; a field that is not a number is an
// error naming it, and is marked invalid.
func (t *racerTable) entries() ([]race.Entry, error) {
	var out []race.Entry
	for _, r := range t.rows {
		for _, in := range append([]*dom.HTMLInputElement{r.lr}, r.params...) {
			in.RemoveAttribute("aria-invalid")
		}
		if !r.use.Checked() {
			continue
		}
		e := race.Entry{Kind: r.kind.Key, Params: map[string]float32{}}
		var err error
		if e.LR, err = number(r.lr, r.kind.Label+": the learning rate"); err != nil {
			return nil, err
		}
		for i, p := range r.kind.Params {
			if e.Params[p.Key], err = number(r.params[i], r.kind.Label+": "+p.Label); err != nil {
				return nil, err
			}
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		return nil, errors.New("tick at least one optimiser to race")
	}
	return out, nil
}

// number reads in as a float32, or marks it and names it in the error.
func number(in *dom.HTMLInputElement, what string) (float32, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(in.Value()), 32)
	if err != nil {
		in.SetAttribute("aria-invalid", "true")
		return 0, errors.New(what + " is not a number")
	}
	return float32(v), nil
}

// markInvalid marks the field of the racer and setting an error names
// ("Adam: beta_1 …"), if it names one.
func (t *racerTable) markInvalid(msg string) {
	for _, r := range t.rows {
		if !strings.HasPrefix(msg, r.kind.Label+": ") {
			continue
		}
		rest := strings.TrimPrefix(msg, r.kind.Label+": ")
		if strings.HasPrefix(rest, "the learning rate") {
			r.lr.SetAttribute("aria-invalid", "true")
		}
		for i, p := range r.kind.Params {
			if strings.HasPrefix(rest, p.Label+" ") {
				r.params[i].SetAttribute("aria-invalid", "true")
			}
		}
	}
}

// show writes where each racer of rc is, and clears the rows of those
// that do not race.
func (t *racerTable) show(rc *race.Race) {
	for _, r := range t.rows {
		var racer *race.Racer
		if rc != nil {
			for _, x := range rc.Racers {
				if x.Kind.Key == r.kind.Key {
					racer = x
				}
			}
		}
		if racer == nil {
			for _, c := range []dom.HTMLElement{r.loss, r.at, r.where} {
				c.SetTextContent("–")
				c.RemoveAttribute("data-value")
			}
			continue
		}
		p, loss := racer.At(), racer.Losses[len(racer.Losses)-1]
		r.loss.SetTextContent(format.Fixed(float64(loss), 4))
		r.loss.SetAttribute("data-value", float32Text(loss))
		r.at.SetTextContent("(" + format.Fixed(float64(p[0]), 2) + ", " + format.Fixed(float64(p[1]), 2) + ")")
		r.at.SetAttribute("data-value", float32Text(p[0])+","+float32Text(p[1]))
		where := racer.Where()
		r.where.SetTextContent(whereText(where, rc.Surface))
		r.where.SetAttribute("data-value", where)
	}
}

// float32Text writes v with as few digits as give the float32 back.
func float32Text(v float32) string { return strconv.FormatFloat(float64(v), 'g', -1, 32) }

// whereText says where a racer is, in words.
func whereText(where string, s *race.Surface) string {
	switch where {
	case "global":
		if s.Traps {
			return "at the global minimum"
		}
		return "at the minimum"
	case "local":
		return "stuck in the dip"
	case "off":
		return "flew off"
	}
	return "on its way"
}
