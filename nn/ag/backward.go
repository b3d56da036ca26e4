package ag

import "gonn/nn/tensor"

// Backward computes the gradient of out with respect to every Var it depends
// on that requires one, seeding dout = 1 for every element of out (for a
// scalar loss, dloss/dloss = 1). Gradients are added to what the leaves'
// Grad holds, so two calls give twice the gradient; the Grad of an
// intermediate Var is recomputed by each call.
func Backward(out *Var) {
	BackwardFrom(out, tensor.Full(1, out.Value.Shape...))
}

// BackwardFrom is Backward with an explicit seed gradient of out's shape.
func BackwardFrom(out *Var, seed *tensor.Tensor) {
	if !tensor.SameShape(seed.Shape, out.Value.Shape) {
		tensor.Shapef("BackwardFrom: seed shape %v, output shape %v", seed.Shape, out.Value.Shape)
	}
	if !out.requiresGrad {
		return
	}
	order := topoSort(out)
	// An intermediate's Grad must hold only this call's gradient: what an
	// earlier Backward left there (a second call, or another loss sharing the
	// subgraph) was already passed on to the leaves. Leaves keep accumulating.
	for _, v := range order {
		if v.op != "" {
			v.Grad = nil
		}
	}
	g := gradOf(out)
	for i, s := range seed.Data {
		g[i] = g[i] + s
	}
	for i := len(order) - 1; i >= 0; i-- {
		v := order[i]
		if v.backward != nil && v.Grad != nil {
			v.backward()
		}
	}
}

// topoSort lists the Vars that out depends on (and that require gradients),
// every Var after all of its inputs. It is iterative so deep graphs (long
// unrolled RNNs) cannot overflow the stack.
func topoSort(out *Var) []*Var {
	type frame struct {
		v    *Var
		next int // index of the next input to visit
	}
	var order []*Var
	seen := map[*Var]bool{out: true}
	stack := []frame{{v: out}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next < len(top.v.inputs) {
			in := top.v.inputs[top.next]
			top.next++
			if in.requiresGrad && !seen[in] {
				seen[in] = true
				stack = append(stack, frame{v: in})
			}
			continue
		}
		order = append(order, top.v)
		stack = stack[:len(stack)-1]
	}
	return order
}
