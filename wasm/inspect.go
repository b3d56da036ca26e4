package main

import (
	"bytes"
	"encoding/json"

	"gonn/nn/inspect"
	"gonn/nn/tensor"
)

// Looking inside a model (nn/inspect): every layer's output, the
// convolution filters, saliency, occlusion, activation maximisation and the
// statistics of the weights and their gradients. All run in inference mode
// and change no weight (gradient statistics run the forward pass in
// training mode, as training does, and draw from the model's generator).

// layerOutput is one entry of gonn_layer_outputs' result.
type layerOutput struct {
	Name      string `json:"name"`
	ClassName string `json:"class_name"`
	Shape     []int  `json:"shape"`
	Tensor    int32  `json:"tensor"` // a new tensor handle, the host's to dispose
}

// LayerOutputs runs the batch x through the model and makes every layer's
// output a new tensor; the result lists them, layer by layer.
func (e *Engine) LayerOutputs(h, x int32) int32 {
	return e.guard("gonn_layer_outputs", false, func() error {
		const op = "gonn_layer_outputs"
		m, xt, err := e.inspectInput(op, h, x)
		if err != nil {
			return err
		}
		outs, err := inspect.LayerOutputs(m.seq, xt)
		if err != nil {
			return err
		}
		for i := range outs {
			outs[i] = unshared(outs[i], append(outs[:i:i], xt)...)
		}
		list := make([]layerOutput, len(outs))
		for i, out := range outs {
			l := m.seq.Layers[i]
			list[i] = layerOutput{Name: l.Name(), ClassName: l.ClassName(), Shape: out.Shape}
		}
		// Handles last: a failure above leaves none behind.
		for i, out := range outs {
			if list[i].Tensor, err = e.handles.add(out); err != nil {
				for _, made := range list[:i] {
					e.handles.remove(made.Tensor)
				}
				return err
			}
		}
		return e.setJSON(list)
	})
}

// Filters makes the kernel of the convolution at layer a new tensor
// (filters, kh, kw, channels): one image per filter, each scaled to [0, 1]
// on its own (inspect.Filters). Conv1D kernels give (filters, k, channels).
func (e *Engine) Filters(h, layer int32) int32 {
	return e.guard("gonn_filters", false, func() error {
		const op = "gonn_filters"
		m, err := e.builtModel(op, h)
		if err != nil {
			return err
		}
		if err := checkLayerIndex(op, len(m.seq.Layers), layer); err != nil {
			return err
		}
		images, shape, err := inspect.Filters(m.seq, int(layer))
		if err != nil {
			return err
		}
		out := tensor.New(append([]int{len(images)}, shape...)...)
		per := out.Size() / max(len(images), 1)
		for f, img := range images {
			copy(out.Data[f*per:(f+1)*per], img)
		}
		return e.addHandle(out)
	})
}

// Saliency makes ∂ out[n, class] / ∂ x[n, …] a new tensor shaped like x.
func (e *Engine) Saliency(h, x, class int32) int32 {
	return e.guard("gonn_saliency", false, func() error {
		const op = "gonn_saliency"
		m, xt, err := e.inspectInput(op, h, x)
		if err != nil {
			return err
		}
		if err := checkClass(op, m.seq.OutputShape(), class); err != nil {
			return err
		}
		s, err := inspect.Saliency(m.seq, xt, int(class))
		if err != nil {
			return err
		}
		return e.addHandle(s)
	})
}

// occlusionSpec is gonn_occlusion's JSON argument.
type occlusionSpec struct {
	ClassIndex *int32  `json:"class_index"`
	Size       *int    `json:"size"`
	Stride     int     `json:"stride"`
	Fill       float32 `json:"fill"`
}

