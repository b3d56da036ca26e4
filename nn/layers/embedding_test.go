package layers_test

import (
	"encoding/json"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/initializers"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEmbedding_Forward(t *testing.T) {
	e := layers.NewEmbedding(4, 2)
	assert.Equal(t, []int{3, 2}, build(t, e, 3))
	setWeights(t, e, []float32{0, 1, 10, 11, 20, 21, 30, 31})
	x := tensor.From([]float32{3, 0, 1, 2, 2, 0}, 2, 3) // (batch 2, steps 3)
	y := e.Call(inference(), ag.Const(x))
	assert.Equal(t, []int{2, 3, 2}, y.Shape())
	assert.Equal(t, []float32{30, 31, 0, 1, 10, 11, 20, 21, 20, 21, 0, 1}, y.Data())

	// Other example shapes: (batch,) and (batch, 2, 2).
	e2 := layers.NewEmbedding(4, 2)
	assert.Equal(t, []int{2}, build(t, e2))
	assert.Equal(t, []int{3, 2}, e2.Call(inference(), ag.Const(tensor.From([]float32{1, 2, 3}, 3))).Shape())
	e3 := layers.NewEmbedding(4, 2)
	assert.Equal(t, []int{2, 2, 2}, build(t, e3, 2, 2))
}

func TestEmbedding_Grad(t *testing.T) {
	e := layers.NewEmbedding(5, 3)
	build(t, e, 4)
	x := ag.Const(tensor.From([]float32{1, 4, 1, 0, 2, 2, 3, 1}, 2, 4)) // repeats
	agtest.CheckGrad(t, agtest.Default, func(in []*ag.Var) *ag.Var {
		defer layers.SwapRecurrentWeights(e, in)()
		return ag.Tanh(e.Call(inference(), x))
	}, e.Weights()[0].Value)
}

// TestEmbedding_BadIDs: ids must be integers in [0, input_dim); the panic
// wraps ErrShape and names the layer and the id.
func TestEmbedding_BadIDs(t *testing.T) {
	e := layers.NewEmbedding(10, 2)
	e.SetName("embedding")
	build(t, e, 3)
	for _, tt := range []struct {
		ids  []float32
		want string
	}{
		{[]float32{1, 10, 2}, "id 10 at position 1"},
		{[]float32{-1, 0, 2}, "id -1 at position 0"},
		{[]float32{1, 2, 2.5}, "id 2.5 at position 2"},
		{[]float32{1, float32(nan()), 2}, "id NaN at position 1"},
	} {
		func() {
			defer func() {
				r := recover()
				require.NotNil(t, r, "%v: no panic", tt.ids)
				err := r.(error)
				assert.ErrorIs(t, err, tensor.ErrShape)
				assert.ErrorContains(t, err, tt.want)
				assert.ErrorContains(t, err, `Embedding "embedding"`)
				assert.ErrorContains(t, err, "[0, 10)")
			}()
			e.Call(inference(), ag.Const(tensor.From(tt.ids, 1, 3)))
		}()
	}
}

func nan() float64 { z := 0.0; return z / z }

func TestEmbedding_MaskZero(t *testing.T) {
	x := ag.Const(tensor.From([]float32{3, 1, 0, 0, 2, 0}, 2, 3))
	cfg := layers.DefaultEmbeddingConfig()
	cfg.InputDim, cfg.OutputDim, cfg.MaskZero = 4, 2, true
	e := layers.NewEmbeddingWith(cfg)
	build(t, e, 3)
	assert.Equal(t, []float32{1, 1, 0, 0, 1, 0}, e.ComputeMask(x, nil).Data)
	assert.Equal(t, []int{2, 3}, e.ComputeMask(x, nil).Shape)
	// Id 0 still has a vector, as in Keras: the mask tells later layers to skip it.
	assert.Equal(t, []int{2, 3, 2}, e.Call(inference(), x).Shape())

	plain := layers.NewEmbedding(4, 2)
	build(t, plain, 3)
	assert.Nil(t, plain.ComputeMask(x, tensor.Full(1, 2, 3)), "without mask_zero: no mask")
}

