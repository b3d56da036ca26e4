//go:build wasip1

package main

// The exports of docs/abi.md, one line each. Pointers cross as uint32 (wasm
// i32) and are the engine's own addresses, since wasm memory starts at 0.
// Every status export runs inside Engine.guard, which recovers panics; the
// accessors only read fields.

//go:wasmexport gonn_error_code
func gonnErrorCode() int32 { return eng.ErrorCode() }

//go:wasmexport gonn_error_ptr
func gonnErrorPtr() uint32 { return uint32(eng.ErrorPtr()) }

//go:wasmexport gonn_error_len
func gonnErrorLen() int32 { return eng.ErrorLen() }

//go:wasmexport gonn_result_ptr
func gonnResultPtr() uint32 { return uint32(eng.ResultPtr()) }

//go:wasmexport gonn_result_len
func gonnResultLen() int32 { return eng.ResultLen() }

//go:wasmexport gonn_result_handle
func gonnResultHandle() int32 { return eng.ResultHandle() }

//go:wasmexport gonn_alloc
func gonnAlloc(nbytes int32) uint32 { return uint32(eng.Alloc(nbytes)) }

//go:wasmexport gonn_free
func gonnFree(ptr uint32) int32 { return eng.Free(uintptr(ptr)) }

//go:wasmexport gonn_version
func gonnVersion() int32 { return eng.Version() }

//go:wasmexport gonn_dispose
func gonnDispose(h int32) int32 { return eng.Dispose(h) }

//go:wasmexport gonn_tensor_create
func gonnTensorCreate(dataPtr uint32, nFloats int32, shapePtr uint32, rank int32) int32 {
	return eng.TensorCreate(uintptr(dataPtr), nFloats, uintptr(shapePtr), rank)
}

//go:wasmexport gonn_tensor_shape
func gonnTensorShape(h int32) int32 { return eng.TensorShape(h) }

//go:wasmexport gonn_tensor_data
func gonnTensorData(h int32) int32 { return eng.TensorData(h) }

//go:wasmexport gonn_model_create
func gonnModelCreate(ptr uint32, n int32) int32 { return eng.ModelCreate(uintptr(ptr), n) }

//go:wasmexport gonn_model_compile
func gonnModelCompile(h int32, ptr uint32, n int32) int32 {
	return eng.ModelCompile(h, uintptr(ptr), n)
}

//go:wasmexport gonn_model_info
func gonnModelInfo(h int32) int32 { return eng.ModelInfo(h) }

//go:wasmexport gonn_model_summary
func gonnModelSummary(h int32) int32 { return eng.ModelSummary(h) }

//go:wasmexport gonn_model_set_trainable
func gonnModelSetTrainable(h, layer, trainable int32) int32 {
	return eng.ModelSetTrainable(h, layer, trainable)
}

//go:wasmexport gonn_model_stop
func gonnModelStop(h int32) int32 { return eng.ModelStop(h) }

//go:wasmexport gonn_fit_begin
func gonnFitBegin(h, x, y int32, ptr uint32, n int32) int32 {
	return eng.FitBegin(h, x, y, uintptr(ptr), n)
}

//go:wasmexport gonn_fit_step
func gonnFitStep(h, maxBatches int32) int32 { return eng.FitStep(h, maxBatches) }

//go:wasmexport gonn_evaluate
func gonnEvaluate(h, x, y, batchSize int32) int32 { return eng.Evaluate(h, x, y, batchSize) }

//go:wasmexport gonn_predict
func gonnPredict(h, x, batchSize int32) int32 { return eng.Predict(h, x, batchSize) }

//go:wasmexport gonn_weights_manifest
func gonnWeightsManifest(h int32) int32 { return eng.WeightsManifest(h) }

//go:wasmexport gonn_weights_get
func gonnWeightsGet(h int32) int32 { return eng.WeightsGet(h) }

//go:wasmexport gonn_weights_set
func gonnWeightsSet(h int32, ptr uint32, nbytes int32) int32 {
	return eng.WeightsSet(h, uintptr(ptr), nbytes)
}

//go:wasmexport gonn_weights_hash
func gonnWeightsHash(h int32) int32 { return eng.WeightsHash(h) }

//go:wasmexport gonn_use_kernels
func gonnUseKernels(enable int32) int32 { return eng.UseKernels(enable) }
