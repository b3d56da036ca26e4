package text_test

import (
	"slices"
	"strings"
	"testing"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/text"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The whole path of the Keras pre-trained embeddings example, on files the
// test writes: tokenize, pad, load GloVe vectors for the word index, put
// them in an Embedding with trainable=false, and train the layers above it.
// The vectors must come out of training unchanged, and the layers above
// must have learned.
func TestGloVeIntoFrozenEmbedding(t *testing.T) {
	texts := []string{"the cat sat", "the dog ate", "a cat ate", "the dog sat"}
	labels := []float32{1, 0, 1, 0}
	tk, err := text.NewTokenizer(text.DefaultTokenizerConfig())
	require.NoError(t, err)
	tk.FitOnTexts(texts) // the 1, cat 2, sat 3, dog 4, ate 5, a 6
	x, err := text.PadSequences(tk.TextsToSequences(texts), text.PadConfig{MaxLen: 4})
	require.NoError(t, err)

	glove := "the 0.1 0.2\ncat 1 -1\ndog -1 1\nsat 0.5 0.5\nzebra 9 9\n"
	m, hits, err := text.LoadGloVe(strings.NewReader(glove), "glove.2d.txt", tk.WordIndex(), 0, 2)
	require.NoError(t, err)
	require.Equal(t, 4, hits) // ate and a have none: zero rows
	require.Equal(t, []int{7, 2}, m.Shape)

	emb := layers.NewEmbedding(m.Shape[0], m.Shape[1])
	require.NoError(t, emb.SetEmbeddings(m)) // before Build: Build draws nothing
	emb.SetTrainable(false)

	model := nn.NewSequential(emb, layers.NewFlatten(), layers.NewDense(1, "sigmoid"))
	model.SetSeed(1)
	require.NoError(t, model.Build(4))
	assert.Equal(t, m.Data, emb.Embeddings().Data(), "the table is the GloVe matrix")
	assert.False(t, emb.Trainable())
	assert.Equal(t, "embedding/embeddings", model.Weights()[0].Name)
	assert.Len(t, model.Weights(), 3) // embeddings, kernel, bias
	assert.Len(t, model.TrainableWeights(), 2, "a frozen table is not a trainable weight")
	assert.Equal(t, "dense/kernel", model.TrainableWeights()[0].Name)

	loss, err := losses.Get("binary_crossentropy")
	require.NoError(t, err)
	opt := optimizers.NewSGD()
	opt.LR = 0.5
	require.NoError(t, model.Compile(opt, loss))
	kernel := slices.Clone(model.TrainableWeights()[0].Data())
	y := &text.Dataset{Labels: []int{1, 0, 1, 0}}
	assert.Equal(t, labels, y.Targets().Data)
	_, err = model.Fit(x, y.Targets(), nn.FitConfig{Epochs: 5, BatchSize: 2})
	require.NoError(t, err)

	assert.Equal(t, m.Data, emb.Embeddings().Data(), "trainable=false: the vectors did not move")
	assert.NotEqual(t, kernel, model.TrainableWeights()[0].Data(), "the Dense layer above learned")
}
