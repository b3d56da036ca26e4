package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/datasets/sentiment"
)

func quickData(t *testing.T) (*sentiment.Lexicon, *sentiment.Data) {
	t.Helper()
	lex, err := sentiment.AFINN165()
	require.NoError(t, err)
	d, err := sentiment.Prepare(lex, compareQuick.config(), uint64(compareQuick.Seed))
	require.NoError(t, err)
	return lex, d
}

func TestAFINNReader(t *testing.T) {
	_, d := quickData(t)
	r := newAFINNReader(d)
	require.Equal(t, 10, d.MaxLen, "the longest sentence: frame, two clauses of three words, but")
	tests := []struct {
		name, sentence string
		lstm, bag      []string
		cut            int
	}{
		{
			name: "known words", sentence: "The film was NOT good, but terrible!",
			lstm: []string{"the", "film", "was", "not", "good", "but", "terrible"},
		},
		{
			name: "unknown words", sentence: "the soup was fabulous",
			lstm: []string{"the", oovToken, "was", oovToken},
		},
		{
			// "oh" is not in the vocabulary; the sets' longest sentence has
			// 10 words, so the LSTM reads the last 10 of these 12.
			name: "longer than the LSTM reads", sentence: "oh oh oh oh the film was not really good but terrible",
			lstm: []string{oovToken, oovToken, "the", "film", "was", "not", "really", "good", "but", "terrible"}, cut: 2,
			bag: []string{oovToken, oovToken, oovToken, oovToken, "the", "film", "was", "not", "really", "good", "but", "terrible"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seq, err := r.sequence(tt.sentence)
			require.NoError(t, err)
			assert.Equal(t, tt.lstm, seq.Words)
			assert.Equal(t, tt.cut, seq.Cut)
			assert.Equal(t, []int{1, d.MaxLen}, seq.X.Shape)

			bag, err := r.bag(tt.sentence)
			require.NoError(t, err)
			want := tt.bag
			if want == nil {
				want = tt.lstm
			}
			assert.Equal(t, want, bag.Words)
			assert.Zero(t, bag.Cut, "a bag of words reads every word")
			assert.Equal(t, []int{1, d.InputDim()}, bag.X.Shape)
			total := float32(0)
			for _, v := range bag.X.Data {
				total += v
			}
			assert.Equal(t, float32(len(want)), total, "one count per word")
		})
	}
	_, err := r.sequence("...")
	assert.ErrorIs(t, err, errNoWords)
	_, err = r.bag("")
	assert.ErrorIs(t, err, errNoWords)
}

func TestPolarity(t *testing.T) {
	assert.Equal(t, "positive", polarity(0.51))
	assert.Equal(t, "negative", polarity(0.5), "positive means above 0.5, as Score counts")
	assert.Equal(t, "P(positive) = 93.1 %", probabilityText(0.9312))
}

func TestRuleText(t *testing.T) {
	lex, _ := quickData(t)
	tests := map[string]string{
		"the film was not good but terrible": "The data set's rule says negative.",
		"the film was not terrible but good": "The data set's rule says positive.",
		"my day was never very dull":         "The data set's rule says positive.",
		"the film was purple":                `The data set's rule cannot label it: the last word "purple" is not in the lexicon.`,
		`he said "yes": fine but`:            `The data set's rule cannot label it: no words to label (after the last "but").`,
	}
	for sentence, want := range tests {
		assert.Equal(t, want, ruleText(lex, sentence), sentence)
	}
}

func TestBagCeiling(t *testing.T) {
	s := &sentiment.Set{Kinds: []sentiment.Kind{sentiment.Simple, sentiment.Contrast, sentiment.Contrast, sentiment.Contrast, sentiment.Contrast, sentiment.Simple, sentiment.Simple, sentiment.Simple}}
	s.Texts = make([]string, len(s.Kinds))
	assert.InDelta(t, (4+2)/8.0, bagCeiling(s), 1e-12)
	_, d := quickData(t)
	assert.InDelta(t, 0.625, bagCeiling(d.Test), 0.01, "a quarter one-clause sentences: 25 % + 75 %/2")
	assert.Zero(t, bagCeiling(&sentiment.Set{}))
}
