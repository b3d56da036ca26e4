package sentiment

import (
	"testing"

	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScore(t *testing.T) {
	// Two twin pairs (0, 1) and (2, 3), two one-clause sentences.
	s := &Set{
		Texts:  []string{"a", "b", "c", "d", "e", "f"},
		Labels: []int{1, 0, 0, 1, 1, 0},
		Kinds:  []Kind{Contrast, Contrast, Contrast, Contrast, Simple, Simple},
		Twins:  []int{1, 0, 3, 2, -1, -1},
	}
	tests := []struct {
		name string
		pred []float32
		want Scores
	}{
		{"all right", []float32{0.9, 0.1, 0.2, 0.8, 0.7, 0.4}, Scores{All: 1, Simple: 1, Contrast: 1, TwinsBothRight: 1}},
		{"all wrong", []float32{0.1, 0.9, 0.8, 0.2, 0.3, 0.6}, Scores{}},
		{"same output for twins", []float32{0.7, 0.7, 0.2, 0.2, 0.9, 0.9}, Scores{All: 3.0 / 6, Simple: 0.5, Contrast: 0.5}},
		{"0.5 is negative", []float32{0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, Scores{All: 3.0 / 6, Simple: 0.5, Contrast: 0.5, TwinsBothRight: 0}},
		{"one pair right", []float32{0.9, 0.1, 0.9, 0.9, 0.1, 0.1}, Scores{All: 4.0 / 6, Simple: 0.5, Contrast: 3.0 / 4, TwinsBothRight: 0.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Score(tensor.From(tt.pred, len(tt.pred), 1), s)
			require.NoError(t, err)
			assert.InDelta(t, tt.want.All, got.All, 1e-12)
			assert.InDelta(t, tt.want.Simple, got.Simple, 1e-12)
			assert.InDelta(t, tt.want.Contrast, got.Contrast, 1e-12)
			assert.InDelta(t, tt.want.TwinsBothRight, got.TwinsBothRight, 1e-12)
		})
	}
	_, err := Score(tensor.New(6), s)
	assert.EqualError(t, err, "sentiment: Score: predictions of shape [6], want (6, 1)")
	_, err = Score(tensor.New(5, 1), s)
	assert.EqualError(t, err, "sentiment: Score: predictions of shape [5 1], want (6, 1)")
}
