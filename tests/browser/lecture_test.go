package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/cmd/devserver/serve"
	"gonn/nn/lecture"
)

// The lecture's worked examples of convolution and max pooling
// (shared/lecture, the slides "Convolution" and "Max Pooling") through the
// JavaScript API, in Chromium (engine in a Web Worker) and in Node: the
// scenario testdata/lecture.mjs builds Conv2D (1 filter, 3×3, no bias) →
// ReLU → MaxPooling2D 2×2 with gonn.layers, sets the kernel to the
// lecture's filter with setWeights, predicts on the lecture's 7×7 image and
// returns the grids; this file holds the lecture's numbers and asserts
// every one. nn/lecture_test.go asserts the same grids natively (where the
// comment says how the garbled step-by-step slides were read).

// lectureImage is the slides' "Input image".
var lectureImage = lecture.Image

// lectureCase is one model of the scenario and the grid it must give.
type lectureCase struct {
	Name    string      `json:"name"`
	Filter  [][]float32 `json:"filter"`
	Padding string      `json:"padding"`
	Stages  int         `json:"stages"` // 0: Conv2D; 1: + ReLU; 2: + MaxPooling2D
	want    [][]float32
	times   float64 // the output is compared after multiplying by this (0: 1)
	tol     float64
}

var ninth = float32(1.0 / 9)

var lectureCases = []lectureCase{
	{
		Name:   "identity valid",
		Filter: lecture.Identity, Padding: "valid",
		want: lecture.IdentityValid,
	},
	{
		// "If you want output size to be same as input, pad 0's to input".
		Name:   "identity same",
		Filter: lecture.Identity, Padding: "same",
		want: lectureImage,
	},
	{
		// The slide's blur, 1/9 in every cell; its output is printed as 1/9
		// times these integers.
		Name:   "box blur",
		Filter: [][]float32{{ninth, ninth, ninth}, {ninth, ninth, ninth}, {ninth, ninth, ninth}}, Padding: "valid",
		want:  lecture.BlurTimes9,
		times: 9, tol: 1e-5,
	},
	{
		Name:   "horizontal edges",
		Filter: lecture.Horizontal, Padding: "valid",
		want: lecture.HorizontalValid,
	},
	{
		// "Output image after ReLU".
		Name:   "horizontal edges, ReLU",
		Filter: lecture.Horizontal, Padding: "valid", Stages: 1,
		want: lecture.AfterReLU,
	},
	{
		// "Output after max pooling".
		Name:   "horizontal edges, ReLU, max pooling",
		Filter: lecture.Horizontal, Padding: "valid", Stages: 2,
		want: lecture.AfterPooling,
	},
}

// lectureReport is the scenario's answer for one case.
type lectureReport struct {
	Manifest []struct {
		Name  string `json:"name"`
		Shape []int  `json:"shape"`
	} `json:"manifest"`
	Classes []string  `json:"classes"`
	Shape   []int     `json:"shape"`
	Data    []float64 `json:"data"`
}

func lectureArgs() map[string]any {
	return map[string]any{"image": lectureImage, "cases": lectureCases}
}

// checkLecture asserts every number of every case.
func checkLecture(t *testing.T, out map[string]lectureReport) {
	t.Helper()
	for _, c := range lectureCases {
		t.Run(c.Name, func(t *testing.T) {
			r, ok := out[c.Name]
			require.True(t, ok, "no report")
			wantClasses := []string{"Conv2D", "Activation", "MaxPooling2D"}[:1+c.Stages]
			assert.Equal(t, wantClasses, r.Classes)
			if assert.Len(t, r.Manifest, 1, "Conv2D without bias has one weight") {
				assert.Equal(t, []int{3, 3, 1, 1}, r.Manifest[0].Shape, "kernel (kh, kw, in_channels, filters)")
				assert.True(t, strings.HasSuffix(r.Manifest[0].Name, "/kernel"), r.Manifest[0].Name)
			}
			h, w := len(c.want), len(c.want[0])
			require.Equal(t, []int{1, h, w, 1}, r.Shape)
			require.Len(t, r.Data, h*w)
			times := c.times
			if times == 0 {
				times = 1
			}
			for i := range h {
				for j := range w {
					got := float64(float32(r.Data[i*w+j])) * times
					if d := math.Abs(got - float64(c.want[i][j])); !(d <= c.tol) {
						t.Fatalf("cell (%d, %d) is %v, want %v (tolerance %g)\nwant:\n%sgot (×%g):\n%s",
							i, j, got, c.want[i][j], c.tol, gridText(c.want, 1), times, gridText(toGrid(r.Data, h, w), times))
					}
				}
			}
		})
	}
}

