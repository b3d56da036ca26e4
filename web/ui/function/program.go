package main

import "gonn/web/ui/internal/format"

// program writes the function the net computes as the lecture writes its
// two-layer net, one line per layer:
//
//	def f(x):
//	    h1 = relu(np.dot(x, W1) + b1)      # W1: 1×16, b1: 16
//	    h2 = relu(np.dot(h1, W2) + b2)     # W2: 16×16, b2: 16
//	    return np.dot(h2, W3) + b3         # W3: 16×1, b3: 1
func program(s settings) []string {
	lines := []string{"def f(x):"}
	in, width := "x", 1
	for l := 1; l <= s.Layers; l++ {
		n := format.Itoa(l)
		lines = append(lines, "    h"+n+" = "+s.Activation+"(np.dot("+in+", W"+n+") + b"+n+")"+
			"    # W"+n+": "+format.Itoa(width)+"×"+format.Itoa(s.Units)+", b"+n+": "+format.Itoa(s.Units))
		in, width = "h"+n, s.Units
	}
	n := format.Itoa(s.Layers + 1)
	lines = append(lines, "    return np.dot("+in+", W"+n+") + b"+n+
		"    # W"+n+": "+format.Itoa(width)+"×1, b"+n+": 1")
	return lines
}

// parameters is the number of numbers the net learns: every W and b.
func parameters(s settings) int {
	n, width := 0, 1
	for range s.Layers {
		n += width*s.Units + s.Units
		width = s.Units
	}
	return n + width + 1
}
