package layers

import (
	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// Masks: which timesteps of a padded sequence are real.
//
// A mask is a tensor of 0s and 1s with the shape of the batch's leading axes
// (batch, steps): 1 marks a step to use, 0 a step to skip (Keras' True and
// False). It travels beside the data, from the layer that makes it to the
// layers that use it, as in Keras:
//
//   - Producers make a mask from their input: Embedding with MaskZero (id 0
//     is padding) and Masking (steps whose features all equal MaskValue).
//   - Consumers change what they compute: SimpleRNN, LSTM and GRU skip masked
//     steps (the state is carried over unchanged; see Recurrent).
//   - Some layers pass the incoming mask on unchanged, as Keras layers with
//     supports_masking do: Dense, Dropout and Activation here, and recurrent
//     layers with ReturnSequences (their output has the same steps).
//   - Every other layer drops it: its output carries no mask, as in Keras
//     (where such a layer warns that it "will destroy the mask").
//
// A layer takes part by implementing MaskConsumer, MaskProducer or both;
// CallWithMask runs one layer under these rules, and the model threads the
// mask from layer to layer with it. The loss does not read the final mask:
// unlike Keras, a mask reaching the model's output does not weight the loss.

// MaskConsumer is a layer that computes differently under a mask.
type MaskConsumer interface {
	// CallMasked is Call on x (batch, steps, …) with mask (batch, steps);
	// a nil mask means every step is used, as Call does.
	CallMasked(ctx *Context, x *ag.Var, mask *tensor.Tensor) *ag.Var
}

// MaskProducer is a layer whose output carries a mask (Keras'
// compute_mask): one it makes, or the incoming one passed on.
type MaskProducer interface {
	// ComputeMask returns the mask of the layer's output for input x and
	// the input's mask (nil if none); nil means no mask. It does not change
	// either argument, and the result may be the incoming mask itself.
	ComputeMask(x *ag.Var, mask *tensor.Tensor) *tensor.Tensor
}

// CallWithMask runs l on x, whose mask is mask (nil if none), and returns the
// output and the output's mask: CallMasked when l is a MaskConsumer and there
// is a mask, Call otherwise; the output's mask is l's ComputeMask when l is a
// MaskProducer, nil otherwise.
func CallWithMask(ctx *Context, l Layer, x *ag.Var, mask *tensor.Tensor) (*ag.Var, *tensor.Tensor) {
	var y *ag.Var
	if c, ok := l.(MaskConsumer); ok && mask != nil {
		y = c.CallMasked(ctx, x, mask)
	} else {
		y = l.Call(ctx, x)
	}
	var outMask *tensor.Tensor
	if p, ok := l.(MaskProducer); ok {
		outMask = p.ComputeMask(x, mask)
	}
	return y, outMask
}

// Layers that pass a mask on unchanged (Keras' supports_masking with the
// default compute_mask): they act on each step alone, so a skipped step stays
// skipped.

// ComputeMask returns mask: Dense acts on the last axis, step by step.
func (d *Dense) ComputeMask(_ *ag.Var, mask *tensor.Tensor) *tensor.Tensor { return mask }

// ComputeMask returns mask.
func (d *Dropout) ComputeMask(_ *ag.Var, mask *tensor.Tensor) *tensor.Tensor { return mask }

// ComputeMask returns mask.
func (a *Activation) ComputeMask(_ *ag.Var, mask *tensor.Tensor) *tensor.Tensor { return mask }

// stepKeep turns mask (batch, steps) into keep[t][i] = mask[i, t] != 0: the
// rows to update at step t. It panics with ErrShape, naming the layer, unless
// the mask is (batch, steps).
func (b *Base) stepKeep(class string, mask *tensor.Tensor, batch, steps int) [][]bool {
	if mask.Rank() != 2 || mask.Shape[0] != batch || mask.Shape[1] != steps {
		b.shapePanicf(class, "mask of shape %v, want (batch, steps) = (%d, %d)", mask.Shape, batch, steps)
	}
	keep := make([][]bool, steps)
	for t := range keep {
		keep[t] = make([]bool, batch)
		for i := range batch {
			keep[t][i] = mask.Data[i*steps+t] != 0
		}
	}
	return keep
}
