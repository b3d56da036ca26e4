package text

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"gonn/nn/fmath"
	"gonn/nn/tensor"
)

// DefaultFilters are the characters Keras' Tokenizer removes by default:
// ASCII punctuation except the apostrophe, plus tab and newline.
const DefaultFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n"

// TokenizerConfig holds the arguments of Keras' Tokenizer under their Keras
// names. Start from DefaultTokenizerConfig: the zero value does not lower
// case, filters nothing and has no separator.
type TokenizerConfig struct {
	// NumWords keeps, in TextsToSequences, only ids below NumWords: the
	// NumWords-1 most frequent words (counting the OOV token). 0 keeps every
	// word (Keras' None). FitOnTexts always indexes every word.
	NumWords int `json:"num_words"`
	// Filters lists characters replaced by Split before splitting.
	Filters string `json:"filters"`
	// Lower lower-cases texts first (Go's strings.ToLower, which agrees with
	// Python's str.lower except for a few special cases such as U+0130, and
	// turns invalid UTF-8 bytes into U+FFFD).
	Lower bool `json:"lower"`
	// Split is the word separator; words are the non-empty pieces between
	// separators. Required unless CharLevel.
	Split string `json:"split"`
	// CharLevel makes every character (Unicode code point) a token; Filters
	// and Split are then not used, as in Keras.
	CharLevel bool `json:"char_level"`
	// OOVToken, if not "", gets index 1 and stands for every word that is not
	// in the index (or not below NumWords). "" is Keras' None.
	OOVToken string `json:"oov_token"`
}

// DefaultTokenizerConfig returns Keras' defaults: every word, DefaultFilters,
// lower case, split on " ", words not characters, no OOV token.
func DefaultTokenizerConfig() TokenizerConfig {
	return TokenizerConfig{Filters: DefaultFilters, Lower: true, Split: " "}
}

// Tokenizer is Keras' Tokenizer: it numbers the words of a corpus by
// frequency and turns texts into sequences of those numbers.
type Tokenizer struct {
	cfg    TokenizerConfig
	filter runeSet

	words  []string       // every word seen, in order of first appearance
	counts map[string]int // occurrences of each word
	docs   map[string]int // texts each word occurs in
	nDocs  int            // texts seen by FitOnTexts

	index map[string]int // word → id (from 1)
	byID  []string       // id → word; "" where no word has that id
	oovID int            // index of OOVToken, 0 if none
}

// NewTokenizer returns an empty Tokenizer with the given config.
func NewTokenizer(cfg TokenizerConfig) (*Tokenizer, error) {
	if cfg.NumWords < 0 {
		return nil, fmt.Errorf("text: Tokenizer: num_words must be >= 0 (0 for no limit), got %d", cfg.NumWords)
	}
	if cfg.Split == "" && !cfg.CharLevel {
		return nil, errors.New("text: Tokenizer: split must not be empty (use \" \", or char_level)")
	}
	return &Tokenizer{
		cfg:    cfg,
		filter: newRuneSet(cfg.Filters),
		counts: map[string]int{},
		docs:   map[string]int{},
		index:  map[string]int{},
	}, nil
}

// Config returns the tokenizer's config.
func (tk *Tokenizer) Config() TokenizerConfig { return tk.cfg }

// runeSet is a set of characters: ASCII in a table, the rest in a map.
type runeSet struct {
	ascii [utf8.RuneSelf]bool
	other map[rune]bool
}

func newRuneSet(chars string) runeSet {
	var s runeSet
	for _, r := range chars {
		if r < utf8.RuneSelf {
			s.ascii[r] = true
		} else {
			if s.other == nil {
				s.other = map[rune]bool{}
			}
			s.other[r] = true
		}
	}
	return s
}

func (s *runeSet) has(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && s.ascii[r]
	}
	return s.other[r]
}

// TextToWordSequence is Keras' text_to_word_sequence: lower-case text if
// lower, replace every character of filters by split, split on split and
// drop empty pieces.
func TextToWordSequence(text, filters string, lower bool, split string) []string {
	set := newRuneSet(filters)
	return wordSequence(text, &set, lower, split)
}

