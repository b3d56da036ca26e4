package nn_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/lecture"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The lecture's worked examples of convolution and max pooling
// (shared/lecture, the slides "Convolution" and "Max Pooling"), run through
// the public API: a Sequential of Conv2D (1 filter, 3×3, no bias) whose
// kernel is set to the lecture's filter, then ReLU, then MaxPooling2D 2×2,
// predicting on the lecture's 7×7 image. Every number the slides show is
// asserted; the grids are written as the lecture prints them.
//
// The text extraction of the slides is garbled in the step-by-step frames
// ("Take dot product!"), which overlay the filter on the image: their image
// rows are wrong (filter cells mixed in, a row lost, rows nine wide), and
// their partial outputs (0; 0 1; 0 1 1; 0 1 1 1; 0 1 1 1 0; then 1; 1 1)
// are the first cells of the final 5×5 table, which every later slide
// prints whole and identically. The grids below are those final tables,
// reconstructed from them; TestLecture_Grids checks the partial outputs
// against them.
//
// Keras' Conv2D does not flip the kernel (a cross-correlation); the
// lecture's filters are symmetric under a half turn, so a flipped and an
// unflipped convolution agree on them.
//
// The same grids are asserted through the JavaScript API in Chromium and
// Node by tests/browser/lecture_test.go, and on the convolution playground
// page by tests/pages/conv_test.go.

// The lecture's image, filters and tables (package lecture).
var (
	lectureImage           = lecture.Image
	lectureIdentity        = lecture.Identity
	lectureOnes            = lecture.Ones
	lectureHorizontal      = lecture.Horizontal
	lectureIdentityValid   = lecture.IdentityValid
	lectureIdentitySame    = lecture.IdentitySame
	lectureBlurTimes9      = lecture.BlurTimes9
	lectureHorizontalValid = lecture.HorizontalValid
	lectureAfterReLU       = lecture.AfterReLU
	lectureAfterPooling    = lecture.AfterPooling
)

// lectureModel is the lecture's "Convolutional layer (1 filter, for
// simplicity no bias)" with the given filter and Keras padding, then the
// first `stages` of ReLU and 2×2 max pooling (0, 1 or 2), built for 7×7×1
// images, the kernel set.
func lectureModel(t *testing.T, filter [][]float32, padding string, stages int) *nn.Sequential {
	t.Helper()
	cfg := layers.DefaultConvConfig()
	cfg.Filters, cfg.KernelSize, cfg.Padding, cfg.UseBias = 1, layers.Tuple{3, 3}, padding, false
	ls := []layers.Layer{layers.NewInput(7, 7, 1), layers.NewConv2DWith(cfg)}
	if stages >= 1 {
		ls = append(ls, layers.NewActivation("relu"))
	}
	if stages >= 2 {
		ls = append(ls, layers.NewMaxPooling2D(2, 2))
	}
	m := nn.NewSequential(ls...)
	require.NoError(t, m.Build())
	ws := m.Weights()
	require.Len(t, ws, 1, "Conv2D without bias has one weight, the kernel")
	kernel := ws[0].Value
	require.Equal(t, []int{3, 3, 1, 1}, kernel.Shape, "kernel shape (kh, kw, in_channels, filters)")
	copy(kernel.Data, flatGrid(filter)) // (3, 3, 1, 1): row-major, the filter as printed
	return m
}

// predictGrid runs m on the lecture's image and returns its only output
// example as a grid, checking its shape (h, w, 1).
func predictGrid(t *testing.T, m *nn.Sequential, h, w int) [][]float32 {
	t.Helper()
	x := tensor.From(flatGrid(lectureImage), 1, 7, 7, 1)
	y, err := m.Predict(x, 0)
	require.NoError(t, err)
	require.Equal(t, []int{1, h, w, 1}, y.Shape)
	return toGrid(y.Data, h, w)
}

