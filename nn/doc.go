// Package nn is gonn's engine: Keras-style models (Sequential, Compile, Fit,
// Evaluate, Predict, Summary) built from the sub-packages below it.
//
//	tensor      float32 row-major tensors
//	fmath       float32 exp, log, tanh with the same bits on every platform
//	rng         the seeded PRNG, one per model
//	ag          reverse-mode autodiff: Var and its ops
//	initializers, layers, losses, metrics, optimizers   Keras names and defaults
//	mnist       the IDX reader and the MNIST files shipped with GoMNIST
//
// The package is pure Go: no syscall/js, no wasm imports. The same source is
// compiled natively and into the wasip1 engine module, and both train to the
// same bits (see docs/determinism.md).
package nn
