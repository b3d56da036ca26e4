package nn_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"gonn/nn"
	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
	"gonn/nn/timeseries"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// co2Relative is the CO2 set of `go run ./cmd/recipes timeseries`: the raw
// CO2 column, 24-month windows, the next month as target, split 70/15/15
// in time order, every window and target made relative to the window's
// last month (so the naive forecast is 0), in ppm.
func co2Relative(t *testing.T) *timeseries.Dataset {
	t.Helper()
	f := timeseries.VegaCO2
	f.Config.Columns = []string{"CO2"}
	s, err := timeseries.LoadVega(filepath.Join("..", timeseries.VegaDir), f)
	require.NoError(t, err)
	cfg := timeseries.DefaultConfig()
	cfg.Window, cfg.Val, cfg.Scale = 24, 0.15, timeseries.NoScale
	d, err := timeseries.Prepare(s, cfg)
	require.NoError(t, err)
	for _, p := range [][2]*tensor.Tensor{{d.TrainX, d.TrainY}, {d.ValX, d.ValY}, {d.TestX, d.TestY}} {
		x, y := p[0], p[1]
		n, w := x.Shape[0], x.Shape[1]
		for k := range n {
			last := x.Data[k*w+w-1]
			for i := range w {
				x.Data[k*w+i] -= last
			}
			y.Data[k] -= last
		}
	}
	return d
}

// lastStepLayer keeps the last step of a sequence: (batch, steps, C) →
// (batch, C), so that a causal convolution's prediction sees exactly its
// receptive field.
type lastStepLayer struct{ layers.Base }

func (l *lastStepLayer) ClassName() string { return "LastStep" }
func (l *lastStepLayer) Build(in []int, _ *rng.Rand) ([]int, error) {
	if len(in) != 2 {
		return nil, fmt.Errorf("LastStep: want (steps, channels), got %v", in)
	}
	return []int{in[1]}, nil
}
func (l *lastStepLayer) Call(_ *layers.Context, x *ag.Var) *ag.Var {
	s := x.Shape()
	return ag.Reshape(ag.Slice(x, 1, s[1]-1, s[1]), s[0], s[2])
}
func (l *lastStepLayer) Weights() []*ag.Var     { return nil }
func (l *lastStepLayer) Config() map[string]any { return map[string]any{"name": l.Name()} }

// causalConv is Conv1D(32, k, causal, relu), its last step, Dense(1).
func causalConv(k int) *nn.Sequential {
	cfg := layers.DefaultConvConfig()
	cfg.Filters, cfg.KernelSize, cfg.Activation, cfg.Padding = 32, layers.Tuple{k}, "relu", "causal"
	return nn.NewSequential(layers.NewInput(24, 1), layers.NewConv1DWith(cfg), &lastStepLayer{}, layers.NewDense(1, ""))
}

// testMAE trains m (Adam, MSE, batch 32, fixed epochs, seed 1) and returns
// its test MAE in ppm.
func testMAE(t *testing.T, d *timeseries.Dataset, m *nn.Sequential, epochs int) float64 {
	t.Helper()
	m.SetSeed(1)
	require.NoError(t, m.Compile(optimizers.NewAdam(), mustLoss(t, "mse")))
	_, err := m.Fit(d.TrainX, d.TrainY, nn.FitConfig{Epochs: epochs, BatchSize: 32})
	require.NoError(t, err)
	p, err := m.Predict(d.TestX, 256)
	require.NoError(t, err)
	return timeseries.MAE(d.TestY, p)
}

// TestTimeSeries_CO2Forecasters checks, on the CO2 test months (2011-02 to
// 2020-04), the findings of results/timeseries.md in short runs: an LSTM
// and a Conv1D that sees 24 months beat the last-value forecast (1.273
// ppm), and a Conv1D that sees only 3 months, less than the 12-month
// season, does worse than the one that sees 24.
//
// Margins, measured over seeds 1 to 6 (seed 1 here): LSTM 0.40–0.47 of
// naive (asserted < 0.6), Conv1D k=24 0.29–0.32 of naive (asserted < 0.5),
// and 0.55–0.58 of Conv1D k=3 (asserted < 0.75; k=3 gave 0.677–0.698 ppm).
func TestTimeSeries_CO2Forecasters(t *testing.T) {
	if testing.Short() {
		t.Skip("trains three models on the CO2 series")
	}
	d := co2Relative(t)
	naive := timeseries.MAE(d.TestY, tensor.New(d.TestY.Shape...))
	lstm := testMAE(t, d, nn.NewSequential(layers.NewInput(24, 1), layers.NewLSTM(32), layers.NewDense(1, "")), 20)
	narrow := testMAE(t, d, causalConv(3), 100)
	wide := testMAE(t, d, causalConv(24), 100)
	t.Logf("test MAE (ppm): naive %.3f, LSTM %.3f, Conv1D k=3 %.3f, Conv1D k=24 %.3f", naive, lstm, narrow, wide)
	assert.InDelta(t, 1.273, naive, 0.0005)
	assert.Less(t, lstm, 0.6*naive)
	assert.Less(t, wide, 0.5*naive)
	assert.Less(t, wide, 0.75*narrow)
}
