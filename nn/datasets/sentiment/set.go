package sentiment

import (
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// Kind is the form of a sentence.
type Kind int

const (
	// Simple is "frame clause": "the film was not good".
	Simple Kind = iota
	// Contrast is "frame clause but clause": "the film was not good but
	// terrible". Contrasts come in twins.
	Contrast
)

func (k Kind) String() string {
	if k == Simple {
		return "simple"
	}
	return "contrast"
}

// Set is generated sentences with their labels.
type Set struct {
	Texts  []string // lower case, words separated by single spaces
	Labels []int    // 1 positive, 0 negative
	Kinds  []Kind
	// Twins[i] is the index of the contrast with the same words as Texts[i]
	// in another order and the other label; -1 for a Simple sentence.
	Twins []int
}

// Len is the number of sentences.
func (s *Set) Len() int { return len(s.Texts) }

func (s *Set) add(t string, label int, k Kind, twin int) {
	s.Texts = append(s.Texts, t)
	s.Labels = append(s.Labels, label)
	s.Kinds = append(s.Kinds, k)
	s.Twins = append(s.Twins, twin)
}

// shuffle puts the sentences in an order drawn from r, twins renumbered.
func (s *Set) shuffle(r *rng.Rand) {
	perm := r.Perm(s.Len())
	at := make([]int, len(perm)) // at[old index] = new index
	for to, from := range perm {
		at[from] = to
	}
	out := &Set{}
	for _, from := range perm {
		twin := s.Twins[from]
		if twin >= 0 {
			twin = at[twin]
		}
		out.add(s.Texts[from], s.Labels[from], s.Kinds[from], twin)
	}
	*s = *out
}

// Targets returns the labels as (N, 1) float32, the target of a Dense(1,
// sigmoid) output.
func (s *Set) Targets() *tensor.Tensor {
	t := tensor.New(s.Len(), 1)
	for i, l := range s.Labels {
		t.Data[i] = float32(l)
	}
	return t
}
