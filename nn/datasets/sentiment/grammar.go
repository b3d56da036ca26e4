package sentiment

import (
	"fmt"
	"slices"
	"strings"

	"gonn/nn/text"
)

// The words of the grammar besides the adjectives. Treat them as
// constants.
var (
	// Frames open every sentence: a subject and a verb, neutral words that
	// AFINN does not rate.
	Frames = []string{
		"the film was", "the movie is", "the food was", "the service was",
		"this book is", "the hotel was", "the concert was", "my day was",
		"the plot seemed", "the ending was", "the music is", "the game was",
	}
	// Negators flip the polarity of the clause they open.
	Negators = []string{"not", "never", "hardly"}
	// Intensifiers strengthen an adjective without changing its sign.
	Intensifiers = []string{"very", "extremely", "really"}
)

// But joins two clauses; the clause after it decides the label.
const But = "but"

// DefaultAdjectives are the rated words the sentences are built from: 30
// that AFINN-165 rates positive, then 30 it rates negative, all adjectives
// that read after "the film was". Their valences come from the lexicon,
// not from this list.
var DefaultAdjectives = []string{
	"good", "great", "excellent", "wonderful", "amazing", "awesome", "brilliant", "fantastic",
	"superb", "outstanding", "lovely", "nice", "beautiful", "delightful", "charming", "fun",
	"funny", "perfect", "fine", "pleasant", "impressive", "interesting", "exciting", "fascinating",
	"clever", "entertaining", "inspiring", "hilarious", "stunning", "terrific",

	"bad", "terrible", "awful", "horrible", "boring", "dull", "poor", "disappointing",
	"dreadful", "stupid", "ugly", "annoying", "pathetic", "worthless", "useless", "lame",
	"disgusting", "sad", "weak", "painful", "ridiculous", "unpleasant", "frustrating", "disastrous",
	"pointless", "rude", "nasty", "miserable", "depressing", "confusing",
}

// Clause is [negator] [intensifier] adjective: "not very good".
type Clause struct {
	Negator     string // one of Negators, or "" for none
	Intensifier string // one of Intensifiers, or "" for none
	Adjective   string
}

// String is the clause's words, separated by spaces.
func (c Clause) String() string {
	words := make([]string, 0, 3)
	for _, w := range []string{c.Negator, c.Intensifier, c.Adjective} {
		if w != "" {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}

// positive is the clause's polarity, given the sign of its adjective's
// valence: that sign, flipped by a negator.
func (c Clause) positive(adjectivePositive bool) bool {
	return adjectivePositive != (c.Negator != "")
}

// Label applies the rule that labels every sentence of the grammar to any
// text: 1 if positive, 0 if negative.
//
//  1. The text is split into words as Keras' Tokenizer does (lower case,
//     punctuation removed); the deciding clause is the words after the
//     last "but", or all of them if there is none.
//  2. The clause's last word must be rated by lex, with a valence that is
//     not 0: its sign is the clause's polarity.
//  3. An intensifier right before that word changes nothing; a negator
//     right before the word or before its intensifier flips the polarity.
//
// Words before the deciding clause (the frame, an earlier clause and its
// negator) do not count: "the film was not good but terrible" is 0, "the
// film was not terrible but good" is 1, with the same words. Label fails,
// saying why, on a text it cannot label.
func Label(lex *Lexicon, sentence string) (int, error) {
	words := text.TextToWordSequence(sentence, text.DefaultFilters, true, " ")
	if last := slices.Index(reversed(words), But); last >= 0 {
		words = words[len(words)-last:]
	}
	if len(words) == 0 {
		return 0, fmt.Errorf("sentiment: %q: no words to label (after the last %q)", sentence, But)
	}
	adjective := words[len(words)-1]
	v, ok := lex.Valence(adjective)
	switch {
	case !ok:
		return 0, fmt.Errorf("sentiment: %q: the last word %q is not in the lexicon", sentence, adjective)
	case v == 0:
		return 0, fmt.Errorf("sentiment: %q: the last word %q has valence 0", sentence, adjective)
	}
	c := Clause{Adjective: adjective}
	before := words[:len(words)-1]
	if n := len(before); n > 0 && slices.Contains(Intensifiers, before[n-1]) {
		c.Intensifier, before = before[n-1], before[:n-1]
	}
	if n := len(before); n > 0 && slices.Contains(Negators, before[n-1]) {
		c.Negator = before[n-1]
	}
	if c.positive(v > 0) {
		return 1, nil
	}
	return 0, nil
}

func reversed(s []string) []string {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}
