package metrics_test

import (
	"fmt"

	"gonn/nn/metrics"
	"gonn/nn/tensor"
)

// "accuracy" under sparse_categorical_crossentropy compares class ids with
// the argmax of the predictions, over every sample since Reset.
func ExampleGet() {
	m, err := metrics.Get("accuracy", "sparse_categorical_crossentropy")
	if err != nil {
		panic(err)
	}
	m.Update(tensor.From([]float32{0, 2, 1}, 3), tensor.From([]float32{
		.7, .2, .1,
		.1, .1, .8,
		.2, .5, .3,
	}, 3, 3))
	m.Update(tensor.From([]float32{1}, 1), tensor.From([]float32{.9, .05, .05}, 1, 3))
	fmt.Println(m.Name(), m.Result())
	// Output: accuracy 0.75
}
