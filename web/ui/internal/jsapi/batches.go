//go:build js && wasm

package jsapi

import "syscall/js"

// TrainOnBatch runs one training step on the batch x, y (TensorLikes or
// EngineTensors) and returns its logs (Keras' train_on_batch).
func (m *Model) TrainOnBatch(x, y js.Value) (Logs, error) {
	v, err := Invoke(m.Value, "trainOnBatch", x, y)
	return Logs{v}, err
}

// Apply runs one forward pass of x, in training mode (dropout, augmentation
// and BatchNorm's batch statistics on) or not, and returns the output; the
// weights stay as they are (model.call(x, {training})).
func (m *Model) Apply(x js.Value, training bool) (Tensor, error) {
	v, err := Invoke(m.Value, "call", x, map[string]any{"training": training})
	if err != nil {
		return Tensor{}, err
	}
	return ReadTensor(v), nil
}

// SetTrainable freezes (false) or unfreezes the layer i; training picks it
// up at the next Compile, as in Keras.
func (m *Model) SetTrainable(layer int, trainable bool) error {
	_, err := Invoke(m.Value, "setTrainable", layer, trainable)
	return err
}

// LayerInfo is one layer of Info.
type LayerInfo struct {
	Name, ClassName string
	Trainable       bool
	Params          int
}

// Info is model.info(): its layers, with their trainable flags and sizes.
func (m *Model) Info() (layers []LayerInfo, params, trainable int, err error) {
	v, err := Invoke(m.Value, "info")
	if err != nil {
		return nil, 0, 0, err
	}
	ls := v.Get("layers")
	layers = make([]LayerInfo, ls.Length())
	for i := range layers {
		l := ls.Index(i)
		layers[i] = LayerInfo{Name: l.Get("name").String(), ClassName: l.Get("className").String(),
			Trainable: l.Get("trainable").Bool(), Params: l.Get("params").Int()}
	}
	return layers, v.Get("params").Int(), v.Get("trainableParams").Int(), nil
}
