// Command timeseries is the user interface of the time-series page
// (web/static/timeseries.html): SimpleRNN, LSTM, GRU and Conv1D forecasters
// trained in the browser on a real series, one after the other, their
// one-step forecasts of the held-out part plotted against the truth, and a
// table of their mean absolute errors beside the naive last-value
// forecast's.
//
// The series are the CSV files of data/vega/ (copies from the npm package
// vega-datasets), which the site builder ships in dist/data/vega/: monthly
// CO2 at Mauna Loa (the default), the yearly global temperature anomaly and
// Seattle's daily maximum temperature. The page fetches one and reads it
// with gonn/nn/timeseries (pure Go, run in the page): LoadCSV, Prepare
// (70/15/15 in time order, windows of 24 months, 10 years or 28 days, the
// next step the target), Dataset.MakeRelative and MAE. As in the recipe
// (cmd/recipes/timeseries.go), every window and its target are taken
// relative to the window's last value and divided by the spread of the
// one-step change on the training part, so a model predicts the change;
// Relative.Inverse turns its forecasts back into the series' units, and
// the last values are the naive forecast.
//
// Each model trains with Adam on the mean squared error, one fit per
// epoch, until patience epochs bring no lower validation loss, then gets
// back the weights of its best epoch (Keras' EarlyStopping with
// restore_best_weights, done by the page: getWeights, setWeights). The
// Conv1D stack (valid padding, stride 1) is given only the last 1 +
// layers·(kernel − 1) steps of each window, which it turns into one step:
// the page states that receptive field as the kernel and layers change,
// and Retrain Conv1D trains that model alone again to show what seeing
// further back buys. The same seed gives the same numbers.
//
// Files: main.go wires the page; compare.go runs the comparison; models.go
// makes the networks; chart.go draws the forecasts; table.go the errors;
// field.go the receptive field. The pure logic builds and is tested
// natively: sources.go (the series offered), data.go (loading, the
// relative windows, forecasts and errors in the series' unit), settings.go
// (the form's ranges, the receptive field), conv.go (the last steps of
// each window), stopping.go (early stopping) and scale.go (the chart's
// axes).
//
// The page's end-to-end test, in Chromium, is gonn/tests/pages.
package main