func toGrid(data []float64, h, w int) [][]float32 {
	g := make([][]float32, h)
	for i := range g {
		g[i] = make([]float32, w)
		for j := range w {
			g[i][j] = float32(data[i*w+j])
		}
	}
	return g
}

func gridText(g [][]float32, times float64) string {
	var b strings.Builder
	for _, row := range g {
		for j, v := range row {
			if j > 0 {
				b.WriteByte('\t')
			}
			fmt.Fprint(&b, float64(v)*times)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// testdataServer serves the site at / and tests/browser/testdata at
// /_lecture/ (same origin: the engine's module worker needs it).
func testdataServer(t *testing.T) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/", serve.Handler(siteDir, serve.Options{}))
	mux.Handle("/_lecture/", http.StripPrefix("/_lecture", serve.Handler(filepath.Join(root, "tests", "browser", "testdata"), serve.Options{})))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestBrowser_Lecture runs the lecture's examples through the JS API in
// Chromium, the engine in a Web Worker; the console must show no error.
func TestBrowser_Lecture(t *testing.T) {
	url := testdataServer(t)
	ctx := newBrowser(t)
	require.NoError(t, chromedp.Do(ctx))
	stopConsole := console(ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(url+"/_lecture/lecture.html")))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool]("window.lectureTest !== undefined", chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "the lecture page did not load")

	call, err := json.Marshal(lectureArgs())
	require.NoError(t, err)
	start := time.Now()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]lectureReport](
		fmt.Sprintf("lectureTest.run(%s)", call), chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	t.Logf("%d models made, set, run in the page in %v", len(lectureCases), time.Since(start).Round(time.Millisecond))
	inWorker, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("lectureTest.inWorker()", chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	assert.True(t, inWorker, "the engine runs in a Web Worker")
	checkLecture(t, out)

	for _, m := range stopConsole() {
		t.Logf("console %s (%s)", m, m.URL)
		assert.NotContains(t, []chromedp.ConsoleType{chromedp.ConsoleError, chromedp.ConsoleException}, m.Type, "console: %s", m)
	}
}

// TestNode_Lecture runs the same scenario in Node (the engine in-thread).
func TestNode_Lecture(t *testing.T) {
	t.Parallel()
	var out map[string]lectureReport
	runNodeScenario(t, "lecture.mjs", "lecture", lectureArgs(), &out)
	checkLecture(t, out)
}

// runNodeScenario runs the function fn of testdata/module in Node with
// testdata/run-node.mjs, on the built site, and decodes its report into v.
func runNodeScenario(t *testing.T, module, fn string, args, v any) {
	t.Helper()
	node := needNode(t)
	dir := filepath.Join(root, "tests", "browser", "testdata")
	// Node reads these, not this process: stat them so that go test's cache
	// sees them (see statInputs).
	for _, f := range []string{"run-node.mjs", module} {
		_, err := os.Stat(filepath.Join(dir, f))
		require.NoError(t, err)
	}
	a, err := json.Marshal(args)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "--disable-warning=ExperimentalWarning",
		filepath.Join(dir, "run-node.mjs"), siteDir, module, fn, string(a))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	require.NoError(t, cmd.Run(), "node stderr:\n%s", stderr.Bytes())
	t.Logf("node %s %s: %v", module, fn, time.Since(start).Round(time.Millisecond))
	require.NoError(t, json.Unmarshal(stdout.Bytes(), v), "node output:\n%s", stdout.Bytes())
}
