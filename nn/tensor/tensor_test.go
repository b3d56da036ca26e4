package tensor

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// panicsShape asserts that fn panics with an error wrapping ErrShape.
func panicsShape(t *testing.T, fn func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		require.NotNil(t, r, "no panic")
		err, ok := r.(error)
		require.True(t, ok, "panic value %v is not an error", r)
		assert.True(t, errors.Is(err, ErrShape), "%v does not wrap ErrShape", err)
	}()
	fn()
}

func TestTensor_New(t *testing.T) {
	tests := []struct {
		name    string
		shape   []int
		size    int
		strides []int
	}{
		{"scalar", []int{}, 1, []int{}},
		{"vector", []int{5}, 5, []int{1}},
		{"matrix", []int{2, 3}, 6, []int{3, 1}},
		{"3-D", []int{2, 3, 4}, 24, []int{12, 4, 1}},
		{"empty axis", []int{3, 0, 2}, 0, []int{0, 2, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := New(tc.shape...)
			assert.Equal(t, tc.shape, x.Shape)
			assert.Equal(t, tc.strides, x.Strides)
			assert.Equal(t, tc.size, x.Size())
			assert.Equal(t, len(tc.shape), x.Rank())
			for _, v := range x.Data {
				assert.Zero(t, v)
			}
		})
	}
}

// New and From copy the shape they are given.
func TestTensor_ShapeNotAliased(t *testing.T) {
	shape := []int{2, 3}
	x := New(shape...)
	y := From(make([]float32, 6), shape...)
	shape[0] = 7
	assert.Equal(t, []int{2, 3}, x.Shape)
	assert.Equal(t, []int{2, 3}, y.Shape)
}

func TestTensor_FromScalarFull(t *testing.T) {
	d := []float32{1, 2, 3, 4, 5, 6}
	x := From(d, 3, 2)
	d[0] = 9
	assert.Equal(t, float32(9), x.At(0, 0), "From wraps without copying")
	assert.Equal(t, float32(4), x.At(1, 1))

	s := Scalar(2.5)
	assert.Empty(t, s.Shape)
	assert.Equal(t, float32(2.5), s.At())

	f := Full(-1, 2, 2)
	assert.Equal(t, []float32{-1, -1, -1, -1}, f.Data)
}

func TestTensor_OffsetAtSet(t *testing.T) {
	x := New(2, 3, 4)
	tests := []struct {
		idx  []int
		want int
	}{
		{[]int{0, 0, 0}, 0},
		{[]int{0, 0, 3}, 3},
		{[]int{0, 2, 1}, 9},
		{[]int{1, 0, 0}, 12},
		{[]int{1, 2, 3}, 23},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, x.Offset(tc.idx...), "Offset%v", tc.idx)
		x.Set(float32(tc.want), tc.idx...)
		assert.Equal(t, float32(tc.want), x.At(tc.idx...))
		assert.Equal(t, float32(tc.want), x.Data[tc.want])
	}
}

func TestTensor_Reshape(t *testing.T) {
	x := From([]float32{0, 1, 2, 3, 4, 5}, 2, 3)
	tests := []struct {
		name  string
		shape []int
		want  []int
	}{
		{"explicit", []int{3, 2}, []int{3, 2}},
		{"-1 first", []int{-1, 2}, []int{3, 2}},
		{"-1 last", []int{1, 2, -1}, []int{1, 2, 3}},
		{"flatten", []int{-1}, []int{6}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			y := x.Reshape(tc.shape...)
			assert.Equal(t, tc.want, y.Shape)
			assert.Equal(t, RowMajorStrides(tc.want), y.Strides)
			assert.Same(t, &x.Data[0], &y.Data[0], "Reshape shares Data")
		})
	}
	assert.Equal(t, []int{}, Scalar(1).Reshape(1, 1).Reshape().Shape)
	assert.Equal(t, []int{0, 4}, New(0, 2).Reshape(0, 4).Shape)
}

func TestTensor_Clone(t *testing.T) {
	x := From([]float32{1, 2}, 2)
	y := x.Clone()
	y.Data[0], y.Shape[0] = 7, 9
	assert.Equal(t, []float32{1, 2}, x.Data)
	assert.Equal(t, []int{2}, x.Shape)
}

func TestTensor_SameShapeZeroString(t *testing.T) {
	assert.True(t, SameShape([]int{2, 3}, []int{2, 3}))
	assert.True(t, SameShape([]int{}, nil))
	assert.False(t, SameShape([]int{2, 3}, []int{3, 2}))
	assert.False(t, SameShape([]int{6}, []int{6, 1}))

	x := Full(3, 10)
	x.Zero()
	assert.Equal(t, make([]float32, 10), x.Data)
	assert.Equal(t, "Tensor[2][1 2]", From([]float32{1, 2}, 2).String())
	assert.Equal(t, "Tensor[10][0 0 0 0 0 0 0 0 …]", x.String())
}

func TestTensor_ShapePanics(t *testing.T) {
	x := New(2, 3)
	for name, fn := range map[string]func(){
		"New negative extent":    func() { New(2, -1) },
		"New absurd shape":       func() { New(1<<20, 1<<20) },
		"New overflowing shape":  func() { New(1<<40, 1<<40, 1<<40) },
		"From size mismatch":     func() { From(make([]float32, 5), 2, 3) },
		"Full absurd shape":      func() { Full(1, 1<<31, 2) },
		"Reshape size mismatch":  func() { x.Reshape(4, 2) },
		"Reshape -1 not integer": func() { x.Reshape(4, -1) },
		"Reshape two -1":         func() { x.Reshape(-1, -1) },
		"Reshape -2":             func() { x.Reshape(-2, -3) },
		"Reshape -1 with 0":      func() { New(0, 3).Reshape(0, -1) },
		"Offset too few":         func() { x.Offset(1) },
		"Offset too many":        func() { x.Offset(1, 1, 1) },
		"Offset out of range":    func() { x.Offset(0, 3) },
		"Offset negative":        func() { x.Offset(-1, 0) },
		"At out of range":        func() { x.At(2, 0) },
		"Set out of range":       func() { x.Set(1, 0, -1) },
		"Shapef":                 func() { Shapef("%d", 1) },
	} {
		t.Run(name, func(t *testing.T) { panicsShape(t, fn) })
	}
}
