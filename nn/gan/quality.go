package gan

import (
	"fmt"

	"gonn/nn"
	"gonn/nn/tensor"
)

// Quality is how a trained classifier sees generated samples: a measured
// stand-in for "do these look like digits".
type Quality struct {
	// MeanConfidence is the mean over samples of the classifier's top class
	// probability.
	MeanConfidence float64
	// Counts[c] is how many samples the classifier labels c.
	Counts []int
	// Classes is how many classes got at least one sample.
	Classes int
}

// Measure labels samples (N, example shape…) with classifier, whose output
// is (classes) probabilities; prepare, if not nil, maps the samples to the
// classifier's input first (e.g. [−1, 1] → [0, 1], or flattening).
func Measure(classifier *nn.Sequential, samples *tensor.Tensor, prepare func(*tensor.Tensor) *tensor.Tensor) (Quality, error) {
	x := samples
	if prepare != nil {
		x = prepare(samples)
	}
	p, err := classifier.Predict(x, 128)
	if err != nil {
		return Quality{}, fmt.Errorf("gan: Measure: %w", err)
	}
	if p.Rank() != 2 {
		return Quality{}, fmt.Errorf("gan: Measure: the classifier outputs %v per example; want class probabilities", p.Shape[1:])
	}
	n, k := p.Shape[0], p.Shape[1]
	q := Quality{Counts: make([]int, k)}
	var sum float64
	for i := range n {
		row := p.Data[i*k : (i+1)*k]
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		q.Counts[best]++
		sum += float64(row[best])
	}
	q.MeanConfidence = sum / float64(max(n, 1))
	for _, c := range q.Counts {
		if c > 0 {
			q.Classes++
		}
	}
	return q, nil
}

// ToUnit maps images in [−1, 1] (a tanh generator) to [0, 1] (MNIST pixels),
// reshaped to shape per example (e.g. 784 for an MLP classifier).
func ToUnit(shape ...int) func(*tensor.Tensor) *tensor.Tensor {
	return func(t *tensor.Tensor) *tensor.Tensor {
		out := tensor.New(append([]int{t.Shape[0]}, shape...)...)
		for i, v := range t.Data {
			out.Data[i] = v*0.5 + 0.5
		}
		return out
	}
}
