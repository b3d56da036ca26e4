// Package tfjs reads and writes gonn models in the TF.js layers format, so
// that models move both ways between gonn and TensorFlow.js 4.22 (and Keras,
// through the TF.js converter).
//
// A saved model is a folder: model.json holds the Keras topology of a
// Sequential model (class_name/config per layer, snake_case keys, as TF.js
// writes them), format "layers-model", and a weights manifest listing the
// weight files and, in order, each weight's name, shape and dtype; the
// weight files hold the float32 values back to back, little-endian, split
// into files of 4 MiB (the TF.js converter's default; a weight may straddle
// two files).
//
//	a, err := tfjs.Save(model)              // a.ModelJSON, a.Shards
//	err = a.WriteDir("mymodel")             // or tfjs.SaveDir(model, "mymodel")
//	m, err := tfjs.LoadDir("mymodel")       // or tfjs.Load(modelJSON, os.DirFS(dir))
//	m, err = tfjs.Load(a.ModelJSON, a.FS()) // in memory
//
// Every layer class gonn has that TF.js has is supported: InputLayer, Dense,
// Activation, Dropout, Flatten, Reshape, Conv1D, Conv2D, Conv2DTranspose,
// Max/AveragePooling1D/2D, GlobalMax/AveragePooling1D/2D,
// BatchNormalization (with its moving statistics), Embedding, Masking,
// SimpleRNN, LSTM, GRU, Bidirectional, TimeDistributed, RepeatVector,
// ZeroPadding2D, UpSampling2D, LeakyReLU. Only Sequential models are read
// and written.
//
// Loading checks everything before it returns a model, and returns nil on
// any error: malformed JSON (ErrFormat), a class or option gonn lacks, such
// as TF.js' default LSTM/GRU recurrent_activation "hard_sigmoid"
// (ErrUnsupported), names, shapes or counts on which the manifest and the
// topology disagree (ErrMismatch), weight files of the wrong size
// (ErrShardSize), sizes beyond the limits of limits.go, checked before
// anything of that size is allocated (ErrTooLarge), and NaN or infinite
// weights (ErrNonFinite, unless LoadOptions.AllowNonFinite). LoadWeights
// sets the weights of an existing model and leaves it untouched on error.
// Each message names the layer, weight or file at fault.
//
// Saving writes what TF.js 4.22 reads the same way, and refuses (with
// ErrUnsupported, naming the layer) what it would read differently or not
// at all: GRU with reset_after=true (Keras 3's default; use
// reset_after=false), bilinear UpSampling2D (TF.js resizes without Keras'
// half-pixel centres), global pooling with keepdims, Conv2DTranspose with
// output_padding, and activations TF.js lacks. One difference remains,
// measured: under a mask, a Bidirectional layer with return_sequences gives
// 0 at masked steps in Keras and gonn (zero_output_for_mask), while TF.js
// repeats the previous output there; a recurrent layer after it, which
// skips masked steps, gives the same result in both.
//
// Optimizer state: TF.js saves it with save(…, {includeOptimizer: true}) as
// manifest weights of group "optimizer" and a trainingConfig. gonn skips
// both when loading (the model's weights load; the optimizer starts afresh)
// and writes neither: resuming training exactly is the business of gonn's
// own checkpoint format in nn, whose optimizer state TF.js could not use.
package tfjs
