package layers

import (
	"encoding/json"
	"math"

	"gonn/nn/ag"
	"gonn/nn/initializers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

func init() { register("Embedding", embeddingFromConfig) }

// EmbeddingConfig holds the arguments of Embedding under their Keras keys.
// Start from DefaultEmbeddingConfig: the zero value has no initializer.
type EmbeddingConfig struct {
	InputDim              int                      `json:"input_dim"`              // required: the vocabulary size
	OutputDim             int                      `json:"output_dim"`             // required: the vector size
	EmbeddingsInitializer initializers.Initializer `json:"embeddings_initializer"` // "uniform": RandomUniform(-0.05, 0.05)
	MaskZero              bool                     `json:"mask_zero"`              // false
	// InputLength is Keras 2's input_length: the number of steps, declaring
	// the input shape (InputLength,) when no input shape is given. nil: none.
	InputLength *int `json:"input_length"`
	// InitialEmbeddings is the starting table, (InputDim, OutputDim) as
	// rows: Keras 3's weights= argument (config key "weights"), pretrained
	// vectors. nil: drawn from EmbeddingsInitializer. Config does not write
	// it back (the table travels with the weights). See SetEmbeddings.
	InitialEmbeddings [][]float32 `json:"weights"`
}

// DefaultEmbeddingConfig returns Keras' defaults; InputDim and OutputDim
// must still be set.
func DefaultEmbeddingConfig() EmbeddingConfig {
	return EmbeddingConfig{EmbeddingsInitializer: initializers.RandomUniform{Minval: -0.05, Maxval: 0.05}}
}

// Embedding maps integer ids to learned vectors (Keras Embedding): a lookup
// in the table embeddings (InputDim, OutputDim), the row of each id.
//
//	x: (batch, steps) ids in [0, InputDim), stored as float32   out: (batch, steps, OutputDim)
//
// Any example shape works the same way: (batch, …) → (batch, …, OutputDim).
// An id that is not an integer in [0, InputDim) is a programming error and
// panics with ErrShape, naming the id and its position. The gradient reaches
// only the rows that were looked up (ag.Gather); the ids get none.
//
// With MaskZero, id 0 is padding: the output carries the mask x != 0 (see
// MaskProducer), so a recurrent layer after it skips those steps. The
// vocabulary then needs one more id than the words it holds, as in Keras.
type Embedding struct {
	Base
	EmbeddingConfig

	embeddings *ag.Var // (InputDim, OutputDim)
}

// NewEmbedding returns an Embedding of inputDim ids to vectors of size
// outputDim, with Keras' other defaults.
func NewEmbedding(inputDim, outputDim int) *Embedding {
	cfg := DefaultEmbeddingConfig()
	cfg.InputDim, cfg.OutputDim = inputDim, outputDim
	return NewEmbeddingWith(cfg)
}

// NewEmbeddingWith returns an Embedding with the given config.
func NewEmbeddingWith(cfg EmbeddingConfig) *Embedding { return &Embedding{EmbeddingConfig: cfg} }

func embeddingFromConfig(config json.RawMessage) (Layer, error) {
	e := NewEmbeddingWith(DefaultEmbeddingConfig())
	err := decodeConfig("Embedding", config, &e.Base, &e.EmbeddingConfig,
		"embeddings_regularizer", "activity_regularizer", "embeddings_constraint", "lora_rank", "sparse")
	if err == nil {
		err = e.check()
	}
	if err != nil {
		return nil, err
	}
	if e.InputLength != nil && e.inputShape == nil {
		e.inputShape = []int{*e.InputLength}
	}
	return e, nil
}

func (e *Embedding) ClassName() string { return "Embedding" }

func (e *Embedding) check() error {
	switch {
	case e.InputDim <= 0 || e.OutputDim <= 0:
		return e.errorf("Embedding", "input_dim and output_dim must be positive, got %d and %d", e.InputDim, e.OutputDim)
	case e.EmbeddingsInitializer == nil && e.InitialEmbeddings == nil:
		return e.errorf("Embedding", "missing initializer (start from DefaultEmbeddingConfig)")
	case e.InputLength != nil && *e.InputLength <= 0:
		return e.errorf("Embedding", "input_length must be positive, got %d", *e.InputLength)
	}
	if e.InitialEmbeddings != nil {
		return e.checkMatrix(len(e.InitialEmbeddings), func(i int) int { return len(e.InitialEmbeddings[i]) })
	}
	return nil
}

// checkMatrix checks that rows rows of the given lengths make an (InputDim,
// OutputDim) table.
func (e *Embedding) checkMatrix(rows int, rowLen func(i int) int) error {
	if rows != e.InputDim {
		return e.errorf("Embedding", "weights have %d rows, want input_dim = %d", rows, e.InputDim)
	}
	for i := range rows {
		if n := rowLen(i); n != e.OutputDim {
			return e.errorf("Embedding", "weights row %d has %d values, want output_dim = %d", i, n, e.OutputDim)
		}
	}
	return nil
}

// SetEmbeddings sets the table to m (InputDim, OutputDim), pretrained vectors
// such as GloVe's: now if the layer is built, else at Build, which then draws
// nothing (Keras' weights= argument). m is copied.
func (e *Embedding) SetEmbeddings(m *tensor.Tensor) error {
	if m.Rank() != 2 {
		return e.errorf("Embedding", "embeddings of shape %v, want (input_dim, output_dim) = (%d, %d)", m.Shape, e.InputDim, e.OutputDim)
	}
	if err := e.checkMatrix(m.Shape[0], func(int) int { return m.Shape[1] }); err != nil {
		return err
	}
	if e.embeddings != nil {
		copy(e.embeddings.Data(), m.Data)
		return nil
	}
	e.InitialEmbeddings = make([][]float32, e.InputDim)
	for i := range e.InitialEmbeddings {
		e.InitialEmbeddings[i] = append([]float32(nil), m.Data[i*e.OutputDim:(i+1)*e.OutputDim]...)
	}
	return nil
}

// Build makes the table (InputDim, OutputDim), from InitialEmbeddings when set, else
// drawn from the initializer.
func (e *Embedding) Build(inputShape []int, r *rng.Rand) ([]int, error) {
	if err := e.checkInputShape("Embedding", inputShape); err != nil {
		return nil, err
	}
	if err := e.check(); err != nil {
		return nil, err
	}
	if e.InputLength != nil && (len(inputShape) != 1 || inputShape[0] != *e.InputLength) {
		return nil, e.errorf("Embedding", "input_length %d, built on %s", *e.InputLength, shapeString(inputShape))
	}
	if e.InitialEmbeddings != nil {
		t := tensor.New(e.InputDim, e.OutputDim)
		for i, row := range e.InitialEmbeddings {
			copy(t.Data[i*e.OutputDim:], row)
		}
		e.embeddings = ag.Param(t, e.name+"/embeddings")
	} else {
		w, err := e.newWeight("Embedding", "embeddings", e.EmbeddingsInitializer, r, e.InputDim, e.OutputDim)
		if err != nil {
			return nil, err
		}
		e.embeddings = w
	}
	return append(append([]int{}, inputShape...), e.OutputDim), nil
}

// Call looks up the row of every id:
//
//	x: (batch, …) ids   embeddings: (InputDim, OutputDim)   out: (batch, …, OutputDim)
func (e *Embedding) Call(_ *Context, x *ag.Var) *ag.Var {
	if e.embeddings == nil {
		e.notBuilt("Embedding")
	}
	ids := make([]int, x.Value.Size())
	for p, v := range x.Data() {
		if !(v >= 0 && v < float32(e.InputDim)) || v != float32(math.Trunc(float64(v))) {
			e.shapePanicf("Embedding", "id %v at position %d of input %v is not an integer in [0, %d)", v, p, x.Shape(), e.InputDim)
		}
		ids[p] = int(v)
	}
	table := e.embeddings
	if x.IsNoGrad() { // the ids are not on the graph: pass inference on through the table
		table = ag.NoGrad(table.Value)
	}
	return ag.Gather(table, ids, x.Shape()...)
}

// ComputeMask returns, with MaskZero, the mask x != 0 (x's shape); nil
// otherwise (an incoming mask is dropped, as in Keras).
func (e *Embedding) ComputeMask(x *ag.Var, _ *tensor.Tensor) *tensor.Tensor {
	if !e.MaskZero {
		return nil
	}
	mask := tensor.New(x.Shape()...)
	for i, v := range x.Data() {
		if v != 0 {
			mask.Data[i] = 1
		}
	}
	return mask
}

// Embeddings is the table (InputDim, OutputDim); nil before Build.
func (e *Embedding) Embeddings() *ag.Var { return e.embeddings }

func (e *Embedding) Weights() []*ag.Var {
	if e.embeddings == nil {
		return nil
	}
	return []*ag.Var{e.embeddings}
}

func (e *Embedding) Config() map[string]any {
	c := e.baseConfig()
	c["input_dim"] = e.InputDim
	c["output_dim"] = e.OutputDim
	c["embeddings_initializer"] = serializeInit(e.EmbeddingsInitializer)
	c["embeddings_regularizer"] = nil
	c["activity_regularizer"] = nil
	c["embeddings_constraint"] = nil
	c["mask_zero"] = e.MaskZero
	if e.InputLength != nil {
		c["input_length"] = *e.InputLength
	}
	return c
}
