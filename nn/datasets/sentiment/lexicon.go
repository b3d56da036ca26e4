package sentiment

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxLexiconBytes bounds what ReadLexicon and LoadLexicon read (4 MiB, a
// hundred times AFINN-165); a larger file is an error.
const MaxLexiconBytes = 4 << 20

// MinValence and MaxValence bound AFINN's scale.
const (
	MinValence = -5
	MaxValence = 5
)

// Entry is one line of a lexicon: a word (or a phrase, such as AFINN's
// "can't stand") and its valence.
type Entry struct {
	Word    string
	Valence int // MinValence (very negative) to MaxValence (very positive)
}

// Lexicon is a word list rated for valence, such as AFINN-165. Make one
// with ParseLexicon, ReadLexicon, LoadLexicon or AFINN165; it is read-only.
type Lexicon struct {
	entries []Entry        // in file order
	index   map[string]int // word → position in entries; for lookups only
}

// Len is the number of entries.
func (l *Lexicon) Len() int { return len(l.entries) }

// Valence returns the valence of word and whether the lexicon rates it.
// Words are matched exactly (AFINN's are lower case).
func (l *Lexicon) Valence(word string) (int, bool) {
	i, ok := l.index[word]
	if !ok {
		return 0, false
	}
	return l.entries[i].Valence, true
}

// Entries returns a copy of the entries, in file order.
func (l *Lexicon) Entries() []Entry { return append([]Entry(nil), l.entries...) }

// LoadLexicon reads the lexicon file at path (see ParseLexicon).
func LoadLexicon(path string) (*Lexicon, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("sentiment: %w", err)
	}
	defer f.Close()
	return ReadLexicon(path, f)
}

// ReadLexicon reads at most MaxLexiconBytes from r and parses them (see
// ParseLexicon); name names the source in errors.
func ReadLexicon(name string, r io.Reader) (*Lexicon, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxLexiconBytes+1))
	if err != nil {
		return nil, fmt.Errorf("sentiment: %s: %w", name, err)
	}
	if len(data) > MaxLexiconBytes {
		return nil, fmt.Errorf("sentiment: %s: too large: more than %d bytes (MaxLexiconBytes)", name, MaxLexiconBytes)
	}
	return ParseLexicon(name, data)
}

// ParseLexicon parses a lexicon in AFINN's text format, the format of
// AFINN-96, AFINN-111 and AFINN-165 and of the file gonn ships in
// data/afinn: UTF-8, one entry a line, the word or phrase, one tab, the
// valence as an integer from -5 to 5 ("good\t3"). Lines end in "\n" or
// "\r\n". An empty line, a line without exactly one tab, an empty word, a
// word with spaces around it, a valence that is not an integer in [-5, 5]
// and a word listed twice are errors naming name and the line; so is a
// file with no entries. name is only used in errors.
func ParseLexicon(name string, data []byte) (*Lexicon, error) {
	fail := func(line int, format string, args ...any) error {
		return fmt.Errorf("sentiment: %s: line %d: %s", name, line, fmt.Sprintf(format, args...))
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("sentiment: %s: not UTF-8 text", name)
	}
	lex := &Lexicon{index: map[string]int{}}
	lines := bytes.Split(data, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1] // the newline that ends the last line
	}
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimSuffix(string(raw), "\r")
		if line == "" {
			return nil, fail(n, "empty line (want word<TAB>valence)")
		}
		word, value, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fail(n, "%q has no tab (want word<TAB>valence)", line)
		}
		if strings.Contains(value, "\t") {
			return nil, fail(n, "%q has more than one tab (want word<TAB>valence)", line)
		}
		if word == "" {
			return nil, fail(n, "empty word before the tab")
		}
		if strings.TrimSpace(word) != word {
			return nil, fail(n, "word %q has spaces around it", word)
		}
		v, err := strconv.Atoi(value)
		if err != nil {
			return nil, fail(n, "valence %q of %q is not an integer", value, word)
		}
		if v < MinValence || v > MaxValence {
			return nil, fail(n, "valence %d of %q is outside [%d, %d]", v, word, MinValence, MaxValence)
		}
		if first, dup := lex.index[word]; dup {
			return nil, fail(n, "%q is listed twice (first on line %d)", word, first+1)
		}
		lex.index[word] = len(lex.entries)
		lex.entries = append(lex.entries, Entry{word, v})
	}
	if len(lex.entries) == 0 {
		return nil, errors.New("sentiment: " + name + ": no entries")
	}
	return lex, nil
}
