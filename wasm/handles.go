package main

import (
	"math"

	"gonn/nn/tensor"
)

// handleTable maps handles (int32 > 0, never reused) to models, tensors
// and GANs.
type handleTable struct {
	next  int32
	items map[int32]any // *model, *tensor.Tensor or *ganHandle
}

// kindOf names what a handle holds, for errors.
func kindOf(v any) string {
	switch v.(type) {
	case *model:
		return "a model"
	case *tensor.Tensor:
		return "a tensor"
	case *ganHandle:
		return "a GAN"
	}
	return "unknown"
}

// add stores v under a new handle.
func (t *handleTable) add(v any) (int32, error) {
	if t.next == math.MaxInt32 {
		return 0, fail(statusTooLarge, "gonn: all %d handles have been used", math.MaxInt32)
	}
	if t.items == nil {
		t.items = map[int32]any{}
	}
	t.next++
	t.items[t.next] = v
	return t.next, nil
}

func (t *handleTable) remove(h int32) error {
	if _, err := t.get(h); err != nil {
		return err
	}
	delete(t.items, h)
	return nil
}

func (t *handleTable) get(h int32) (any, error) {
	v, ok := t.items[h]
	if !ok {
		if h > 0 && h <= t.next {
			return nil, fail(statusUnknownHandle, "handle %d was disposed", h)
		}
		return nil, fail(statusUnknownHandle, "no model, tensor or GAN has handle %d", h)
	}
	return v, nil
}

// model returns the model with handle h.
func (t *handleTable) model(h int32) (*model, error) {
	v, err := t.get(h)
	if err != nil {
		return nil, err
	}
	m, ok := v.(*model)
	if !ok {
		return nil, fail(statusUnknownHandle, "handle %d is %s, not a model", h, kindOf(v))
	}
	return m, nil
}

// tensor returns the tensor with handle h; what names it in errors.
func (t *handleTable) tensor(what string, h int32) (*tensor.Tensor, error) {
	v, err := t.get(h)
	if err != nil {
		return nil, fail(statusUnknownHandle, "%s: %v", what, err)
	}
	x, ok := v.(*tensor.Tensor)
	if !ok {
		return nil, fail(statusUnknownHandle, "%s: handle %d is %s, not a tensor", what, h, kindOf(v))
	}
	return x, nil
}
