package pages

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The lecture's grids (shared/lecture, the "Convolution" and "Max Pooling"
// slides) as the page must show them; nn/lecture_test.go asserts the same
// natively.
var (
	convLectureImage = [][]string{
		{"0", "0", "0", "0", "0", "0", "0"},
		{"0", "0", "1", "1", "1", "0", "0"},
		{"0", "1", "1", "1", "1", "1", "0"},
		{"0", "1", "1", "1", "0", "0", "0"},
		{"0", "1", "1", "1", "1", "1", "0"},
		{"0", "0", "1", "1", "1", "0", "0"},
		{"0", "0", "0", "0", "0", "0", "0"},
	}
	convIdentityValid = [][]string{
		{"0", "1", "1", "1", "0"},
		{"1", "1", "1", "1", "1"},
		{"1", "1", "1", "0", "0"},
		{"1", "1", "1", "1", "1"},
		{"0", "1", "1", "1", "0"},
	}
	convHorizontal = [][]string{
		{"0", "1", "3", "1", "0"},
		{"1", "1", "1", "3", "3"},
		{"0", "0", "-2", "-4", "-4"},
		{"1", "1", "1", "3", "3"},
		{"0", "1", "3", "1", "0"},
	}
	convHorizontalReLU = [][]string{
		{"0", "1", "3", "1", "0"},
		{"1", "1", "1", "3", "3"},
		{"0", "0", "0", "0", "0"},
		{"1", "1", "1", "3", "3"},
		{"0", "1", "3", "1", "0"},
	}
	convPooled = [][]string{
		{"1", "3"},
		{"1", "3"},
	}
	// The box blur's output is 1/9 times this.
	convBlurTimes9 = [][]float64{
		{3, 5, 6, 5, 3},
		{5, 8, 8, 6, 3},
		{6, 9, 8, 7, 4},
		{5, 8, 8, 6, 3},
		{3, 5, 6, 5, 3},
	}
)

