package main

import (
	"errors"
	"strings"

	"gonn/nn/datasets/sentiment"
	"gonn/nn/tensor"
	"gonn/nn/text"
	"gonn/web/ui/internal/format"
)

// reading is how one model reads a typed sentence: its input and the
// words behind it.
type reading struct {
	X *tensor.Tensor // the model's input, (1, …)
	// Words are the words the model reads, in order, each one it has no id
	// for as oovToken.
	Words []string
	// Cut is the number of words cut off the front: an LSTM reads at most
	// its sequence length, the last words.
	Cut int
}

// Unknown is the number of words read as oovToken.
func (r reading) Unknown() int {
	n := 0
	for _, w := range r.Words {
		if w == oovToken {
			n++
		}
	}
	return n
}

// errNoWords is the error of a sentence that has no words once
// punctuation is gone.
var errNoWords = errors.New("type a sentence: there are no words to read yet")

// words splits a typed sentence as Keras' Tokenizer does (lower case,
// punctuation removed).
func words(sentence string) []string {
	return text.TextToWordSequence(sentence, text.DefaultFilters, true, " ")
}

// idsRead returns the words of the non-zero ids of x's first row: the
// words behind padded ids.
func idsRead(x *tensor.Tensor, word func(id int) string) []string {
	var out []string
	for _, v := range x.Data[:x.Shape[len(x.Shape)-1]] {
		if id := int(v); id != 0 {
			out = append(out, word(id))
		}
	}
	return out
}

// afinnReader reads typed sentences for the models trained on the AFINN
// sentences: the LSTM its padded ids, the bag of words their counts.
type afinnReader struct {
	d     *sentiment.Data
	vocab []string       // the word of id i at i-1 (Data.Vocabulary)
	index map[string]int // word → id, a lookup only (never iterated)
}

func newAFINNReader(d *sentiment.Data) *afinnReader {
	r := &afinnReader{d: d, vocab: d.Vocabulary(), index: map[string]int{}}
	for i, w := range r.vocab {
		r.index[w] = i + 1
	}
	return r
}

func (r *afinnReader) word(id int) string {
	if id < 1 || id > len(r.vocab) {
		return oovToken
	}
	return r.vocab[id-1]
}

// sequence reads sentence as the LSTM does: (1, MaxLen) ids.
func (r *afinnReader) sequence(sentence string) (reading, error) {
	n := len(words(sentence))
	if n == 0 {
		return reading{}, errNoWords
	}
	x, err := r.d.Encode([]string{sentence})
	if err != nil {
		return reading{}, err
	}
	return reading{X: x, Words: idsRead(x, r.word), Cut: max(0, n-r.d.MaxLen)}, nil
}

// bag reads sentence as the bag-of-words model does: (1, InputDim) counts
// of every word, none cut, in no order.
func (r *afinnReader) bag(sentence string) (reading, error) {
	ws := words(sentence)
	if len(ws) == 0 {
		return reading{}, errNoWords
	}
	x, err := r.d.EncodeBag([]string{sentence})
	if err != nil {
		return reading{}, err
	}
	read := make([]string, len(ws))
	for i, w := range ws {
		if _, ok := r.index[w]; ok {
			read[i] = w
		} else {
			read[i] = oovToken
		}
	}
	return reading{X: x, Words: read}, nil
}

// sequence reads sentence as the LSTM trained on the user's file does.
func (c *csvData) sequence(sentence string) (reading, error) {
	seq := c.tk.TextsToSequences([]string{sentence})[0]
	if len(seq) == 0 {
		return reading{}, errNoWords
	}
	x, err := c.encode([]string{sentence})
	if err != nil {
		return reading{}, err
	}
	return reading{X: x, Words: idsRead(x, c.word), Cut: max(0, len(seq)-c.MaxLen)}, nil
}

// polarity is a model's answer: positive above 0.5.
func polarity(p float32) string {
	if p > 0.5 {
		return "positive"
	}
	return "negative"
}

// probabilityText is "P(positive) = 93.1 %".
func probabilityText(p float32) string {
	return "P(positive) = " + format.Percent(float64(p), 1)
}

// ruleText says what the data set's rule (sentiment.Label) makes of a
// typed sentence, or why it cannot label it.
func ruleText(lex *sentiment.Lexicon, sentence string) string {
	label, err := sentiment.Label(lex, sentence)
	if err != nil {
		msg := err.Error()
		// sentiment: "<sentence>": <reason>; the reason holds no `": `.
		if i := strings.LastIndex(msg, "\": "); i >= 0 {
			msg = msg[i+3:]
		}
		return "The data set's rule cannot label it: " + msg + "."
	}
	return "The data set's rule says " + []string{"negative", "positive"}[label] + "."
}

// bagCeiling is the best test accuracy any bag-of-words model can reach on
// s: every one-clause sentence right and one twin of each contrast pair.
func bagCeiling(s *sentiment.Set) float64 {
	if s.Len() == 0 {
		return 0
	}
	best := 0.0
	for _, k := range s.Kinds {
		if k == sentiment.Simple {
			best++
		} else {
			best += 0.5
		}
	}
	return best / float64(s.Len())
}
