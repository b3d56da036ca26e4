//go:build js && wasm

package jsapi

import (
	"math"
	"syscall/js"
)

// LayerOutput is what one layer outputs for an input (model.layerOutputs).
type LayerOutput struct {
	Name, ClassName string
	Output          Tensor
}

// LayerOutputs returns every layer's output for x, in inference mode.
func (m *Model) LayerOutputs(x js.Value) ([]LayerOutput, error) {
	v, err := Invoke(m.Value, "layerOutputs", x)
	if err != nil {
		return nil, err
	}
	out := make([]LayerOutput, v.Length())
	for i := range out {
		o := v.Index(i)
		out[i] = LayerOutput{Name: o.Get("name").String(), ClassName: o.Get("className").String(),
			Output: ReadTensor(o.Get("output"))}
	}
	return out, nil
}

// Filters are the kernels of a convolution as images: Shape is (kh, kw,
// channels), each image of Images holds kh·kw·channels values in [0, 1].
type Filters struct {
	Shape  []int
	Images [][]float32
}

// Filters returns the filters of the convolution layer i (model.filters).
func (m *Model) Filters(layer int) (Filters, error) {
	v, err := Invoke(m.Value, "filters", layer)
	if err != nil {
		return Filters{}, err
	}
	ims := v.Get("images")
	f := Filters{Shape: Ints(v.Get("shape")), Images: make([][]float32, ims.Length())}
	for i := range f.Images {
		f.Images[i] = Float32s(ims.Index(i))
	}
	return f, nil
}

// Saliency is the gradient of the score of class with respect to the input
// x (model.saliency): a tensor shaped like x.
func (m *Model) Saliency(x js.Value, class int) (Tensor, error) {
	v, err := Invoke(m.Value, "saliency", x, class)
	if err != nil {
		return Tensor{}, err
	}
	return ReadTensor(v), nil
}

// OcclusionOptions are the options of Occlusion.
type OcclusionOptions struct {
	Class, Size, Stride int
	Fill                float64
}

// Occlusion slides a patch of Size×Size pixels, filled with Fill, over x by
// Stride and returns the score of Class at each place (rows, cols)
// (model.occlusion).
func (m *Model) Occlusion(x js.Value, o OcclusionOptions) (Tensor, error) {
	v, err := Invoke(m.Value, "occlusion", x, map[string]any{
		"classIndex": o.Class, "size": o.Size, "stride": o.Stride, "fill": o.Fill})
	if err != nil {
		return Tensor{}, err
	}
	return ReadTensor(v), nil
}

// MaximiseOptions steer Maximise: gradient ascent on the input for Steps
// steps of LearningRate, with the penalty L2·‖x‖², clipping to Min … Max,
// from Start (one example; nil starts from zeros).
type MaximiseOptions struct {
	Layer, Unit, Steps int
	LearningRate, L2   float64
	Min, Max           float64
	Start              *Tensor
}

// Maximise finds an input that makes the unit of the layer large
// (model.maximise) and returns it with the unit's activation.
func (m *Model) Maximise(o MaximiseOptions) (input Tensor, activation float64, err error) {
	opts := map[string]any{"layer": o.Layer, "unit": o.Unit, "steps": o.Steps,
		"learningRate": o.LearningRate, "l2": o.L2, "min": o.Min, "max": o.Max}
	if o.Start != nil {
		opts["start"] = o.Start.JS()
	}
	v, err := Invoke(m.Value, "maximise", opts)
	if err != nil {
		return Tensor{}, 0, err
	}
	return ReadTensor(v.Get("input")), v.Get("activation").Float(), nil
}

// Stats summarise one weight (or its gradient): model.weightStats() and
// model.gradientStats(x, y).
type Stats struct {
	Name                      string
	Shape                     []int
	Trainable                 bool
	Mean, Std, Min, Max, Norm float64
	Zeros                     float64
}

// WeightStats summarises every weight of the model.
func (m *Model) WeightStats() ([]Stats, error) {
	v, err := Invoke(m.Value, "weightStats")
	if err != nil {
		return nil, err
	}
	return readStats(v), nil
}

// GradientStats summarises the gradient of the loss on x, y for every
// weight (the model must be compiled); the weights do not change.
func (m *Model) GradientStats(x, y js.Value) ([]Stats, error) {
	v, err := Invoke(m.Value, "gradientStats", x, y)
	if err != nil {
		return nil, err
	}
	return readStats(v), nil
}

func readStats(v js.Value) []Stats {
	out := make([]Stats, v.Length())
	num := func(o js.Value, k string) float64 {
		if x := o.Get(k); x.Type() == js.TypeNumber {
			return x.Float()
		}
		return math.NaN()
	}
	for i := range out {
		o := v.Index(i)
		out[i] = Stats{Name: o.Get("name").String(), Shape: Ints(o.Get("shape")), Trainable: o.Get("trainable").Truthy(),
			Mean: num(o, "mean"), Std: num(o, "std"), Min: num(o, "min"), Max: num(o, "max"),
			Norm: num(o, "norm"), Zeros: num(o, "zeros")}
	}
	return out
}

// ConfusionMatrix counts, for each true class (row), the predicted classes
// (columns): gonn.confusionMatrix(truth, pred, classes).
func ConfusionMatrix(truth, pred []int, classes int) ([][]int, error) {
	g, err := Module()
	if err != nil {
		return nil, err
	}
	v, err := Invoke(g, "confusionMatrix", IntArray(truth), IntArray(pred), classes)
	if err != nil {
		return nil, err
	}
	out := make([][]int, v.Length())
	for i := range out {
		out[i] = Ints(v.Index(i))
	}
	return out, nil
}
