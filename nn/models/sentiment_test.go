package models

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSentimentModels_Shapes(t *testing.T) {
	lstm := SentimentLSTM(50, 10)
	lstm.SetSeed(1)
	require.NoError(t, lstm.Build())
	assert.Equal(t, []int{1}, lstm.OutputShape())
	bow := SentimentBagOfWords(50)
	bow.SetSeed(1)
	require.NoError(t, bow.Build())
	assert.Equal(t, []int{1}, bow.OutputShape())
	require.NoError(t, CompileSentiment(lstm))
	require.NoError(t, CompileSentiment(bow))
}
