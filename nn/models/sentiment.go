package models

import (
	"gonn/nn"
	"gonn/nn/datasets/sentiment"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
)

// The sentiment comparison of nn/datasets/sentiment (results/sentiment.md).

// CompileSentiment compiles m as the comparison does: Adam(sentiment.LearningRate), binary
// cross-entropy, accuracy.
func CompileSentiment(m *nn.Sequential) error {
	adam := optimizers.NewAdam()
	adam.LR = sentiment.LearningRate
	return m.Compile(adam, losses.BinaryCrossentropy{}, "accuracy")
}

// SentimentLSTM is the sequence model: Embedding(inputDim, 16,
// mask_zero=True) → LSTM(32) → Dense(1, sigmoid).
//
//	(batch, maxLen) ids → (batch, maxLen, 16) → (batch, 32) → (batch, 1)
func SentimentLSTM(inputDim, maxLen int) *nn.Sequential {
	emb := layers.DefaultEmbeddingConfig()
	emb.InputDim, emb.OutputDim, emb.MaskZero = inputDim, sentiment.EmbeddingDim, true
	return nn.NewSequential(
		layers.NewInput(maxLen),
		layers.NewEmbeddingWith(emb),
		layers.NewLSTM(32),
		layers.NewDense(1, "sigmoid"),
	)
}

// SentimentBagOfWords is the baseline: the bag of words (sentiment.Data.TrainBag:
// how often each of the inputDim ids occurs) → Dense(32, relu) → Dense(1,
// sigmoid). The hidden layer lets it combine words (a negator with an
// adjective), which a linear model could not; word order it never sees.
//
//	(batch, inputDim) counts → (batch, 32) → (batch, 1)
func SentimentBagOfWords(inputDim int) *nn.Sequential {
	return nn.NewSequential(
		layers.NewInput(inputDim),
		layers.NewDense(32, "relu"),
		layers.NewDense(1, "sigmoid"),
	)
}
