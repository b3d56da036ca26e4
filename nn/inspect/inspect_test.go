package inspect

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// linearModel is out = x·W + b with in inputs and k outputs, W and b drawn
// from a seeded generator; it returns the model, W (in, k) and b (k).
func linearModel(t *testing.T, in, k int, activation string) (*nn.Sequential, []float32, []float32) {
	t.Helper()
	m := nn.NewSequential(layers.NewDense(k, activation))
	require.NoError(t, m.Build(in))
	r := rng.New(7)
	w, b := m.Weights()[0].Data(), m.Weights()[1].Data()
	for i := range w {
		w[i] = r.Float32()*2 - 1
	}
	for i := range b {
		b[i] = r.Float32() - 0.5
	}
	return m, w, b
}

func randomBatch(seed uint64, shape ...int) *tensor.Tensor {
	r := rng.New(seed)
	x := tensor.New(shape...)
	for i := range x.Data {
		x.Data[i] = r.Float32()
	}
	return x
}

func TestLayerOutputs_DenseByHand(t *testing.T) {
	m, w, b := linearModel(t, 3, 2, "relu")
	m.Add(layers.NewDense(1, "linear"))
	require.NoError(t, m.Build(3))
	copy(m.Weights()[0].Data(), w) // Build drew new weights: put W and b back
	copy(m.Weights()[1].Data(), b)
	x := tensor.From([]float32{1, -2, 0.5, 0, 1, 1}, 2, 3)
	outs, err := LayerOutputs(m, x)
	require.NoError(t, err)
	require.Len(t, outs, 2)
	assert.Equal(t, []int{2, 2}, outs[0].Shape)
	assert.Equal(t, []int{2, 1}, outs[1].Shape)
	for n := range 2 {
		for j := range 2 {
			var s float32
			for i := range 3 {
				s = s + float32(x.At(n, i)*w[i*2+j])
			}
			assert.Equal(t, max(s+b[j], 0), outs[0].At(n, j))
		}
	}
	pred, err := m.Predict(x, 0)
	require.NoError(t, err)
	assert.Equal(t, pred.Data, outs[1].Data, "the last output is Predict's")
}

func TestLayerOutputs_FeatureMapShapes(t *testing.T) {
	m := nn.NewSequential(layers.NewConv2D(4, 3, "relu"), layers.NewMaxPooling2D(2, 2), layers.NewFlatten(), layers.NewDense(10, "softmax"))
	outs, err := LayerOutputs(m, randomBatch(1, 2, 8, 8, 1))
	require.NoError(t, err)
	var shapes [][]int
	for _, o := range outs {
		shapes = append(shapes, o.Shape)
	}
	assert.Equal(t, [][]int{{2, 6, 6, 4}, {2, 3, 3, 4}, {2, 36}, {2, 10}}, shapes)
}

func TestSaliency_LinearModelIsItsWeights(t *testing.T) {
	m, w, _ := linearModel(t, 5, 3, "linear")
	x := randomBatch(2, 4, 5)
	for class := range 3 {
		s, err := Saliency(m, x, class)
		require.NoError(t, err)
		require.Equal(t, x.Shape, s.Shape)
		for n := range 4 {
			for i := range 5 {
				assert.Equal(t, w[i*3+class], s.At(n, i), "example %d input %d class %d", n, i, class)
			}
		}
	}
	for _, wt := range m.Weights() {
		assert.Nil(t, wt.Grad, "saliency must leave the weights' gradients alone")
		assert.True(t, wt.RequiresGrad())
	}
}

func TestSaliency_SoftmaxMatchesFiniteDifferences(t *testing.T) {
	m, _, _ := linearModel(t, 4, 3, "softmax")
	x := randomBatch(3, 1, 4)
	s, err := Saliency(m, x, 1)
	require.NoError(t, err)
	for i := range 4 {
		const h = 1e-2
		up, down := x.Clone(), x.Clone()
		up.Data[i] += h
		down.Data[i] -= h
		pu, err := m.Predict(up, 0)
		require.NoError(t, err)
		pd, err := m.Predict(down, 0)
		require.NoError(t, err)
		numeric := (pu.At(0, 1) - pd.At(0, 1)) / (2 * h)
		assert.InDelta(t, numeric, s.At(0, i), 1e-3, "input %d", i)
	}
}

