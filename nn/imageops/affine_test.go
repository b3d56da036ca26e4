package imageops

import (
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// grid is a batch of one single-channel image given row by row.
func grid(rows ...[]float32) *tensor.Tensor {
	var data []float32
	for _, r := range rows {
		data = append(data, r...)
	}
	return tensor.From(data, 1, len(rows), len(rows[0]), 1)
}

// TestAffine_Rotation90 turns 1…9 a quarter turn counter-clockwise: the
// right column comes to the top. The exact matrix is [0 −1 2; 1 0 0];
// Rotation(π/2) differs from it by cos(π/2) ≈ 6e-17.
func TestAffine_Rotation90(t *testing.T) {
	x := grid([]float32{1, 2, 3}, []float32{4, 5, 6}, []float32{7, 8, 9})
	want := []float32{3, 6, 9, 2, 5, 8, 1, 4, 7}
	exact := Transform{0, -1, 2, 1, 0, 0, 0, 0}
	for _, interp := range []Interpolation{Bilinear, NearestPixel} {
		assert.Equal(t, want, Affine(x, []Transform{exact}, Options{Interpolation: interp}).Data, interp)
	}
	rot := Rotation(math.Pi/2, 3, 3)
	assert.InDeltaSlice(t, exact[:], rot[:], 1e-7)
	assert.Equal(t, want, Affine(x, []Transform{rot}, Options{Interpolation: NearestPixel}).Data)
	assert.InDeltaSlice(t, want, Affine(x, []Transform{rot}, Options{}).Data, 1e-5)

	// A half turn of a 2×3 image about its centre (1, 0.5).
	y := grid([]float32{1, 2, 3}, []float32{4, 5, 6})
	assert.Equal(t, []float32{6, 5, 4, 3, 2, 1},
		Affine(y, []Transform{Rotation(math.Pi, 2, 3)}, Options{Interpolation: NearestPixel}).Data)
	assert.Equal(t, y.Data, Affine(y, []Transform{Rotation(0, 2, 3)}, Options{}).Data)
}

// TestAffine_Translation shifts the rows 1 2 3 4 / 5 6 7 8 right by 1, 2
// and 5 pixels, then by half a pixel each way, under every fill mode (the
// constant is 9).
func TestAffine_Translation(t *testing.T) {
	x := grid([]float32{1, 2, 3, 4}, []float32{5, 6, 7, 8})
	tests := []struct {
		dx   float32
		mode FillMode
		want []float32 // both rows
	}{
		{1, FillReflect, []float32{1, 1, 2, 3, 5, 5, 6, 7}},
		{1, FillWrap, []float32{4, 1, 2, 3, 8, 5, 6, 7}},
		{1, FillConstant, []float32{9, 1, 2, 3, 9, 5, 6, 7}},
		{1, FillNearest, []float32{1, 1, 2, 3, 5, 5, 6, 7}},
		{2, FillReflect, []float32{2, 1, 1, 2, 6, 5, 5, 6}},
		{2, FillWrap, []float32{3, 4, 1, 2, 7, 8, 5, 6}},
		{2, FillConstant, []float32{9, 9, 1, 2, 9, 9, 5, 6}},
		{2, FillNearest, []float32{1, 1, 1, 2, 5, 5, 5, 6}},
		{5, FillReflect, []float32{4, 4, 3, 2, 8, 8, 7, 6}},
		{5, FillWrap, []float32{4, 1, 2, 3, 8, 5, 6, 7}},
		{5, FillConstant, []float32{9, 9, 9, 9, 9, 9, 9, 9}},
		{-1, FillReflect, []float32{2, 3, 4, 4, 6, 7, 8, 8}},
		{-1, FillWrap, []float32{2, 3, 4, 1, 6, 7, 8, 5}},
		// Half a pixel, bilinear: neighbours averaged, the fill read where
		// a neighbour is outside (constant); the others clamp the point to
		// the edge pixel.
		{0.5, FillConstant, []float32{5, 1.5, 2.5, 3.5, 7, 5.5, 6.5, 7.5}},
		{0.5, FillReflect, []float32{1, 1.5, 2.5, 3.5, 5, 5.5, 6.5, 7.5}},
		{0.5, FillWrap, []float32{4, 1.5, 2.5, 3.5, 8, 5.5, 6.5, 7.5}},
		{0.5, FillNearest, []float32{1, 1.5, 2.5, 3.5, 5, 5.5, 6.5, 7.5}},
		{-0.5, FillConstant, []float32{1.5, 2.5, 3.5, 6.5, 5.5, 6.5, 7.5, 8.5}},
		{-0.5, FillWrap, []float32{1.5, 2.5, 3.5, 4, 5.5, 6.5, 7.5, 8}},
	}
	for _, tt := range tests {
		for _, interp := range []Interpolation{Bilinear, NearestPixel} {
			if interp == NearestPixel && tt.dx != float32(int(tt.dx)) {
				continue
			}
			o := Options{Interpolation: interp, FillMode: tt.mode, FillValue: 9}
			got := Affine(x, []Transform{Translation(tt.dx, 0)}, o)
			assert.Equal(t, tt.want, got.Data, "dx %g, %s, %s", tt.dx, tt.mode, interp)
		}
	}
	// Down one row, constant 0: the top row is the fill.
	down := Affine(x, []Transform{Translation(0, 1)}, Options{FillMode: FillConstant})
	assert.Equal(t, []float32{0, 0, 0, 0, 1, 2, 3, 4}, down.Data)
}

// TestAffine_Zoom doubles the centre 2×2 of a 4×4 image (zoom 0.5,
// nearest: the grid samples 0.75, 1.25, 1.75, 2.25, rounded to 1 1 2 2),
// then halves it (zoom 2: −1.5, 0.5, 2.5, 4.5, rounded away from zero to
// −2, 1, 3, 5, so the border is the fill).
func TestAffine_Zoom(t *testing.T) {
	x := tensor.New(1, 4, 4, 1)
	for i := range x.Data {
		x.Data[i] = float32(i)
	}
	in := Affine(x, []Transform{Zoom(0.5, 0.5, 4, 4)}, Options{Interpolation: NearestPixel})
	assert.Equal(t, []float32{5, 5, 6, 6, 5, 5, 6, 6, 9, 9, 10, 10, 9, 9, 10, 10}, in.Data)

	out := Affine(x, []Transform{Zoom(2, 2, 4, 4)}, Options{Interpolation: NearestPixel, FillMode: FillConstant, FillValue: -1})
	assert.Equal(t, []float32{-1, -1, -1, -1, -1, 5, 7, -1, -1, 13, 15, -1, -1, -1, -1, -1}, out.Data)

	// Bilinear zoom in along rows only: rows sample 0.75, 1.25, 1.75, 2.25
	// of a linear ramp 0, 4, 8, 12, which bilinear reads exactly.
	rows := Affine(x, []Transform{Zoom(1, 0.5, 4, 4)}, Options{})
	for y, r := range []float32{0.75, 1.25, 1.75, 2.25} {
		for c := range 4 {
			assert.InDelta(t, 4*r+float32(c), rows.At(0, y, c, 0), 1e-6, "row %d col %d", y, c)
		}
	}
}

// TestAffine_PerImage gives each image of a batch its own transform, and
// moves every channel of a pixel together.
func TestAffine_PerImage(t *testing.T) {
	x := tensor.New(2, 1, 3, 2) // two 1×3 images, two channels
	for i := range x.Data {
		x.Data[i] = float32(i)
	}
	got := Affine(x, []Transform{Translation(1, 0), Translation(-1, 0)}, Options{FillMode: FillConstant, FillValue: -1})
	assert.Equal(t, []float32{-1, -1, 0, 1, 2, 3, 8, 9, 10, 11, -1, -1}, got.Data)
}

// TestAffineVar_SameBits: the graph form gives Affine's bits in every mode.
func TestAffineVar_SameBits(t *testing.T) {
	x := agtest.Rand(3, -2, 2, 3, 5, 6, 2)
	ts := []Transform{Rotation(0.7, 5, 6), Zoom(1.3, 0.8, 5, 6), Translation(-1.25, 2.5)}
	for _, m := range []FillMode{FillReflect, FillWrap, FillConstant, FillNearest} {
		for _, interp := range []Interpolation{Bilinear, NearestPixel} {
			o := Options{Interpolation: interp, FillMode: m, FillValue: 0.5}
			want := Affine(x, ts, o)
			got := AffineVar(ag.Const(x), ts, o)
			require.Equal(t, want.Shape, got.Shape())
			assert.Equal(t, bits(want.Data), bits(got.Data()), "%s, %s", m, interp)
		}
	}
}

func TestAffineVar_Grad(t *testing.T) {
	ts := []Transform{Rotation(-0.4, 4, 5), Translation(0.5, -1.5)}
	for _, m := range []FillMode{FillReflect, FillWrap, FillConstant, FillNearest} {
		for _, interp := range []Interpolation{Bilinear, NearestPixel} {
			o := Options{Interpolation: interp, FillMode: m, FillValue: 2}
			agtest.CheckGrad(t, agtest.Default, func(in []*ag.Var) *ag.Var {
				return AffineVar(in[0], ts, o)
			}, agtest.Rand(5, -1, 1, 2, 4, 5, 3))
		}
	}
}

func TestAffine_BadShapes(t *testing.T) {
	assert.PanicsWithError(t, "tensor: shape mismatch: imageops.Affine: want images (N, H, W, C), got shape [4 4 1]", func() {
		Affine(tensor.New(4, 4, 1), []Transform{Identity}, Options{})
	})
	assert.PanicsWithError(t, "tensor: shape mismatch: imageops: 1 transforms for 2 images", func() {
		AffineVar(ag.Const(tensor.New(2, 4, 4, 1)), []Transform{Identity}, Options{})
	})
}

func bits(v []float32) []uint32 {
	out := make([]uint32, len(v))
	for i, f := range v {
		out[i] = math.Float32bits(f)
	}
	return out
}
