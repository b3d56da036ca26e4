package sentiment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeFile writes content to name in a fresh folder and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

func TestLoadLexicon(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    []Entry
	}{
		{"AFINN lines", "abandon\t-2\ngood\t3\n", []Entry{{"abandon", -2}, {"good", 3}}},
		{"no final newline", "good\t3", []Entry{{"good", 3}}},
		{"CRLF", "good\t3\r\nbad\t-3\r\n", []Entry{{"good", 3}, {"bad", -3}}},
		{"phrases and the scale's ends", "can't stand\t-3\nbreathtaking\t5\nbastard\t-5\nkind of\t0\n",
			[]Entry{{"can't stand", -3}, {"breathtaking", 5}, {"bastard", -5}, {"kind of", 0}}},
		{"signs and UTF-8", "naïve\t-2\nfine\t+2\n", []Entry{{"naïve", -2}, {"fine", 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lex, err := LoadLexicon(writeFile(t, "lex.txt", tt.content))
			require.NoError(t, err)
			assert.Equal(t, tt.want, lex.Entries())
			assert.Equal(t, len(tt.want), lex.Len())
			for _, e := range tt.want {
				v, ok := lex.Valence(e.Word)
				assert.True(t, ok, e.Word)
				assert.Equal(t, e.Valence, v, e.Word)
			}
			_, ok := lex.Valence("absent")
			assert.False(t, ok)
		})
	}
}

func TestLoadLexicon_Errors(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    string // the error after "sentiment: <path>: "
	}{
		{"empty file", "", "no entries"},
		{"only a newline", "\n", "line 1: empty line (want word<TAB>valence)"},
		{"blank line inside", "good\t3\n\nbad\t-3\n", "line 2: empty line (want word<TAB>valence)"},
		{"spaces, not a tab", "good 3\n", `line 1: "good 3" has no tab (want word<TAB>valence)`},
		{"two tabs", "good\t3\t1\n", `line 1: "good\t3\t1" has more than one tab (want word<TAB>valence)`},
		{"no word", "\t3\n", "line 1: empty word before the tab"},
		{"space around the word", "good \t3\n", `line 1: word "good " has spaces around it`},
		{"valence not an integer", "good\t2.5\n", `line 1: valence "2.5" of "good" is not an integer`},
		{"no valence", "good\t\n", `line 1: valence "" of "good" is not an integer`},
		{"valence above 5", "bad\t-3\ngreat\t6\n", `line 2: valence 6 of "great" is outside [-5, 5]`},
		{"valence below -5", "awful\t-9\n", `line 1: valence -9 of "awful" is outside [-5, 5]`},
		{"word twice", "good\t3\nbad\t-3\ngood\t2\n", `line 3: "good" is listed twice (first on line 1)`},
		{"not UTF-8", "caf\xe9\t1\n", "not UTF-8 text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "bad.txt", tt.content)
			_, err := LoadLexicon(path)
			assert.EqualError(t, err, "sentiment: "+path+": "+tt.want)
		})
	}
}

func TestLoadLexicon_MissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent.txt")
	_, err := LoadLexicon(path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sentiment: open "+path)
}

func TestReadLexicon_TooLarge(t *testing.T) {
	big := strings.Repeat("good\t3\n", MaxLexiconBytes/7+1)
	_, err := ReadLexicon("big.txt", strings.NewReader(big))
	assert.EqualError(t, err, "sentiment: big.txt: too large: more than 4194304 bytes (MaxLexiconBytes)")
}
