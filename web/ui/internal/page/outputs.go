//go:build js && wasm

package page

import (
	"math"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
)

// Show puts text in an output and value in its data-value, the value the
// tests read.
func Show(el dom.Element, text, value string) {
	el.SetTextContent(text)
	el.SetAttribute("data-value", value)
}

// ShowNumber puts text in an output and the number v in its data-value.
func ShowNumber(el dom.Element, text string, v float64) { Show(el, text, format.Shortest(v)) }

// Dash shows that an output has no value yet: "–", no data-value.
func Dash(el dom.Element) {
	el.SetTextContent("–")
	el.RemoveAttribute("data-value")
}

// Cell appends to row a cell showing text, with value in its data-value
// unless NaN.
func Cell(row *dom.HTMLTableRowElement, text string, value float64) {
	c := row.InsertCell(-1)
	c.SetTextContent(text)
	if !math.IsNaN(value) {
		c.SetAttribute("data-value", format.Shortest(value))
	}
}

// Placeholder puts one row saying msg across cols columns in a table body.
func Placeholder(rows *dom.HTMLTableSectionElement, cols int, msg string) {
	row := rows.InsertRow(-1)
	row.SetAttribute("class", "placeholder")
	c := row.InsertCell(-1)
	c.SetAttribute("colspan", format.Itoa(cols))
	c.SetTextContent(msg)
}
