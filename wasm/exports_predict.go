//go:build wasip1

package main

// The single-call inference export (docs/abi.md, predict_floats.go), one
// line, as in exports.go.

//go:wasmexport gonn_predict_floats
func gonnPredictFloats(h, x int32, dataPtr uint32, nFloats int32, shapePtr uint32, rank, batchSize int32) int32 {
	return eng.PredictFloats(h, x, uintptr(dataPtr), nFloats, uintptr(shapePtr), rank, batchSize)
}
