package layers

import "gonn/nn/ag"

// SwapConvWeights is SwapWeights for Conv layers: it puts vs (kernel, then
// bias) in place of c's weights and returns a function that puts the
// originals back.
func SwapConvWeights(c *Conv, vs []*ag.Var) (restore func()) {
	kernel, bias := c.kernel, c.bias
	c.kernel = vs[0]
	if len(vs) > 1 {
		c.bias = vs[1]
	}
	return func() { c.kernel, c.bias = kernel, bias }
}
