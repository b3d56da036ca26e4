package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/cmd/devserver/serve"
	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"
	"gonn/nn/tfjs"
)

// Saving and loading in Chromium through the JS API, the engine in a Web
// Worker (testdata/saveload.js): IndexedDB, a model.json URL and File
// objects, downloads, and a checkpoint resumed in a fresh engine. The
// page's models and data are rebuilt here natively (saveloadMLP,
// saveloadData), so the page's hashes are checked against nn's.

// saveloadData is testdata/saveload.js' data(n).
func saveloadData(n int) (x, y *tensor.Tensor) {
	x, y = tensor.New(n, 6), tensor.New(n, 3)
	for i := range x.Data {
		x.Data[i] = float32(float64((i*37)%101) / 101)
	}
	for i := range n {
		y.Data[3*i+i%3] = 1
	}
	return x, y
}

// saveloadMLP is testdata/saveload.js' mlp(seed), built and compiled.
func saveloadMLP(t *testing.T, seed uint64) *nn.Sequential {
	t.Helper()
	m := nn.NewSequential(layers.NewInput(6), layers.NewDense(8, "relu"), layers.NewDropout(0.25), layers.NewDense(3, "softmax"))
	m.SetSeed(seed)
	require.NoError(t, m.Build())
	loss, err := losses.Get("categorical_crossentropy")
	require.NoError(t, err)
	require.NoError(t, m.Compile(optimizers.NewAdam(), loss, "accuracy"))
	return m
}

// fitHash trains m as the page does (fit seed 9) and returns its hash.
func fitHash(t *testing.T, m *nn.Sequential, epochs int) string {
	t.Helper()
	x, y := saveloadData(40)
	m.SetSeed(9)
	_, err := m.Fit(x, y, nn.FitConfig{Epochs: epochs, BatchSize: 8})
	require.NoError(t, err)
	return hashOf(m)
}

func hashOf(m *nn.Sequential) string { return fmt.Sprintf("%016x", m.WeightsHash()) }

// modelStore serves the site at /, testdata at /_saveload/ and, at
// /_models/, files kept in memory: PUT stores one, GET serves it.
type modelStore struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (s *modelStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r.Method {
	case http.MethodPut:
		b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.files[r.URL.Path] = b
	case http.MethodGet:
		b, ok := s.files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	default:
		http.Error(w, "GET or PUT", http.StatusMethodNotAllowed)
	}
}

func saveloadServer(t *testing.T, store *modelStore) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/", serve.Handler(siteDir, serve.Options{}))
	mux.Handle("/_saveload/", http.StripPrefix("/_saveload", serve.Handler(filepath.Join(root, "tests", "browser", "testdata"), serve.Options{})))
	mux.Handle("/_models/", store)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// saveloadRun calls saveloadTest.run(name, args...) in the page.
func saveloadRun[T any](t *testing.T, ctx context.Context, name string, args ...any) T {
	t.Helper()
	call, err := json.Marshal(append([]any{name}, args...))
	require.NoError(t, err)
	start := time.Now()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](fmt.Sprintf("saveloadTest.run(...%s)", call), chromedp.EvalAwaitPromise))
	require.NoError(t, err, "saveloadTest.run(%s)", name)
	t.Logf("%s in the page: %v", name, time.Since(start).Round(time.Millisecond))
	return v
}