// Occlusion makes the occlusion map (rows, cols) of one image x for a class
// a new tensor: how much the class's output drops when each patch is hidden.
func (e *Engine) Occlusion(h, x int32, ptr uintptr, n int32) int32 {
	return e.guard("gonn_occlusion", false, func() error {
		const op = "gonn_occlusion"
		m, xt, err := e.inspectInput(op, h, x)
		if err != nil {
			return err
		}
		var s occlusionSpec
		if err := e.strictJSON(op, ptr, n, &s, "class_index, size, stride, fill"); err != nil {
			return err
		}
		if s.ClassIndex == nil || s.Size == nil {
			return fail(statusBadArgument, "%s: class_index and size are required", op)
		}
		if xt.Shape[0] != 1 || (xt.Rank() != 3 && xt.Rank() != 4) {
			return fail(statusShape, "%s: x has shape %s: want one image (1, H, W) or (1, H, W, C)", op, shapeString(xt.Shape))
		}
		if err := checkClass(op, m.seq.OutputShape(), *s.ClassIndex); err != nil {
			return err
		}
		if err := checkOcclusionSize(op, xt, *s.Size, s.Stride); err != nil {
			return err
		}
		occ, err := inspect.Occlusion(m.seq, xt, inspect.OcclusionConfig{
			Class: int(*s.ClassIndex), Size: *s.Size, Stride: s.Stride, Fill: s.Fill})
		if err != nil {
			return err
		}
		return e.addHandle(occ)
	})
}

// checkOcclusionSize checks the patch size and stride against the image x
// (1, H, W[, C]) and bounds the batch Occlusion predicts on: x and one copy
// per patch position, (1 + rows·cols)·size(x) floats.
func checkOcclusionSize(op string, x *tensor.Tensor, size, stride int) error {
	h, w := x.Shape[1], x.Shape[2]
	if stride == 0 {
		stride = size
	}
	if size < 1 || size > max(h, w) || stride < 1 {
		return fail(statusBadArgument, "%s: patch size %d and stride %d: want 1 ≤ size ≤ %d and stride ≥ 1", op, size, stride, max(h, w))
	}
	positions := ((h + stride - 1) / stride) * ((w + stride - 1) / stride)
	if (1+positions)*x.Size() > maxElements {
		return fail(statusTooLarge, "%s: %d patch positions on an image of %d floats is more than %d floats: use a larger stride",
			op, positions, x.Size(), maxElements)
	}
	return nil
}

// inspectInput returns the model h and the batch x (at least one finite
// example the model takes).
func (e *Engine) inspectInput(op string, h, x int32) (*model, *tensor.Tensor, error) {
	m, xt, err := e.modelAndInput(op, h, x)
	if err != nil {
		return nil, nil, err
	}
	if xt.Shape[0] == 0 {
		return nil, nil, fail(statusShape, "%s: x holds no examples", op)
	}
	if err := checkFinite(op, "x", xt); err != nil {
		return nil, nil, err
	}
	return m, xt, nil
}

// checkLayerIndex checks a layer index of a model of n layers.
func checkLayerIndex(op string, n int, layer int32) error {
	if layer < 0 || int(layer) >= n {
		return fail(statusBadArgument, "%s: layer index %d: the model has %d layers", op, layer, n)
	}
	return nil
}

// checkClass checks a class index against a model whose output is a vector
// of class scores.
func checkClass(op string, outShape []int, class int32) error {
	if len(outShape) != 1 {
		return fail(statusShape, "%s: the model outputs %s per example; want a vector of class scores", op, batchShape(outShape))
	}
	if class < 0 || int(class) >= outShape[0] {
		return fail(statusBadArgument, "%s: class index %d: the model has %d classes", op, class, outShape[0])
	}
	return nil
}

// strictJSON decodes the JSON object at (ptr, n) into v, refusing unknown
// keys (known lists them for the message). Empty or null means {}.
func (e *Engine) strictJSON(op string, ptr uintptr, n int32, v any, known string) error {
	b, err := e.jsonArg(op, ptr, n)
	if err != nil {
		return err
	}
	if t := bytes.TrimSpace(b); len(t) == 0 || string(t) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fail(statusBadArgument, "%s: %v (known keys: %s)", op, err, known)
	}
	if dec.More() {
		return fail(statusBadArgument, "%s: more than one JSON value", op)
	}
	return nil
}
