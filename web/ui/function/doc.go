// Command function is the user interface of the page "a net as a function"
// (web/static/function.html), the lecture's first idea: learning a neural
// net amounts to curve fitting. The user picks a 1-D target (a sine, a
// step, |x|, or points of their own, clicked onto the plot or typed in), a
// sample of it with noise, and a network: hidden Dense layers, their units
// and activation, then a linear Dense(1). The page trains it through gonn.js
// (Adam, mean squared error, batches of 16), in short fits of a few epochs
// each; after each, it predicts the curve on a grid and draws it over the
// points, adds the epochs' losses to the loss curve and moves the progress
// bar. The program the net computes is written out as the lecture writes it
// (h1 = relu(np.dot(x, W1) + b1) …), with the numbers it learns.
//
// One seed draws the sample and the initial weights and orders the batches:
// the same settings give the same curve.
//
// It is Go built with GOOS=js GOARCH=wasm (ui/function.wasm) on
// honnef.co/go/js/dom/v2 and drives the engine only through gonn.js, with
// the packages of gonn/web/ui/internal. The pure logic builds and is tested
// natively: targets.go (the targets and their samples), settings.go (the
// form's values, checked) and program.go (the program and its parameters).
// main.go wires the page, train.go runs the training and draws it.
//
// The page's end-to-end test, in Chromium, is gonn/tests/pages.
package main
