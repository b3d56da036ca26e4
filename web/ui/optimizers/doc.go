// Command optimizers is the user interface of the optimiser race
// (web/static/optimizers.html): the lecture's skier, who must find the
// bottom of a loss landscape by following its gradient. Six optimisers,
// SGD, SGD with momentum, RMSprop, Adam, Adagrad and Adadelta, race from the
// same start down a 2-D loss surface drawn as a heat map with contour
// lines: a bowl, a long curved valley (Rosenbrock's), a saddle, and the
// skier's surface, a local minimum behind a hill before the global one.
// Their paths are animated step by step, their losses plotted against the
// steps; each optimiser's learning rate and Keras hyper-parameters
// (momentum, rho, beta_1, beta_2) can be changed, and a click on the map
// (or the start fields) moves the start. Space or P starts and pauses, N or
// the right arrow takes one step, R resets.
//
// This page has no model, so unlike the other pages it does not go through
// gonn.js: it imports gonn's optimisers (nn/optimizers, the Keras update
// rules) and autodiff (nn/ag) into its own Go code, through the package
// race, which writes the surfaces with ag ops and steps the optimisers on
// the two parameters (x, y). The paths are float32 and deterministic: the
// same in this page as natively (the page's test checks them against race
// run natively).
//
// It is Go built with GOOS=js GOARCH=wasm (ui/optimizers.wasm) on
// honnef.co/go/js/dom/v2. main.go wires the page, table.go is the table of
// racers, mapview.go draws the map and the paths, play.go runs the race and
// the keyboard.
//
// The page's end-to-end test, in Chromium, is gonn/tests/pages.
package main
