package main

import (
	"errors"
	"math"

	"gonn/nn/datasets/addition"
	"gonn/web/ui/internal/format"
)

// The recipe's settings that the page does not ask for
// (cmd/recipes/addition_rnn.go, after Keras' addition_rnn.py).
const (
	hidden    = 128 // units of the encoder and the decoder LSTM
	batchSize = 32
	heldOut   = 0.1 // the fraction of the questions held out, as Keras' example
	// predictBatch is the batch size of predictions (inference only).
	predictBatch = 250
)

// The ranges of the form's settings.
const (
	maxDigits    = 3     // the recipe's DIGITS
	minQuestions = 20    // at least 2 held out
	maxQuestions = 50000 // the recipe's TRAINING_SIZE
	maxEpochs    = 100
)

// settings are what the form asks for.
type settings struct {
	Digits    int // most digits of each number
	Questions int // unique questions, held-out ones included
	Epochs    int
	Seed      int
}

// recipe is Keras' example: 50,000 questions of up to 3-digit numbers, 30
// epochs; seed 1 as the recipe's default.
var recipe = settings{Digits: 3, Questions: 50000, Epochs: 30, Seed: 1}

// quick are the short settings of ?quick=1: two epochs of 9 batches.
var quick = settings{Digits: 3, Questions: 320, Epochs: 2, Seed: 1}

// config is the generator's configuration: questions reversed, as the recipe.
func (s settings) config() addition.Config {
	return addition.Config{Digits: s.Digits, Size: s.Questions, Reverse: true}
}

// distinct is the number of different questions of up to digits digits
// (a+b and b+a count once).
func distinct(digits int) int {
	n := 1
	for range digits {
		n *= 10
	}
	return n * (n + 1) / 2
}

// mostQuestions is the largest number of questions the form allows for
// digits.
func mostQuestions(digits int) int { return min(maxQuestions, distinct(digits)) }

// check returns an error naming the first setting out of its range.
func (s settings) check() error {
	switch {
	case s.Digits < 1 || s.Digits > maxDigits:
		return errors.New("digits must be 1 to " + format.Itoa(maxDigits) + ", not " + format.Itoa(s.Digits))
	case s.Questions < minQuestions || s.Questions > mostQuestions(s.Digits):
		return errors.New("questions must be " + format.Itoa(minQuestions) + " to " + format.Thousands(mostQuestions(s.Digits)) +
			" for numbers of up to " + format.Itoa(s.Digits) + " digits, not " + format.Thousands(s.Questions))
	case s.Epochs < 1 || s.Epochs > maxEpochs:
		return errors.New("epochs must be 1 to " + format.Itoa(maxEpochs) + ", not " + format.Itoa(s.Epochs))
	case s.Seed < 0 || s.Seed > math.MaxInt32:
		return errors.New("the seed must be 0 to 2,147,483,647, not " + format.Itoa(s.Seed))
	}
	return nil
}

// heldOutSize is the number of questions held out: ⌊N/10⌋, as
// addition.Set.Split cuts them.
func (s settings) heldOutSize() int { return int(float64(s.Questions) * heldOut) }

// trainSize is the number of training questions.
func (s settings) trainSize() int { return s.Questions - s.heldOutSize() }

// batches is the number of batches of one epoch, the last one partial.
func (s settings) batches() int { return (s.trainSize() + batchSize - 1) / batchSize }
