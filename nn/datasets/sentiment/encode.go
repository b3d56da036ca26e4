package sentiment

import (
	"errors"
	"fmt"
	"slices"

	"gonn/nn/rng"
	"gonn/nn/tensor"
	"gonn/nn/text"
)

// OOVToken stands, with id 1, for every word the training set does not
// hold (a word typed on a page, say).
const OOVToken = "<oov>"

// Data is a generated data set encoded for an Embedding layer: everything
// a page needs to train and to read typed sentences, made by Prepare
// without any file access.
type Data struct {
	Train, Test *Set
	// MaxLen is the number of steps of every encoded sentence: the longest
	// sentence of either set, in words.
	MaxLen int
	// TrainX and TestX are the sentences as ids, (N, MaxLen), padded with
	// 0 in front (Keras' pad_sequences default); TrainY and TestY the
	// labels, (N, 1).
	TrainX, TrainY, TestX, TestY *tensor.Tensor
	// TrainBag and TestBag are the same sentences as bags of words,
	// (N, InputDim): column id holds how often word id occurs (Keras'
	// sequences_to_matrix, mode "count"); the input of the bag-of-words
	// baseline.
	TrainBag, TestBag *tensor.Tensor

	tokenizer *text.Tokenizer
}

// Prepare generates the sets (Generate, with rng.New(seed)) and encodes
// them: a Keras Tokenizer (lower case, default filters, OOVToken) fitted on
// the training texts numbers the words, most frequent first, 0 left for
// padding.
func Prepare(lex *Lexicon, cfg Config, seed uint64) (*Data, error) {
	train, test, err := Generate(lex, cfg, rng.New(seed))
	if err != nil {
		return nil, err
	}
	if train.Len() == 0 {
		return nil, errors.New("sentiment: Prepare: the training set is empty")
	}
	tcfg := text.DefaultTokenizerConfig()
	tcfg.OOVToken = OOVToken
	tk, err := text.NewTokenizer(tcfg)
	if err != nil {
		return nil, err
	}
	tk.FitOnTexts(train.Texts)
	d := &Data{Train: train, Test: test, tokenizer: tk}
	for _, s := range tk.TextsToSequences(slices.Concat(train.Texts, test.Texts)) {
		d.MaxLen = max(d.MaxLen, len(s))
	}
	if d.TrainX, err = d.Encode(train.Texts); err != nil {
		return nil, err
	}
	if d.TestX, err = d.Encode(test.Texts); err != nil {
		return nil, err
	}
	if d.TrainBag, err = d.EncodeBag(train.Texts); err != nil {
		return nil, err
	}
	if d.TestBag, err = d.EncodeBag(test.Texts); err != nil {
		return nil, err
	}
	d.TrainY, d.TestY = train.Targets(), test.Targets()
	return d, nil
}

// Vocabulary returns the words by id: element i is the word of id i+1,
// OOVToken first; id 0 is padding.
func (d *Data) Vocabulary() []string { return d.tokenizer.Vocabulary() }

// InputDim is the number of ids, padding included: the input_dim of the
// Embedding layer that reads TrainX.
func (d *Data) InputDim() int { return len(d.Vocabulary()) + 1 }

// Encode turns any texts into ids as the training texts were: (N, MaxLen),
// unknown words as OOVToken, 0 in front of short texts, the first words of
// long ones cut (the label rule reads the end).
func (d *Data) Encode(texts []string) (*tensor.Tensor, error) {
	x, err := text.PadSequences(d.tokenizer.TextsToSequences(texts), text.PadConfig{MaxLen: d.MaxLen})
	if err != nil {
		return nil, fmt.Errorf("sentiment: Encode: %w", err)
	}
	return x, nil
}

// EncodeBag turns any texts into bags of words: (N, InputDim), the count
// of each id in each text (unknown words count as OOVToken). Word order is
// gone: two texts with the same words give the same row, bit for bit.
func (d *Data) EncodeBag(texts []string) (*tensor.Tensor, error) {
	x, err := d.tokenizer.SequencesToMatrix(d.tokenizer.TextsToSequences(texts), text.ModeCount)
	if err != nil {
		return nil, fmt.Errorf("sentiment: EncodeBag: %w", err)
	}
	return x, nil
}
