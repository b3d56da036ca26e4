// Package widgets holds the parts that gonn's pages share, drawn with
// honnef.co/go/js/dom/v2 (js && wasm): Chart, a live line chart of loss and
// accuracy against epochs; Pad, the drawing pad that digitizes a digit as
// MNIST was made (mnistdata.Digitize) and shows the 28×28 result;
// Predictions, the ten probabilities as labelled meters; ByID, which finds
// a page's elements. The chart's scale (AxisTop, AxisLabel, EpochTicks) is
// pure logic, tested natively.
package widgets
