package pages

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/cmd/build/dist"
)

var updateDigits = flag.Bool("update-digits", false, "rewrite web/static/widgets/digits.gmn from the site's MNIST training pack")

// digitsPerClass is how many training digits of each class the draw-digit
// widget's bundled pack holds: the first ones of each class, in MNIST's order.
const digitsPerClass = 100

// digitsPackPath is the bundled pack in the module.
var digitsPackPath = filepath.Join("..", "..", "web", "static", "widgets", "digits.gmn")

// TestWidgets_DigitsPack proves the bundled MNIST subset current: the first
// 100 digits of each class of the training pack, in order (go test
// -run DigitsPack -update-digits rewrites it).
func TestWidgets_DigitsPack(t *testing.T) {
	serveSite(t)
	train, err := os.ReadFile(filepath.Join(site.dir, "data", "mnist-train.gmn"))
	require.NoError(t, err)
	pack, err := dist.DecodePack(train)
	require.NoError(t, err)
	size := pack.Rows * pack.Cols
	sub := &dist.Pack{Rows: pack.Rows, Cols: pack.Cols}
	var taken [10]int
	for i := range pack.N {
		if l := pack.Labels[i]; taken[l] < digitsPerClass {
			taken[l]++
			sub.N++
			sub.Pixels = append(sub.Pixels, pack.Pixels[i*size:(i+1)*size]...)
			sub.Labels = append(sub.Labels, l)
		}
	}
	require.Equal(t, 10*digitsPerClass, sub.N)
	want, err := dist.EncodePack(sub)
	require.NoError(t, err)
	if *updateDigits {
		require.NoError(t, os.WriteFile(digitsPackPath, want, 0o644))
	}
	got, err := os.ReadFile(digitsPackPath)
	require.NoError(t, err, "run go test ./tests/pages -run DigitsPack -update-digits")
	assert.True(t, bytes.Equal(want, got), "digits.gmn is not the first %d digits of each class: run with -update-digits", digitsPerClass)
}

// plainSite serves pages (name → HTML) from a temporary folder that also
// holds a copy of the built site under static/gonn-site/ (without its gzip
// copies), with Go's plain http.FileServer: no CSP, no COOP/COEP, no
// special types. It returns the base URL, ending in "/".
func plainSite(t *testing.T, pages map[string]string) string {
	t.Helper()
	serveSite(t)
	root := t.TempDir()
	require.NoError(t, copySite(site.dir, filepath.Join(root, "static", "gonn-site")))
	for name, html := range pages {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(html), 0o644))
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(root)))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// copySite copies the site in from to to, leaving out the gzip copies.
func copySite(from, to string) error {
	return filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".gz") {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		src, err := os.Open(p)
		if err != nil {
			return err
		}
		defer src.Close()
		out, err := os.Create(dst)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, src); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

// widgetPage is a blog post that embeds one widget: one script tag, one element.
func widgetPage(element string) string {
	return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>A post</title><link rel=\"icon\" href=\"data:,\"></head><body>\n" +
		"<p>A post with a widget:</p>\n" +
		"<script type=\"module\" src=\"../static/gonn-site/widgets/gonn-widgets.js\"></script>\n" +
		element + "\n</body></html>\n"
}

