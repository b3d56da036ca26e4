package main

// argmax returns the index of the largest value of each row of probs
// (rows of classes values), the first of equals.
func argmax(probs []float32, classes int) []int {
	out := make([]int, len(probs)/classes)
	for i := range out {
		row := probs[i*classes : (i+1)*classes]
		for j, v := range row {
			if v > row[out[i]] {
				out[i] = j
			}
		}
	}
	return out
}

// total is the sum of the matrix's counts.
func total(m [][]int) int {
	n := 0
	for _, row := range m {
		for _, v := range row {
			n += v
		}
	}
	return n
}

// diagonal is the sum of the matrix's diagonal: the right answers.
func diagonal(m [][]int) int {
	n := 0
	for i, row := range m {
		if i < len(row) {
			n += row[i]
		}
	}
	return n
}

// positive keeps the drops of an occlusion map (how much the class's
// probability falls when each patch is hidden) that are above zero: hiding
// a patch may also raise it, which draws as no effect.
func positive(drops []float32) []float32 {
	out := make([]float32, len(drops))
	for i, d := range drops {
		out[i] = max(0, d)
	}
	return out
}

// channel returns channel c of a (h, w, channels) map, row-major.
func channel(data []float32, h, w, channels, c int) []float32 {
	out := make([]float32, h*w)
	for i := range out {
		out[i] = data[i*channels+c]
	}
	return out
}

// tile lays out the channels of a (kh, kw, channels) filter side by side,
// as one kh × (kw·channels) image.
func tile(data []float32, kh, kw, channels int) []float32 {
	out := make([]float32, kh*kw*channels)
	width := kw * channels
	for c := range channels {
		for y := range kh {
			for x := range kw {
				out[y*width+c*kw+x] = data[(y*kw+x)*channels+c]
			}
		}
	}
	return out
}
