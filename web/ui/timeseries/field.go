//go:build js && wasm

package main

import (
	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
)

// fieldView says how far back the Conv1D sees, in words and as a strip of
// the window's steps with those it sees filled in.
type fieldView struct {
	doc   dom.Document
	text  dom.HTMLElement // a live region
	strip dom.HTMLElement // decorative: the text says it
}

// show states the receptive field of depth layers of kernel size kernel
// on src's windows, or what is wrong with them.
func (f *fieldView) show(src source, kernel, depth int) {
	f.strip.SetInnerHTML("")
	if err := checkConv(kernel, depth, src); err != nil {
		f.text.SetTextContent("Conv1D: " + err.Error() + ".")
		f.text.SetAttribute("data-value", "")
		return
	}
	seen := receptiveField(kernel, depth)
	layers := "1 layer"
	if depth > 1 {
		layers = format.Itoa(depth) + " layers"
	}
	f.text.SetTextContent("Conv1D, " + layers + " of kernel size " + format.Itoa(kernel) + ": each forecast sees the last " +
		format.Itoa(seen) + " of the " + format.Itoa(src.Window) + " " + src.Steps + " of its window (1 + " + format.Itoa(depth) +
		" × (" + format.Itoa(kernel) + " − 1)). SimpleRNN, LSTM and GRU read all " + format.Itoa(src.Window) + ".")
	f.text.SetAttribute("data-value", format.Itoa(seen))
	for i := range src.Window {
		cell := f.doc.CreateElement("span")
		if i >= src.Window-seen {
			cell.SetAttribute("class", "seen")
		}
		f.strip.AppendChild(cell)
	}
}
