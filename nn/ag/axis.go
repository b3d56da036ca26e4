package ag

import "gonn/nn/tensor"

// normAxis turns a possibly negative axis (-1 = last) into an index below
// rank, or panics with ErrShape.
func normAxis(op string, axis, rank int) int {
	if axis < -rank || axis >= rank {
		tensor.Shapef("%s: axis %d out of range for rank %d", op, axis, rank)
	}
	if axis < 0 {
		axis += rank
	}
	return axis
}

// splitAt views shape as (outer, n, inner) around axis: the element at
// (o, k, i) is at o*n*inner + k*inner + i.
func splitAt(shape []int, axis int) (outer, n, inner int) {
	outer, inner = 1, 1
	for _, d := range shape[:axis] {
		outer *= d
	}
	for _, d := range shape[axis+1:] {
		inner *= d
	}
	return outer, shape[axis], inner
}

// without returns shape with axis removed.
func without(shape []int, axis int) []int {
	return append(append([]int{}, shape[:axis]...), shape[axis+1:]...)
}
