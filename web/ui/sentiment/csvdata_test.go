package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/text"
)

// smallSet is ten labelled texts: "good" ones positive, "bad" ones
// negative, the last one the longest.
func smallSet() *text.Dataset {
	d := &text.Dataset{}
	for i := range 10 {
		t, l := "a good film", 1
		if i%2 == 1 {
			t, l = "a bad film", 0
		}
		if i == 9 {
			t = "this is a really very bad film"
		}
		d.Texts = append(d.Texts, t)
		d.Labels = append(d.Labels, l)
	}
	return d
}

func TestPrepareCSV(t *testing.T) {
	s := csvDefaults
	c, err := prepareCSV(smallSet(), s)
	require.NoError(t, err)
	require.Equal(t, []int{8, c.MaxLen}, c.TrainX.Shape, "20 % of 10 rows validate")
	require.Equal(t, []int{2, c.MaxLen}, c.ValX.Shape)
	assert.Equal(t, []int{8, 1}, c.TrainY.Shape)
	assert.Equal(t, []int{2, 1}, c.ValY.Shape)
	assert.Equal(t, c.Words+2, c.InputDim, "every word, <oov> and padding")
	assert.LessOrEqual(t, c.MaxLen, 7)

	// Every row keeps its label through the shuffle: a row with "good"
	// is positive.
	good, _ := c.tk.Index("good")
	for i := range 8 {
		row := c.TrainX.Data[i*c.MaxLen : (i+1)*c.MaxLen]
		hasGood := false
		for _, id := range row {
			hasGood = hasGood || int(id) == good
		}
		assert.Equal(t, hasGood, c.TrainY.Data[i] == 1, "row %d: %v", i, row)
	}

	again, err := prepareCSV(smallSet(), s)
	require.NoError(t, err)
	assert.Equal(t, c.TrainX.Data, again.TrainX.Data, "the same seed, the same split and ids")
	s.Seed = 2
	other, err := prepareCSV(smallSet(), s)
	require.NoError(t, err)
	assert.NotEqual(t, c.TrainY.Data, other.TrainY.Data, "another seed, another order")
}

func TestPrepareCSV_Caps(t *testing.T) {
	s := csvDefaults
	s.Words, s.MaxLen, s.Validation = 4, 2, 50
	c, err := prepareCSV(smallSet(), s)
	require.NoError(t, err)
	assert.Equal(t, 4, c.InputDim, "num_words caps the ids")
	assert.Equal(t, 2, c.MaxLen, "the longest text is cut to the setting")
	assert.Equal(t, []int{5, 2}, c.TrainX.Shape)
	for _, id := range c.TrainX.Data {
		assert.Less(t, int(id), 4)
	}

	r, err := c.sequence("A really, really GOOD film!")
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, r.X.Shape)
	assert.Equal(t, 3, r.Cut, "five words, the first three cut")
	assert.Len(t, r.Words, 2)
}

func TestPrepareCSV_Errors(t *testing.T) {
	s := csvDefaults
	s.Words = 1
	_, err := prepareCSV(smallSet(), s)
	assert.EqualError(t, err, "the vocabulary must be 3 to 50,000 words, not 1")
	one := &text.Dataset{Texts: []string{"x"}, Labels: []int{1}}
	_, err = prepareCSV(one, csvDefaults)
	assert.EqualError(t, err, "too few rows to set 1 apart and train on the rest")
	marks := &text.Dataset{Texts: []string{"!!", "?", "...", "--", "!?"}, Labels: []int{1, 0, 1, 0, 1}}
	_, err = prepareCSV(marks, csvDefaults)
	assert.EqualError(t, err, "the training rows hold no words once punctuation is removed")
}

func TestCSVData_Sequence(t *testing.T) {
	c, err := prepareCSV(smallSet(), csvDefaults)
	require.NoError(t, err)
	r, err := c.sequence("A GOOD film, a fabulous film")
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "good", "film", "a", oovToken, "film"}, r.Words)
	assert.Equal(t, 1, r.Unknown())
	assert.Zero(t, r.Cut)
	assert.Equal(t, []int{1, c.MaxLen}, r.X.Shape)
	_, err = c.sequence(" ?! ")
	assert.ErrorIs(t, err, errNoWords)
}
