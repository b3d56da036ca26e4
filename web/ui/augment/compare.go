package main

// changed counts the images among variants (each of len(original) values,
// one after the other) that differ from original by more than tol at some
// pixel.
func changed(original, variants []float32, tol float32) int {
	n := len(original)
	if n == 0 {
		return 0
	}
	count := 0
	for k := 0; k+n <= len(variants); k += n {
		for i, v := range variants[k : k+n] {
			if d := v - original[i]; d > tol || d < -tol {
				count++
				break
			}
		}
	}
	return count
}

// firstChanged is the index of the first variant that differs from
// original by more than tol, or -1.
func firstChanged(original, variants []float32, tol float32) int {
	n := len(original)
	for k := 0; n > 0 && (k+1)*n <= len(variants); k++ {
		if changed(original, variants[k*n:(k+1)*n], tol) == 1 {
			return k
		}
	}
	return -1
}
