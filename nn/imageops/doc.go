// Package imageops transforms batches of images, channels last,
//
//	x: (N, H, W, C)   x[n, y, x, c] at Data[((n·H + y)·W + x)·C + c]
//
// with the semantics of Keras 3's image ops, on which its augmentation
// layers (RandomFlip, RandomRotation, RandomTranslation, RandomZoom,
// RandomContrast in nn/layers) are built:
//
//   - Affine maps every image through its own Transform, as Keras'
//     ops.image.affine_transform and TensorFlow's ImageProjectiveTransformV3
//     do: output pixel (y, x) samples the input at the transformed
//     coordinates, by "bilinear" or "nearest" interpolation, and points
//     outside the input are filled by one of the FillModes "reflect",
//     "wrap", "constant" (with a fill value) and "nearest".
//   - FlipImages mirrors images left-right and/or upside down.
//   - AdjustContrast moves every value away from (or towards) the mean of
//     its image and channel: (x − mean)·factor + mean.
//
// Each op comes twice, side by side: on tensors (Affine, FlipImages,
// AdjustContrast) and on the autodiff graph (AffineVar, FlipImagesVar,
// AdjustContrastVar), where it is built from ag's Gather, Mul, Sum and Mean
// so that its gradient needs no code here. For fixed parameters every op is
// linear in the image, so the gradient exists everywhere. Both forms give
// the same bits: they add the same float32 terms in the same order.
//
// Determinism (docs/determinism.md): every multiply-add is written
// c + float32(a*b); the sines and cosines of rotations come from this
// package's own series (Go's math.Sin may be compiled with fused
// multiply-adds on arm64), so a transform has the same bits everywhere.
//
// Shape misuse (a rank other than 4, one transform per image missing)
// panics with an error wrapping tensor.ErrShape, like every graph-building
// function; ParseFillMode and ParseInterpolation return errors.
package imageops
