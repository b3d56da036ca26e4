//go:build js && wasm

package main

import (
	"math"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
)

// cell appends a cell showing text, with value as its data-value (the
// number the tests read) unless NaN.
func cell(row *dom.HTMLTableRowElement, text string, value float64) {
	c := row.InsertCell(-1)
	c.SetTextContent(text)
	if !math.IsNaN(value) {
		c.SetAttribute("data-value", format.Shortest(value))
	}
}

// show puts text in an output, value in its data-value.
func show(o dom.HTMLElement, text string, value float64) {
	o.SetTextContent(text)
	o.SetAttribute("data-value", format.Shortest(value))
}

// placeholder puts one row saying msg across cols columns in a table body.
func placeholder(rows *dom.HTMLTableSectionElement, cols int, msg string) {
	row := rows.InsertRow(-1)
	row.SetAttribute("class", "placeholder")
	c := row.InsertCell(-1)
	c.SetAttribute("colspan", format.Itoa(cols))
	c.SetTextContent(msg)
}
