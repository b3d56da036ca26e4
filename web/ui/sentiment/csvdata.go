package main

import (
	"errors"

	"gonn/nn/rng"
	"gonn/nn/tensor"
	"gonn/nn/text"
	"gonn/web/ui/internal/format"
)

// oovToken stands, with id 1, for every word the model has no id for: one
// the training rows do not hold, or one beyond the vocabulary's cap.
const oovToken = "<oov>"

// csvData is the user's file made ready for Embedding → LSTM: the rows
// shuffled with the seed and split, the words numbered by a Keras
// Tokenizer fitted on the training rows, every text padded or cut to
// MaxLen ids.
type csvData struct {
	tk *text.Tokenizer
	// MaxLen is the steps of every sequence: the longest training text in
	// words, at most the setting.
	MaxLen int
	// InputDim is the Embedding's input_dim: the ids in use, 0 included
	// (num_words, or fewer when the file has fewer words).
	InputDim int
	// TrainX and ValX are ids, (N, MaxLen), padded with 0 in front and cut
	// at the front (Keras' pad_sequences defaults); TrainY and ValY the
	// labels, (N, 1).
	TrainX, TrainY, ValX, ValY *tensor.Tensor
	// Words is the number of different words in the training rows.
	Words int
}

// prepareCSV shuffles d's rows with rng.New(seed), sets apart the last
// s.Validation percent (at least one row) to validate on, and encodes
// both parts with a Tokenizer (Keras' defaults, num_words s.Words, OOV
// token oovToken) fitted on the training part.
func prepareCSV(d *text.Dataset, s csvSettings) (*csvData, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	n := d.Len()
	nVal := max(1, n*s.Validation/100)
	if n-nVal < 1 {
		return nil, errors.New("too few rows to set " + format.Itoa(nVal) + " apart and train on the rest")
	}
	order := rng.New(uint64(s.Seed)).Perm(n)
	texts, labels := make([]string, n), make([]int, n)
	for i, from := range order {
		texts[i], labels[i] = d.Texts[from], d.Labels[from]
	}
	cut := n - nVal

	cfg := text.DefaultTokenizerConfig()
	cfg.NumWords, cfg.OOVToken = s.Words, oovToken
	tk, err := text.NewTokenizer(cfg)
	if err != nil {
		return nil, err
	}
	tk.FitOnTexts(texts[:cut])
	c := &csvData{tk: tk, Words: len(tk.Vocabulary()) - 1} // less the OOV token
	if c.Words == 0 {
		return nil, errors.New("the training rows hold no words once punctuation is removed")
	}
	c.InputDim = min(s.Words, len(tk.Vocabulary())+1)
	for _, seq := range tk.TextsToSequences(texts[:cut]) {
		c.MaxLen = max(c.MaxLen, len(seq))
	}
	c.MaxLen = min(max(c.MaxLen, 1), s.MaxLen)
	if c.TrainX, err = c.encode(texts[:cut]); err != nil {
		return nil, err
	}
	if c.ValX, err = c.encode(texts[cut:]); err != nil {
		return nil, err
	}
	c.TrainY, c.ValY = targets(labels[:cut]), targets(labels[cut:])
	return c, nil
}

// encode turns texts into ids as the training rows were: (N, MaxLen).
func (c *csvData) encode(texts []string) (*tensor.Tensor, error) {
	return text.PadSequences(c.tk.TextsToSequences(texts), text.PadConfig{MaxLen: c.MaxLen})
}

// word is the word of id as the model knows it.
func (c *csvData) word(id int) string { return c.tk.Word(id) }

// targets is labels as a (N, 1) tensor.
func targets(labels []int) *tensor.Tensor {
	t := tensor.New(len(labels), 1)
	for i, l := range labels {
		t.Data[i] = float32(l)
	}
	return t
}
