// Command cnn is the user interface of the CNN page (web/static/cnn.html):
// Keras' mnist_cnn example trained on MNIST in the browser. Conv2D(32, 3×3)
// and Conv2D(64, 3×3) with ReLU, MaxPooling2D(2×2), Dropout(0.25), Flatten,
// Dense(128, relu), Dropout(0.5), Dense(10, softmax), on 28×28×1 images;
// Adadelta with learning rate 1.0 and ρ 0.95 (the Keras 2 example's
// setting), batches of 128, on a subset of the training images that the
// user chooses, with the seed the user chooses.
//
// The page shows a progress bar, live curves of loss and accuracy, a table
// of every batch, the training speed, the accuracy on a subset of the
// 10,000 test images and the weights hash (model.weightsHash()): the same
// seed and settings give the same curve and hash on every run. Stop holds
// the fit in the engine (model.pause()) and measures the model as it is;
// Resume (model.resume()) goes on from the same batch, so a stopped and
// resumed run ends with the weights of one never stopped. A new fit with
// initial_epoch would instead drop the rest of the stopped epoch. The
// drawing pad classifies what is drawn once training stops or ends.
//
// Like the MNIST page it is Go built with GOOS=js GOARCH=wasm (ui/cnn.wasm)
// on honnef.co/go/js/dom/v2, and drives the engine only through gonn.js,
// with the packages of gonn/web/ui/internal. main.go wires the page;
// train.go holds the run (its states, the buttons, the display); model.go
// makes the network. The pure logic builds and is tested natively:
// settings.go (the form's values, batches, images done), clock.go (training
// time without the pauses) and count.go.
//
// The page's end-to-end test, in Chromium, is gonn/tests/pages.
package main
