package main

import (
	"bytes"
	"errors"
	"math"
	"time"

	"gonn/nn/tensor"
	"gonn/nn/timeseries"
)

// The split of every series, in time order: 70 % to train, 15 % to choose
// the epoch (early stopping), 15 % held out to measure.
const (
	trainPart = 0.7
	valPart   = 0.15
)

// dataset is a series cut for one-step forecasting, as the recipe cuts CO2
// (cmd/recipes/timeseries.go): windows of src.Window steps and the next
// step, every window and target taken relative to the window's last value
// and divided by sigma. A model then predicts the change to the next
// step, whatever the level: the held-out years of CO2 (above 400 ppm) lie
// above every training window, where tanh units would saturate on raw
// values. The naive forecast, the last value, is a change of 0.
type dataset struct {
	src                source
	trainX, trainY     *tensor.Tensor // (N, Window, 1), (N, 1): relative, divided by sigma
	valX, valY         *tensor.Tensor
	testX, testY       *tensor.Tensor
	sigma              float32     // units per unit of the models' inputs and targets
	testLast           []float32   // the last value of each held-out window, in units: the naive forecast
	testTruth          []float32   // the value that followed it, in units
	testTimes          []time.Time // when it did
	train, val, tested int         // rows of each part
}

// load reads the CSV bytes of src and prepares them.
func load(csv []byte, src source) (*dataset, error) {
	s, err := timeseries.LoadCSV(bytes.NewReader(csv), src.Vega.File, src.config())
	if err != nil {
		return nil, err
	}
	return prepare(s, src)
}

// prepare splits s in time order (trainPart, valPart, the rest), cuts
// each part into windows with nn/timeseries and makes them relative.
func prepare(s *timeseries.Series, src source) (*dataset, error) {
	cfg := timeseries.DefaultConfig()
	cfg.Window, cfg.Train, cfg.Val, cfg.Scale = src.Window, trainPart, valPart, timeseries.NoScale
	d, err := timeseries.Prepare(s, cfg)
	if err != nil {
		return nil, err
	}
	if d.ValX == nil || d.TestX == nil {
		return nil, errors.New(s.Name + ": too short for a validation and a test part")
	}
	out := &dataset{
		src:    src,
		trainX: d.TrainX, trainY: d.TrainY, valX: d.ValX, valY: d.ValY, testX: d.TestX, testY: d.TestY,
		testLast:  timeseries.NaiveForecast(d.TestX, 0, 1).Data,
		testTruth: append([]float32(nil), d.TestY.Data...),
		train:     d.Split.TrainEnd, val: d.Split.ValEnd - d.Split.TrainEnd, tested: d.Split.Len - d.Split.ValEnd,
	}
	if s.Times != nil {
		for k := range d.TestY.Shape[0] {
			out.testTimes = append(out.testTimes, s.Times[d.Split.ValEnd+k+src.Window])
		}
	}
	out.sigma = relativeScale(d.TrainX, d.TrainY)
	if !(out.sigma > 0) {
		return nil, errors.New(s.Name + ": the series does not change from one step to the next on its training part")
	}
	for _, p := range [][2]*tensor.Tensor{{d.TrainX, d.TrainY}, {d.ValX, d.ValY}, {d.TestX, d.TestY}} {
		relative(p[0], p[1], out.sigma)
	}
	return out, nil
}

// relativeScale is the standard deviation of the change from the last
// step of a window to the next step, over the windows x (N, W, 1) and
// targets y (N, 1): the training part's only.
func relativeScale(x, y *tensor.Tensor) float32 {
	n, w := x.Shape[0], x.Shape[1]
	var sum, ss float64
	for k := range n {
		sum += float64(y.Data[k] - x.Data[k*w+w-1])
	}
	mean := sum / float64(n)
	for k := range n {
		d := float64(y.Data[k]-x.Data[k*w+w-1]) - mean
		ss += float64(d * d)
	}
	return float32(math.Sqrt(ss / float64(n)))
}

// relative rewrites, in place, each window x (N, W, 1) and target y (N, 1)
// as their difference from the window's last step, divided by sigma.
func relative(x, y *tensor.Tensor, sigma float32) {
	n, w := x.Shape[0], x.Shape[1]
	for k := range n {
		last := x.Data[k*w+w-1]
		for i := range w {
			x.Data[k*w+i] = (x.Data[k*w+i] - last) / sigma
		}
		y.Data[k] = (y.Data[k] - last) / sigma
	}
}

// forecast turns a model's outputs on the held-out windows (relative,
// divided by sigma; one per window) into values in units.
func (d *dataset) forecast(pred []float32) []float32 {
	out := make([]float32, len(pred))
	for k, p := range pred {
		out[k] = d.testLast[k] + float32(p*d.sigma)
	}
	return out
}

// mae is the mean absolute error of a forecast of the held-out values, in
// units.
func (d *dataset) mae(forecast []float32) float64 {
	n := len(d.testTruth)
	return timeseries.MAE(tensor.From(d.testTruth, n, 1), tensor.From(forecast, n, 1))
}

// naiveMAE is the error of the last-value forecast.
func (d *dataset) naiveMAE() float64 { return d.mae(d.testLast) }
