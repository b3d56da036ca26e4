package sentiment

import (
	"strings"
	"testing"

	"gonn/data/afinn"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAFINN165 checks the shipped list against what its package documents
// (3,382 entries; xoxo 3, bankruptcy -3; damn, exasperated, futile and
// irresponsible changed from AFINN-111) and that every default adjective
// is rated with the sign its place in the list says.
func TestAFINN165(t *testing.T) {
	lex, err := AFINN165()
	require.NoError(t, err)
	assert.Equal(t, afinn.Entries, lex.Len())
	for _, e := range []Entry{
		{"xoxo", 3}, {"bankruptcy", -3}, {"damn", -2}, {"exasperated", -2}, {"futile", -2}, {"irresponsible", -2},
		{"abandon", -2}, {"zealous", 2}, {"can't stand", -3}, {"naïve", -2}, {"good", 3}, {"terrible", -3},
	} {
		v, ok := lex.Valence(e.Word)
		if assert.True(t, ok, e.Word) {
			assert.Equal(t, e.Valence, v, e.Word)
		}
	}
	require.Len(t, DefaultAdjectives, 60)
	for i, a := range DefaultAdjectives {
		v, ok := lex.Valence(a)
		require.True(t, ok, a)
		assert.Equal(t, i < 30, v > 0, "%s has valence %d", a, v)
		assert.NotZero(t, v, a)
	}
	unrated := append(append([]string{But}, Negators...), Intensifiers...)
	for _, f := range Frames {
		unrated = append(unrated, strings.Fields(f)...)
	}
	for _, w := range unrated {
		_, ok := lex.Valence(w)
		assert.False(t, ok, "%q must not be rated: the rule gives it no valence", w)
	}
}
