package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"gonn/nn"
	"gonn/nn/ag"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
	"gonn/nn/tensor"
	"gonn/nn/timeseries"
)

// The CO2 forecasting problem: monthly Mauna Loa CO2, windows of tsWindow
// months, predict the next month.
const (
	tsWindow    = 24
	tsEpochs    = 300 // at most; early stopping on the validation loss ends most runs sooner
	tsPatience  = 20
	tsBatchSize = 32
	tsSeeds     = 3 // each model is trained from seeds seed, seed+1, …
)

// tsModel is one forecaster of the comparison.
type tsModel struct {
	name  string
	field int // receptive field in months: how far back the prediction can see
	build func() *nn.Sequential
}

// conv returns causal Conv1D(32, k) layers with the given dilations, the
// features at the last month only, and a linear output: a prediction that
// sees exactly 1 + Σ (k−1)·d months, however long the window.
func conv(k int, dilations ...int) func() *nn.Sequential {
	return func() *nn.Sequential {
		m := nn.NewSequential(layers.NewInput(tsWindow, 1))
		for _, d := range dilations {
			cfg := layers.DefaultConvConfig()
			cfg.Filters, cfg.KernelSize, cfg.Activation = 32, layers.Tuple{k}, "relu"
			cfg.Padding, cfg.DilationRate = "causal", layers.Tuple{d}
			m.Add(layers.NewConv1DWith(cfg))
		}
		m.Add(&lastStep{})
		m.Add(layers.NewDense(1, ""))
		return m
	}
}

// recurrent returns rnn over the whole window, then a linear output.
func recurrent(rnn layers.Layer) func() *nn.Sequential {
	return func() *nn.Sequential {
		return nn.NewSequential(layers.NewInput(tsWindow, 1), rnn, layers.NewDense(1, ""))
	}
}

// tsModels are the forecasters compared: the naive one is computed apart.
func tsModels() []tsModel {
	return []tsModel{
		{"Dense(32) on the flattened window", tsWindow, func() *nn.Sequential {
			return nn.NewSequential(layers.NewInput(tsWindow, 1), layers.NewFlatten(),
				layers.NewDense(32, "relu"), layers.NewDense(1, ""))
		}},
		{"SimpleRNN(32)", tsWindow, func() *nn.Sequential { return recurrent(layers.NewSimpleRNN(32))() }},
		{"LSTM(32)", tsWindow, func() *nn.Sequential { return recurrent(layers.NewLSTM(32))() }},
		{"GRU(32)", tsWindow, func() *nn.Sequential { return recurrent(layers.NewGRU(32))() }},
		{"Conv1D(32, k=3)", 3, conv(3, 1)},
		{"Conv1D(32, k=6)", 6, conv(6, 1)},
		{"Conv1D(32, k=12)", 12, conv(12, 1)},
		{"Conv1D(32, k=3) ×3, dilations 1, 2, 4", 15, conv(3, 1, 2, 4)},
		{"Conv1D(32, k=24)", 24, conv(24, 1)},
	}
}

// tsData is the CO2 series cut for one-step forecasting, every window and
// its target relative to the window's last month and divided by sigma
// (timeseries.Relative): a model predicts the change to the next month,
// whatever the level. The test years (CO2 above 400 ppm) lie far above
// every training window, where tanh units would saturate on the raw
// values; the naive forecast becomes 0.
type tsData struct {
	d     *timeseries.Dataset
	sigma float32 // ppm per unit of the model's inputs and targets
	from  string  // the test months, for the results file
}

// loadCO2 reads the CO2 column, splits it 70/15/15 in time order and makes
// the relative windows; sigma is fitted on the training part only.
func loadCO2(dir string) (*tsData, error) {
	f := timeseries.VegaCO2
	f.Config.Columns = []string{"CO2"} // not the seasonally adjusted column: it is made with hindsight
	s, err := timeseries.LoadVega(dir, f)
	if err != nil {
		return nil, err
	}
	cfg := timeseries.DefaultConfig()
	cfg.Window, cfg.Val, cfg.Scale = tsWindow, 0.15, timeseries.NoScale
	d, err := timeseries.Prepare(s, cfg)
	if err != nil {
		return nil, err
	}
	rel, _, err := d.MakeRelative()
	if err != nil {
		return nil, err
	}
	test := fmt.Sprintf("%s to %s", s.Times[d.Split.ValEnd].Format("2006-01"), s.Times[s.Len()-1].Format("2006-01"))
	return &tsData{d: d, sigma: rel.Sigma, from: test}, nil
}

