// Command mnist is the user interface of the MNIST page (web/static/mnist.html):
// a multilayer perceptron trained on MNIST in the browser, with a progress
// bar, a live chart of loss and accuracy, a table of epochs, the accuracy on
// the 10,000 test images, and a 28×28 drawing pad whose digit the trained
// model classifies.
//
// It is Go built with GOOS=js GOARCH=wasm (the site builder makes
// ui/mnist.wasm of it) and uses honnef.co/go/js/dom/v2 for the page. It
// drives the engine only through the public JavaScript API, gonn.js, which the
// page's boot module (web/static/mnist.js) puts in globalThis.gonn: the engine
// trains in a Web Worker, so the page stays responsive.
//
// main.go wires the page; train.go holds the settings, the training run and
// its display; model.go makes the network. What other pages share lives in
// gonn/web/ui/internal: jsapi (the Go face of gonn.js, Promises awaited from
// goroutines), widgets (the chart, the drawing pad, the prediction meters),
// mnistdata (the .gmn packs, Digitize) and format (numbers as text, with
// strconv: fmt would add 0.4 MB to the page).
//
// The page's end-to-end test, in Chromium, is gonn/tests/pages.
package main
