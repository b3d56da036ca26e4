// Command gan is the user interface of the GAN page (web/static/gan.html): a
// DCGAN learns to draw MNIST digits in the browser. The generator (the
// counterfeiter) and the discriminator (the cop) are those of Go's
// nn/gan.MNISTGenerator and MNISTDiscriminator, made here with the
// gonn.layers builders:
//
//	G: Dense(7·7·64, no bias) → BatchNorm → LeakyReLU(0.2) → Reshape(7, 7, 64)
//	   → Conv2DTranspose(32, 4×4, stride 2, same, no bias) → BatchNorm → LeakyReLU(0.2)
//	   → Conv2DTranspose(1, 4×4, stride 2, same, tanh)            noise (64) → image (28, 28, 1)
//	D: Conv2D(32, 4×4, stride 2, same) → LeakyReLU(0.2) → Dropout(0.3)
//	   → Conv2D(64, 4×4, stride 2, same) → LeakyReLU(0.2) → Dropout(0.3)
//	   → Flatten → Dense(1, sigmoid)                              image → P(real)
//
// joined by gonn.gan with Adam (learning rate 2e-4, β₁ 0.5) for both, on
// MNIST pixels scaled to [−1, 1]. Each step trains D on a real batch and as
// many fakes, then G through the frozen D.
//
// The page shows the D and G losses per step, a grid of samples from fixed
// noise (drawn once from the GAN's seeded generator, so the same seed gives
// the same samples), and a measured quality: a small MNIST classifier,
// trained first in the page, labels generated samples; the page shows their
// mean top-class confidence and which digits are present (the measure of
// nn/gan.Measure).
//
// settings.go and quality.go build and are tested natively; models.go
// makes the networks, main.go wires the page and run.go trains. The
// end-to-end test in Chromium is gonn/tests/pages.
package main
