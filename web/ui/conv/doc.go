// Command conv is the user interface of the convolution playground
// (web/static/conv.html): the lecture's worked examples of convolution and
// max pooling, live. The user picks an image (the lecture's 7×7 image or an
// MNIST test digit), a 3×3 filter (nine inputs that take numbers and
// fractions such as 1/9, and presets: identity, box blur, horizontal and
// vertical edges, sharpen) and the padding ("valid" or "same"); the page
// shows the image, the convolution, the ReLU and the 2×2 max pooling, as
// tables of numbers for small grids, as the slides print them, and as
// shaded canvases with a hover readout for the 28×28 digit.
//
// Every grid comes from the engine, through the public JavaScript API
// (gonn.js, in globalThis.gonn, via gonn/web/ui/internal/jsapi): three tiny
// Sequential models, Conv2D(1, 3×3, use_bias=False), then ReLU, then
// MaxPooling2D(2×2), take the filter with setWeights and predict on the
// image. Nothing is computed in Go or JavaScript besides.
//
// main.go wires the page and runs the updates (one goroutine; events only
// ask for one); engine.go holds the models; view.go draws a grid; digits.go
// fetches the MNIST test pack. grid.go is the pure logic, tested natively:
// the grids, the presets, parsing a filter cell, formatting a value, and the
// colour scale (white at 0, blue above, orange below, with black or white
// text at a contrast of at least 4.5:1).
//
// The page's end-to-end test, in Chromium, is gonn/tests/pages (conv_test.go).
package main
