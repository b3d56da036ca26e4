// Command augment is the user interface of the augmentation page
// (web/static/augment.html): one MNIST test image and its variants through
// Keras' preprocessing layers, RandomFlip, RandomRotation,
// RandomTranslation, RandomZoom and RandomContrast, as a network would see
// them in training. The page makes a model of the chosen layers (seeded),
// copies the image into a batch and runs one forward pass in training mode,
// model.call(x, {training: true}): each copy draws its own perturbation.
// The same pass with training false must give the image back unchanged, as
// the layers do at inference; the page says whether it did.
//
// A second panel shows the lecture's warning with live examples: a
// perturbation is allowed only if the label stays true. A 6 turned half a
// turn is a 9; a mirrored 7 or 2 is no digit at all; a small turn or shift
// keeps a 6 a 6.
//
// settings.go (the form's values and the layer specs they make) and
// compare.go build and are tested natively; main.go wires the page,
// variants.go computes and draws the grid, examples.go the lecture's
// examples. The end-to-end test in Chromium is gonn/tests/pages.
package main
