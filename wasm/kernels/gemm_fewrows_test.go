package kernels

import (
	"testing"

	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// TestGemm_FewRows covers gemm's path for fewer than 4 rows of C with B
// as it lies (kernels.wat, $gemmFewRows): the shapes of single-example
// inference (a Dense layer's 1×784·784×512, 1×512·512×10, the mnist_cnn's
// 1×9216·9216×128), k a multiple of 4 or not (4 rows of B at a time in
// $addScaledRows4, the rest one by one), every width tail of
// $addScaledRows4 (8, 4 and 1 columns) and of $addScaledRow (16, 4 and 1
// columns), k = 0, and transA; each
// with and without accumulate, against the formula and tensor.Gemm. The
// transB cases take the packed path and must agree as well.
func TestGemm_FewRows(t *testing.T) {
	km := newKernelModule(t)
	r := rng.New(11)
	shapes := [][3]int{
		{1, 512, 784}, {1, 10, 512}, {1, 128, 300}, {2, 64, 33}, {3, 37, 20},
		{1, 16, 1}, {1, 20, 3}, {1, 19, 5}, {3, 3, 7}, {2, 1, 9}, {1, 5, 0}, {3, 17, 0},
		{1, 128, 9216}, {2, 13, 11}, {3, 12, 4}, {1, 7, 8}, {2, 29, 6},
	}
	for _, s := range shapes {
		for flags := range 8 {
			g := randomCase(r, s[0], s[1], s[2], flags&1 != 0, flags&2 != 0, flags&4 != 0)
			got := km.run(t, g)
			requireBits(t, naiveGemm(g), got, "%v: the kernel differs from the formula", g)
			want := append([]float32(nil), g.c...)
			tensor.Gemm(g.transA, g.transB, g.m, g.n, g.k, g.a, g.b, want, g.accumulate)
			requireBits(t, want, got, "%v: the kernel differs from tensor.Gemm", g)
		}
	}
}
