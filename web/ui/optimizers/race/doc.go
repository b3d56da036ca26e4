// Package race is the logic of the optimiser race page (web/ui/optimizers):
// 2-D loss surfaces written with gonn's autodiff (nn/ag), and racers that
// move a point (x, y) down a surface with gonn's own optimisers
// (nn/optimizers, the Keras update rules), one step at a time, recording
// the path.
//
// A Surface is a loss L(x, y) built from ag ops on a batch of points, so the
// same definition draws the heat map (Surface.Losses over a grid) and gives
// each step its gradient (Surface.LossGrad, by ag.Backward). A Racer holds
// one optimiser, made from its Keras config by optimizers.FromConfig (so bad
// hyper-parameters are refused with Keras' own checks), and the point it
// moves. Everything is float32 with gonn's determinism rules: the page in
// the browser and this package natively give the same paths, bit for bit.
//
// It is pure Go and tested natively; the page's tests import it to check
// the browser's paths against native ones.
package race
