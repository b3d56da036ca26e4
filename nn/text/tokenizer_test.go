package text

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newTokenizer(t *testing.T, change func(*TokenizerConfig)) *Tokenizer {
	t.Helper()
	cfg := DefaultTokenizerConfig()
	if change != nil {
		change(&cfg)
	}
	tk, err := NewTokenizer(cfg)
	require.NoError(t, err)
	return tk
}

// The corpora and results below are Keras' published outputs: the
// TensorFlow "NLP Zero to Hero" tokenizer notebooks and Deep Learning with
// Python, section 6.1 (listing 6.3).
var (
	pets    = []string{"I love my dog", "I love my cat", "You love my dog!"}
	petsOOV = append(pets[:3:3], "Do you think my dog is amazing?")
	chollet = []string{"The cat sat on the mat.", "The dog ate my homework."}
)

func TestTokenizer_WordIndex(t *testing.T) {
	tests := []struct {
		name   string
		cfg    func(*TokenizerConfig)
		texts  []string
		vocab  []string // words by id, from 1
		counts []WordCount
	}{
		{"pets", nil, pets,
			// love and my (3) before i and dog (2): ties keep first appearance.
			[]string{"love", "my", "i", "dog", "cat", "you"},
			[]WordCount{{"i", 2, 2}, {"love", 3, 3}, {"my", 3, 3}, {"dog", 2, 2}, {"cat", 1, 1}, {"you", 1, 1}}},
		{"pets with OOV", func(c *TokenizerConfig) { c.NumWords, c.OOVToken = 100, "<OOV>" }, petsOOV,
			[]string{"<OOV>", "my", "love", "dog", "i", "you", "cat", "do", "think", "is", "amazing"}, nil},
		{"chollet", func(c *TokenizerConfig) { c.NumWords = 1000 }, chollet,
			[]string{"the", "cat", "sat", "on", "mat", "dog", "ate", "my", "homework"},
			[]WordCount{{"the", 3, 2}, {"cat", 1, 1}, {"sat", 1, 1}, {"on", 1, 1}, {"mat", 1, 1},
				{"dog", 1, 1}, {"ate", 1, 1}, {"my", 1, 1}, {"homework", 1, 1}}},
		{"characters, no filters at char level", func(c *TokenizerConfig) { c.CharLevel = true }, []string{"aab", "Ba!"},
			[]string{"a", "b", "!"}, []WordCount{{"a", 3, 2}, {"b", 2, 2}, {"!", 1, 1}}},
		{"characters beyond ASCII", func(c *TokenizerConfig) { c.CharLevel = true }, []string{"Éé ß"},
			[]string{"é", " ", "ß"}, nil},
		{"no lower-casing", func(c *TokenizerConfig) { c.Lower = false }, []string{"Go go GO go"},
			[]string{"go", "Go", "GO"}, nil},
		{"own split and filters", func(c *TokenizerConfig) { c.Split, c.Filters = ",", "|" }, []string{"a b,c|a b,,"},
			[]string{"a b", "c"}, []WordCount{{"a b", 2, 1}, {"c", 1, 1}}},
		{"apostrophes stay, other punctuation splits", nil, []string{"Don't stop-me now... don't"},
			[]string{"don't", "stop", "me", "now"}, nil},
		{"unicode filter characters", func(c *TokenizerConfig) { c.Filters = "«»—" }, []string{"«oui»—non"},
			[]string{"oui", "non"}, nil},
		// Keras builds word_index with dict(zip(...)): the OOV token, when it
		// is also a word of the texts, keeps its later id and id 1 maps to
		// nothing.
		{"OOV token also a word", func(c *TokenizerConfig) { c.OOVToken, c.Filters = "oov", "" }, []string{"oov oov a"},
			[]string{"", "oov", "a"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tk := newTokenizer(t, tt.cfg)
			tk.FitOnTexts(tt.texts)
			assert.Equal(t, tt.vocab, tk.Vocabulary())
			wi := tk.WordIndex()
			for id, w := range tt.vocab {
				if w != "" {
					assert.Equal(t, id+1, wi[w], w)
					assert.Equal(t, w, tk.Word(id+1))
				}
			}
			assert.Equal(t, "", tk.Word(0), "0 is reserved")
			assert.Equal(t, len(tt.texts), tk.DocumentCount())
			if tt.counts != nil {
				assert.Equal(t, tt.counts, tk.WordCounts())
			}
		})
	}
}

