package browser

import (
	"math"
	"testing"

	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The linear model of testdata/api_more.mjs: out = x·W + b, 3 → 2.
var (
	moreW = []float64{0.5, -1, 0.25, 2, -0.75, 0.125}
	moreB = []float64{0.1, -0.2}
	moreX = []float64{1, 2, 3, -1, 0, 0.5, 0.25, -2, 1, 2, 2, -1}
	moreY = []float64{1, 0, 0, 1, -1, 2, 0.5, 0.5}
)

// moreByHand is the linear model's output, its MSE on moreY and the MSE's
// gradient with respect to W and b.
func moreByHand() (pred []float64, mse float64, dW, dB []float64) {
	pred, dW, dB = make([]float64, 8), make([]float64, 6), make([]float64, 2)
	for r := range 4 {
		for j := range 2 {
			s := moreB[j]
			for i := range 3 {
				s += moreX[r*3+i] * moreW[i*2+j]
			}
			pred[r*2+j] = s
			d := s - moreY[r*2+j]
			mse += d * d / 8
			dB[j] += 2 * d / 8
			for i := range 3 {
				dW[i*2+j] += 2 * d / 8 * moreX[r*3+i]
			}
		}
	}
	return pred, mse, dW, dB
}

type moreTensor struct {
	Data  []float64 `json:"data"`
	Shape []int     `json:"shape"`
}

type moreOutcome struct {
	OK        bool   `json:"ok"`
	GonnError bool   `json:"gonnError"`
	CodeName  string `json:"codeName"`
	Message   string `json:"message"`
}

type moreStats struct {
	Name  string  `json:"name"`
	Shape []int   `json:"shape"`
	Mean  float64 `json:"mean"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
	Norm  float64 `json:"norm"`
}

type moreReport struct {
	TestOnBatch    map[string]float64 `json:"testOnBatch"`
	PredictOnBatch moreTensor         `json:"predictOnBatch"`
	Call           moreTensor         `json:"call"`
	LayerOutputs   []struct {
		Name      string `json:"name"`
		ClassName string `json:"className"`
		moreTensor
	} `json:"layerOutputs"`
	Saliency moreTensor `json:"saliency"`
	Maximise struct {
		Input      moreTensor `json:"input"`
		Activation float64    `json:"activation"`
	} `json:"maximise"`
	WeightStats   []moreStats            `json:"weightStats"`
	GradientStats []moreStats            `json:"gradientStats"`
	TrainOnBatch  map[string]float64     `json:"trainOnBatch"`
	WeightsAfter  []float64              `json:"weightsAfter"`
	Errors        map[string]moreOutcome `json:"errors"`
	Occlusion     moreTensor             `json:"occlusion"`
	Filters       struct {
		Shape  []int       `json:"shape"`
		Images [][]float64 `json:"images"`
	} `json:"filters"`
	Confusion       [][]int `json:"confusion"`
	ConfusionScores [][]int `json:"confusionScores"`
	Compose         struct {
		Name                string      `json:"name"`
		Layers              []string    `json:"layers"`
		SameAsChain         bool        `json:"sameAsChain"`
		TrainsBoth          bool        `json:"trainsBoth"`
		StillShared         bool        `json:"stillShared"`
		FrozenB             bool        `json:"frozenB"`
		DisposedComposition moreOutcome `json:"disposedComposition"`
		PartsLive           []int       `json:"partsLive"`
	} `json:"compose"`
	GAN struct {
		LatentDim int `json:"latentDim"`
		Steps     []struct {
			Step  int      `json:"step"`
			DLoss *float64 `json:"dLoss"`
			GLoss *float64 `json:"gLoss"`
		} `json:"steps"`
		GeneratorHash     string      `json:"generatorHash"`
		DiscriminatorHash string      `json:"discriminatorHash"`
		NoiseShape        []int       `json:"noiseShape"`
		SamplesShape      []int       `json:"samplesShape"`
		GenerateIsPredict bool        `json:"generateIsPredict"`
		AfterDispose      moreOutcome `json:"afterDispose"`
		GeneratorLives    []int       `json:"generatorLives"`
	} `json:"gan"`
}

// TestNode_APIMore runs testdata/api_more.mjs in Node: every method for
// custom loops, looking inside, composition and GANs, once, with known
// answers, and the tiny GAN's weights, which must hash as native nn/gan's.
func TestNode_APIMore(t *testing.T) {
	t.Parallel()
	real := make([][]float32, harness.TinyGANSteps)
	for s := range real {
		real[s] = harness.TinyGANReal(s)
	}
	var r moreReport
	runNodeScenario(t, "api_more.mjs", "apiMore", map[string]any{"real": real}, &r)

	pred, mse, dW, dB := moreByHand()
	t.Run("custom loops", func(t *testing.T) {
		assert.InDelta(t, mse, r.TestOnBatch["loss"], 1e-6)
		assert.Contains(t, r.TestOnBatch, "mae")
		assert.Equal(t, []int{4, 2}, r.PredictOnBatch.Shape)
		assert.InDeltaSlice(t, pred, r.PredictOnBatch.Data, 1e-6)
		assert.Equal(t, r.PredictOnBatch, r.Call, "no dropout: training mode gives the prediction")
		assert.InDelta(t, mse, r.TrainOnBatch["loss"], 1e-6, "the loss before the update")
		after := append(append([]float64{}, moreW...), moreB...)
		for i, g := range append(dW, dB...) {
			after[i] -= 0.1 * g
		}
		assert.InDeltaSlice(t, after, r.WeightsAfter, 1e-6, "one SGD step")
	})
	t.Run("looking inside", func(t *testing.T) {
		require.Len(t, r.LayerOutputs, 1)
		assert.Equal(t, "dense", r.LayerOutputs[0].Name)
		assert.Equal(t, "Dense", r.LayerOutputs[0].ClassName)
		assert.Equal(t, r.PredictOnBatch, r.LayerOutputs[0].moreTensor)
		for row := range 4 {
			assert.Equal(t, []float64{moreW[1], moreW[3], moreW[5]}, r.Saliency.Data[row*3:row*3+3], "a linear model's saliency is its weights")
		}
		assert.InDeltaSlice(t, []float64{moreW[1], moreW[3], moreW[5]}, r.Maximise.Input.Data, 1e-4, "x = w / (2·L2)")
		assert.Equal(t, []int{1, 3}, r.Maximise.Input.Shape)
		require.Len(t, r.WeightStats, 2)
		assert.Equal(t, moreStats{Name: "dense/kernel", Shape: []int{3, 2}, Mean: r.WeightStats[0].Mean, Min: -1, Max: 2, Norm: r.WeightStats[0].Norm}, r.WeightStats[0])
		assert.InDelta(t, (0.5-1+0.25+2-0.75+0.125)/6, r.WeightStats[0].Mean, 1e-12)
		require.Len(t, r.GradientStats, 2)
		var mean, sq float64
		for _, g := range dW {
			mean += g / 6
			sq += g * g
		}
		assert.InDelta(t, mean, r.GradientStats[0].Mean, 1e-5)
		assert.InDelta(t, math.Sqrt(sq), r.GradientStats[0].Norm, 1e-5)
		assert.Equal(t, []float64{1, 2, 3, 4}, r.Occlusion.Data, "hiding a pixel of 1 drops the output by its weight")
		assert.Equal(t, []int{2, 2}, r.Occlusion.Shape)
		assert.Equal(t, []int{2, 2, 1}, r.Filters.Shape)
		assert.Equal(t, [][]float64{{0, 0.25, 0.5, 1}, {0.5, 0.5, 0.5, 0.5}}, r.Filters.Images)
		assert.Equal(t, [][]int{{1, 0, 0}, {0, 1, 1}, {0, 0, 1}}, r.Confusion)
		assert.Equal(t, [][]int{{1, 0}, {1, 1}}, r.ConfusionScores, "argmax of the scores")
	})
	t.Run("errors", func(t *testing.T) {
		for name, o := range r.Errors {
			assert.False(t, o.OK, name)
			assert.True(t, o.GonnError, "%s: %s", name, o.Message)
			assert.Equal(t, "bad_argument", o.CodeName, "%s: %s", name, o.Message)
		}
		assert.Contains(t, r.Errors["saliencyClass"].Message, "class index 5")
		assert.Contains(t, r.Errors["callOption"].Message, "unknown option train")
	})
	t.Run("compose", func(t *testing.T) {
		c := r.Compose
		assert.Equal(t, "ab", c.Name)
		assert.Equal(t, []string{"Sequential", "Sequential"}, c.Layers)
		assert.True(t, c.SameAsChain, "ab(x) = b(a(x))")
		assert.True(t, c.TrainsBoth, "training the composition trains a and b")
		assert.True(t, c.StillShared, "the weights are shared, not copied")
		assert.True(t, c.FrozenB, "setTrainable(1, false), then compile: b is frozen")
		assert.Equal(t, "unknown_handle", c.DisposedComposition.CodeName)
		assert.Equal(t, []int{4, 4}, c.PartsLive, "disposing the composition leaves its parts")
	})
	t.Run("GAN", func(t *testing.T) {
		g := r.GAN
		wantG, wantD, err := harness.NativeTinyGAN()
		require.NoError(t, err)
		assert.Equal(t, wantG, g.GeneratorHash, "Node's generator has native nn/gan's bits")
		assert.Equal(t, wantD, g.DiscriminatorHash, "and its discriminator")
		assert.Equal(t, 4, g.LatentDim)
		require.Len(t, g.Steps, harness.TinyGANSteps)
		for i, s := range g.Steps {
			assert.Equal(t, i+1, s.Step)
			require.NotNil(t, s.DLoss)
			require.NotNil(t, s.GLoss)
			assert.Greater(t, *s.DLoss, 0.0)
		}
		assert.Equal(t, []int{3, 4}, g.NoiseShape)
		assert.Equal(t, []int{3, 6}, g.SamplesShape)
		assert.True(t, g.GenerateIsPredict)
		assert.Equal(t, "unknown_handle", g.AfterDispose.CodeName, g.AfterDispose.Message)
		assert.Equal(t, []int{3, 6}, g.GeneratorLives, "the generator outlives its GAN")
		t.Logf("tiny GAN in Node: generator %s, discriminator %s", g.GeneratorHash, g.DiscriminatorHash)
	})
}
