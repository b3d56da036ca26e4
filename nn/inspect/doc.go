// Package inspect looks inside a trained Sequential model, as the lecture
// asks ("visualise every step"): what each layer outputs for an input, what
// the convolution filters look like, which input pixels a class score is
// sensitive to (saliency, occlusion), which input a unit likes most
// (activation maximisation), where a classifier errs (confusion matrix) and
// how the weights and their gradients are spread (per-weight statistics).
//
// Every function runs the model in inference mode (no dropout, BatchNorm on
// its moving statistics), leaves its weights and their gradients exactly as
// they were, and returns an error, never a panic, for bad input. All sums run
// in a fixed order, so the answers have the same bits on every host.
package inspect
