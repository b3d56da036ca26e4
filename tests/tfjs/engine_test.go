package tfjs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/tests/harness"
)

// The JavaScript API's save and load (model.save, gonn.loadLayersModel)
// against real TF.js, in Node: the engine built as browsers get it
// (harness.BuildEngine: the site's dist/gonn/), driven through gonn.js.

// buildDist builds the site's engine and JS API into a temporary folder
// and returns the dist folder.
func buildDist(t *testing.T) string {
	t.Helper()
	engine, err := harness.BuildEngine(t.TempDir())
	require.NoError(t, err)
	// Node reads these, not this process: stat them so that go test's
	// cache sees an edit.
	for _, f := range []string{"gonn.js", "engine.js", "saveload.js", "worker.js", "wasi.js"} {
		_, err := os.Stat(filepath.Join("..", "..", "wasm", "js", f))
		require.NoError(t, err)
	}
	return filepath.Dir(filepath.Dir(engine)) // dist/gonn/engine.wasm
}

// TestEngine builds the engine once for both directions.
func TestEngine(t *testing.T) {
	node(t) // skips (or fails under CI) before the build when Node is missing
	dist := buildDist(t)
	t.Run("save loads in TF.js", func(t *testing.T) { testSaveLoadsInTFJS(t, dist) })
	t.Run("loads TF.js models", func(t *testing.T) { testLoadsTFJSModels(t, dist) })
}

// testSaveLoadsInTFJS: a convnet (Conv2D, BatchNormalization,
// Dropout, Dense) trained through gonn's JS API and saved with
// model.save() loads in TF.js, from the files TF.js' own handler writes of
// the artifacts and from tf.io.fromMemory, and predicts what gonn predicts.
func testSaveLoadsInTFJS(t *testing.T, dist string) {
	dir := t.TempDir()
	runNode(t, "gonn-save", dist, dir)
	gonnOut := readTensor(t, dir, "gonn-output")
	requireClose(t, gonnOut, readTensor(t, dir, "memory-output"))
	runNode(t, "predict", dir)
	requireClose(t, gonnOut, readTensor(t, dir, "output"))
}

// testLoadsTFJSModels: the reference models TF.js saves (weights cut
// into many small files; the MLP with its optimizer state) load through
// gonn.loadLayersModel, from model.json's path and from the ModelArtifacts
// TF.js hands a save handler, and predict what TF.js predicts. TF.js'
// default LSTM (hard_sigmoid) is refused, naming the layer.
func testLoadsTFJSModels(t *testing.T, dist string) {
	dir := t.TempDir()
	runNode(t, "make", dir)
	names := []string{"mlp", "cnn", "text", "sequence", "generator"}
	dirs := []string{filepath.Join(dir, "lstm_defaults")}
	for _, name := range names {
		dirs = append(dirs, filepath.Join(dir, name))
	}
	runNode(t, append([]string{"gonn-load", dist}, dirs...)...)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			d := filepath.Join(dir, name)
			shards, err := filepath.Glob(filepath.Join(d, "group1-shard*.bin"))
			require.NoError(t, err)
			t.Logf("%d weight files", len(shards))
			want := readTensor(t, d, "output")
			requireClose(t, want, readTensor(t, d, "gonn-output"))
			requireClose(t, want, readTensor(t, d, "gonn-artifacts-output"))
		})
	}
	t.Run("lstm_defaults", func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join(dir, "lstm_defaults", "error.json"))
		require.NoError(t, err, "gonn loaded TF.js' default LSTM")
		var e struct{ CodeName, Message string }
		require.NoError(t, json.Unmarshal(b, &e))
		assert.Equal(t, "bad_argument", e.CodeName, e.Message)
		assert.Contains(t, e.Message, "hard_sigmoid")
		assert.Contains(t, e.Message, "lstm")
	})
}
