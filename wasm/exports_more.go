//go:build wasip1

package main

// The exports for custom loops, looking inside, composition and GANs
// (docs/abi.md, "Custom loops, inspection, composition, GANs"), one line
// each, like exports.go.

//go:wasmexport gonn_train_on_batch
func gonnTrainOnBatch(h, x, y int32) int32 { return eng.TrainOnBatch(h, x, y) }

//go:wasmexport gonn_test_on_batch
func gonnTestOnBatch(h, x, y int32) int32 { return eng.TestOnBatch(h, x, y) }

//go:wasmexport gonn_predict_on_batch
func gonnPredictOnBatch(h, x int32) int32 { return eng.PredictOnBatch(h, x) }

//go:wasmexport gonn_model_call
func gonnModelCall(h, x, training int32) int32 { return eng.ModelCall(h, x, training) }

//go:wasmexport gonn_layer_outputs
func gonnLayerOutputs(h, x int32) int32 { return eng.LayerOutputs(h, x) }

//go:wasmexport gonn_filters
func gonnFilters(h, layer int32) int32 { return eng.Filters(h, layer) }

//go:wasmexport gonn_saliency
func gonnSaliency(h, x, class int32) int32 { return eng.Saliency(h, x, class) }

//go:wasmexport gonn_occlusion
func gonnOcclusion(h, x int32, ptr uint32, n int32) int32 {
	return eng.Occlusion(h, x, uintptr(ptr), n)
}

//go:wasmexport gonn_maximise
func gonnMaximise(h int32, ptr uint32, n int32) int32 { return eng.Maximise(h, uintptr(ptr), n) }

//go:wasmexport gonn_weight_stats
func gonnWeightStats(h int32) int32 { return eng.WeightStats(h) }

//go:wasmexport gonn_gradient_stats
func gonnGradientStats(h, x, y int32) int32 { return eng.GradientStats(h, x, y) }

//go:wasmexport gonn_confusion_matrix
func gonnConfusionMatrix(ptr uint32, n int32) int32 { return eng.ConfusionMatrix(uintptr(ptr), n) }

//go:wasmexport gonn_model_compose
func gonnModelCompose(ptr uint32, n int32) int32 { return eng.ModelCompose(uintptr(ptr), n) }

//go:wasmexport gonn_gan_create
func gonnGANCreate(ptr uint32, n int32) int32 { return eng.GANCreate(uintptr(ptr), n) }

//go:wasmexport gonn_gan_step
func gonnGANStep(h, real int32) int32 { return eng.GANStep(h, real) }

//go:wasmexport gonn_gan_noise
func gonnGANNoise(h, n int32) int32 { return eng.GANNoise(h, n) }

//go:wasmexport gonn_gan_generate
func gonnGANGenerate(h, z int32) int32 { return eng.GANGenerate(h, z) }
