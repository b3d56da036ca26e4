// Command sentiment is the user interface of the sentiment page
// (web/static/sentiment.html): an Embedding → LSTM model against a
// bag-of-words baseline on sentences where word order decides the label,
// a box where the user types a sentence and hears both, and training on
// the user's own CSV file of labelled texts.
//
// The sentences come from gonn/nn/datasets/sentiment (pure Go, run in the
// page): sentiment.Prepare generates them from the AFINN-165 lexicon that
// the binary embeds (gonn/data/afinn, credited on the page as its ODbL
// notice asks), seeded, with a test set a quarter the size of the
// training set, and numbers their words with a Keras Tokenizer. The
// models are the package's comparison built with gonn.layers:
// Embedding(mask_zero) → LSTM(32) → Dense(1, sigmoid) on the padded ids,
// Dense(32, relu) → Dense(1, sigmoid) on the word counts; Adam (0.01),
// binary cross-entropy, batches of 32. They train in turn, one epoch each
// (a fit from initial epoch e to e+1), and after each epoch both are
// evaluated on the test set: the chart shows the two test accuracies and
// the ceiling no bag of words can pass (bagCeiling), the table every
// epoch with the margin. The same seed gives the same run.
//
// A typed sentence is read by every trained model as it reads its data
// (reading): the words it reads, unknown ones as <oov>, the first ones
// cut when the sentence is longer than the LSTM's sequences, and its
// P(positive); the data set's own rule (sentiment.Label) says what the
// label should be. The models answer between two batches, so typing during
// training works.
//
// The CSV file (parseCSV) is rows of text,label with an optional header
// naming the columns, labels 0/1 or negative/positive; every problem is
// shown on the page with the file's name and the line. prepareCSV shuffles
// the rows with the seed, sets the last part apart to validate on, fits a
// Tokenizer (num_words, OOV token) on the training part and pads every
// text to at most the chosen length; the same LSTM trains on it. One
// training runs at a time; Stop ends it after the batch in progress and
// leaves the models answering with the weights they have. ?quick=1 fills in
// short settings (compareQuick, csvQuick), which the page's test uses.
//
// Files: main.go wires the page; compare.go and upload.go are the two
// training panels, ask.go the sentence panel, chart.go the chart,
// models.go the networks, engine.go what a run keeps in the engine and one
// epoch's fit. The pure logic builds and is tested natively: settings.go,
// csvfile.go (reading the file), csvdata.go (encoding it), reading.go (how
// each model reads a sentence) and text.go.
//
// The page's end-to-end test, in Chromium, is gonn/tests/pages.
package main