// TestConv opens the convolution playground and checks, through its own
// controls, the lecture's worked examples (the identity filter with and
// without padding, the box blur, the horizontal edges, ReLU and 2×2 max
// pooling: every number in the tables), then an MNIST digit, whose grids
// are checked against a convolution computed here from the site's pack.
func TestConv(t *testing.T) {
	b := openPage(t, "conv.html", 2*time.Minute)
	ctx := b.ctx
	_, err := chromedp.Run(ctx, chromedp.Poll[string](`document.getElementById('grid-pool').dataset.values`,
		chromedp.WithPollingTimeout(time.Minute)))
	require.NoError(t, err, "the first grids appear once the engine is ready")
	t.Logf("page ready with its first grids in %.1f s", time.Since(b.opened).Seconds())

	// The default: the lecture's image, the identity filter, no padding.
	assert.Equal(t, convLectureImage, tableText(t, ctx, "grid-input"), "the input image")
	assert.Equal(t, convIdentityValid, tableText(t, ctx, "grid-conv"), "identity, valid: the lecture's 5×5")
	assert.Equal(t, "true", pressed(t, ctx, "identity"))
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("status")))
	require.NoError(t, err)
	assert.Contains(t, status, "5×5")

	// The horizontal edges, then ReLU, then max pooling.
	start := time.Now()
	clickPreset(t, ctx, "horizontal")
	waitValues(t, ctx, "grid-conv", "0,1,3,1,0;1,1,1,3,3;0,0,-2,-4,-4;1,1,1,3,3;0,1,3,1,0")
	t.Logf("a preset's grids in %v", time.Since(start).Round(time.Millisecond))
	assert.Equal(t, convHorizontal, tableText(t, ctx, "grid-conv"), "horizontal edges: the lecture's -2 and -4")
	waitValues(t, ctx, "grid-pool", "1,3;1,3")
	assert.Equal(t, convHorizontalReLU, tableText(t, ctx, "grid-relu"), "after ReLU")
	assert.Equal(t, convPooled, tableText(t, ctx, "grid-pool"), "after 2×2 max pooling")
	assert.Equal(t, "true", pressed(t, ctx, "horizontal"))
	assert.Equal(t, "false", pressed(t, ctx, "identity"))
	kernel, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('.kernel-grid input')].map(i => i.value)`))
	require.NoError(t, err)
	assert.Equal(t, []string{"-1", "-1", "-1", "2", "2", "2", "-1", "-1", "-1"}, kernel)
	b.screenshot(t, "conv.png")

	// The box blur: 1/9 in every cell; nine times the output is the lecture's table.
	clickPreset(t, ctx, "blur")
	waitStatus(t, ctx, "the box blur filter")
	assert.Equal(t, "true", pressed(t, ctx, "blur"))
	blur := gridValues(t, ctx, "grid-conv")
	require.Len(t, blur, 5)
	for i, row := range blur {
		require.Len(t, row, 5)
		for j, v := range row {
			assert.InDelta(t, convBlurTimes9[i][j], 9*v, 1e-5, "blur (%d, %d)", i, j)
		}
	}
	cell, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#grid-conv tr:nth-child(1) td:nth-child(1)`)))
	require.NoError(t, err)
	assert.Equal(t, "0.33", cell, "3/9 with two decimals")

	// Zero padding ("same"): the identity gives the image back.
	clickPreset(t, ctx, "identity")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[name="padding"][value="same"]`))))
	waitValues(t, ctx, "grid-conv", "0,0,0,0,0,0,0;0,0,1,1,1,0,0;0,1,1,1,1,1,0;0,1,1,1,0,0,0;0,1,1,1,1,1,0;0,0,1,1,1,0,0;0,0,0,0,0,0,0")
	assert.Equal(t, convLectureImage, tableText(t, ctx, "grid-conv"), "identity, same: the image back")
	shape, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('grid-pool').dataset.shape`))
	require.NoError(t, err)
	assert.Equal(t, "3×3", shape, "7×7 pooled 2×2 drops the last row and column")

	// A cell that is not a number: marked, said, nothing computed.
	setKernelCell(t, ctx, 4, "one")
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('k4').getAttribute('aria-invalid') === 'true'`,
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "the bad cell is marked invalid")
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("kernel-error")))
	require.NoError(t, err)
	assert.Contains(t, msg, "Row 2, column 2")
	setKernelCell(t, ctx, 4, "2")
	waitValues(t, ctx, "grid-input", "0,0,0,0,0,0,0;0,0,1,1,1,0,0;0,1,1,1,1,1,0;0,1,1,1,0,0,0;0,1,1,1,1,1,0;0,0,1,1,1,0,0;0,0,0,0,0,0,0")
	waitValues(t, ctx, "grid-conv", "0,0,0,0,0,0,0;0,0,2,2,2,0,0;0,2,2,2,2,2,0;0,2,2,2,0,0,0;0,2,2,2,2,2,0;0,0,2,2,2,0,0;0,0,0,0,0,0,0")
	assert.Empty(t, valueOf(t, ctx, `document.getElementById('kernel-error').textContent`), "the error is gone")

	// An MNIST digit, without padding, with the horizontal edges.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[name="padding"][value="valid"]`))))
	clickPreset(t, ctx, "horizontal")
	start = time.Now()
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[name="source"][value="mnist"]`))))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('grid-pool').dataset.shape === '13×13' &&
		document.getElementById('status').textContent.includes('MNIST test image 0 ')`,
		chromedp.WithPollingTimeout(time.Minute)))
	require.NoError(t, err, "the digit's grids")
	t.Logf("MNIST test images fetched and the digit's grids shown in %.1f s", time.Since(start).Seconds())
	checkDigit(t, ctx, 0)
	canvases, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.pipeline canvas.grid-canvas').length`))
	require.NoError(t, err)
	assert.Equal(t, 4, canvases, "large grids are shaded canvases")

	// Another digit, through the number field.
	require.NoError(t, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const d = document.getElementById('digit'); d.value = '1';
		d.dispatchEvent(new Event('input', {bubbles: true})); })()`)))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('status').textContent.includes('MNIST test image 1 ')`,
		chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err)
	checkDigit(t, ctx, 1)

	// Pointing at a pixel of the convolution's canvas reads its value: the
	// centre of pixel (11, 11), 7 CSS pixels a side inside a 1-pixel border.
	r, err := chromedp.Run(ctx, chromedp.Evaluate[rect](`(() => {
		const c = document.querySelector('#grid-conv canvas'); c.scrollIntoView();
		const r = c.getBoundingClientRect(); return {X: r.x, Y: r.y, Width: r.width, Height: r.height}; })()`))
	require.NoError(t, err)
	assert.Equal(t, 26*7+2.0, r.Width, "the canvas' CSS size")
	require.NoError(t, chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, r.X+1+10.5*7, r.Y+1+10.5*7)))
	readout, err := chromedp.Run(ctx, chromedp.Poll[string](
		`(t => t.startsWith('Row') && t)(document.querySelector('#grid-conv .readout').textContent)`,
		chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err)
	want := strconv.FormatFloat(gridValues(t, ctx, "grid-conv")[10][10], 'g', -1, 32)
	if want == "-0" {
		want = "0"
	}
	assert.Equal(t, "Row 11, column 11: "+want, readout)
	require.NoError(t, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)))
	b.screenshot(t, "conv-mnist.png")

	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
}

