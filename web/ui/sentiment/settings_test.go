package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCompareSettings_Check(t *testing.T) {
	assert.NoError(t, compareDefaults.check())
	assert.NoError(t, compareQuick.check())
	tests := []struct {
		name string
		edit func(*compareSettings)
		want string
	}{
		{"too few sentences", func(s *compareSettings) { s.Sentences = 39 }, "the sentences must be 40 to 20,000, not 39"},
		{"too many sentences", func(s *compareSettings) { s.Sentences = 20001 }, "the sentences must be 40 to 20,000, not 20,001"},
		{"no epochs", func(s *compareSettings) { s.Epochs = 0 }, "the epochs must be 1 to 50, not 0"},
		{"negative seed", func(s *compareSettings) { s.Seed = -1 }, "the seed must be 0 to 2,147,483,647, not -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := compareDefaults
			tt.edit(&s)
			assert.EqualError(t, s.check(), tt.want)
		})
	}
}

func TestCompareSettings_Sizes(t *testing.T) {
	cfg := compareDefaults.config()
	assert.Equal(t, 4000, cfg.Train)
	assert.Equal(t, 1000, cfg.Test, "the recipe's sets")
	assert.Equal(t, 125, compareDefaults.batches())
	assert.Equal(t, 125, compareQuick.batches())
	assert.Equal(t, 2, compareSettings{Sentences: 33}.batches(), "the last batch partial")
}

func TestCSVSettings_Check(t *testing.T) {
	assert.NoError(t, csvDefaults.check())
	assert.NoError(t, csvQuick.check())
	tests := []struct {
		name string
		edit func(*csvSettings)
		want string
	}{
		{"tiny vocabulary", func(s *csvSettings) { s.Words = 2 }, "the vocabulary must be 3 to 50,000 words, not 2"},
		{"no length", func(s *csvSettings) { s.MaxLen = 0 }, "the longest text must be 1 to 500 words, not 0"},
		{"no validation", func(s *csvSettings) { s.Validation = 0 }, "the validation part must be 5 to 50 %, not 0"},
		{"too many epochs", func(s *csvSettings) { s.Epochs = 51 }, "the epochs must be 1 to 50, not 51"},
		{"huge seed", func(s *csvSettings) { s.Seed = 1 << 31 }, "the seed must be 0 to 2,147,483,647, not 2147483648"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := csvDefaults
			tt.edit(&s)
			assert.EqualError(t, s.check(), tt.want)
		})
	}
}
