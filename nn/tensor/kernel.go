package tensor

// A GemmKernel is a faster implementation of Gemm, installed by a host that
// has one (the engine module in a browser installs the f32x4 kernel module).
// It takes exactly Gemm's arguments, already checked, and must give every
// element of C the same bits as Gemm's Go loops: the accumulation order of
// the contract, one rounding per multiply and per add. It returns false when
// it declines the call, and the Go loops run instead.
type GemmKernel func(transA, transB bool, m, n, k int, a, b, c []float32, accumulate bool) bool

// gemmKernel is the installed kernel, or nil for the Go loops.
var gemmKernel GemmKernel

// SetGemmKernel installs k for every later Gemm call; nil restores the Go
// loops. It is meant to be called once, before any training starts, and is
// not safe to call while a Gemm runs.
func SetGemmKernel(k GemmKernel) { gemmKernel = k }
