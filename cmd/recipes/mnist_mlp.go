package main

import (
	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/optimizers"
)

// mnistMLP is keras/examples/mnist_mlp.py: Dense 512 relu, Dropout 0.2,
// Dense 512 relu, Dropout 0.2, Dense 10 softmax; RMSprop with Keras
// defaults; categorical cross-entropy; batch 128; 20 epochs.
var mnistMLP = mnistRecipe{
	name: "mnist_mlp",
	about: "Keras `mnist_mlp.py` in gonn: 784-512-512-10, relu, dropout 0.2, RMSprop (Keras defaults), " +
		"categorical cross-entropy, batch 128,",
	keras:     "Keras reports 98.40% after 20 epochs",
	epochs:    20,
	batchSize: 128,
	shape:     []int{784},
	model: func() *nn.Sequential {
		return nn.NewSequential(
			layers.NewInput(784),
			layers.NewDense(512, "relu"),
			layers.NewDropout(0.2),
			layers.NewDense(512, "relu"),
			layers.NewDropout(0.2),
			layers.NewDense(10, "softmax"),
		)
	},
	optimizer: func() optimizers.Optimizer { return optimizers.NewRMSprop() },
}