func TestOcclusion_LinearModel(t *testing.T) {
	const h, w = 4, 5
	m, wts, _ := linearModel(t, h*w, 2, "linear")
	m2 := nn.NewSequential(layers.NewFlatten(), m.Layers[0])
	require.NoError(t, m2.Build(h, w))
	copy(m2.Weights()[0].Data(), wts)
	x := randomBatch(4, 1, h, w)
	cfg := OcclusionConfig{Class: 1, Size: 2, Stride: 2, Fill: 0.25}
	occ, err := Occlusion(m2, x, cfg)
	require.NoError(t, err)
	require.Equal(t, []int{2, 3}, occ.Shape)
	for i := range 2 {
		for j := range 3 {
			var want float64
			for y := 2 * i; y < min(2*i+2, h); y++ {
				for xx := 2 * j; xx < min(2*j+2, w); xx++ {
					want += float64(x.At(0, y, xx)-0.25) * float64(m2.Weights()[0].Data()[(y*w+xx)*2+1])
				}
			}
			assert.InDelta(t, want, occ.At(i, j), 1e-5, "patch (%d, %d)", i, j)
		}
	}
}

func TestActivationMaximisation_LinearUnitConvergesToWOver2L2(t *testing.T) {
	m, w, _ := linearModel(t, 6, 2, "linear")
	x, act, err := ActivationMaximisation(m, MaximiseConfig{Layer: 0, Unit: 1, Steps: 300, LearningRate: 0.1, L2: 0.5})
	require.NoError(t, err)
	for i := range 6 {
		assert.InDelta(t, w[i*2+1], x.At(0, i), 1e-5, "x = w/(2·L2) = w")
	}
	assert.Greater(t, act, float32(0))
}

func TestActivationMaximisation_ClipsToRange(t *testing.T) {
	m, w, _ := linearModel(t, 6, 1, "linear")
	x, _, err := ActivationMaximisation(m, MaximiseConfig{Unit: 0, Steps: 50, LearningRate: 1, Min: 0, Max: 1})
	require.NoError(t, err)
	for i, wi := range w {
		if wi > 0 {
			assert.Equal(t, float32(1), x.Data[i])
		} else {
			assert.Equal(t, float32(0), x.Data[i])
		}
	}
}

func TestConfusionMatrix(t *testing.T) {
	cm, err := ConfusionMatrix([]int{0, 1, 2, 2, 1}, []int{0, 2, 2, 2, 1}, 3)
	require.NoError(t, err)
	assert.Equal(t, [][]int{{1, 0, 0}, {0, 1, 1}, {0, 0, 2}}, cm)
	pred, err := Argmax(tensor.From([]float32{0.1, 0.7, 0.2, 0.5, 0.5, 0}, 2, 3))
	require.NoError(t, err)
	assert.Equal(t, []int{1, 0}, pred, "ties go to the first class")
}

func TestWeightStats(t *testing.T) {
	m := nn.NewSequential(layers.NewDense(2, "linear"))
	require.NoError(t, m.Build(2))
	copy(m.Weights()[0].Data(), []float32{1, -1, 3, 0})
	m.Layers[0].SetTrainable(false)
	stats, err := WeightStats(m)
	require.NoError(t, err)
	require.Len(t, stats, 2)
	k := stats[0]
	assert.Equal(t, "dense/kernel", k.Name)
	assert.Equal(t, []int{2, 2}, k.Shape)
	assert.False(t, k.Trainable)
	assert.InDelta(t, 0.75, k.Mean, 1e-12)
	assert.InDelta(t, math.Sqrt((0.0625+3.0625+5.0625+0.5625)/4), k.Std, 1e-12)
	assert.Equal(t, -1.0, k.Min)
	assert.Equal(t, 3.0, k.Max)
	assert.InDelta(t, math.Sqrt(11), k.Norm, 1e-12)
	assert.Equal(t, 0.25, k.Zeros)
	assert.Equal(t, 1.0, stats[1].Zeros, "the bias starts at zero")
}

