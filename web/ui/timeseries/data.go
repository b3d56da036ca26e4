package main

import (
	"bytes"
	"errors"
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
// and divided by sigma (timeseries.Relative). A model then predicts the change to the next
// step, whatever the level: the held-out years of CO2 (above 400 ppm) lie
// above every training window, where tanh units would saturate on raw
// values. The naive forecast, the last value, is a change of 0.
type dataset struct {
	src                source
	trainX, trainY     *tensor.Tensor // (N, Window, 1), (N, 1): relative, divided by sigma
	valX, valY         *tensor.Tensor
	testX, testY       *tensor.Tensor
	rel                timeseries.Relative // its Sigma: units per unit of the models' inputs and targets
	testLast           []float32           // the last value of each held-out window, in units: the naive forecast
	testTruth          []float32           // the value that followed it, in units
	testTimes          []time.Time         // when it did
	train, val, tested int                 // rows of each part
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
// each part into windows with nn/timeseries and makes them relative, sigma
// fitted on the training part only.
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
		testTruth: append([]float32(nil), d.TestY.Data...),
		train:     d.Split.TrainEnd, val: d.Split.ValEnd - d.Split.TrainEnd, tested: d.Split.Len - d.Split.ValEnd,
	}
	if s.Times != nil {
		for k := range d.TestY.Shape[0] {
			out.testTimes = append(out.testTimes, s.Times[d.Split.ValEnd+k+src.Window])
		}
	}
	if out.rel, out.testLast, err = d.MakeRelative(); err != nil {
		return nil, errors.New(s.Name + ": " + err.Error())
	}
	return out, nil
}

// forecast turns a model's outputs on the held-out windows (relative,
// divided by sigma; one per window) into values in units.
func (d *dataset) forecast(pred []float32) ([]float32, error) { return d.rel.Inverse(d.testLast, pred) }

// mae is the mean absolute error of a forecast of the held-out values, in
// units.
func (d *dataset) mae(forecast []float32) float64 {
	n := len(d.testTruth)
	return timeseries.MAE(tensor.From(d.testTruth, n, 1), tensor.From(forecast, n, 1))
}

// naiveMAE is the error of the last-value forecast.
func (d *dataset) naiveMAE() float64 { return d.mae(d.testLast) }
