package tfjs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/tfjs"
)

// TestFromTFJS: TF.js builds and saves the reference models (an MLP trained
// one epoch with Adam and saved with its optimizer state, a CNN with
// BatchNormalization, a Bidirectional LSTM + GRU text model with masking, a
// sequence model, a DCGAN-style generator); gonn loads each and predicts
// TF.js' predictions on the same inputs; saved again by gonn, each loads
// in TF.js and predicts the same again.
func TestFromTFJS(t *testing.T) {
	dir, again := t.TempDir(), t.TempDir()
	runNode(t, "make", dir)
	names := []string{"mlp", "cnn", "text", "sequence", "generator"}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			m, err := tfjs.LoadDir(filepath.Join(dir, name))
			require.NoError(t, err)
			x := readTensor(t, filepath.Join(dir, name), "input")
			got, err := m.Predict(x, 0)
			require.NoError(t, err)
			requireClose(t, readTensor(t, filepath.Join(dir, name), "output"), got)

			// Saved again by gonn, for TF.js below.
			require.NoError(t, tfjs.SaveDir(m, filepath.Join(again, name)))
			writeTensor(t, filepath.Join(again, name), "input", x)
		})
	}

	// TF.js → gonn → TF.js: the models gonn saves again (TF.js' layer names,
	// TF.js' configs read and written back) load in TF.js and predict what
	// TF.js predicted first.
	var dirs []string
	for _, name := range names {
		dirs = append(dirs, filepath.Join(again, name))
	}
	runNode(t, append([]string{"predict"}, dirs...)...)
	for _, name := range names {
		t.Run(name+" saved again", func(t *testing.T) {
			requireClose(t, readTensor(t, filepath.Join(dir, name), "output"), readTensor(t, filepath.Join(again, name), "output"))
		})
	}

	t.Run("optimizer state is skipped", func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join(dir, "mlp", "model.json"))
		require.NoError(t, err)
		var mj tfjs.ModelJSON
		require.NoError(t, json.Unmarshal(b, &mj))
		optimizer := 0
		for _, w := range mj.WeightsManifest[0].Weights {
			if w.Group == "optimizer" {
				optimizer++
			}
		}
		assert.Equal(t, 9, optimizer, "Adam's iter, m and v of four weights") // so the load above skipped them
	})

	t.Run("TF.js' default LSTM", func(t *testing.T) {
		m, err := tfjs.LoadDir(filepath.Join(dir, "lstm_defaults"))
		require.ErrorIs(t, err, tfjs.ErrUnsupported)
		assert.Nil(t, m)
		assert.Contains(t, err.Error(), `layer 1 (LSTM "lstm_LSTM`)
		assert.Contains(t, err.Error(), "hard_sigmoid")
	})
}
