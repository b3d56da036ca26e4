package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/datasets/addition"
	"gonn/nn/rng"
)

func TestParseSum(t *testing.T) {
	tests := []struct {
		text   string
		digits int
		a, b   int
	}{
		{"535+61", 3, 535, 61},
		{" 535 + 61 ", 3, 535, 61},
		{"0+0", 1, 0, 0},
		{"007+5", 3, 7, 5},
		{"0999+1", 3, 999, 1},
		{"12+34", 2, 12, 34},
	}
	for _, tt := range tests {
		a, b, err := parseSum(tt.text, tt.digits)
		require.NoError(t, err, tt.text)
		assert.Equal(t, [2]int{tt.a, tt.b}, [2]int{a, b}, tt.text)
	}
}

func TestParseSum_Errors(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{"", "type a sum"},
		{"   ", "type a sum"},
		{"535", "two numbers with one +"},
		{"1+2+3", "two numbers with one +"},
		{"+61", "a number is missing"},
		{"535+", "a number is missing"},
		{"5a5+61", "“a” is not a digit"},
		{"-5+61", "“-” is not a digit"},
		{"1.5+2", "“.” is not a digit"},
		{"1234+1", "up to 3 digits; 1234 has 4"},
		{"1+99999999999999999999999", "up to 3 digits"},
	}
	for _, tt := range tests {
		_, _, err := parseSum(tt.text, 3)
		if assert.Error(t, err, tt.text) {
			assert.Contains(t, err.Error(), tt.want, tt.text)
		}
	}
}

// TestQuestion: the page writes a typed sum exactly as the generator
// writes its questions, reversed or not.
func TestQuestion(t *testing.T) {
	assert.Equal(t, " 16+535", question(535, 61, addition.Config{Digits: 3, Reverse: true}))
	assert.Equal(t, "535+61 ", question(535, 61, addition.Config{Digits: 3}))
	assert.Equal(t, "535+61", shown(" 16+535", true))
	assert.Equal(t, "535+61", shown("535+61 ", false))
	for _, cfg := range []addition.Config{{Digits: 3, Size: 200, Reverse: true}, {Digits: 2, Size: 100}} {
		set, err := addition.Generate(cfg, rng.New(3))
		require.NoError(t, err)
		for _, q := range set.Questions {
			a, b, err := parseSum(shown(q, cfg.Reverse), cfg.Digits)
			require.NoError(t, err, q)
			assert.Equal(t, q, question(a, b, cfg))
		}
	}
}