// TestWidgets_PlainPage opens, for each widget, a plain HTML page holding
// one script tag and one element, served by a plain static server from a
// folder that is not the site's root: the widget renders and computes with
// its own engine, and removing it ends that engine's worker.
func TestWidgets_PlainPage(t *testing.T) {
	base := plainSite(t, map[string]string{
		"blog/conv.html":  widgetPage(`<gonn-convolution kernel="horizontal"></gonn-convolution>`),
		"blog/digit.html": widgetPage(`<gonn-draw-digit epochs="12"></gonn-draw-digit>`),
		"blog/fit.html":   widgetPage(`<gonn-train-chart fn="x^2" epochs="60" autoplay></gonn-train-chart>`),
	})
	b := newBrowser(t, 4*time.Minute)
	ctx := b.ctx
	defer func() {
		if t.Failed() {
			b.logConsole(t)
			b.screenshot(t, "widget-failed.png")
		}
	}()

	t.Run("convolution", func(t *testing.T) {
		require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"blog/conv.html")))
		waitWidget(t, ctx, "gonn-convolution", "values", time.Minute)
		assert.Equal(t, convHorizontal, shadowTable(t, ctx, "gonn-convolution"), "the lecture's horizontal edges")
		workers := workerCount(t, ctx)
		assert.Equal(t, 1, workers, "the widget's engine runs in one worker")

		// A preset button, then the padding attribute: recomputed each time.
		evalJS(t, ctx, `document.querySelector('gonn-convolution').shadowRoot.querySelector('[data-preset="blur"]').click()`)
		waitJS(t, ctx, `document.querySelector('gonn-convolution').getAttribute('kernel') === 'blur' &&
			document.querySelector('gonn-convolution').values[0][0] > 0.3 && document.querySelector('gonn-convolution').values`)
		blur, err := chromedp.Run(ctx, chromedp.Evaluate[[][]float64](`document.querySelector('gonn-convolution').values`))
		require.NoError(t, err)
		for i, row := range blur {
			for j, v := range row {
				assert.InDelta(t, convBlurTimes9[i][j], 9*v, 1e-5, "blur (%d, %d)", i, j)
			}
		}
		evalJS(t, ctx, `(() => { const el = document.querySelector('gonn-convolution');
			el.setAttribute('kernel', 'identity'); el.setAttribute('padding', 'same'); })()`)
		waitJS(t, ctx, `document.querySelector('gonn-convolution').values.length === 7`)
		assert.Equal(t, convLectureImage, shadowTable(t, ctx, "gonn-convolution"), "identity, same: the image back")

		// Typing a cell: Enter applies it.
		evalJS(t, ctx, `(() => { const c = document.querySelector('gonn-convolution').shadowRoot.querySelectorAll('.kernel input')[4];
			c.value = '2'; c.dispatchEvent(new Event('change', {bubbles: true})); })()`)
		waitJS(t, ctx, `document.querySelector('gonn-convolution').values[1][2] === 2`)
		b.screenshot(t, "widget-convolution.png")

		evalJS(t, ctx, `document.querySelector('gonn-convolution').remove()`)
		assert.Eventually(t, func() bool { return workerCount(t, ctx) == 0 }, 10*time.Second, 100*time.Millisecond,
			"removing the widget ends its engine's worker")
	})

	t.Run("draw-digit", func(t *testing.T) {
		start := time.Now()
		require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"blog/digit.html")))
		acc := waitWidget(t, ctx, "gonn-draw-digit", "accuracy", 2*time.Minute)
		t.Logf("trained on the bundled digits in %.1f s: held-out accuracy %s", time.Since(start).Seconds(), acc)
		accuracy, err := strconv.ParseFloat(string(acc), 64)
		require.NoError(t, err)
		assert.Greater(t, accuracy, 0.75, "an MLP trained on 900 MNIST digits reads most of 100 others")

		// The keyboard's path: a held-out digit drawn on the pad, then read.
		evalJS(t, ctx, `document.querySelector('gonn-draw-digit').shadowRoot.querySelector('[part="sample"]').click()`)
		pred := waitPrediction(t, ctx)
		assert.InDelta(t, 1, sum(pred.Probabilities), 1e-4)
		assert.Equal(t, argMax(pred.Probabilities), pred.Digit)

		// A stroke down the middle of the pad reads as a 1.
		evalJS(t, ctx, `document.querySelector('gonn-draw-digit').clear()`)
		require.NoError(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS("gonn-draw-digit"))))
		r, err := chromedp.Run(ctx, chromedp.Evaluate[rect](`(() => {
			const r = document.querySelector('gonn-draw-digit').shadowRoot.querySelector('canvas').getBoundingClientRect();
			return {X: r.x, Y: r.y, Width: r.width, Height: r.height}; })()`))
		require.NoError(t, err)
		require.NoError(t, chromedp.Do(ctx, mouseStroke(r, [][2]float64{{0.5, 0.15}, {0.5, 0.85}})))
		pred = waitPrediction(t, ctx)
		assert.Equal(t, 1, pred.Digit, "a vertical stroke: %v", pred.Probabilities)
		b.screenshot(t, "widget-draw-digit.png")
	})

	t.Run("train-chart", func(t *testing.T) {
		require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"blog/fit.html")))
		raw := waitJS(t, ctx, `(() => { const el = document.querySelector('gonn-train-chart');
			return el.dataset.state === 'ready' && el.losses.length === 60 && el.losses; })()`)
		var losses []float64
		require.NoError(t, json.Unmarshal(raw, &losses))
		for _, l := range losses {
			require.False(t, math.IsNaN(l) || math.IsInf(l, 0))
		}
		assert.Less(t, losses[59], losses[0]/2, "the loss falls: %v … %v", losses[0], losses[59])
		ink, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(() => {
			const c = document.querySelector('gonn-train-chart').shadowRoot.querySelector('[part="fit-chart"]');
			const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
			let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; })()`))
		require.NoError(t, err)
		assert.Greater(t, ink, 500, "the fit chart is drawn")
		b.screenshot(t, "widget-train-chart.png")
	})

	t.Run("formula", func(t *testing.T) {
		// The train-chart's fn attribute, read without eval: values and errors.
		tests := []struct {
			fn   string
			x    float64
			want float64
			err  string
		}{
			{fn: "sin(3*x)", x: 0.5, want: math.Sin(1.5)},
			{fn: "-x^2", x: 2, want: -4},
			{fn: "2^3^2", want: 512},
			{fn: "1 - 2 - 3", want: -4},
			{fn: "8 / 4 / 2", want: 1},
			{fn: "pi * e", want: math.Pi * math.E},
			{fn: "relu(x) + sigmoid(0)", x: -1, want: 0.5},
			{fn: "1e-3 * x", x: 1000, want: 1},
			{fn: "(x + 1) * (x - 1)", x: 3, want: 8},
			{fn: "foo(x)", err: `unknown name "foo"`},
			{fn: "sin(x", err: `expected ")" at character 6`},
			{fn: "x +", err: "ends too early"},
			{fn: "", err: "empty formula"},
			{fn: "x $ 2", err: `unexpected "$" at character 3`},
		}
		require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"blog/conv.html")))
		for _, tc := range tests {
			js := `import('/static/gonn-site/widgets/formula.js').then(({parseFormula}) => {
				try { return {value: parseFormula(` + strconv.Quote(tc.fn) + `)(` + strconv.FormatFloat(tc.x, 'g', -1, 64) + `)}; }
				catch (e) { return {error: e.message}; } })`
			r, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
				Value float64
				Error string
			}](js, chromedp.EvalAwaitPromise))
			require.NoError(t, err, tc.fn)
			if tc.err != "" {
				assert.Contains(t, r.Error, tc.err, tc.fn)
				continue
			}
			assert.Empty(t, r.Error, tc.fn)
			assert.InDelta(t, tc.want, r.Value, 1e-12, tc.fn)
		}
	})

	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
}

// TestWidgets_Gallery opens widgets.html on the development server (its
// Content-Security-Policy allows no inline script or style): every widget
// starts, is styled, and computes, with no console errors.
func TestWidgets_Gallery(t *testing.T) {
	base := serveSite(t)
	b := newBrowser(t, 3*time.Minute)
	ctx := b.ctx
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"widgets.html")))
	waitWidget(t, ctx, "gonn-convolution", "values", time.Minute)
	waitWidget(t, ctx, "gonn-draw-digit", "accuracy", 2*time.Minute)
	evalJS(t, ctx, `document.querySelector('gonn-train-chart').train()`)
	waitJS(t, ctx, `(() => { const el = document.querySelector('gonn-train-chart');
		return el.dataset.state === 'ready' && el.losses.length > 0; })()`)
	border, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('gonn-convolution')).borderTopStyle`))
	require.NoError(t, err)
	assert.Equal(t, "solid", border, "the widgets' constructed stylesheet applies under the site's CSP")
	snippets, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('pre code')].map(c => c.textContent)`))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(snippets), 3)
	for _, tag := range []string{"gonn-convolution", "gonn-draw-digit", "gonn-train-chart"} {
		assert.Contains(t, strings.Join(snippets, "\n"), "<"+tag, "a copy-paste snippet for %s", tag)
	}
	b.screenshot(t, "widgets.png")
	if !assert.Empty(t, b.problems(), "console errors or uncaught exceptions") {
		b.logConsole(t)
	}
}

// waitWidget waits for the element's property prop to be set (not null)
// while its state is ready, and returns it as JSON.
func waitWidget(t *testing.T, ctx context.Context, tag, prop string, timeout time.Duration) json.RawMessage {
	t.Helper()
	js := `(() => { const el = document.querySelector('` + tag + `');
		if (el.dataset.state === 'error') return {error: el.shadowRoot.querySelector('[part="status"]').textContent};
		return el.dataset.state === 'ready' && el.` + prop + ` != null && {value: el.` + prop + `}; })()`
	raw, err := chromedp.Run(ctx, chromedp.Poll[json.RawMessage](js, chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(100*time.Millisecond)))
	require.NoError(t, err, "waiting for %s.%s", tag, prop)
	var r struct {
		Error string
		Value json.RawMessage
	}
	require.NoError(t, json.Unmarshal(raw, &r))
	require.Empty(t, r.Error, "%s failed", tag)
	return r.Value
}

// waitJS polls the JavaScript expression until it is truthy, and returns it as JSON.
func waitJS(t *testing.T, ctx context.Context, js string) json.RawMessage {
	t.Helper()
	raw, err := chromedp.Run(ctx, chromedp.Poll[json.RawMessage](js, chromedp.WithPollingTimeout(time.Minute), chromedp.WithPollingInterval(50*time.Millisecond)))
	require.NoError(t, err, "waiting for %s", js)
	return raw
}

func evalJS(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](js))
	require.NoError(t, err, js)
}

// shadowTable returns the text of the output grid of the widget tag.
func shadowTable(t *testing.T, ctx context.Context, tag string) [][]string {
	t.Helper()
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](`[...document.querySelector('`+tag+
		`').shadowRoot.querySelectorAll('table[part="output"] tr')].map(tr => [...tr.cells].map(td => td.textContent))`))
	require.NoError(t, err)
	return rows
}

// workerCount is the number of the browser's dedicated workers.
func workerCount(t *testing.T, ctx context.Context) int {
	t.Helper()
	targets, err := chromedp.Targets(ctx)
	require.NoError(t, err)
	n := 0
	for _, ti := range targets {
		if ti.Type == "worker" {
			n++
		}
	}
	return n
}

type prediction struct {
	Digit         int
	Probabilities []float64
}

// waitPrediction waits for the draw-digit widget's next prediction.
func waitPrediction(t *testing.T, ctx context.Context) prediction {
	t.Helper()
	raw := waitJS(t, ctx, `document.querySelector('gonn-draw-digit').prediction`)
	var p prediction
	require.NoError(t, json.Unmarshal(raw, &p))
	require.Len(t, p.Probabilities, 10)
	return p
}

func sum(vs []float64) float64 {
	s := 0.0
	for _, v := range vs {
		s += v
	}
	return s
}

func argMax(vs []float64) int {
	best := 0
	for i, v := range vs {
		if v > vs[best] {
			best = i
		}
	}
	return best
}
