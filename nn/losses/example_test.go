package losses_test

import (
	"fmt"

	"gonn/nn/ag"
	"gonn/nn/losses"
	"gonn/nn/tensor"
)

// A softmax output is recognised: the loss is computed from its logits.
func ExampleCategoricalCrossentropy() {
	logits := ag.Param(tensor.From([]float32{2, 0, 0, 0, 3, 0}, 2, 3), "logits")
	yTrue := tensor.From([]float32{1, 0, 0, 0, 0, 1}, 2, 3)
	loss := losses.CategoricalCrossentropy{}.Call(yTrue, ag.Softmax(logits, -1))
	ag.Backward(loss)
	fmt.Printf("loss %.4f\n", loss.Data()[0])
	fmt.Printf("dloss/dlogits[0] %.4f\n", logits.Grad.Data[:3])
	// Output:
	// loss 1.6672
	// dloss/dlogits[0] [-0.1065 0.0533 0.0533]
}

func ExampleGet() {
	l, err := losses.Get("mse")
	if err != nil {
		panic(err)
	}
	yTrue := tensor.From([]float32{0, 1, 0, 0}, 2, 2)
	yPred := ag.Const(tensor.From([]float32{1, 1, 1, 0}, 2, 2))
	fmt.Println(l.Name(), l.Call(yTrue, yPred).Data()[0])
	// Output: mean_squared_error 0.5
}
