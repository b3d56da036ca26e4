//go:build !amd64 || purego

package tensor

// nativeGemmRows is the native kernel's row function. There is none on this
// platform (wasm, arm64, …) or with the purego build tag: Gemm runs the Go
// loops.
func nativeGemmRows(transA, transB bool, m, n, k int, a, b, c []float32, accumulate bool) func(lo, hi int) {
	return nil
}