// checkDigit checks the grids of MNIST test image i with the horizontal
// edges and no padding against the same computation done here, in float64,
// from the site's pack.
func checkDigit(t *testing.T, ctx context.Context, i int) {
	t.Helper()
	img, label := testDigit(t, i)
	status := valueOf(t, ctx, `document.getElementById('status').textContent`)
	assert.Contains(t, status, "(a "+strconv.Itoa(label)+", 28×28)")
	in := gridValues(t, ctx, "grid-input")
	require.Len(t, in, 28)
	for r := range 28 {
		for c := range 28 {
			require.InDelta(t, img[r][c], in[r][c], 1e-7, "pixel (%d, %d)", r, c)
		}
	}
	k := [3][3]float64{{-1, -1, -1}, {2, 2, 2}, {-1, -1, -1}}
	conv := make([][]float64, 26)
	for r := range conv {
		conv[r] = make([]float64, 26)
		for c := range conv[r] {
			for a := range 3 {
				for b := range 3 {
					conv[r][c] += k[a][b] * img[r+a][c+b]
				}
			}
		}
	}
	got := gridValues(t, ctx, "grid-conv")
	require.Len(t, got, 26)
	for r := range 26 {
		for c := range 26 {
			require.InDelta(t, conv[r][c], got[r][c], 1e-5, "convolution (%d, %d)", r, c)
		}
	}
	pool := gridValues(t, ctx, "grid-pool")
	require.Len(t, pool, 13)
	for r := range 13 {
		for c := range 13 {
			m := 0.0 // ReLU first
			for _, v := range []float64{conv[2*r][2*c], conv[2*r][2*c+1], conv[2*r+1][2*c], conv[2*r+1][2*c+1]} {
				m = max(m, v)
			}
			require.InDelta(t, m, pool[r][c], 1e-5, "pooled (%d, %d)", r, c)
		}
	}
}

// testDigit reads test image i (pixels / 255) and its label from the
// site's data/mnist-test.gmn (docs/dist.md).
func testDigit(t *testing.T, i int) ([][]float64, int) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site.dir, "data", "mnist-test.gmn"))
	require.NoError(t, err)
	require.Equal(t, "GMN1", string(b[:4]))
	n := int(binary.LittleEndian.Uint32(b[4:]))
	img := make([][]float64, 28)
	for r := range img {
		img[r] = make([]float64, 28)
		for c := range img[r] {
			img[r][c] = float64(float32(b[16+i*784+r*28+c]) / 255)
		}
	}
	return img, int(b[16+n*784+i])
}

// tableText returns the texts of the cells of the grid table in figure id.
func tableText(t *testing.T, ctx context.Context, id string) [][]string {
	t.Helper()
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](
		`[...document.querySelectorAll('#`+id+` table tr')].map(tr => [...tr.cells].map(td => td.textContent))`))
	require.NoError(t, err)
	return rows
}

// gridValues parses the data-values of figure id (rows split by ";",
// values by ",").
func gridValues(t *testing.T, ctx context.Context, id string) [][]float64 {
	t.Helper()
	s := valueOf(t, ctx, `document.getElementById('`+id+`').dataset.values`)
	var g [][]float64
	for _, row := range strings.Split(s, ";") {
		var r []float64
		for _, f := range strings.Split(row, ",") {
			v, err := strconv.ParseFloat(f, 64)
			require.NoError(t, err, "%s: %q", id, s)
			r = append(r, v)
		}
		g = append(g, r)
	}
	return g
}

func valueOf(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	require.NoError(t, err, js)
	return v
}

// waitValues waits until figure id holds the grid values want.
func waitValues(t *testing.T, ctx context.Context, id, want string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`document.getElementById('`+id+`').dataset.values === `+strconv.Quote(want),
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('`+id+`').dataset.values`))
		t.Fatalf("#%s: want values %s, got %s (%v)", id, want, got, err)
	}
}

// waitStatus waits until the status line says text: the page says it
// after it showed the grids of an update.
func waitStatus(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`document.getElementById('status').textContent.includes(`+strconv.Quote(text)+`)`,
		chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "waiting for the status to say %q", text)
}

func clickPreset(t *testing.T, ctx context.Context, preset string) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#presets [data-preset="`+preset+`"]`))))
}

func pressed(t *testing.T, ctx context.Context, preset string) string {
	t.Helper()
	return valueOf(t, ctx, `document.querySelector('#presets [data-preset="`+preset+`"]').getAttribute('aria-pressed')`)
}

// setKernelCell types v into kernel cell i (0 … 8) as a user would: the
// value, then an input event.
func setKernelCell(t *testing.T, ctx context.Context, i int, v string) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const c = document.getElementById('k`+strconv.Itoa(i)+`'); c.value = `+strconv.Quote(v)+`;
		c.dispatchEvent(new Event('input', {bubbles: true})); })()`)))
}
