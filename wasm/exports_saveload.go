//go:build wasip1

package main

// The exports of docs/abi.md that save and load models: the TF.js layers
// format (saveload.go) and checkpoints (checkpoint.go). One line each, as in
// exports.go.

//go:wasmexport gonn_model_save
func gonnModelSave(h int32) int32 { return eng.ModelSave(h) }

//go:wasmexport gonn_model_load
func gonnModelLoad(jsonPtr uint32, jsonLen int32, dataPtr uint32, dataLen int32) int32 {
	return eng.ModelLoad(uintptr(jsonPtr), jsonLen, uintptr(dataPtr), dataLen)
}

//go:wasmexport gonn_model_checkpoint
func gonnModelCheckpoint(h int32) int32 { return eng.ModelCheckpoint(h) }

//go:wasmexport gonn_model_restore
func gonnModelRestore(h int32, ptr uint32, nbytes int32) int32 {
	return eng.ModelRestore(h, uintptr(ptr), nbytes)
}
