package main

import (
	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/optimizers"
)

// mnistCNN is keras/examples/mnist_cnn.py: Conv2D 32 3×3 relu, Conv2D 64
// 3×3 relu, MaxPooling2D 2×2, Dropout 0.25, Flatten, Dense 128 relu, Dropout
// 0.5, Dense 10 softmax; Adadelta; batch 128; 12 epochs. The example ran with
// Keras 2's Adadelta default learning rate of 1.0 (Keras 3's is 0.001), so
// the recipe sets 1.0.
//
// The full run takes hours natively: give it a checkpoint file, and run
// the same command again after any interruption to go on, bit for bit:
//
//	go run ./cmd/recipes -checkpoint mnist_cnn.ckpt mnist_cnn
var mnistCNN = mnistRecipe{
	name: "mnist_cnn",
	about: "Keras `mnist_cnn.py` in gonn: Conv2D 32 3×3 relu, Conv2D 64 3×3 relu, MaxPooling2D 2×2, Dropout 0.25, " +
		"Flatten, Dense 128 relu, Dropout 0.5, Dense 10 softmax; Adadelta (learning rate 1.0, rho 0.95, as the Keras 2 " +
		"example ran), categorical cross-entropy, batch 128,",
	keras:     "Keras reports 99.25% after 12 epochs",
	epochs:    12,
	batchSize: 128,
	shape:     []int{28, 28, 1},
	model:     mnistCNNModel,
	optimizer: func() optimizers.Optimizer {
		opt := optimizers.NewAdadelta()
		opt.LR = 1
		return opt
	},
}

// mnistCNNModel returns the model of mnist_cnn.
func mnistCNNModel() *nn.Sequential {
	return nn.NewSequential(
		layers.NewInput(28, 28, 1),
		layers.NewConv2D(32, 3, "relu"),
		layers.NewConv2D(64, 3, "relu"),
		layers.NewMaxPooling2D(2, 2),
		layers.NewDropout(0.25),
		layers.NewFlatten(),
		layers.NewDense(128, "relu"),
		layers.NewDropout(0.5),
		layers.NewDense(10, "softmax"),
	)
}
