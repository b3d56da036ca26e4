// Package optimizers updates weights from their gradients with the Keras
// optimisers: SGD (plain, momentum, Nesterov), RMSprop, Adam, Adagrad and
// Adadelta, with Keras's names, defaults and gradient clipping.
//
// The core type is the Optimizer interface. Each optimiser is a struct whose
// exported fields are its Keras hyper-parameters (Beta1 is beta_1, Rho is rho,
// …) plus the fields of the embedded Base shared by all of them (LR is
// learning_rate; ClipNorm, GlobalClipNorm and ClipValue are clipnorm,
// global_clipnorm and clipvalue, 0 meaning off). Values are made with a
// constructor that fills in Keras's defaults, by Keras name, or from a saved
// Keras config:
//
//	adam := optimizers.NewAdam() // learning_rate=0.001, beta_1=0.9, …
//	adam.LR = 0.01
//	rms, err := optimizers.Get("rmsprop")
//	opt, err := optimizers.FromConfig("Adam", kerasConfigJSON)
//
// A training step computes gradients with ag.Backward, then calls
// opt.Apply(params): every param whose Grad is non-nil is updated in place
// (params with a nil Grad, such as frozen weights, are skipped), then the
// step counter (Keras's iterations) advances. Grads are read, never written:
// zero them before the next Backward.
//
// # Saving and resuming
//
// Every optimiser is Stateful: State(params) copies its step count, learning
// rate and per-weight slots (Keras's optimizer variables, with Keras's slot
// names, in a fixed order), and SetState restores them, into a fresh
// optimiser if need be, after checking every name and shape. Steps after a
// restore give the same bits as if the optimiser had never stopped; nn's
// checkpoints rely on it (docs/checkpoint.md).
//
// # Which Keras
//
// The update rules are those of Keras 3 (keras/src/optimizers/*.py), which
// tf.keras has used since 2.11. The older tf.keras optimisers (2.0 to 2.10,
// now tf.keras.optimizers.legacy) differ in where epsilon goes: legacy
// RMSprop without momentum divides by sqrt(ms)+eps and legacy Adagrad by
// sqrt(acc)+eps, where Keras 3 divides by sqrt(ms+eps) and sqrt(acc+eps).
// Every rule is written out on its type's doc comment.
//
// Configs from both generations load: the legacy key "lr" is read when
// "learning_rate" is absent, and legacy "decay" is accepted only when 0
// (time-inverse decay is gone from Keras 3; use a learning-rate callback).
// As in Keras 3, at most one of clipnorm, global_clipnorm and clipvalue may be
// set in a config; on a struct whose fields set several, the first of that
// list wins, as in Keras's _clip_gradients.
//
// # Determinism
//
// All arithmetic is float32, every multiply-add is written a + float32(b*c)
// so no platform fuses it, square roots and powers come from gonn/nn/fmath,
// every sum (gradient norms) adds in index order, and per-weight state lives
// in maps that are only ever indexed through the params slice, never ranged
// over. The same gradients therefore give the same weights, bit for bit, on
// amd64, arm64 and wasm. Hyper-parameters are float32 too, so 1-rho is
// computed in float32; Keras computes it in float64 before casting, which can
// differ in the last bit. Adam's bias corrections use fmath.Pow(beta, t) at
// every step, as Keras's ops.power does, rather than a running product: it
// keeps no extra state, does not drift, and stays right when Beta1, Beta2 or
// the step count change between steps.
package optimizers
