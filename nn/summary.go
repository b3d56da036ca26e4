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
	var b strings.Builder
	rule := strings.Repeat("_", 65)
	fmt.Fprintf(&b, "Model: %q\n%s\n", m.Name, rule)
	fmt.Fprintf(&b, " %-27s %-25s %-9s\n%s\n", "Layer (type)", "Output Shape", "Param #", strings.Repeat("=", 65))
	var total, trainable int
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
		fmt.Fprintf(&b, " %-27s %-25s %-9d\n", fmt.Sprintf("%s (%s)", l.Name(), l.ClassName()), shape, n)
		if i < len(m.Layers)-1 {
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "%s\nTotal params: %s\nTrainable params: %s\nNon-trainable params: %s\n%s\n",
		strings.Repeat("=", 65), commas(total), commas(trainable), commas(total-trainable), rule)
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