func TestLecture_Convolution(t *testing.T) {
	for _, c := range []struct {
		name    string
		filter  [][]float32
		padding string
		want    [][]float32
	}{
		{"identity valid", lectureIdentity, "valid", lectureIdentityValid},
		{"identity same", lectureIdentity, "same", lectureIdentitySame},
		{"box blur times 9", lectureOnes, "valid", lectureBlurTimes9},
		{"horizontal edges", lectureHorizontal, "valid", lectureHorizontalValid},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := predictGrid(t, lectureModel(t, c.filter, c.padding, 0), len(c.want), len(c.want[0]))
			assertGrid(t, c.want, got, 0) // small integers: exact in float32
		})
	}
}

// TestLecture_BoxBlur uses the slide's filter itself, 1/9 in every cell:
// nine times the output is the slide's integer table, to float32 rounding.
func TestLecture_BoxBlur(t *testing.T) {
	ninth := make([][]float32, 3)
	for i := range ninth {
		ninth[i] = []float32{1.0 / 9, 1.0 / 9, 1.0 / 9}
	}
	got := predictGrid(t, lectureModel(t, ninth, "valid", 0), 5, 5)
	for _, row := range got {
		for j := range row {
			row[j] = float32(9 * float64(row[j]))
		}
	}
	// Nine float32 products of at most 1/9 summed: each rounding is at most
	// half an ulp of 1 (6e-8), so 9 times the sum is within 1e-5.
	assertGrid(t, lectureBlurTimes9, got, 1e-5)
}

func TestLecture_ReLU(t *testing.T) {
	got := predictGrid(t, lectureModel(t, lectureHorizontal, "valid", 1), 5, 5)
	assertGrid(t, lectureAfterReLU, got, 0)
}

func TestLecture_MaxPooling(t *testing.T) {
	got := predictGrid(t, lectureModel(t, lectureHorizontal, "valid", 2), 2, 2)
	assertGrid(t, lectureAfterPooling, got, 0)
}

// TestLecture_Grids checks the transcription: the partial outputs of the
// step-by-step slides are the first cells of the final tables, and the ReLU
// and pooling tables follow from the convolution's.
func TestLecture_Grids(t *testing.T) {
	partial := [][]float32{{0}, {0, 1}, {0, 1, 1}, {0, 1, 1, 1}, {0, 1, 1, 1, 0}}
	for _, p := range partial {
		assert.Equal(t, p, lectureIdentityValid[0][:len(p)])
	}
	assert.Equal(t, []float32{1}, lectureIdentityValid[1][:1])
	assert.Equal(t, []float32{1, 1}, lectureIdentityValid[1][:2])
	for i, row := range lectureHorizontalValid {
		for j, v := range row {
			assert.Equal(t, max(v, 0), lectureAfterReLU[i][j], "ReLU at (%d, %d)", i, j)
		}
	}
	for i := range 2 {
		for j := range 2 {
			m := float32(math.Inf(-1))
			for _, r := range lectureAfterReLU[2*i : 2*i+2] {
				m = max(m, r[2*j], r[2*j+1])
			}
			assert.Equal(t, m, lectureAfterPooling[i][j], "pool at (%d, %d)", i, j)
		}
	}
}

func flatGrid(g [][]float32) []float32 {
	var out []float32
	for _, row := range g {
		out = append(out, row...)
	}
	return out
}

func toGrid(data []float32, h, w int) [][]float32 {
	g := make([][]float32, h)
	for i := range g {
		g[i] = data[i*w : (i+1)*w : (i+1)*w]
	}
	return g
}

// assertGrid compares got with want cell by cell, within tol, and on a
// difference reports the first cell that differs and both grids.
func assertGrid(t *testing.T, want, got [][]float32, tol float64) {
	t.Helper()
	require.Len(t, got, len(want), "rows")
	for i := range want {
		require.Len(t, got[i], len(want[i]), "columns of row %d", i)
		for j := range want[i] {
			if d := math.Abs(float64(got[i][j]) - float64(want[i][j])); !(d <= tol) {
				t.Fatalf("cell (%d, %d) is %v, want %v (tolerance %g)\nwant:\n%sgot:\n%s",
					i, j, got[i][j], want[i][j], tol, gridString(want), gridString(got))
			}
		}
	}
}

func gridString(g [][]float32) string {
	var b strings.Builder
	for _, row := range g {
		for j, v := range row {
			if j > 0 {
				b.WriteByte('\t')
			}
			fmt.Fprint(&b, v)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