// TestBrowser_SaveLoad runs testdata/saveload.js' scenarios in Chromium;
// the console must show no error.
func TestBrowser_SaveLoad(t *testing.T) {
	// The native model the page loads by URL, in weight files of 64 bytes.
	native := saveloadMLP(t, 3)
	a, err := tfjs.SaveOptions{ShardBytes: 64}.Save(native)
	require.NoError(t, err)
	require.Greater(t, len(a.Shards), 3)
	store := &modelStore{files: map[string][]byte{"/_models/native/model.json": a.ModelJSON}}
	for _, s := range a.Shards {
		store.files["/_models/native/"+s.Path] = s.Data
	}
	input, _ := saveloadData(4)
	want, err := native.Predict(input, 0)
	require.NoError(t, err)

	url := saveloadServer(t, store)
	downloads := t.TempDir()
	ctx := newBrowser(t)
	require.NoError(t, chromedp.Do(ctx))
	_, err = chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads})
	require.NoError(t, err)
	stopConsole := console(ctx)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(url+"/_saveload/saveload.html")))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool]("window.saveloadTest !== undefined", chromedp.WithPollingTimeout(30*time.Second)))
	require.NoError(t, err, "the page did not load")

	trainedHash := fitHash(t, saveloadMLP(t, 5), 1)

	t.Run("indexeddb", func(t *testing.T) {
		r := saveloadRun[struct {
			Hash, LoadedHash  string
			SamePredictions   bool
			WeightDataBytes   int
			RecordKeys        []string
			RecordWeightBytes int
			Missing           string
		}](t, ctx, "indexeddb")
		assert.Equal(t, trainedHash, r.Hash, "the page trains as nn does")
		assert.Equal(t, r.Hash, r.LoadedHash)
		assert.True(t, r.SamePredictions, "predictions bit for bit")
		assert.Equal(t, 4*(6*8+8+8*3+3), r.WeightDataBytes)
		assert.Equal(t, []string{"convertedBy", "format", "generatedBy", "modelTopology", "weightData", "weightSpecs"}, r.RecordKeys,
			"TF.js' record: ModelArtifacts")
		assert.Equal(t, r.WeightDataBytes, r.RecordWeightBytes)
		assert.Equal(t, "load_failed", r.Missing)
	})
	t.Run("url and files", func(t *testing.T) {
		r := saveloadRun[struct {
			Hash, LoadedHash, FilesHash, NativeHash string
			WeightSpecs                             []string
			NativePrediction                        []float64
			MissingURL, MissingFile, Truncated      string
		}](t, ctx, "url", map[string]any{"data": input.Data, "shape": input.Shape})
		assert.Equal(t, trainedHash, r.Hash)
		assert.Equal(t, r.Hash, r.LoadedHash, "loaded from the model.json URL")
		assert.Equal(t, r.Hash, r.FilesHash, "loaded from File objects")
		assert.Equal(t, []string{"dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"}, r.WeightSpecs)
		assert.Equal(t, hashOf(native), r.NativeHash, "nn/tfjs' files, %d of them, fetched beside model.json", len(a.Shards))
		require.Len(t, r.NativePrediction, len(want.Data))
		for i, v := range r.NativePrediction {
			assert.Equal(t, math.Float32bits(want.Data[i]), math.Float32bits(float32(v)), "prediction %d", i)
		}
		assert.Equal(t, "load_failed", r.MissingURL)
		assert.Equal(t, "bad_argument", r.MissingFile)
		assert.Equal(t, "shape", r.Truncated)
		assert.Contains(t, store.files, "/_models/page/model.json")
	})
	t.Run("downloads", func(t *testing.T) {
		r := saveloadRun[struct {
			Hash            string
			WeightDataBytes int
		}](t, ctx, "download")
		assert.Equal(t, trainedHash, r.Hash)
		files := []string{"gonn-model.json", "gonn-model.weights.bin"}
		require.Eventually(t, func() bool {
			for _, f := range files {
				if _, err := os.Stat(filepath.Join(downloads, f)); err != nil {
					return false
				}
			}
			return true
		}, 20*time.Second, 50*time.Millisecond, "the two files in %s", downloads)
		modelJSON, err := os.ReadFile(filepath.Join(downloads, files[0]))
		require.NoError(t, err)
		assert.Contains(t, string(modelJSON), `"paths":["./gonn-model.weights.bin"]`)
		m, err := tfjs.Load(modelJSON, os.DirFS(downloads))
		require.NoError(t, err)
		assert.Equal(t, r.Hash, hashOf(m), "nn/tfjs reads the downloaded files")
	})
	t.Run("resume", func(t *testing.T) {
		r := saveloadRun[struct {
			WholeHash, StoppedHash, RestoredHash, ResumedHash string
			StoppedEpochs, ResumedEpochs                      []int
			CheckpointBytes                                   int
			Broken, SeedAndResume                             string
			StoppedInWorker, InWorker                         bool
		}](t, ctx, "resume")
		assert.Equal(t, fitHash(t, saveloadMLP(t, 5), 2), r.WholeHash, "the page trains as nn does")
		assert.NotEqual(t, r.WholeHash, r.StoppedHash)
		assert.Equal(t, r.StoppedHash, r.RestoredHash)
		assert.Equal(t, r.WholeHash, r.ResumedHash, "resumed in a fresh engine: the uninterrupted run's hash")
		assert.Equal(t, []int{0}, r.StoppedEpochs, "stopped inside the first epoch")
		assert.Equal(t, []int{0, 1}, r.ResumedEpochs)
		assert.Positive(t, r.CheckpointBytes)
		assert.Equal(t, "bad_argument", r.Broken)
		assert.Equal(t, "bad_argument", r.SeedAndResume)
		assert.False(t, r.StoppedInWorker, "stopped in the page's thread")
		assert.True(t, r.InWorker, "resumed in a Web Worker")
	})

	for _, m := range stopConsole() {
		t.Logf("console %s (%s)", m, m.URL)
		if strings.Contains(m.Text, "404") && strings.Contains(m.URL, "/_models/none/") {
			continue // the missing model.json, on purpose
		}
		assert.NotContains(t, []chromedp.ConsoleType{chromedp.ConsoleError, chromedp.ConsoleException}, m.Type, "console: %s", m)
	}
}
