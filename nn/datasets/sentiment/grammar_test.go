package sentiment

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// smallLexicon rates a few words, as a test file would.
func smallLexicon(t *testing.T) *Lexicon {
	t.Helper()
	lex, err := ParseLexicon("small.txt", []byte("good\t3\ngreat\t3\nfun\t4\nnice\t3\nbad\t-3\nterrible\t-3\ndull\t-2\nsad\t-2\nkind of\t0\nmeh\t0\n"))
	require.NoError(t, err)
	return lex
}

func TestLabel(t *testing.T) {
	lex := smallLexicon(t)
	tests := []struct {
		sentence string
		want     int
	}{
		{"the film was good", 1},
		{"the film was bad", 0},
		{"the film was not good", 0},
		{"the film was never bad", 1},
		{"the film was hardly fun", 0},
		{"the film was very good", 1},
		{"the film was extremely bad", 0},
		{"the film was not very good", 0},
		{"the film was not really terrible", 1},
		{"the film was not good but terrible", 0}, // the twins of the package comment
		{"the film was not terrible but good", 1},
		{"the film was good but not great", 0},
		{"the film was bad but not dull", 1},
		{"the film was good but bad but good", 1}, // the last "but" decides
		{"The film was NOT good, but great!", 1},  // Keras' tokenizer: case and punctuation go
		{"good", 1},
		{"not bad", 1},
		{"not the film was good", 1}, // a negator counts only right before the adjective or its intensifier
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			got, err := Label(lex, tt.sentence)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestLabel_Errors(t *testing.T) {
	lex := smallLexicon(t)
	tests := []struct{ sentence, want string }{
		{"", `sentiment: "": no words to label (after the last "but")`},
		{"the film was good but", `sentiment: "the film was good but": no words to label (after the last "but")`},
		{"the film was ok", `sentiment: "the film was ok": the last word "ok" is not in the lexicon`},
		{"the film was meh", `sentiment: "the film was meh": the last word "meh" has valence 0`},
		{"the film was good.!", ""},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			_, err := Label(lex, tt.sentence)
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.EqualError(t, err, tt.want)
		})
	}
}

func TestClause_String(t *testing.T) {
	assert.Equal(t, "good", Clause{Adjective: "good"}.String())
	assert.Equal(t, "not good", Clause{Negator: "not", Adjective: "good"}.String())
	assert.Equal(t, "very good", Clause{Intensifier: "very", Adjective: "good"}.String())
	assert.Equal(t, "never extremely bad", Clause{"never", "extremely", "bad"}.String())
}