func wordSequence(text string, filters *runeSet, lower bool, split string) []string {
	if lower {
		text = strings.ToLower(text)
	}
	var b strings.Builder
	b.Grow(len(text))
	for i, r := range text {
		if r != utf8.RuneError && filters.has(r) {
			b.WriteString(split)
		} else {
			_, size := utf8.DecodeRuneInString(text[i:])
			b.WriteString(text[i : i+size]) // invalid bytes pass through unchanged
		}
	}
	var seq []string
	for _, w := range strings.Split(b.String(), split) {
		if w != "" {
			seq = append(seq, w)
		}
	}
	return seq
}

// tokens splits one text as the tokenizer does: words, or characters.
func (tk *Tokenizer) tokens(text string) []string {
	if !tk.cfg.CharLevel {
		return wordSequence(text, &tk.filter, tk.cfg.Lower, tk.cfg.Split)
	}
	if tk.cfg.Lower {
		text = strings.ToLower(text)
	}
	seq := make([]string, 0, len(text))
	for i := range text {
		_, size := utf8.DecodeRuneInString(text[i:])
		seq = append(seq, text[i:i+size])
	}
	return seq
}

// FitOnTexts updates the word counts with texts, then renumbers every word
// seen so far: by decreasing count, ties in order of first appearance, from
// 1 (or from 2 after the OOV token). It may be called more than once, as in
// Keras; counts add up.
func (tk *Tokenizer) FitOnTexts(texts []string) {
	for _, text := range texts {
		tk.nDocs++
		seq := tk.tokens(text)
		seen := make(map[string]bool, len(seq))
		for _, w := range seq {
			if _, ok := tk.counts[w]; !ok {
				tk.words = append(tk.words, w)
			}
			tk.counts[w]++
			if !seen[w] {
				seen[w] = true
				tk.docs[w]++
			}
		}
	}
	tk.reindex()
}

// reindex rebuilds the index as Keras does: a stable sort of the words by
// decreasing count, the OOV token in front, ids from 1. Like Keras' dict, a
// word listed twice (the OOV token also found in the texts) keeps its last
// id, and its first id then maps back to no word.
func (tk *Tokenizer) reindex() {
	sorted := slices.Clone(tk.words)
	slices.SortStableFunc(sorted, func(a, b string) int { return tk.counts[b] - tk.counts[a] })
	if tk.cfg.OOVToken != "" {
		sorted = append([]string{tk.cfg.OOVToken}, sorted...)
	}
	tk.index = make(map[string]int, len(sorted))
	tk.byID = make([]string, len(sorted)+1)
	for i, w := range sorted {
		if old, ok := tk.index[w]; ok {
			tk.byID[old] = ""
		}
		tk.index[w] = i + 1
		tk.byID[i+1] = w
	}
	tk.oovID = tk.index[tk.cfg.OOVToken] // 0 without an OOV token: no word is ""
}

// TextsToSequences turns each text into the ids of its words. A word in
// the index whose id is NumWords or more, and a word not in the index,
// become the OOV token's id if there is one, and are dropped otherwise.
// Before FitOnTexts the index is empty: every word is dropped.
func (tk *Tokenizer) TextsToSequences(texts []string) [][]int {
	out := make([][]int, len(texts))
	for t, text := range texts {
		seq := []int{}
		for _, w := range tk.tokens(text) {
			id, ok := tk.index[w]
			switch {
			case ok && (tk.cfg.NumWords == 0 || id < tk.cfg.NumWords):
				seq = append(seq, id)
			case tk.oovID != 0:
				seq = append(seq, tk.oovID)
			}
		}
		out[t] = seq
	}
	return out
}

// SequencesToTexts is the way back: each id becomes its word (the OOV
// token for ids of NumWords or more, and for ids of no word if there is an
// OOV token; dropped otherwise), joined by single spaces.
func (tk *Tokenizer) SequencesToTexts(seqs [][]int) []string {
	out := make([]string, len(seqs))
	for s, seq := range seqs {
		var words []string
		for _, id := range seq {
			w := tk.Word(id)
			switch {
			case w != "" && (tk.cfg.NumWords == 0 || id < tk.cfg.NumWords):
				words = append(words, w)
			case tk.oovID != 0:
				words = append(words, tk.byID[tk.oovID])
			}
		}
		out[s] = strings.Join(words, " ")
	}
	return out
}

