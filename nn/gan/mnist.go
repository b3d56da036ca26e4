package gan

import (
	"gonn/nn"
	"gonn/nn/layers"
)

// MNISTGenerator is a DCGAN generator sized for a browser: noise (latent) →
// a 28×28×1 image in [−1, 1]:
//
//	Dense(7·7·64, no bias) → BatchNorm → LeakyReLU(0.2) → Reshape(7, 7, 64)
//	→ Conv2DTranspose(32, 4, stride 2, same, no bias) → BatchNorm → LeakyReLU(0.2)   (14, 14, 32)
//	→ Conv2DTranspose(1, 4, stride 2, same, tanh)                                    (28, 28, 1)
func MNISTGenerator(latent int) *nn.Sequential {
	dense := layers.DefaultDenseConfig()
	dense.Units, dense.UseBias = 7*7*64, false
	up := func(filters int, activation string, bias bool) layers.Layer {
		c := layers.DefaultConvConfig()
		c.Filters, c.KernelSize, c.Strides, c.Padding = filters, layers.Tuple{4}, layers.Tuple{2}, "same"
		c.Activation, c.UseBias = activation, bias
		return layers.NewConv2DTransposeWith(c)
	}
	g := nn.NewSequential(
		layers.NewInput(latent),
		layers.NewDenseWith(dense),
		layers.NewBatchNormalization(),
		layers.NewLeakyReLU(0.2),
		layers.NewReshape(7, 7, 64),
		up(32, "linear", false),
		layers.NewBatchNormalization(),
		layers.NewLeakyReLU(0.2),
		up(1, "tanh", true),
	)
	g.Name = "generator"
	return g
}

// MNISTDiscriminator is the matching DCGAN discriminator: a 28×28×1 image in
// [−1, 1] → P(real):
//
//	Conv2D(32, 4, stride 2, same) → LeakyReLU(0.2) → Dropout(0.3)    (14, 14, 32)
//	→ Conv2D(64, 4, stride 2, same) → LeakyReLU(0.2) → Dropout(0.3)  (7, 7, 64)
//	→ Flatten → Dense(1, sigmoid)
func MNISTDiscriminator() *nn.Sequential {
	down := func(filters int) layers.Layer {
		c := layers.DefaultConvConfig()
		c.Filters, c.KernelSize, c.Strides, c.Padding = filters, layers.Tuple{4}, layers.Tuple{2}, "same"
		return layers.NewConv2DWith(c)
	}
	d := nn.NewSequential(
		layers.NewInput(28, 28, 1),
		down(32), layers.NewLeakyReLU(0.2), layers.NewDropout(0.3),
		down(64), layers.NewLeakyReLU(0.2), layers.NewDropout(0.3),
		layers.NewFlatten(),
		layers.NewDense(1, "sigmoid"),
	)
	d.Name = "discriminator"
	return d
}
