// Command addition is the user interface of the addition page
// (web/static/addition.html): Keras' addition_rnn example trained in the
// browser, and a box where the user types a sum ("535+61") and watches the
// model's answer change as it learns.
//
// The questions come from the same generator as the recipe
// (gonn/nn/datasets/addition, pure Go, run in the page): unique sums of
// numbers of up to 3 digits, reversed, one-hot over " +0123456789", made
// from the seed and split from seed+1 with a tenth held out, exactly as
// `go run ./cmd/recipes addition_rnn` makes them. The network is the
// recipe's: LSTM(128) encoder → RepeatVector → LSTM(128, return_sequences)
// decoder → TimeDistributed(Dense(12, softmax)); Adam, categorical
// cross-entropy, batches of 32. The same seed gives the same curve and the
// same weights hash.
//
// Each epoch is one fit (initial epoch e to e+1), after which the page asks
// the model every held-out question: the table of epochs shows the
// characters and the whole answers it gets right. Meanwhile, at most every
// 0.7 s, the typed sum and ten held-out questions are asked again: the
// engine answers between two batches, so the answers follow the training
// without changing it (a prediction touches no weight and no random
// state). Stop holds the fit in the engine (model.pause()) or, between
// epochs, before the next one; Resume goes on from the same batch.
//
// Files: main.go wires the page; train.go holds the run (its states, the
// buttons, the progress, the table of epochs); ask.go the answers panel;
// model.go the network. The pure logic builds and is tested natively:
// settings.go (the form's values and ranges, the recipe's and ?quick=1's
// settings), data.go (the questions, reading answers out of the model's
// outputs), sum.go (reading a typed sum, writing it as the model reads it)
// and text.go.
//
// The page's end-to-end test, in Chromium, is gonn/tests/pages.
package main
