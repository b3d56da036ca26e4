package ag_test

import (
	"fmt"
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// poolWindow is a Pool2D with its arguments spelled out.
func poolWindow(kh, kw, sh, sw int, same bool) ag.Pool2D {
	return ag.Pool2D{Size: [2]int{kh, kw}, Strides: [2]int{sh, sw}, Same: same}
}

// poolSeq returns 1, 2, …, n as a tensor of the given shape.
func poolSeq(shape ...int) *tensor.Tensor {
	x := tensor.New(shape...)
	for i := range x.Data {
		x.Data[i] = float32(i + 1)
	}
	return x
}

func TestPool2D_Forward(t *testing.T) {
	sq4 := poolSeq(1, 4, 4, 1)  // rows 1-4, 5-8, 9-12, 13-16
	sq3 := poolSeq(1, 3, 3, 1)  // rows 1-3, 4-6, 7-9
	row4 := poolSeq(1, 1, 4, 1) // 1 2 3 4
	two := poolSeq(1, 2, 2, 2)  // channel 0: 1 3 5 7, channel 1: 2 4 6 8
	pool := func(isMax bool, x *tensor.Tensor, p ag.Pool2D) func() *ag.Var {
		return func() *ag.Var {
			if isMax {
				return ag.MaxPool2D(ag.Const(x), p)
			}
			return ag.AvgPool2D(ag.Const(x), p)
		}
	}
	runForward(t, []forwardCase{
		{"max 2x2 valid", pool(true, sq4, poolWindow(2, 2, 2, 2, false)), []int{1, 2, 2, 1}, []float32{6, 8, 14, 16}},
		{"avg 2x2 valid", pool(false, sq4, poolWindow(2, 2, 2, 2, false)), []int{1, 2, 2, 1}, []float32{3.5, 5.5, 11.5, 13.5}},
		{"max 3x3 stride 1", pool(true, sq4, poolWindow(3, 3, 1, 1, false)), []int{1, 2, 2, 1}, []float32{11, 12, 15, 16}},
		{"max stride 3 > pool 2 (rows 3-4 and cols 3-4 skipped)", pool(true, sq4, poolWindow(2, 2, 3, 3, false)), []int{1, 1, 1, 1}, []float32{6}},
		// 3x3, window 2, stride 2, same: 2 windows per axis, pad 1, all of
		// it after: windows rows {0,1} and {2}.
		{"max same, odd size", pool(true, sq3, poolWindow(2, 2, 2, 2, true)), []int{1, 2, 2, 1}, []float32{5, 6, 8, 9}},
		{"avg same counts real elements only", pool(false, sq3, poolWindow(2, 2, 2, 2, true)), []int{1, 2, 2, 1},
			[]float32{(1 + 2 + 4 + 5) / 4.0, (3 + 6) / 2.0, (7 + 8) / 2.0, 9}},
		// 4 wide, window 3, stride 1, same: pad 2, one before and one after:
		// windows {0,1}, {0,1,2}, {1,2,3}, {2,3}.
		{"avg same, pad on both sides", pool(false, row4, poolWindow(1, 3, 1, 1, true)), []int{1, 1, 4, 1}, []float32{1.5, 2, 3, 3.5}},
		{"max same, pad on both sides", pool(true, row4, poolWindow(1, 3, 1, 1, true)), []int{1, 1, 4, 1}, []float32{2, 3, 4, 4}},
		{"max per channel", pool(true, two, poolWindow(2, 2, 2, 2, false)), []int{1, 1, 1, 2}, []float32{7, 8}},
		{"avg per channel", pool(false, two, poolWindow(2, 2, 2, 2, false)), []int{1, 1, 1, 2}, []float32{4, 5}},
		{"max over the whole image (global)", pool(true, poolSeq(2, 2, 3, 1), poolWindow(2, 3, 1, 1, false)), []int{2, 1, 1, 1}, []float32{6, 12}},
	})
}

// naivePool is the pooling written straight from TensorFlow's definition,
// in float64: output (b, i, j, c) pools x[b, i·sh - top + dy, j·sw - left
// + dx, c] for dy < kh, dx < kw, skipping positions outside the image.
func naivePool(x *tensor.Tensor, p ag.Pool2D, isMax bool) (shape []int, out []float64) {
	n, h, w, c := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	kh, kw, sh, sw := p.Size[0], p.Size[1], p.Strides[0], p.Strides[1]
	oh, ow := (h-kh)/sh+1, (w-kw)/sw+1
	top, left := 0, 0
	if p.Same {
		oh, ow = int(math.Ceil(float64(h)/float64(sh))), int(math.Ceil(float64(w)/float64(sw)))
		top = max((oh-1)*sh+kh-h, 0) / 2
		left = max((ow-1)*sw+kw-w, 0) / 2
	}
	for b := range n {
		for i := range oh {
			for j := range ow {
				for ch := range c {
					acc, m := 0.0, 0
					best := math.Inf(-1)
					for dy := range kh {
						for dx := range kw {
							y, xx := i*sh-top+dy, j*sw-left+dx
							if y < 0 || y >= h || xx < 0 || xx >= w {
								continue
							}
							v := float64(x.At(b, y, xx, ch))
							acc += v
							best = math.Max(best, v)
							m++
						}
					}
					if isMax {
						out = append(out, best)
					} else {
						out = append(out, acc/float64(m))
					}
				}
			}
		}
	}
	return []int{n, oh, ow, c}, out
}

// poolDistinct returns a tensor of the given shape holding a random permutation
// of 0, 0.05, 0.1, …, shifted to be centred on 0: no two values closer than
// 0.05, so the finite differences of a gradient check (step 0.01) never
// change which element of a window is the largest.
func poolDistinct(seed uint64, shape ...int) *tensor.Tensor {
	x := tensor.New(shape...)
	for i, p := range rng.New(seed).Perm(x.Size()) {
		x.Data[i] = float32(p-x.Size()/2) * 0.05
	}
	return x
}

var poolCases = []struct {
	h, w, c int
	p       ag.Pool2D
}{
	{4, 4, 1, poolWindow(2, 2, 2, 2, false)},
	{5, 7, 3, poolWindow(2, 3, 1, 2, false)},
	{7, 8, 2, poolWindow(2, 2, 3, 3, false)}, // stride > pool
	{5, 7, 3, poolWindow(3, 2, 2, 3, true)},
	{7, 5, 1, poolWindow(3, 3, 2, 2, true)}, // odd sizes, pad on both sides
	{6, 6, 2, poolWindow(2, 2, 2, 2, true)}, // same without padding
	{5, 5, 2, poolWindow(4, 4, 1, 1, true)}, // pad 3: one before, two after
	{1, 9, 2, poolWindow(1, 4, 1, 3, true)}, // a 1-D pooling
	{3, 4, 2, poolWindow(3, 4, 1, 1, false)},
}

func TestPool2D_Reference(t *testing.T) {
	for i, tc := range poolCases {
		x := poolDistinct(uint64(i), 2, tc.h, tc.w, tc.c)
		for _, isMax := range []bool{true, false} {
			name := fmt.Sprintf("%dx%dx%d window %v strides %v same %v max %v", tc.h, tc.w, tc.c, tc.p.Size, tc.p.Strides, tc.p.Same, isMax)
			got := ag.AvgPool2D(ag.Const(x), tc.p)
			if isMax {
				got = ag.MaxPool2D(ag.Const(x), tc.p)
			}
			shape, want := naivePool(x, tc.p, isMax)
			require.Equal(t, shape, got.Shape(), name)
			oh, ow := tc.p.OutputSize(tc.h, tc.w)
			assert.Equal(t, shape[1:3], []int{oh, ow}, name)
			for k, v := range want {
				if isMax {
					require.Equal(t, float32(v), got.Data()[k], "%s: element %d", name, k)
				} else {
					require.InDelta(t, v, got.Data()[k], 1e-6, "%s: element %d", name, k)
				}
			}
		}
	}
}

func TestPool2D_Grad(t *testing.T) {
	var tests []gradCase
	for i, tc := range poolCases {
		p := tc.p
		x := poolDistinct(uint64(100+i), 2, tc.h, tc.w, tc.c)
		name := fmt.Sprintf("%dx%dx%d window %v strides %v same %v", tc.h, tc.w, tc.c, p.Size, p.Strides, p.Same)
		tests = append(tests,
			gradCase{"max " + name, func(in []*ag.Var) *ag.Var { return ag.MaxPool2D(in[0], p) }, []*tensor.Tensor{x}},
			gradCase{"avg " + name, func(in []*ag.Var) *ag.Var { return ag.AvgPool2D(in[0], p) }, []*tensor.Tensor{x}},
		)
	}
	runGrad(t, tests)
}

// TestMaxPool2D_Ties: of equal maxima, the first in row-major window order
// takes the whole gradient.
func TestMaxPool2D_Ties(t *testing.T) {
	tests := []struct {
		name string
		x    []float32 // one 2x2 window
		want []float32 // dx for dout = 1
	}{
		{"all equal", []float32{1, 1, 1, 1}, []float32{1, 0, 0, 0}},
		{"top right and bottom left", []float32{0, 3, 3, 1}, []float32{0, 1, 0, 0}},
		{"bottom row", []float32{-2, -5, 4, 4}, []float32{0, 0, 1, 0}},
	}
	for _, tt := range tests {
		x := ag.Param(tensor.From(append([]float32{}, tt.x...), 1, 2, 2, 1), "x")
		y := ag.MaxPool2D(x, poolWindow(2, 2, 2, 2, false))
		ag.Backward(y)
		assert.Equal(t, tt.want, x.Grad.Data, tt.name)
	}
}

// TestMaxPool2D_NaN: a NaN in a window is the window's maximum, wherever it
// is, so a NaN shows in the loss rather than vanishing.
func TestMaxPool2D_NaN(t *testing.T) {
	nan := float32(math.NaN())
	for _, x := range [][]float32{{nan, 1, 2, 3}, {1, 2, nan, 3}, {3, 2, 1, nan}} {
		y := ag.MaxPool2D(ag.Const(tensor.From(x, 1, 2, 2, 1)), poolWindow(2, 2, 2, 2, false))
		assert.True(t, math.IsNaN(float64(y.Data()[0])), "%v", x)
	}
}

// TestAvgPool2D_Overlap: overlapping windows add their shares into the same
// input elements.
func TestAvgPool2D_Overlap(t *testing.T) {
	x := ag.Param(poolSeq(1, 1, 3, 1), "x")
	ag.Backward(ag.AvgPool2D(x, poolWindow(1, 2, 1, 1, false))) // windows {0,1}, {1,2}
	assert.Equal(t, []float32{0.5, 1, 0.5}, x.Grad.Data)
}

func TestPool2D_OutputSize(t *testing.T) {
	tests := []struct {
		in   int
		k, s int
		same bool
		want int
	}{
		{24, 2, 2, false, 12}, // Keras mnist_cnn: 24x24x64 → 12x12x64
		{5, 2, 2, false, 2},
		{5, 2, 2, true, 3},
		{5, 3, 1, false, 3},
		{5, 3, 1, true, 5},
		{7, 2, 3, false, 2},
		{1, 2, 2, false, 0},
		{1, 2, 2, true, 1},
	}
	for _, tt := range tests {
		oh, ow := poolWindow(tt.k, 1, tt.s, 1, tt.same).OutputSize(tt.in, 1)
		assert.Equal(t, tt.want, oh, "%+v", tt)
		assert.Equal(t, 1, ow, "%+v", tt)
	}
}

func TestPool2D_ShapePanics(t *testing.T) {
	x := ag.Const(tensor.New(1, 3, 3, 1))
	for name, fn := range map[string]func(){
		"rank 3":          func() { ag.MaxPool2D(ag.Const(tensor.New(3, 3, 1)), poolWindow(2, 2, 2, 2, false)) },
		"zero window":     func() { ag.AvgPool2D(x, poolWindow(0, 2, 1, 1, false)) },
		"zero stride":     func() { ag.MaxPool2D(x, poolWindow(2, 2, 0, 1, true)) },
		"window too wide": func() { ag.AvgPool2D(x, poolWindow(2, 4, 1, 1, false)) },
	} {
		t.Run(name, func(t *testing.T) { panicsShape(t, fn) })
	}
	// With same padding a window larger than the image is fine.
	assert.Equal(t, []int{1, 1, 1, 1}, ag.MaxPool2D(x, poolWindow(4, 4, 4, 4, true)).Shape())
}
