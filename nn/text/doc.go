// Package text prepares text for gonn's sequence models: Keras' Tokenizer
// and pad_sequences, loaders for labelled texts (the IMDb aclImdb folders,
// CSV files of text and label) and for pre-trained GloVe word vectors.
//
// The core type is Tokenizer, made by NewTokenizer from a TokenizerConfig
// (start from DefaultTokenizerConfig: Keras' defaults). It follows
// keras.preprocessing.text.Tokenizer exactly: FitOnTexts counts words and
// numbers them from 1 by decreasing count, ties in order of first
// appearance (Keras sorts with Python's stable sort), index 0 reserved for
// padding, the OOV token, if any, at 1; TextsToSequences keeps ids below
// NumWords and maps unknown words to the OOV token or drops them.
// PadSequences makes the (N, maxlen) tensor an Embedding layer reads, with
// pad_sequences' "pre"/"post" padding and truncation.
//
// Labelled texts come as a Dataset (texts, integer labels, where each came
// from): LoadIMDb reads the aclImdb folder layout, LoadTextCSV and
// LoadTextCSVClasses read a CSV file with a header. LoadGloVe reads GloVe's
// text format into a (rows, dim) matrix for the words of a word index, the
// way the Keras pre-trained embeddings example does; the matrix goes into
// an Embedding layer with layers.Embedding.SetEmbeddings, and
// SetTrainable(false) freezes it (see LoadGloVe).
//
// gonn ships none of these data sets (IMDb and GloVe are large and licensed
// separately): the loaders are tested on small files the tests write, and
// users bring the real files. Every loader bounds what it reads
// (MaxTextFileBytes, MaxIMDbBytes, MaxCSVBytes, MaxGloVeLineBytes) and
// every error names the file and, in a line-based file, the line.
//
// Nothing here iterates a map to produce a result, so the same input gives
// the same ids and tensors everywhere. The package builds for wasip1 and js.
package text
