// Package kernels holds gonn's SIMD kernel module, the speed of the engine
// in browsers and wazero (DESIGN.md, decision 3): kernels.wat, hand-written
// WebAssembly using f32x4, and kernels.wasm, the assembled module that the
// build ships as gonn/kernels.wasm beside engine.wasm.
//
// Go's wasm backend emits no SIMD, and Go's linker always defines the
// module's own memory, so the kernels live in a module of their own: it
// imports the engine's memory (engine.memory), and the engine imports the
// kernel functions (gonn_kernels.gemm, docs/abi.md) that the host forwards
// to it. Each kernel gives the bits of its Go twin (docs/determinism.md).
//
// The build needs nothing but Go: kernels.wasm is committed, and
// TestKernelsWasm_Current proves it is kernels.wat assembled by wabt
// (tests/wabt, installed with npm ci when missing). After editing the WAT:
//
//	go test ./wasm/kernels/ -run TestKernelsWasm_Current -update
//
// The Go code here is tests only: the kernels against tensor.Gemm in
// wazero, on a memory of their own.
package kernels