// tsResult is one training run.
type tsResult struct {
	model    tsModel
	mae      float64 // test MAE in ppm
	epochs   int     // epochs run
	duration time.Duration
}

// tsRow is one row of the results table: a model's runs over tsSeeds seeds.
type tsRow struct {
	model        tsModel
	mean, lo, hi float64 // test MAE in ppm: mean, smallest, largest
	epochs       int     // mean epochs run
	duration     time.Duration
}

// trainSeeds trains t from n seeds starting at seed.
func trainSeeds(t tsModel, data *tsData, seed uint64, n, epochs int) (tsRow, error) {
	row := tsRow{model: t, lo: math.Inf(1), hi: math.Inf(-1)}
	for i := range n {
		r, err := trainTS(t, data, seed+uint64(i), epochs)
		if err != nil {
			return tsRow{}, err
		}
		row.mean += r.mae / float64(n)
		row.lo, row.hi = min(row.lo, r.mae), max(row.hi, r.mae)
		row.epochs += r.epochs
		row.duration += r.duration
	}
	row.epochs /= n
	row.duration /= time.Duration(n)
	return row, nil
}

// trainTS fits one model with Adam on the MSE, stopping early on the
// validation loss with the best weights restored, and returns its test MAE
// in ppm.
func trainTS(t tsModel, data *tsData, seed uint64, epochs int) (tsResult, error) {
	start := time.Now()
	m := t.build()
	m.SetSeed(seed)
	loss, err := losses.Get("mse")
	if err != nil {
		return tsResult{}, err
	}
	if err := m.Compile(optimizers.NewAdam(), loss, "mae"); err != nil {
		return tsResult{}, err
	}
	d := data.d
	stop := &nn.EarlyStopping{Patience: tsPatience, RestoreBestWeights: true}
	hist, err := m.Fit(d.TrainX, d.TrainY, nn.FitConfig{
		Epochs: epochs, BatchSize: tsBatchSize,
		ValidationData: &nn.Dataset{X: d.ValX, Y: d.ValY},
		Callbacks:      []nn.Callback{stop},
	})
	if err != nil {
		return tsResult{}, fmt.Errorf("%s: %w", t.name, err)
	}
	pred, err := m.Predict(d.TestX, 256)
	if err != nil {
		return tsResult{}, fmt.Errorf("%s: %w", t.name, err)
	}
	mae := timeseries.MAE(d.TestY, pred) * float64(data.sigma)
	return tsResult{model: t, mae: mae, epochs: len(hist.History["loss"]), duration: time.Since(start)}, nil
}

// timeSeriesRecipe is `recipes timeseries`: every model of tsModels and the
// naive forecast on the CO2 test months, written to results/timeseries.md.
func timeSeriesRecipe(o options) error {
	epochs := tsEpochs
	if o.epochs != 0 {
		epochs = o.epochs
	}
	data, err := loadCO2(timeseries.VegaDir)
	if err != nil {
		return err
	}
	d := data.d
	naive := timeseries.MAE(d.TestY, tensor.New(d.TestY.Shape...)) * float64(data.sigma)
	fmt.Printf("CO2: train %v, val %v, test %v (%s); σ = %.3f ppm; naive test MAE %.3f ppm\n",
		d.TrainX.Shape, d.ValX.Shape, d.TestX.Shape, data.from, data.sigma, naive)

	start := time.Now()
	var results []tsRow
	for _, t := range tsModels() {
		r, err := trainSeeds(t, data, o.seed, tsSeeds, epochs)
		if err != nil {
			return err
		}
		fmt.Printf("%-40s field %2d  test MAE %.3f ppm [%.3f, %.3f]  (%.2f× naive)  %d epochs  %.1fs\n",
			t.name, t.field, r.mean, r.lo, r.hi, r.mean/naive, r.epochs, r.duration.Seconds())
		results = append(results, r)
	}
	wall := time.Since(start)

	out := o.out
	if out == "" {
		out = filepath.Join("results", "timeseries.md")
	}
	text := tsReport(o, data, naive, results, epochs, wall)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	fmt.Printf("wall time %s; wrote %s\n", wall.Round(time.Second), out)
	return os.WriteFile(out, []byte(text), 0o644)
}

