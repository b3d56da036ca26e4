package models

import (
	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/optimizers"
)

// MNISTTransfer is the model of Keras' mnist_transfer_cnn.py for classes
// digits, and the number of its leading feature layers:
//
//	feature layers: Conv2D 32 3×3 relu → Conv2D 32 3×3 relu → MaxPooling2D 2×2 → Dropout 0.25 → Flatten
//	classification: Dense 128 relu → Dropout 0.5 → Dense classes softmax
//
// The example trains it on digits 0–4, freezes the feature layers, compiles
// again and trains the classification layers on 5–9.
func MNISTTransfer(classes int) (m *nn.Sequential, features int) {
	m = nn.NewSequential(
		layers.NewInput(28, 28, 1),
		layers.NewConv2D(32, 3, "relu"),
		layers.NewConv2D(32, 3, "relu"),
		layers.NewMaxPooling2D(2, 2),
		layers.NewDropout(0.25),
		layers.NewFlatten(),
		layers.NewDense(128, "relu"),
		layers.NewDropout(0.5),
		layers.NewDense(classes, "softmax"),
	)
	return m, 5
}

// Adadelta1 is Adadelta with the learning rate 1.0 of Keras 2, with which
// the Keras MNIST convnet examples ran (Keras 3's default is 0.001).
func Adadelta1() optimizers.Optimizer {
	opt := optimizers.NewAdadelta()
	opt.LR = 1
	return opt
}
