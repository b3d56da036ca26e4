package nn

import (
	"fmt"
	"strings"

	"gonn/nn/layers"
)

// Summary returns a Keras-style table of the layers, their output shapes
// and parameter counts, with the totals:
//
//	Model: "sequential"
//	_________________________________________________________________
//	 Layer (type)                Output Shape              Param #
//	=================================================================
//	 dense (Dense)               (None, 512)               401920
//	…
//	Total params: 669,706
//
// The model must be built.
func (m *Sequential) Summary() (string, error) {
	if !m.Built() {
		return "", fmt.Errorf("nn: Summary: the model is not built yet; call Build or Fit first")
	}
	type row struct {
		name, shape string
		params      int
	}
	var rows []row
	var total, trainable int
	nameWidth, shapeWidth := 27, 25 // Keras' widths; widened for long names
	for i, l := range m.Layers {
		if _, ok := l.(*layers.InputLayer); ok {
			continue // Keras lists no input layer in a Sequential's summary
		}
		n := 0
		for _, w := range l.Weights() {
			n += w.Value.Size()
			if IsTrainable(l, w) {
				trainable += w.Value.Size()
			}
		}
		total += n
		shape := "(None, " + strings.Trim(shapeString(m.shapes[i]), "(,)") + ")"
		if len(m.shapes[i]) == 0 {
			shape = "(None,)"
		}
		r := row{fmt.Sprintf("%s (%s)", l.Name(), l.ClassName()), shape, n}
		nameWidth, shapeWidth = max(nameWidth, len(r.name)+1), max(shapeWidth, len(r.shape)+1)
		rows = append(rows, r)
	}
	width := nameWidth + shapeWidth + 13
	rule, double := strings.Repeat("_", width), strings.Repeat("=", width)
	var b strings.Builder
	fmt.Fprintf(&b, "Model: %q\n%s\n", m.Name, rule)
	fmt.Fprintf(&b, " %-*s %-*s %-9s\n%s\n", nameWidth, "Layer (type)", shapeWidth, "Output Shape", "Param #", double)
	for i, r := range rows {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, " %-*s %-*s %-9d\n", nameWidth, r.name, shapeWidth, r.shape, r.params)
	}
	fmt.Fprintf(&b, "%s\nTotal params: %s\nTrainable params: %s\nNon-trainable params: %s\n%s\n",
		double, commas(total), commas(trainable), commas(total-trainable), rule)
	return b.String(), nil
}

// commas prints n with thousands separators: 669706 → "669,706".
func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