func TestGradientStats_MSEOfALinearUnit(t *testing.T) {
	m, w, b := linearModel(t, 3, 1, "linear")
	x, y := randomBatch(5, 4, 3), randomBatch(6, 4, 1)
	before := append([]float32{}, w...)
	stats, err := GradientStats(m, losses.MeanSquaredError{}, x, y)
	require.NoError(t, err)
	require.Len(t, stats, 2)
	// dL/dw_j = (2/N) Σ_n (ŷ_n − y_n) x_nj,   dL/db = (2/N) Σ_n (ŷ_n − y_n)
	grad := make([]float64, 4)
	for n := range 4 {
		yhat := float64(b[0])
		for j := range 3 {
			yhat += float64(x.At(n, j)) * float64(w[j])
		}
		e := 2 * (yhat - float64(y.At(n, 0))) / 4
		for j := range 3 {
			grad[j] += e * float64(x.At(n, j))
		}
		grad[3] += e
	}
	assert.InDelta(t, math.Sqrt(grad[0]*grad[0]+grad[1]*grad[1]+grad[2]*grad[2]), stats[0].Norm, 1e-5)
	assert.InDelta(t, grad[3], stats[1].Mean, 1e-5)
	assert.Equal(t, before, w, "weights unchanged")
	for _, wt := range m.Weights() {
		assert.Nil(t, wt.Grad, "stored gradients unchanged")
	}
}

func TestFilters(t *testing.T) {
	m := nn.NewSequential(layers.NewConv2D(2, 2, "linear"))
	require.NoError(t, m.Build(4, 4, 1))
	k := m.Weights()[0].Data() // (2, 2, 1, 2): filter index is the last axis
	copy(k, []float32{0, 5, 1, 5, 2, 5, 4, 5})
	images, shape, err := Filters(m, 0)
	require.NoError(t, err)
	assert.Equal(t, []int{2, 2, 1}, shape)
	assert.Equal(t, [][]float32{{0, 0.25, 0.5, 1}, {0.5, 0.5, 0.5, 0.5}}, images)
}

func TestErrors(t *testing.T) {
	m, _, _ := linearModel(t, 3, 2, "softmax")
	good := randomBatch(1, 1, 3)
	nan := good.Clone()
	nan.Data[1] = float32(math.NaN())
	cases := []struct {
		name string
		call func() error
		want string
	}{
		{"wrong shape", func() error { _, err := LayerOutputs(m, randomBatch(1, 2, 4)); return err }, "expects [3]"},
		{"NaN input", func() error { _, err := Saliency(m, nan, 0); return err }, "NaN at flat index 1"},
		{"class out of range", func() error { _, err := Saliency(m, good, 2); return err }, "class 2 out of range"},
		{"occlusion needs an image", func() error {
			_, err := Occlusion(m, good, OcclusionConfig{Size: 1})
			return err
		}, "want one image"},
		{"layer out of range", func() error { _, _, err := Filters(m, 3); return err }, "layer 3 out of range"},
		{"not a convolution", func() error { _, _, err := Filters(m, 0); return err }, "not a convolution"},
		{"unit out of range", func() error {
			_, _, err := ActivationMaximisation(m, MaximiseConfig{Unit: 9, Steps: 1})
			return err
		}, "unit 9 out of range"},
		{"label out of range", func() error { _, err := ConfusionMatrix([]int{3}, []int{0}, 3); return err }, "true label 3"},
		{"lengths differ", func() error { _, err := ConfusionMatrix([]int{1}, nil, 3); return err }, "1 true labels and 0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.call()
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	_, err := Saliency(m, good, 0)
	assert.NoError(t, err, "the model still works after the errors")
}

func TestGradientStats_ChangesNothing(t *testing.T) {
	m := nn.NewSequential(layers.NewDense(4, "relu"), layers.NewBatchNormalization(), layers.NewDropout(0.5), layers.NewDense(1, "linear"))
	m.SetSeed(3)
	require.NoError(t, m.Build(3))
	hash := m.WeightsHash()
	state, err := m.Rand().State()
	require.NoError(t, err)
	_, err = GradientStats(m, losses.MeanSquaredError{}, randomBatch(8, 6, 3), randomBatch(9, 6, 1))
	require.NoError(t, err)
	assert.Equal(t, hash, m.WeightsHash(), "BatchNormalization's moving statistics moved")
	after, err := m.Rand().State()
	require.NoError(t, err)
	assert.Equal(t, state, after, "the dropout draws were not undone")
}
