package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSettings_Check(t *testing.T) {
	assert.NoError(t, recipe.check())
	assert.NoError(t, quick.check())
	tests := []struct {
		name string
		edit func(*settings)
		want string
	}{
		{"no digits", func(s *settings) { s.Digits = 0 }, "digits must be 1 to 3, not 0"},
		{"four digits", func(s *settings) { s.Digits = 4 }, "digits must be 1 to 3, not 4"},
		{"too few questions", func(s *settings) { s.Questions = 19 }, "questions must be 20 to 50,000"},
		{"too many questions", func(s *settings) { s.Questions = 50001 }, "questions must be 20 to 50,000 for numbers of up to 3 digits, not 50,001"},
		{"more than there are", func(s *settings) { s.Digits, s.Questions = 1, 56 }, "questions must be 20 to 55 for numbers of up to 1 digits"},
		{"no epochs", func(s *settings) { s.Epochs = 0 }, "epochs must be 1 to 100, not 0"},
		{"negative seed", func(s *settings) { s.Seed = -1 }, "the seed must be 0 to 2,147,483,647"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := recipe
			tt.edit(&s)
			err := s.check()
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tt.want)
			}
		})
	}
}

func TestSettings_Sizes(t *testing.T) {
	tests := []struct {
		questions, heldOut, train, batches int
	}{
		{50000, 5000, 45000, 1407},
		{640, 64, 576, 18},
		{20, 2, 18, 1},
		{109, 10, 99, 4},
	}
	for _, tt := range tests {
		s := settings{Questions: tt.questions}
		assert.Equal(t, tt.heldOut, s.heldOutSize(), "%d questions", tt.questions)
		assert.Equal(t, tt.train, s.trainSize(), "%d questions", tt.questions)
		assert.Equal(t, tt.batches, s.batches(), "%d questions", tt.questions)
	}
}

func TestMostQuestions(t *testing.T) {
	assert.Equal(t, 55, mostQuestions(1))
	assert.Equal(t, 5050, mostQuestions(2))
	assert.Equal(t, 50000, mostQuestions(3))
}

func TestCount(t *testing.T) {
	assert.Equal(t, "1 epoch", count(1, "epoch", "epochs"))
	assert.Equal(t, "30 epochs", count(30, "epoch", "epochs"))
	assert.Equal(t, "1,407 batches", count(1407, "batch", "batches"))
}

func TestHintMore(t *testing.T) {
	assert.Contains(t, hintMore("0.42"), "more questions and epochs")
	assert.Contains(t, hintMore(""), "more questions and epochs", "no measure yet")
	assert.Empty(t, hintMore("0.97"))
}

func TestOrBlank(t *testing.T) {
	assert.Equal(t, "596", orBlank("596"))
	assert.Equal(t, "(blank)", orBlank(""))
}
