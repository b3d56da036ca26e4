package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/datasets/addition"
	"gonn/nn/rng"
)

// TestMakeData: the page's questions are the recipe's: the same generator,
// the same seeds, the same split.
func TestMakeData(t *testing.T) {
	s := settings{Digits: 3, Questions: 640, Epochs: 1, Seed: 9}
	d, err := makeData(s)
	require.NoError(t, err)
	assert.Len(t, d.train.Questions, s.trainSize())
	assert.Len(t, d.val.Questions, s.heldOutSize())

	set, err := addition.Generate(addition.Config{Digits: 3, Size: 640, Reverse: true}, rng.New(9))
	require.NoError(t, err)
	train, val := set.Split(rng.New(10), 0.1)
	assert.Equal(t, train.Questions, d.train.Questions)
	assert.Equal(t, val.Answers, d.val.Answers)

	again, err := makeData(s)
	require.NoError(t, err)
	assert.Equal(t, d.val.Questions, again.val.Questions, "the same seed, the same questions")
	s.Seed = 10
	other, err := makeData(s)
	require.NoError(t, err)
	assert.NotEqual(t, d.val.Questions, other.val.Questions)

	s.Questions = 10
	_, err = makeData(s)
	assert.ErrorContains(t, err, "questions must be 20 to 50,000")
}

func TestAnswers(t *testing.T) {
	d, err := makeData(quick)
	require.NoError(t, err)
	y := d.val.Y()
	n := len(d.val.Answers)
	assert.Equal(t, d.val.Answers, answers(y.Data, n, d.cfg), "one-hot answers read back")
}
