package text

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"gonn/nn/tensor"
)

// MaxGloVeLineBytes bounds one line of a GloVe file (1 MiB). A line of
// glove.840B.300d holds a word and 300 values, about 3.5 KB.
const MaxGloVeLineBytes = 1 << 20

// LoadGloVe reads word vectors in GloVe's text format (glove.6B.100d.txt
// and the like, from https://nlp.stanford.edu/projects/glove/, which gonn
// does not ship): one word per line followed by dim numbers, all separated
// by single spaces. It returns the (rows, dim) matrix of the Keras
// pre-trained embeddings example: row i holds the vector of the word whose
// id in wordIndex is i, and stays zero if the file has no vector for it;
// hits counts the words found. Words with an id of rows or more are left
// out (Keras' MAX_NUM_WORDS); rows 0 means the highest id + 1.
// A word listed twice keeps its last vector, as Keras' dict would.
//
// wordIndex maps words to ids, such as Tokenizer.WordIndex(); an id must be
// >= 0. Words are matched as they are, without lower-casing.
//
// Every line must hold a word and dim values: the first line exactly (so a
// wrong dim is caught there, and a word2vec header is recognised), later
// lines may have more fields, the word then being all but the last dim of
// them (glove.840B has words with spaces). Values are parsed for the words
// kept; each must be a finite number. Errors give the name and the line.
// Blank lines are skipped. The matrix is checked against
// tensor.MaxElements before it is allocated.
//
// To use the matrix as Keras' Embedding(rows, dim,
// embeddings_initializer=Constant(m), trainable=False):
//
//	emb := layers.NewEmbedding(rows, dim)
//	if err := emb.SetEmbeddings(m); err != nil { … }   // before or after Build
//	emb.SetTrainable(false)
func LoadGloVe(r io.Reader, name string, wordIndex map[string]int, rows, dim int) (m *tensor.Tensor, hits int, err error) {
	if dim <= 0 {
		return nil, 0, fmt.Errorf("%s: dim must be positive, got %d", name, dim)
	}
	maxID, bad, hasBad := -1, "", false
	for w, id := range wordIndex {
		if id < 0 && (!hasBad || w < bad) { // the first such word, whatever the map's order
			bad, hasBad = w, true
		}
		maxID = max(maxID, id)
	}
	if hasBad {
		return nil, 0, fmt.Errorf("%s: word index gives %q the id %d: ids must be >= 0", name, bad, wordIndex[bad])
	}
	if rows < 0 {
		return nil, 0, fmt.Errorf("%s: rows must be >= 0 (0 for the highest id + 1), got %d", name, rows)
	}
	if rows == 0 {
		rows = maxID + 1
	}
	if rows == 0 {
		return nil, 0, fmt.Errorf("%s: the word index is empty", name)
	}
	if rows > tensor.MaxElements/dim {
		return nil, 0, fmt.Errorf("%s: a matrix of %d rows of %d values is more than a tensor holds (%d values)", name, rows, dim, tensor.MaxElements)
	}
	m = tensor.New(rows, dim)
	found := make([]bool, rows)

	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxGloVeLineBytes)
	line, first := 0, true
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), " \r")
		if text == "" {
			continue
		}
		fields := strings.Split(text, " ")
		if first {
			first = false
			if len(fields) != dim+1 {
				return nil, 0, firstLineErr(name, line, fields, dim)
			}
		}
		if len(fields) < dim+1 {
			return nil, 0, fmt.Errorf("%s: line %d: %d fields, want a word and %d values", name, line, len(fields), dim)
		}
		split := len(fields) - dim
		word := strings.Join(fields[:split], " ")
		id, ok := wordIndex[word]
		if !ok || id >= rows {
			continue
		}
		row := m.Data[id*dim : (id+1)*dim]
		for k, f := range fields[split:] {
			v, err := strconv.ParseFloat(f, 32)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, 0, fmt.Errorf("%s: line %d: value %d of %q: %q is not a finite float32", name, line, k+1, word, f)
			}
			row[k] = float32(v)
		}
		if !found[id] {
			found[id] = true
			hits++
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, 0, fmt.Errorf("%s: line %d: longer than MaxGloVeLineBytes (%d)", name, line+1, MaxGloVeLineBytes)
		}
		return nil, 0, fmt.Errorf("%s: read: %w", name, err)
	}
	if first {
		return nil, 0, fmt.Errorf("%s: empty file: no word vectors", name)
	}
	return m, hits, nil
}

// firstLineErr explains a first line that is not a word and dim values.
func firstLineErr(name string, line int, fields []string, dim int) error {
	if len(fields) == 2 {
		_, e1 := strconv.Atoi(fields[0])
		_, e2 := strconv.Atoi(fields[1])
		if e1 == nil && e2 == nil {
			return fmt.Errorf("%s: line %d: %q looks like a word2vec header (count and dim), not a GloVe line; remove it", name, line, strings.Join(fields, " "))
		}
	}
	return fmt.Errorf("%s: line %d: a word and %d values, want %d values (is dim right?)", name, line, len(fields)-1, dim)
}
