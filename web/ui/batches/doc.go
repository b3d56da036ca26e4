// Command batches is the user interface of the batch-size and epochs
// explorer (web/static/batches.html): the lecture's mini-batch gradient
// descent. The same small MNIST MLP (784 inputs, Dense(64, relu),
// Dense(10, softmax)), from the same initial weights, is trained through
// gonn.js with each batch size the user picks, from 1 (stochastic gradient
// descent: one example at a time) to 512, for the same number of epochs on
// the same subset of MNIST, so that every run sees the same examples.
//
// Two charts, side by side, show the training loss against the examples
// seen and against the wall time: thin lines the loss of each batch (noisy
// for small batches, whose gradient is a noisy approximation of the full
// one), thick lines its average over the last few hundred examples. A
// table gives the updates per epoch, the test accuracy after each epoch,
// the training time and the examples per second. A progress bar follows
// the examples trained.
//
// It is Go built with GOOS=js GOARCH=wasm (ui/batches.wasm) on
// honnef.co/go/js/dom/v2, driving the engine only through gonn.js with the
// packages of gonn/web/ui/internal. The pure logic builds and is tested
// natively: settings.go (the form's values, checked) and curve.go (the
// loss of each batch from Keras' running means, and its smoothing). main.go
// wires the page, run.go trains and draws.
//
// The page's end-to-end test, in Chromium, is gonn/tests/pages.
package main
