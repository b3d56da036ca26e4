// Command transfer is the user interface of the transfer-learning page
// (web/static/transfer.html): Keras' mnist_transfer_cnn in the browser,
// the model of Go's nn/models.MNISTTransfer:
//
//	feature layers: Conv2D 32 3×3 relu → Conv2D 32 3×3 relu → MaxPooling2D 2×2 → Dropout 0.25 → Flatten
//	classification: Dense 128 relu → Dropout 0.5 → Dense 5 softmax
//
// with Adadelta at learning rate 1.0 (Keras 2's). Phase 1 trains every layer
// on the digits 0 to 4. Then the feature layers are frozen
// (model.setTrainable(i, false)) and the model is compiled again: Keras reads
// the trainable flags at compile time. Phase 2 trains the classification
// layers on the digits 5 to 9, output k meaning the digit 5 + k. Both
// phases use subsets of MNIST sized for a browser.
//
// The page shows both accuracies, a chart of the two phases, and the
// frozen-layer view: every layer with its trainable flag and parameters in
// each phase, and every weight's statistics (model.weightStats()) before and
// after phase 2, checked: frozen weights did not move by a single bit,
// trainable ones did.
//
// settings.go and frozen.go build and are tested natively; model.go makes
// the network, main.go wires the page and run.go trains. The end-to-end
// test in Chromium is gonn/tests/pages.
package main
