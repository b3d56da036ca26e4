package sentiment

import (
	"fmt"

	"gonn/nn/tensor"
)

// The two models the comparison trains (gonn/nn/models: SentimentLSTM and
// SentimentBagOfWords) see the same sentences, with the same optimiser,
// batches and epochs: the LSTM reads the ids in order (Data.TrainX), the
// baseline their counts (Data.TrainBag). They live in nn/models so that a
// page using this data set does not carry the engine.

// The training budget both models get.
const (
	// EmbeddingDim is the size of the LSTM model's word vectors.
	EmbeddingDim = 16
	// LearningRate is Adam's: ten times Keras' default, which leaves the
	// bag-of-words model short of what it can learn after 20 epochs.
	LearningRate = 0.01
	// BatchSize is Keras' default.
	BatchSize = 32
)

// Scores are a model's accuracies on a set: a prediction is positive when
// the output is above 0.5.
type Scores struct {
	All, Simple, Contrast float64
	// TwinsBothRight is the fraction of twin pairs with both sentences
	// right. A model that reads only the bag of words gives both twins the
	// same output, so it gets exactly one of each pair right: 0.
	TwinsBothRight float64
}

// Score compares pred, (N, 1) outputs in [0, 1], with the set's labels.
func Score(pred *tensor.Tensor, s *Set) (Scores, error) {
	if pred.Rank() != 2 || pred.Shape[0] != s.Len() || pred.Shape[1] != 1 {
		return Scores{}, fmt.Errorf("sentiment: Score: predictions of shape %v, want (%d, 1)", pred.Shape, s.Len())
	}
	right := make([]bool, s.Len())
	correct := 0
	var kindRight, kindSeen [2]int // indexed by Kind
	for i, p := range pred.Data {
		right[i] = (p > 0.5) == (s.Labels[i] == 1)
		kindSeen[s.Kinds[i]]++
		if right[i] {
			correct++
			kindRight[s.Kinds[i]]++
		}
	}
	pairs, both := 0, 0
	for i, twin := range s.Twins {
		if twin > i {
			pairs++
			if right[i] && right[twin] {
				both++
			}
		}
	}
	return Scores{
		All:            ratio(correct, s.Len()),
		Simple:         ratio(kindRight[Simple], kindSeen[Simple]),
		Contrast:       ratio(kindRight[Contrast], kindSeen[Contrast]),
		TwinsBothRight: ratio(both, pairs),
	}, nil
}

// ratio is a/b, 0 when b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
