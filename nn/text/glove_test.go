package text

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A GloVe file as the Stanford files write them: a word, then dim values.
const glove3 = `the 0.1 0.2 0.3
, -1 -2 -3
cat 0.5 -0.25 1e-3
dog 1 1 1
unused 9 9 9
`

func TestLoadGloVe(t *testing.T) {
	index := map[string]int{"the": 1, "cat": 2, "dog": 3, "mouse": 4}
	tests := []struct {
		name  string
		in    string
		index map[string]int
		rows  int
		shape []int
		want  []float32
		hits  int
	}{
		{"rows from the index", glove3, index, 0, []int{5, 3}, []float32{
			0, 0, 0, // 0: padding, never a word
			0.1, 0.2, 0.3,
			0.5, -0.25, 1e-3,
			1, 1, 1,
			0, 0, 0, // mouse: not in the file
		}, 3},
		{"ids of rows or more left out", glove3, index, 3, []int{3, 3}, []float32{
			0, 0, 0, 0.1, 0.2, 0.3, 0.5, -0.25, 1e-3,
		}, 2},
		{"more rows than ids", glove3, map[string]int{"dog": 1}, 3, []int{3, 3}, []float32{0, 0, 0, 1, 1, 1, 0, 0, 0}, 1},
		{"word listed twice keeps its last vector, counted once", glove3 + "cat 7 8 9\n", index, 0, []int{5, 3}, []float32{
			0, 0, 0, 0.1, 0.2, 0.3, 7, 8, 9, 1, 1, 1, 0, 0, 0,
		}, 3},
		{"CRLF, trailing spaces, blank lines, no final newline", "the 1 2 3 \r\n\r\n\ndog 4 5 6", index, 4, []int{4, 3}, []float32{
			0, 0, 0, 1, 2, 3, 0, 0, 0, 4, 5, 6,
		}, 2},
		{"a word with spaces after the first line", "the 1 2 3\n. . . 4 5 6\n", map[string]int{". . .": 1}, 0, []int{2, 3}, []float32{
			0, 0, 0, 4, 5, 6,
		}, 1},
		{"words are matched as they are", "The 1 2 3\n", map[string]int{"the": 1}, 0, []int{2, 3}, make([]float32, 6), 0},
		{"id 0 may be a word", "pad 1 2 3\n", map[string]int{"pad": 0}, 0, []int{1, 3}, []float32{1, 2, 3}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, hits, err := LoadGloVe(strings.NewReader(tt.in), "g.txt", tt.index, tt.rows, 3)
			require.NoError(t, err)
			assert.Equal(t, tt.shape, m.Shape)
			assert.Equal(t, tt.want, m.Data)
			assert.Equal(t, tt.hits, hits)
		})
	}
}

func TestLoadGloVeErrors(t *testing.T) {
	index := map[string]int{"the": 1, "cat": 2}
	long := "the" + strings.Repeat(" 0.5", MaxGloVeLineBytes/4+1) + "\n"
	tests := []struct {
		name  string
		in    string
		index map[string]int
		rows  int
		dim   int
		want  string
	}{
		{"wrong dim", glove3, index, 0, 4, "g.txt: line 1: a word and 3 values, want 4 values (is dim right?)"},
		{"wrong dim, other way", glove3, index, 0, 2, "g.txt: line 1: a word and 3 values, want 2 values (is dim right?)"},
		{"word2vec header", "400000 3\nthe 1 2 3\n", index, 0, 3, `g.txt: line 1: "400000 3" looks like a word2vec header (count and dim), not a GloVe line; remove it`},
		{"short line", "the 1 2 3\ncat 1 2\n", index, 0, 3, "g.txt: line 2: 3 fields, want a word and 3 values"},
		{"word alone", "the 1 2 3\n\ncat\n", index, 0, 3, "g.txt: line 3: 1 fields, want a word and 3 values"},
		{"short line of an unused word", "the 1 2 3\nzebra 1\n", index, 0, 3, "g.txt: line 2: 2 fields"},
		{"garbage value", "the 1 2 3\ncat 1 x 3\n", index, 0, 3, `g.txt: line 2: value 2 of "cat": "x" is not a finite float32`},
		{"NaN", "the 1 2 NaN\n", index, 0, 3, `g.txt: line 1: value 3 of "the": "NaN" is not a finite float32`},
		{"beyond float32", "cat 1 2 1e40\n", index, 0, 3, `g.txt: line 1: value 3 of "cat": "1e40" is not a finite float32`},
		{"tab separated", "the\t1\t2\t3\n", index, 0, 3, "g.txt: line 1: a word and 0 values, want 3 values"},
		{"line too long", "the 1 2 3\n" + long, index, 0, 3, "g.txt: line 2: longer than MaxGloVeLineBytes (1048576)"},
		{"empty file", "", index, 0, 3, "g.txt: empty file: no word vectors"},
		{"blank file", "\n\r\n", index, 0, 3, "g.txt: empty file: no word vectors"},
		{"zero dim", glove3, index, 0, 0, "g.txt: dim must be positive, got 0"},
		{"negative rows", glove3, index, -1, 3, "g.txt: rows must be >= 0 (0 for the highest id + 1), got -1"},
		{"empty index", glove3, map[string]int{}, 0, 3, "g.txt: the word index is empty"},
		{"negative id", glove3, map[string]int{"the": 1, "b": -2, "a": -1}, 0, 3, `g.txt: word index gives "a" the id -1: ids must be >= 0`},
		{"too large", glove3, map[string]int{"the": 1 << 30}, 0, 3, "g.txt: a matrix of 1073741825 rows of 3 values is more than a tensor holds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, hits, err := LoadGloVe(strings.NewReader(tt.in), "g.txt", tt.index, tt.rows, tt.dim)
			require.Error(t, err)
			assert.Nil(t, m)
			assert.Zero(t, hits)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// The Keras example's use: a tokenizer's word index, vectors for the
// words found, zero rows for the rest.
func TestLoadGloVeWithTokenizer(t *testing.T) {
	tk := newTokenizer(t, nil)
	tk.FitOnTexts(chollet) // the 1, cat 2, … homework 9
	var b strings.Builder
	for i, w := range []string{"the", "of", "cat", "mat", "zebra", "homework"} {
		fmt.Fprintf(&b, "%s %d %d\n", w, i+1, -(i + 1))
	}
	m, hits, err := LoadGloVe(strings.NewReader(b.String()), "g.txt", tk.WordIndex(), 0, 2)
	require.NoError(t, err)
	assert.Equal(t, 4, hits, "the, cat, mat, homework")
	assert.Equal(t, []int{10, 2}, m.Shape, "ids 1 to 9, and 0")
	assert.Equal(t, []float32{
		0, 0, // 0: padding
		1, -1, // 1: the
		3, -3, // 2: cat
		0, 0, 0, 0, // 3, 4: sat, on
		4, -4, // 5: mat
		0, 0, 0, 0, 0, 0, // 6-8: dog, ate, my
		6, -6, // 9: homework
	}, m.Data)
}
