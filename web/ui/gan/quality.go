package main

// quality is how the classifier sees generated samples: a measured stand-in
// for "do these look like digits" (nn/gan.Quality).
type quality struct {
	MeanConfidence float64 // the mean over samples of the top class probability
	Counts         []int   // Counts[c]: samples labelled c
	Classes        int     // classes with at least one sample
}

// measure reads probs, n rows of classes probabilities, as nn/gan.Measure
// does: each sample's top class (the first of equals) and its probability.
func measure(probs []float32, classes int) quality {
	q := quality{Counts: make([]int, classes)}
	n := len(probs) / classes
	sum := 0.0
	for i := range n {
		row := probs[i*classes : (i+1)*classes]
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
	return q
}

// toUnit maps the generator's pixels in [−1, 1] (tanh) to MNIST's [0, 1].
func toUnit(images []float32) []float32 {
	out := make([]float32, len(images))
	for i, v := range images {
		out[i] = v*0.5 + 0.5
	}
	return out
}

// digitsPresent lists the classes with at least one sample, as "0 1 3".
func digitsPresent(counts []int) string {
	s := ""
	for c, n := range counts {
		if n > 0 {
			if s != "" {
				s += " "
			}
			s += string(rune('0' + c))
		}
	}
	return s
}
