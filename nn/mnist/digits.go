package mnist

import "fmt"

// Digits returns a copy of the images of s labelled lo to hi−1, in their
// order, relabelled 0 to hi−lo−1: Digits(5, 10) turns the 5s to 9s into
// classes 0 to 4, as Keras' mnist_transfer_cnn does. It panics unless
// 0 ≤ lo < hi ≤ Classes.
func (s *Set) Digits(lo, hi int) *Set {
	if lo < 0 || hi > Classes || lo >= hi {
		panic(fmt.Sprintf("mnist: Digits(%d, %d): want 0 ≤ lo < hi ≤ %d", lo, hi, Classes))
	}
	k := s.Rows * s.Cols
	out := &Set{Rows: s.Rows, Cols: s.Cols}
	for i, l := range s.Labels {
		if int(l) >= lo && int(l) < hi {
			out.Images = append(out.Images, s.Images[i*k:(i+1)*k]...)
			out.Labels = append(out.Labels, l-uint8(lo))
			out.N++
		}
	}
	return out
}

// OneHotN is OneHot over the first n classes (n ≥ every label): shape (N, n).
func (s *Set) OneHotN(n int) []float32 {
	out := make([]float32, s.N*n)
	for i, l := range s.Labels {
		out[i*n+int(l)] = 1
	}
	return out
}