func TestTokenizer_TextsToSequences(t *testing.T) {
	tests := []struct {
		name  string
		cfg   func(*TokenizerConfig)
		fit   []string
		texts []string
		want  [][]int
	}{
		{"pets", nil, pets, pets, [][]int{{3, 1, 2, 4}, {3, 1, 2, 5}, {6, 1, 2, 4}}},
		{"unknown words dropped", nil, pets, []string{"i really love my dog", "my dog loves my manatee"},
			[][]int{{3, 1, 2, 4}, {2, 4, 2}}},
		{"unknown words to OOV", func(c *TokenizerConfig) { c.NumWords, c.OOVToken = 100, "<OOV>" }, petsOOV,
			[]string{"i really love my dog", "my dog loves my manatee"},
			[][]int{{5, 1, 3, 2, 4}, {2, 4, 1, 2, 1}}},
		{"chollet", func(c *TokenizerConfig) { c.NumWords = 1000 }, chollet, chollet,
			[][]int{{1, 2, 3, 4, 1, 5}, {1, 6, 7, 8, 9}}},
		{"num_words keeps ids below it", func(c *TokenizerConfig) { c.NumWords = 3 }, pets, pets,
			[][]int{{1, 2}, {1, 2}, {1, 2}}},
		{"num_words with OOV", func(c *TokenizerConfig) { c.NumWords, c.OOVToken = 4, "<OOV>" }, petsOOV,
			[]string{"i really love my dog"}, [][]int{{1, 1, 3, 2, 1}}},
		{"num_words 1 keeps nothing", func(c *TokenizerConfig) { c.NumWords = 1 }, pets, pets, [][]int{{}, {}, {}}},
		{"empty and punctuation-only texts", nil, pets, []string{"", "?!", "  "}, [][]int{{}, {}, {}}},
		{"characters", func(c *TokenizerConfig) { c.CharLevel = true }, []string{"aab", "Ba!"}, []string{"abc!A"}, [][]int{{1, 2, 3, 1}}},
		{"OOV token also a word", func(c *TokenizerConfig) { c.OOVToken, c.Filters = "oov", "" }, []string{"oov oov a"},
			[]string{"b a oov"}, [][]int{{2, 3, 2}}},
		{"not fitted: nothing known", nil, nil, pets, [][]int{{}, {}, {}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tk := newTokenizer(t, tt.cfg)
			if tt.fit != nil {
				tk.FitOnTexts(tt.fit)
			}
			assert.Equal(t, tt.want, tk.TextsToSequences(tt.texts))
		})
	}
}

func TestTokenizer_SequencesToTexts(t *testing.T) {
	tk := newTokenizer(t, func(c *TokenizerConfig) { c.NumWords, c.OOVToken = 100, "<OOV>" })
	tk.FitOnTexts(petsOOV)
	seqs := tk.TextsToSequences([]string{"I really love my dog!", ""})
	assert.Equal(t, []string{"i <OOV> love my dog", ""}, tk.SequencesToTexts(seqs))
	assert.Equal(t, []string{"<OOV> <OOV> my"}, tk.SequencesToTexts([][]int{{0, 99, 2}}), "ids of no word become OOV")

	plain := newTokenizer(t, func(c *TokenizerConfig) { c.NumWords = 3 })
	plain.FitOnTexts(pets)
	assert.Equal(t, []string{"love my"}, plain.SequencesToTexts([][]int{{0, 1, 2, 3, 7}}), "ids of no word or >= num_words dropped")
}

func TestTokenizer_FitTwice(t *testing.T) {
	tk := newTokenizer(t, nil)
	tk.FitOnTexts([]string{"a b"})
	assert.Equal(t, []string{"a", "b"}, tk.Vocabulary())
	tk.FitOnTexts([]string{"b"})
	assert.Equal(t, []string{"b", "a"}, tk.Vocabulary(), "counts add up and ids are renumbered")
	assert.Equal(t, []WordCount{{"a", 1, 1}, {"b", 2, 2}}, tk.WordCounts())
	assert.Equal(t, 2, tk.DocumentCount())
	id, ok := tk.Index("a")
	assert.True(t, ok)
	assert.Equal(t, 2, id)
	_, ok = tk.Index("c")
	assert.False(t, ok)
}

