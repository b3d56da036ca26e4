package sentiment

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrepare(t *testing.T) {
	lex, err := AFINN165()
	require.NoError(t, err)
	cfg := DefaultConfig()
	cfg.Train, cfg.Test = 800, 200
	d, err := Prepare(lex, cfg, 3)
	require.NoError(t, err)

	vocab := d.Vocabulary()
	assert.Equal(t, OOVToken, vocab[0], "id 1 is the OOV token")
	assert.Equal(t, len(vocab)+1, d.InputDim())
	assert.Equal(t, 10, d.MaxLen, "a three-word frame and two three-word clauses joined by but")
	assert.Equal(t, []int{800, d.MaxLen}, d.TrainX.Shape)
	assert.Equal(t, []int{200, d.MaxLen}, d.TestX.Shape)
	assert.Equal(t, []int{800, d.InputDim()}, d.TrainBag.Shape)
	assert.Equal(t, []int{200, d.InputDim()}, d.TestBag.Shape)
	assert.Equal(t, []int{800, 1}, d.TrainY.Shape)
	for i, l := range d.Test.Labels {
		require.Equal(t, float32(l), d.TestY.Data[i])
	}

	// Every row decodes back to its sentence, after the padding in front.
	for i, text := range d.Train.Texts {
		row := d.TrainX.Data[i*d.MaxLen : (i+1)*d.MaxLen]
		var words []string
		for _, id := range row {
			if id != 0 {
				words = append(words, vocab[int(id)-1])
			} else {
				require.Empty(t, words, "padding only in front: %v", row)
			}
		}
		require.Equal(t, text, strings.Join(words, " "))
	}

	// Twins: other ids in order, the same bag, bit for bit.
	for i, twin := range d.Test.Twins {
		if twin < 0 {
			continue
		}
		n := d.InputDim()
		assert.Equal(t, d.TestBag.Data[i*n:(i+1)*n], d.TestBag.Data[twin*n:(twin+1)*n])
		assert.NotEqual(t, d.TestX.Data[i*d.MaxLen:(i+1)*d.MaxLen], d.TestX.Data[twin*d.MaxLen:(twin+1)*d.MaxLen])
	}
}

func TestData_Encode(t *testing.T) {
	lex, err := AFINN165()
	require.NoError(t, err)
	cfg := DefaultConfig()
	cfg.Train, cfg.Test = 400, 0
	d, err := Prepare(lex, cfg, 1)
	require.NoError(t, err)
	id := func(w string) float32 {
		i, ok := d.tokenizer.Index(w)
		require.True(t, ok, w)
		return float32(i)
	}

	x, err := d.Encode([]string{"The film was GOOD!", "the spaceship was good", "", "a b c d e f g h i j k the film was good"})
	require.NoError(t, err)
	require.Equal(t, []int{4, d.MaxLen}, x.Shape)
	pad := make([]float32, d.MaxLen-4)
	assert.Equal(t, append(pad, id("the"), id("film"), id("was"), id("good")), x.Data[:d.MaxLen], "lower case, no punctuation, padded in front")
	assert.Equal(t, append(pad, id("the"), 1, id("was"), id("good")), x.Data[d.MaxLen:2*d.MaxLen], "an unknown word is the OOV token, 1")
	assert.Equal(t, make([]float32, d.MaxLen), x.Data[2*d.MaxLen:3*d.MaxLen], "an empty text is all padding")
	assert.Equal(t, []float32{1, 1, 1, 1, 1, 1, id("the"), id("film"), id("was"), id("good")}, x.Data[3*d.MaxLen:], "a long text keeps its end")

	bags, err := d.EncodeBag([]string{"good but not good", "the spaceship"})
	require.NoError(t, err)
	n := d.InputDim()
	require.Equal(t, []int{2, n}, bags.Shape)
	assert.Equal(t, float32(2), bags.Data[int(id("good"))])
	assert.Equal(t, float32(1), bags.Data[int(id("not"))])
	assert.Equal(t, float32(1), bags.Data[int(id("but"))])
	assert.Equal(t, float32(4), sum(bags.Data[:n]))
	assert.Equal(t, float32(1), bags.Data[n+1], "the unknown word counts as the OOV token")
}

func TestPrepare_Errors(t *testing.T) {
	lex, err := AFINN165()
	require.NoError(t, err)
	cfg := DefaultConfig()
	cfg.Train = 0
	_, err = Prepare(lex, cfg, 1)
	assert.EqualError(t, err, "sentiment: Prepare: the training set is empty")
	cfg.HoldOut = 0
	_, err = Prepare(lex, cfg, 1)
	assert.EqualError(t, err, "sentiment: HoldOut must be >= 2, got 0")
}

func sum(v []float32) float32 {
	var s float32
	for _, x := range v {
		s += x
	}
	return s
}