func TestEmbedding_SetEmbeddings(t *testing.T) {
	glove := tensor.From([]float32{1, 2, 3, 4, 5, 6}, 3, 2)
	before := layers.NewEmbedding(3, 2)
	require.NoError(t, before.SetEmbeddings(glove))
	build(t, before, 1)
	assert.Equal(t, glove.Data, before.Embeddings().Data(), "set before Build: Build uses it")
	glove.Data[0] = 100
	assert.Equal(t, float32(1), before.Embeddings().Data()[0], "copied")

	after := layers.NewEmbedding(3, 2)
	build(t, after, 1)
	require.NoError(t, after.SetEmbeddings(glove))
	assert.Equal(t, glove.Data, after.Embeddings().Data(), "set after Build")

	assert.ErrorContains(t, after.SetEmbeddings(tensor.New(2, 2)), "2 rows, want input_dim = 3")
	assert.ErrorContains(t, after.SetEmbeddings(tensor.New(3, 3)), "want output_dim = 2")
	assert.ErrorContains(t, after.SetEmbeddings(tensor.New(6)), "want (input_dim, output_dim)")

	// Build draws nothing when the table is given: the generator is untouched.
	r1, r2 := rng.New(5), rng.New(5)
	_, err := before.Build([]int{1}, r1)
	require.NoError(t, err)
	assert.Equal(t, r2.Uint64(), r1.Uint64())

	// Keras 3's weights= argument, in a config.
	l, err := layers.FromConfig("Embedding", json.RawMessage(`{"input_dim": 2, "output_dim": 2, "weights": [[1, 2], [3, 4]]}`))
	require.NoError(t, err)
	build(t, l, 1)
	assert.Equal(t, []float32{1, 2, 3, 4}, l.Weights()[0].Data())
	_, err = layers.FromConfig("Embedding", json.RawMessage(`{"input_dim": 3, "output_dim": 2, "weights": [[1, 2], [3, 4]]}`))
	assert.ErrorContains(t, err, "2 rows")
}

func TestEmbedding_Defaults(t *testing.T) {
	e := layers.NewEmbedding(1000, 64)
	assert.Equal(t, "Embedding", e.ClassName())
	assert.Equal(t, jsonValue(t, map[string]any{
		"name": "", "trainable": true, "dtype": "float32",
		"input_dim": 1000, "output_dim": 64,
		"embeddings_initializer": map[string]any{"class_name": "RandomUniform", "config": map[string]any{"minval": -0.05, "maxval": 0.05, "seed": nil}},
		"embeddings_regularizer": nil, "activity_regularizer": nil, "embeddings_constraint": nil,
		"mask_zero": false,
	}), jsonValue(t, e.Config()))
	assert.Equal(t, initializers.RandomUniform{Minval: -0.05, Maxval: 0.05}, e.EmbeddingsInitializer)
	build(t, e, 10)
	for _, v := range e.Weights()[0].Data() {
		require.True(t, v >= -0.05 && v < 0.05)
	}
	assert.Equal(t, "/embeddings", e.Weights()[0].Name[len(e.Name()):])
}

func TestEmbedding_Config(t *testing.T) {
	// Keras 2 writes input_length, which declares the input shape.
	k2 := `{"name": "embedding", "trainable": true, "batch_input_shape": [null, 80], "dtype": "float32",
		"input_dim": 20000, "output_dim": 128,
		"embeddings_initializer": {"class_name": "RandomUniform", "config": {"minval": -0.05, "maxval": 0.05, "seed": null}},
		"embeddings_regularizer": null, "activity_regularizer": null, "embeddings_constraint": null,
		"mask_zero": true, "input_length": 80}`
	l, err := layers.FromConfig("Embedding", json.RawMessage(k2))
	require.NoError(t, err)
	e := l.(*layers.Embedding)
	assert.True(t, e.MaskZero)
	assert.Equal(t, []int{80}, e.InputShape())
	l2, err := layers.FromConfig("Embedding", json.RawMessage(`{"input_dim": 5, "output_dim": 2, "input_length": 7}`))
	require.NoError(t, err)
	assert.Equal(t, []int{7}, l2.(*layers.Embedding).InputShape(), "input_length alone declares the shape")
	_, err = l2.Build([]int{8}, rng.New(1))
	assert.ErrorContains(t, err, "declared input shape (7,)")

	back := roundTrip(t, e)
	assert.Equal(t, jsonValue(t, e.Config()), jsonValue(t, back.Config()))

	for _, bad := range []struct{ config, want string }{
		{`{"input_dim": 0, "output_dim": 2}`, "input_dim and output_dim must be positive"},
		{`{"input_dim": 3, "output_dim": 2, "embeddings_regularizer": {"class_name": "L2"}}`, "embeddings_regularizer"},
		{`{"input_dim": 3, "output_dim": 2, "input_lenght": 2}`, "unknown key"},
		{`{"input_dim": 3, "output_dim": 2, "embeddings_initializer": "nope"}`, "embeddings_initializer"},
	} {
		_, err := layers.FromConfig("Embedding", json.RawMessage(bad.config))
		assert.ErrorContains(t, err, bad.want, bad.config)
	}
}
