// Package tensor holds gonn's n-dimensional array: float32 values in one flat
// slice, row-major, with the shape beside them.
//
// A Tensor is made with New (zeros), From (wrapping a slice) or Scalar. Its
// layout reads like image.RGBA's Pix: the element at index (i0, i1, …, in)
// lives at Data[i0*Strides[0] + i1*Strides[1] + … + in*Strides[n]], and since
// tensors are always contiguous and row-major, Strides[n] == 1 and
// Strides[k] == Strides[k+1]*Shape[k+1]. Offset computes that index.
//
// Hot loops index Data directly; there is no per-element method call or
// interface on any path that touches every value. Misuse of shapes panics with
// an error wrapping ErrShape; the edges of the engine (model building, loading,
// the wasm exports) turn such panics into errors.
package tensor

import (
	"errors"
	"fmt"
	"strings"
)

// ErrShape is wrapped by every panic caused by incompatible shapes.
var ErrShape = errors.New("tensor: shape mismatch")

// Shapef panics with an error wrapping ErrShape.
func Shapef(format string, args ...any) {
	panic(fmt.Errorf("%w: "+format, append([]any{ErrShape}, args...)...))
}

// MaxElements bounds the size of one tensor (1<<31 - 1 float32s, 8 GiB), so
// an absurd shape fails with a clear message instead of an allocation crash.
const MaxElements = 1<<31 - 1

// Tensor is a dense float32 array.
type Tensor struct {
	// Data holds the values in row-major order: the element at index
	// (i0, …, in) is at Data[i0*Strides[0] + … + in*Strides[n]].
	// len(Data) == Size().
	Data []float32
	// Shape is the extent of each axis, outermost first. A scalar has an
	// empty shape and one value.
	Shape []int
	// Strides is the distance in Data between neighbours along each axis.
	// It is always the row-major stride of Shape.
	Strides []int
}

// New returns a zero tensor of the given shape.
func New(shape ...int) *Tensor {
	n := NumElements(shape)
	return &Tensor{Data: make([]float32, n), Shape: clone(shape), Strides: RowMajorStrides(shape)}
}

// From wraps data (not copied) as a tensor of the given shape.
func From(data []float32, shape ...int) *Tensor {
	if n := NumElements(shape); n != len(data) {
		Shapef("From: shape %v holds %d values, data has %d", shape, n, len(data))
	}
	return &Tensor{Data: data, Shape: clone(shape), Strides: RowMajorStrides(shape)}
}

// Scalar returns a 0-dimensional tensor holding v.
func Scalar(v float32) *Tensor { return From([]float32{v}) }

// Full returns a tensor of the given shape with every element set to v.
func Full(v float32, shape ...int) *Tensor {
	t := New(shape...)
	for i := range t.Data {
		t.Data[i] = v
	}
	return t
}

// NumElements is the product of shape; it panics on negative extents or on
// a product above MaxElements.
func NumElements(shape []int) int {
	n := 1
	for _, d := range shape {
		if d < 0 {
			Shapef("negative extent in shape %v", shape)
		}
		if d != 0 && n > MaxElements/d {
			Shapef("shape %v has more than %d elements", shape, MaxElements)
		}
		n *= d
	}
	return n
}

// RowMajorStrides returns the strides of a contiguous row-major layout.
func RowMajorStrides(shape []int) []int {
	s := make([]int, len(shape))
	step := 1
	for i := len(shape) - 1; i >= 0; i-- {
		s[i] = step
		step *= shape[i]
	}
	return s
}

// Size is the number of elements.
func (t *Tensor) Size() int { return len(t.Data) }

// Rank is the number of axes.
func (t *Tensor) Rank() int { return len(t.Shape) }

// Offset returns the index into Data of the element at idx.
func (t *Tensor) Offset(idx ...int) int {
	if len(idx) != len(t.Shape) {
		Shapef("Offset: %d indices for shape %v", len(idx), t.Shape)
	}
	o := 0
	for i, v := range idx {
		if v < 0 || v >= t.Shape[i] {
			Shapef("Offset: index %v out of range for shape %v", idx, t.Shape)
		}
		o += v * t.Strides[i]
	}
	return o
}

// At returns the element at idx.
func (t *Tensor) At(idx ...int) float32 { return t.Data[t.Offset(idx...)] }

// Set stores v at idx.
func (t *Tensor) Set(v float32, idx ...int) { t.Data[t.Offset(idx...)] = v }

// Clone returns a deep copy.
func (t *Tensor) Clone() *Tensor {
	return &Tensor{Data: append([]float32(nil), t.Data...), Shape: clone(t.Shape), Strides: clone(t.Strides)}
}

// Reshape returns a tensor sharing Data with a new shape. One extent may be
// -1, meaning "whatever makes the sizes match", as in Keras and NumPy.
func (t *Tensor) Reshape(shape ...int) *Tensor {
	shape = ResolveShape(shape, t.Size())
	return &Tensor{Data: t.Data, Shape: shape, Strides: RowMajorStrides(shape)}
}

// ResolveShape fills in a single -1 extent so that shape holds size values.
func ResolveShape(shape []int, size int) []int {
	shape = clone(shape)
	unknown, known := -1, 1
	for i, d := range shape {
		switch {
		case d == -1 && unknown < 0:
			unknown = i
		case d < 0:
			Shapef("reshape to %v: bad extent %d", shape, d)
		default:
			known *= d
		}
	}
	if unknown >= 0 {
		if known == 0 || size%known != 0 {
			Shapef("cannot reshape %d values to %v", size, shape)
		}
		shape[unknown] = size / known
	}
	if NumElements(shape) != size {
		Shapef("cannot reshape %d values to %v", size, shape)
	}
	return shape
}

// Zero sets every element to 0.
func (t *Tensor) Zero() { clear(t.Data) }

// SameShape reports whether a and b have identical shapes.
func SameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// String prints the shape and up to the first 8 values.
func (t *Tensor) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Tensor%v[", t.Shape)
	for i, v := range t.Data {
		if i == 8 {
			b.WriteString(" …")
			break
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%g", v)
	}
	b.WriteByte(']')
	return b.String()
}

func clone(s []int) []int { return append([]int{}, s...) }