func TestNewTokenizerErrors(t *testing.T) {
	_, err := NewTokenizer(TokenizerConfig{Split: ""})
	assert.EqualError(t, err, `text: Tokenizer: split must not be empty (use " ", or char_level)`)
	_, err = NewTokenizer(TokenizerConfig{Split: " ", NumWords: -1})
	assert.EqualError(t, err, "text: Tokenizer: num_words must be >= 0 (0 for no limit), got -1")
	_, err = NewTokenizer(TokenizerConfig{CharLevel: true})
	assert.NoError(t, err, "char_level needs no split")
}

func TestTextToWordSequence(t *testing.T) {
	tests := []struct {
		in      string
		filters string
		lower   bool
		split   string
		want    []string
	}{
		// The example of Keras' text_to_word_sequence documentation.
		{"The quick brown Fox jumped over the lazy dog.", DefaultFilters, true, " ",
			[]string{"the", "quick", "brown", "fox", "jumped", "over", "the", "lazy", "dog"}},
		{"tab\tand\nnewline are filters; carriage\rreturn is not", DefaultFilters, true, " ",
			[]string{"tab", "and", "newline", "are", "filters", "carriage\rreturn", "is", "not"}},
		{"a--b", "-", false, "--", []string{"a", "b"}},
		{"Ünïcödé TEXT", "", true, " ", []string{"ünïcödé", "text"}},
		// Invalid UTF-8 (which a Python str cannot hold) passes through,
		// except that lower-casing turns it into U+FFFD.
		{"bad \xff byte", DefaultFilters, false, " ", []string{"bad", "\xff", "byte"}},
		{"bad \xff byte", DefaultFilters, true, " ", []string{"bad", "\ufffd", "byte"}},
		{"", DefaultFilters, true, " ", nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, TextToWordSequence(tt.in, tt.filters, tt.lower, tt.split), "%q", tt.in)
	}
}

func TestTokenizer_SequencesToMatrix(t *testing.T) {
	tk := newTokenizer(t, func(c *TokenizerConfig) { c.NumWords = 6 })
	tk.FitOnTexts([]string{"a a b", "b c", "d"}) // a 1, b 2, c 3, d 4
	seqs := [][]int{{1, 1, 2}, {3, 9}, {}}
	idf := func(docs float64) float64 { return math.Log(1 + 3/(1+docs)) }
	tests := []struct {
		mode string
		want []float32
	}{
		{ModeBinary, []float32{0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}},
		{ModeCount, []float32{0, 2, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}},
		// freq divides by the sequence's length, ids out of range included.
		{ModeFreq, []float32{0, 2.0 / 3, 1.0 / 3, 0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0, 0, 0, 0}},
		{ModeTFIDF, []float32{0, float32((1 + math.Log(2)) * idf(1)), float32(idf(2)), 0, 0, 0,
			0, 0, 0, float32(idf(1)), 0, 0, 0, 0, 0, 0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			m, err := tk.SequencesToMatrix(seqs, tt.mode)
			require.NoError(t, err)
			assert.Equal(t, []int{3, 6}, m.Shape)
			assert.InDeltaSlice(t, tt.want, m.Data, 1e-6)
		})
	}
	_, err := tk.SequencesToMatrix(seqs, "onehot")
	assert.EqualError(t, err, `text: SequencesToMatrix: unknown mode "onehot" (want binary, count, freq or tfidf)`)

	// Without num_words: one column per id and one for 0.
	free := newTokenizer(t, nil)
	_, err = free.SequencesToMatrix(seqs, ModeBinary)
	assert.EqualError(t, err, "text: SequencesToMatrix: set num_words, or fit on some texts first")
	free.FitOnTexts(chollet)
	m, err := free.SequencesToMatrix(free.TextsToSequences(chollet), ModeBinary)
	require.NoError(t, err)
	assert.Equal(t, []int{2, 10}, m.Shape)
	assert.Equal(t, []float32{0, 1, 1, 1, 1, 1, 0, 0, 0, 0}, m.Data[:10])

	fresh := newTokenizer(t, func(c *TokenizerConfig) { c.NumWords = 3 })
	_, err = fresh.SequencesToMatrix(seqs, ModeTFIDF)
	assert.EqualError(t, err, "text: SequencesToMatrix: fit on some texts before using tfidf mode")
}