// tsReport is the results file.
func tsReport(o options, data *tsData, naive float64, results []tsRow, epochs int, wall time.Duration) string {
	d := data.d
	var b strings.Builder
	b.WriteString("# timeseries: recurrent and convolutional forecasters against the last value\n\n")
	fmt.Fprintf(&b, "Monthly CO2 at Mauna Loa (`data/vega/co2-concentration.csv`, the raw `CO2` column, ppm), "+
		"split in time order 70/15/15 %%: %d training windows, %d validation, %d test (%s). "+
		"Each example is %d months; the target is the next month. Every window and its target are taken "+
		"relative to the window's last month and divided by σ = %.3f ppm (the spread of the one-month change "+
		"on the training part only), so each model predicts the change to the next month; the last-value "+
		"forecast predicts no change. Adam (Keras defaults), MSE loss, batch %d, at most %d epochs with early "+
		"stopping on the validation loss (patience %d, best weights restored). Each model is trained from "+
		"seeds %d to %d: the table gives the mean test MAE over the %d runs, the smallest and largest, and the "+
		"mean epochs and training time of one run.\n\n",
		d.TrainX.Shape[0], d.ValX.Shape[0], d.TestX.Shape[0], data.from, tsWindow, data.sigma,
		tsBatchSize, epochs, tsPatience, o.seed, o.seed+tsSeeds-1, tsSeeds)
	fmt.Fprintf(&b, "Made by `go run ./cmd/recipes -seed %d timeseries` on %s/%s, %d CPUs, %s, %s. Wall time: %s.\n\n",
		o.seed, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"),
		wall.Round(time.Second))
	b.WriteString("| model | sees (months) | test MAE (ppm) | smallest – largest | ÷ naive | epochs | train time |\n" +
		"|---|---|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| last value (naive) | 1 | %.3f | – | 1.00 | – | – |\n", naive)
	for _, r := range results {
		fmt.Fprintf(&b, "| %s | %d | %.3f | %.3f – %.3f | %.2f | %d | %.1fs |\n",
			r.model.name, r.model.field, r.mean, r.lo, r.hi, r.mean/naive, r.epochs, r.duration.Seconds())
	}
	b.WriteString("\nThe Conv1D models pad causally and read the features of the last month only " +
		"(then a linear Dense), so the prediction sees exactly its receptive field: 1 + Σ (k−1)·dilation " +
		"months. A convolution's kernel size fixes how far back it looks; the recurrent models and the " +
		"Dense model see the whole window.\n")
	return b.String()
}

// lastStep keeps the last step of a sequence: (batch, steps, C) → (batch, C).
type lastStep struct {
	layers.Base
}

func (l *lastStep) ClassName() string { return "LastStep" }

func (l *lastStep) Build(inputShape []int, _ *rng.Rand) ([]int, error) {
	if len(inputShape) != 2 || inputShape[0] < 1 {
		return nil, fmt.Errorf("LastStep: want an input of shape (steps, channels), got %v", inputShape)
	}
	return []int{inputShape[1]}, nil
}

func (l *lastStep) Call(_ *layers.Context, x *ag.Var) *ag.Var {
	s := x.Shape() // (batch, steps, C)
	return ag.Reshape(ag.Slice(x, 1, s[1]-1, s[1]), s[0], s[2])
}

func (l *lastStep) Weights() []*ag.Var { return nil }

func (l *lastStep) Config() map[string]any {
	return map[string]any{"name": l.Name(), "trainable": l.Trainable()}
}
