package layers_test

import (
	"encoding/json"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/layers"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMasking(t *testing.T) {
	// (batch 2, steps 3, features 2); masked: (0, 1) and (1, 2) are all mask_value.
	tests := []struct {
		value float64
		x     []float32
		out   []float32
	}{
		{0, []float32{1, 0, 0, 0, 0, 2, 3, 4, 0, 5, 0, 0}, []float32{1, 0, 0, 0, 0, 2, 3, 4, 0, 5, 0, 0}},
		{-1, []float32{1, -1, -1, -1, 0, 2, 3, 4, -1, 5, -1, -1}, []float32{1, -1, 0, 0, 0, 2, 3, 4, -1, 5, 0, 0}},
	}
	for _, tt := range tests {
		m := layers.NewMasking(tt.value)
		assert.Equal(t, []int{3, 2}, build(t, m, 3, 2))
		x := ag.Const(tensor.From(tt.x, 2, 3, 2))
		mask := m.ComputeMask(x, nil)
		assert.Equal(t, []int{2, 3}, mask.Shape)
		assert.Equal(t, []float32{1, 0, 1, 1, 1, 0}, mask.Data, "mask_value %g", tt.value)
		assert.Equal(t, tt.out, m.Call(inference(), x).Data(), "masked steps are zeroed, mask_value %g", tt.value)
	}
	m := layers.NewMasking(0)
	build(t, m, 3, 2)
	checkGradMasking(t, m)
	_, err := layers.NewMasking(0).Build(nil, nil)
	assert.ErrorContains(t, err, "feature axis")
}

// checkGradMasking: the gradient passes on kept steps and is 0 on masked ones.
func checkGradMasking(t *testing.T, m *layers.Masking) {
	x := agtest.Rand(3, -1, 1, 2, 3, 2)
	x.Data[2], x.Data[3] = 0, 0 // step (0, 1) masked
	v := ag.Param(x, "x")
	ag.Backward(ag.SumAll(m.Call(inference(), v)))
	assert.Equal(t, []float32{1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1}, v.Grad.Data)
}

func TestMasking_Config(t *testing.T) {
	m := layers.NewMasking(0)
	assert.Equal(t, "Masking", m.ClassName())
	assert.Equal(t, map[string]any{"name": "", "trainable": true, "dtype": "float32", "mask_value": 0.0}, m.Config())
	l, err := layers.FromConfig("Masking", json.RawMessage(`{"name": "masking", "mask_value": -1.0, "batch_input_shape": [null, 10, 3]}`))
	require.NoError(t, err)
	assert.Equal(t, -1.0, l.(*layers.Masking).MaskValue)
	assert.Equal(t, []int{10, 3}, l.(*layers.Masking).InputShape())
	back := roundTrip(t, l)
	assert.Equal(t, l.Config(), back.Config())
	_, err = layers.FromConfig("Masking", json.RawMessage(`{"mask_value": "x"}`))
	assert.Error(t, err)
}

// TestCallWithMask: producers make a mask, consumers use it, Dense,
// Dropout and Activation pass it on, and other layers drop it.
func TestCallWithMask(t *testing.T) {
	mask := padMask(2, 3, [2]int{0, 2})
	x := ag.Const(data(2, 3, 4))
	training := &layers.Context{Training: true, Rand: nil}

	dense := layers.NewDense(5, "relu")
	build(t, dense, 3, 4)
	dropout := layers.NewDropout(0)
	build(t, dropout, 3, 4)
	act := layers.NewActivation("tanh")
	build(t, act, 3, 4)
	flatten := layers.NewFlatten()
	build(t, flatten, 3, 4)
	for _, l := range []layers.Layer{dense, dropout, act} {
		y, out := layers.CallWithMask(training, l, x, mask)
		assert.Same(t, mask, out, "%s passes the mask on", l.ClassName())
		assert.Equal(t, l.Call(training, x).Data(), y.Data(), l.ClassName())
	}
	_, out := layers.CallWithMask(inference(), flatten, x, mask)
	assert.Nil(t, out, "Flatten drops the mask")

	// A consumer: the LSTM's output with the mask is CallMasked's.
	lstm := layers.NewLSTM(2)
	build(t, lstm, 3, 4)
	y, out := layers.CallWithMask(inference(), lstm, x, mask)
	assert.Nil(t, out)
	assert.Equal(t, lstm.CallMasked(inference(), x, mask).Data(), y.Data())
	assert.NotEqual(t, lstm.Call(inference(), x).Data(), y.Data(), "the mask changes the result")
	y, _ = layers.CallWithMask(inference(), lstm, x, nil)
	assert.Equal(t, lstm.Call(inference(), x).Data(), y.Data(), "no mask: Call")

	// A producer: Masking's mask replaces none.
	m := layers.NewMasking(0)
	build(t, m, 3, 4)
	z := tensor.From([]float32{1, 2, 0, 0, 0, 0, 3, 4}, 1, 4, 2)
	_, out = layers.CallWithMask(inference(), m, ag.Const(z), nil)
	assert.Equal(t, []float32{1, 0, 0, 1}, out.Data)
}

// TestRecurrent_GradThroughMaskedEmbedding: Embedding(mask_zero) → LSTM, the
// usual text pipeline, checked by finite differences w.r.t. the embeddings
// and the LSTM's weights.
func TestRecurrent_GradThroughMaskedEmbedding(t *testing.T) {
	cfg := layers.DefaultEmbeddingConfig()
	cfg.InputDim, cfg.OutputDim, cfg.MaskZero = 6, 3, true
	e := layers.NewEmbeddingWith(cfg)
	build(t, e, 4)
	randomize(e, 1)
	for _, kind := range kinds {
		l := newRecurrent(kind, 2, layers.RNNOptions{ReturnSequences: true}, true)
		build(t, l, 4, 3)
		randomize(l, 2)
		ids := ag.Const(tensor.From([]float32{4, 2, 0, 0, 1, 5, 3, 0}, 2, 4)) // padded at the end
		inputs := []*tensor.Tensor{e.Weights()[0].Value}
		for _, w := range l.Weights() {
			inputs = append(inputs, w.Value)
		}
		agtest.CheckGrad(t, agtest.Default, func(v []*ag.Var) *ag.Var {
			defer layers.SwapRecurrentWeights(e, v[:1])()
			defer layers.SwapRecurrentWeights(l, v[1:])()
			y, mask := layers.CallWithMask(inference(), e, ids, nil)
			y, _ = layers.CallWithMask(inference(), l, y, mask)
			return y
		}, inputs...)
	}
}
