// Command inside is the user interface of the "look inside" page
// (web/static/inside.html): the lecture's advice to visualise every step,
// on a small CNN trained on MNIST in the page,
//
//	Conv2D(8, 3×3, relu) → MaxPooling2D(2×2) → Conv2D(16, 3×3, relu) → MaxPooling2D(2×2)
//	→ Flatten → Dense(10, softmax)
//
// with the engine's inspection API (Go's nn/inspect through gonn.js): the
// feature maps of every layer for a digit drawn on the pad or taken from
// the test set (model.layerOutputs), the filters of both convolutions as
// images (model.filters), the saliency (model.saliency: which pixels the
// predicted class is sensitive to) and occlusion map (model.occlusion: how
// much the class's probability drops when a patch is hidden) of that
// digit, the inputs that each class likes most (model.maximise), a
// confusion matrix on test images (gonn.confusionMatrix) and every
// weight's and gradient's statistics (model.weightStats,
// model.gradientStats).
//
// settings.go and analysis.go build and are tested natively; model.go makes
// the network, main.go wires the page, train.go trains and measures, and
// look.go draws what the model sees. The end-to-end test in Chromium is
// gonn/tests/pages.
package main
