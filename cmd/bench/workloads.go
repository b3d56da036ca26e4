package main

// A workload is one table of BENCHMARKS.md. Its ID is also the workload id
// of the benchmark page (pages/data.js), except for the cold start, which
// the driver measures by navigation.
type workload struct {
	ID     string
	Title  string
	Metric string // what the numbers are, with their unit
	Kind   string // "train", "infer" or "cold"
	// HigherIsBetter is true for throughput (examples/s), false for times.
	HigherIsBetter bool
	// FlopsPerStep is the floating-point operations of one step when the
	// workload is a fixed computation (the GEMM): its table gives GFLOP/s.
	FlopsPerStep float64
	Note         string
}

// Kinds: "train" times training batches in examples/s; "infer" times calls
// (a single-example prediction, one matrix product) in milliseconds per
// call; "cold" times page loads.
const (
	kindTrain = "train"
	kindInfer = "infer"
	kindCold  = "cold"
)

// gemmN is the GEMM's size: one (gemmN, gemmN) · (gemmN, gemmN) product
// per step, pages/data.js GEMM_N.
const gemmN = 256

var workloads = []workload{
	{
		ID: "mlp", Kind: kindTrain, HigherIsBetter: true,
		Title:  "(a) MLP 784-512-10, Adam, batch 128",
		Metric: "training examples/s",
		Note:   "ConvNetJS 0.3 has no Adam: it trains with Adadelta (two moments per weight, as Adam).",
	},
	{
		ID: "cnn", Kind: kindTrain, HigherIsBetter: true,
		Title:  "(b) Keras mnist_cnn, Adadelta, batch 128",
		Metric: "training examples/s",
		Note:   "Conv2D 32 3×3 relu → Conv2D 64 3×3 relu → MaxPooling2D 2 → Dropout .25 → Flatten → Dense 128 relu → Dropout .5 → Dense 10 softmax, on 28×28×1.",
	},
	{
		ID: "lstm", Kind: kindTrain, HigherIsBetter: true,
		Title:  "(c) Embedding(10000, 32) → LSTM(32) → Dense(1, sigmoid), sequences of 100, Adam, batch 64",
		Metric: "training examples/s",
	},
	{
		ID: "lstm-frozen", Kind: kindTrain, HigherIsBetter: true,
		Title:  "(c′) the same with the embedding frozen (trainable = false)",
		Metric: "training examples/s",
	},
	{
		ID: "mlp-infer", Kind: kindInfer,
		Title:  "(d) single-example inference, MLP 784-512-10",
		Metric: "milliseconds per prediction",
		Note:   "One example per call, the result read back to JavaScript.",
	},
	{
		ID: "cnn-infer", Kind: kindInfer,
		Title:  "(d′) single-example inference, mnist_cnn",
		Metric: "milliseconds per prediction",
		Note:   "One example per call, the result read back to JavaScript.",
	},
	{
		ID: "gemm", Kind: kindInfer, FlopsPerStep: 2 * gemmN * gemmN * gemmN,
		Title:  "GEMM: one 256×256 by 256×256 float32 product",
		Metric: "milliseconds per product",
		Note: "Each library's public API, the product read back to JavaScript: gonn `predict` of a linear Dense(256) without bias (its kernel set to b) on the 256 rows of a, " +
			"already uploaded, in one batch; TF.js `tf.matMul(a, b)` and `data()`; ConvNetJS has no matrix product: its fully connected layer (weights b, biases 0) forwards each of the 256 rows, " +
			"in float64 as all its arithmetic. GFLOP/s = 2·256³ ÷ the median time.",
	},
	{
		ID: "cold", Kind: kindCold,
		Title:  "(e) cold start: page load to the first prediction of the MLP",
		Metric: "milliseconds",
		Note:   "A fresh navigation with nothing cached (every response is no-store): library download and start (engine compile, backend init), model creation, one prediction.",
	},
}
