// Package timeseries turns real time series, read from CSV files, into the
// supervised tensors that sequence models (Conv1D, SimpleRNN, LSTM, GRU)
// train on, with a naive baseline to beat.
//
// The core type is Series: T rows of F numeric columns indexed by time, the
// values as one flat float32 slice of shape (T, F), row-major. A Series is
// made by LoadCSV (any reader) or LoadFile (a path), which read the columns
// named in a CSVConfig and ignore the others; LoadVega reads one of the
// files shipped in the repository's data/vega folder (VegaCO2,
// VegaSeattleWeather, VegaGlobalTemp: copies from the npm package
// vega-datasets, see data/vega/README.md).
//
// The loader trusts nothing: a file over MaxCSVBytes is refused (LoadFile
// checks the size before reading; every reader is cut off there), and every
// error starts with the file's name and gives the line, the column and what
// is wrong: a missing column, a field that is not a number, an empty value,
// a date that does not parse or does not follow the previous one (rows must
// be in strictly increasing time order), a row with the wrong number of
// fields.
//
// From a Series to training data, as in the TensorFlow time-series tutorial:
//
//  1. ChronoSplit cuts the rows, in time order, into training, validation
//     and test parts (no shuffling: the future stays out of training).
//  2. FitScaler learns a normalisation on the training rows only (mean and
//     standard deviation, or minimum and maximum); Scaler.Transform applies
//     it to every row and Scaler.Inverse maps model outputs back to the
//     data's units.
//  3. Series.Windows cuts each part on its own into examples: x of shape
//     (N, Window, F), the Window steps seen, and y of shape (N, Horizon),
//     the next Horizon values of the target column. No window crosses two
//     parts.
//
// Prepare does the three steps in one call and returns a Dataset.
// NaiveForecast (every future step = the last value seen) and MAE give the
// baseline a model must beat.
//
// Relative, for one-step forecasting, takes every window and its target
// relative to the window's last value, divided by the spread of the
// one-step change on the training part (FitRelative): a model then
// predicts the change, whatever the level, and Relative.Inverse turns its
// outputs back into the series' units.
//
// All sums run in float64 in row order, and products are rounded before
// they are added, so results are the same bits on every platform. The
// package builds for wasip1 and js.
package timeseries
