package main

import (
	"errors"
	"math"

	"gonn/nn/datasets/sentiment"
	"gonn/web/ui/internal/format"
)

// The training settings the page does not ask for: those of the
// comparison in gonn/nn/datasets/sentiment (results/sentiment.md), for
// both data sets.
const (
	batchSize    = sentiment.BatchSize    // 32
	learningRate = sentiment.LearningRate // Adam's, 0.01
	embeddingDim = sentiment.EmbeddingDim // 16
	lstmUnits    = 32
	bagUnits     = 32 // the baseline's hidden Dense layer
	// evalBatch is the batch size of evaluations and predictions.
	evalBatch = 500
	// seedMax is the largest seed a form takes.
	seedMax = math.MaxInt32
)

// compareSettings are the form of the comparison on the AFINN sentences.
type compareSettings struct {
	Sentences int // training sentences; the test set is a quarter of it
	Epochs    int
	Seed      int // draws the sentences, their order and the initial weights
}

// The comparison's ranges.
const (
	minSentences = 40
	maxSentences = 20000
	maxEpochs    = 50
)

// compareDefaults are those of the recipe (go run ./cmd/recipes
// sentiment): 4,000 training and 1,000 test sentences, seed 1, and 10 of
// its 20 epochs (the LSTM is at 100 % from epoch 2 or 3, the bag of words
// at its ceiling from epoch 7 or 8).
var compareDefaults = compareSettings{Sentences: 4000, Epochs: 10, Seed: 1}

// compareQuick is ?quick=1: the recipe's sentences for 3 epochs, enough
// for the LSTM to read the rule (it does from epoch 2) and too few for
// the bag of words to learn the one-clause sentences.
var compareQuick = compareSettings{Sentences: 4000, Epochs: 3, Seed: 1}

// config is the generator's configuration for s.
func (s compareSettings) config() sentiment.Config {
	cfg := sentiment.DefaultConfig()
	cfg.Train, cfg.Test = s.Sentences, s.testSize()
	return cfg
}

// testSize is the number of test sentences: a quarter of the training ones.
func (s compareSettings) testSize() int { return s.Sentences / 4 }

// batches is the number of batches of one epoch.
func (s compareSettings) batches() int { return batchesOf(s.Sentences) }

// check returns an error naming the first setting out of its range.
func (s compareSettings) check() error {
	switch {
	case s.Sentences < minSentences || s.Sentences > maxSentences:
		return errors.New("the sentences must be " + format.Itoa(minSentences) + " to " + format.Thousands(maxSentences) +
			", not " + format.Thousands(s.Sentences))
	case s.Epochs < 1 || s.Epochs > maxEpochs:
		return errors.New("the epochs must be 1 to " + format.Itoa(maxEpochs) + ", not " + format.Itoa(s.Epochs))
	}
	return checkSeed(s.Seed)
}

// csvSettings are the form of the training on the user's CSV file.
type csvSettings struct {
	Words      int // Keras' Tokenizer num_words: ids below it are kept, the rest read as <oov>
	MaxLen     int // the longest sequence read: longer texts lose their first words
	Validation int // percent of the rows set apart to validate on
	Epochs     int
	Seed       int // draws the split, the order and the initial weights
}

// The CSV training's ranges.
const (
	minWords, maxWords           = 3, 50000 // padding and <oov> take ids 0 and 1
	minMaxLen, maxMaxLen         = 1, 500
	minValidation, maxValidation = 5, 50
)

// csvDefaults are Keras' text-classification habits at the page's scale:
// the 10,000 most frequent words, texts cut to 100 words, a fifth held out.
var csvDefaults = csvSettings{Words: 10000, MaxLen: 100, Validation: 20, Epochs: 5, Seed: 1}

// csvQuick is ?quick=1: 2 epochs.
var csvQuick = csvSettings{Words: 10000, MaxLen: 100, Validation: 20, Epochs: 2, Seed: 1}

// check returns an error naming the first setting out of its range.
func (s csvSettings) check() error {
	switch {
	case s.Words < minWords || s.Words > maxWords:
		return errors.New("the vocabulary must be " + format.Itoa(minWords) + " to " + format.Thousands(maxWords) +
			" words, not " + format.Thousands(s.Words))
	case s.MaxLen < minMaxLen || s.MaxLen > maxMaxLen:
		return errors.New("the longest text must be " + format.Itoa(minMaxLen) + " to " + format.Itoa(maxMaxLen) +
			" words, not " + format.Thousands(s.MaxLen))
	case s.Validation < minValidation || s.Validation > maxValidation:
		return errors.New("the validation part must be " + format.Itoa(minValidation) + " to " + format.Itoa(maxValidation) +
			" %, not " + format.Itoa(s.Validation))
	case s.Epochs < 1 || s.Epochs > maxEpochs:
		return errors.New("the epochs must be 1 to " + format.Itoa(maxEpochs) + ", not " + format.Itoa(s.Epochs))
	}
	return checkSeed(s.Seed)
}

func checkSeed(seed int) error {
	if seed < 0 || seed > seedMax {
		return errors.New("the seed must be 0 to 2,147,483,647, not " + format.Itoa(seed))
	}
	return nil
}

// batchesOf is the number of batches of an epoch of n examples, the last
// one partial.
func batchesOf(n int) int { return (n + batchSize - 1) / batchSize }