// Index returns the id of word (Keras' word_index[word]) and whether the
// word has one.
func (tk *Tokenizer) Index(word string) (int, bool) {
	id, ok := tk.index[word]
	return id, ok
}

// Word returns the word of id (Keras' index_word[id]), or "" if none.
func (tk *Tokenizer) Word(id int) string {
	if id <= 0 || id >= len(tk.byID) {
		return ""
	}
	return tk.byID[id]
}

// WordIndex returns a copy of Keras' word_index: every word (and the OOV
// token) with its id. LoadGloVe takes it.
func (tk *Tokenizer) WordIndex() map[string]int {
	m := make(map[string]int, len(tk.index))
	for w, id := range tk.index {
		m[w] = id
	}
	return m
}

// Vocabulary returns the words by id: element i is the word of id i+1
// ("" where no word has that id). Its length is the highest id.
func (tk *Tokenizer) Vocabulary() []string {
	if len(tk.byID) == 0 {
		return nil
	}
	return slices.Clone(tk.byID[1:])
}

// WordCount is one entry of Keras' word_counts.
type WordCount struct {
	Word  string
	Count int // occurrences in the fitted texts
	Docs  int // fitted texts it occurs in (Keras' word_docs)
}

// WordCounts returns Keras' word_counts and word_docs, in order of first
// appearance (word_counts is an OrderedDict).
func (tk *Tokenizer) WordCounts() []WordCount {
	out := make([]WordCount, len(tk.words))
	for i, w := range tk.words {
		out[i] = WordCount{w, tk.counts[w], tk.docs[w]}
	}
	return out
}

// DocumentCount is the number of texts FitOnTexts has seen.
func (tk *Tokenizer) DocumentCount() int { return tk.nDocs }

// Sequence-to-matrix modes, as in Keras.
const (
	ModeBinary = "binary" // 1 where the word occurs
	ModeCount  = "count"  // occurrences
	ModeFreq   = "freq"   // occurrences / sequence length
	ModeTFIDF  = "tfidf"  // (1 + ln count) · ln(1 + documents / (1 + documents with the word))
)

// SequencesToMatrix is Keras' sequences_to_matrix: one row per sequence, one
// column per id below NumWords (or below the highest id + 1 without
// NumWords), ids out of range ignored. The result is (len(seqs), columns).
func (tk *Tokenizer) SequencesToMatrix(seqs [][]int, mode string) (*tensor.Tensor, error) {
	cols := tk.cfg.NumWords
	if cols == 0 {
		if len(tk.index) == 0 {
			return nil, errors.New("text: SequencesToMatrix: set num_words, or fit on some texts first")
		}
		cols = len(tk.index) + 1
	}
	switch mode {
	case ModeBinary, ModeCount, ModeFreq:
	case ModeTFIDF:
		if tk.nDocs == 0 {
			return nil, errors.New("text: SequencesToMatrix: fit on some texts before using tfidf mode")
		}
	default:
		return nil, fmt.Errorf("text: SequencesToMatrix: unknown mode %q (want binary, count, freq or tfidf)", mode)
	}
	if len(seqs) > 0 && cols > tensor.MaxElements/len(seqs) {
		return nil, fmt.Errorf("text: SequencesToMatrix: %d rows of %d columns are more than a tensor holds", len(seqs), cols)
	}
	m := tensor.New(len(seqs), cols)
	counts := make([]int, cols)
	for i, seq := range seqs {
		clear(counts)
		for _, id := range seq {
			if id >= 0 && id < cols {
				counts[id]++
			}
		}
		row := m.Data[i*cols : (i+1)*cols]
		for id, c := range counts {
			if c == 0 {
				continue
			}
			switch mode {
			case ModeBinary:
				row[id] = 1
			case ModeCount:
				row[id] = float32(c)
			case ModeFreq:
				row[id] = float32(float64(c) / float64(len(seq)))
			case ModeTFIDF:
				tf := 1 + fmath.Log64(float64(c))
				idf := fmath.Log64(1 + float64(tk.nDocs)/float64(1+tk.docs[tk.Word(id)]))
				row[id] = float32(tf * idf)
			}
		}
	}
	return m, nil
}
