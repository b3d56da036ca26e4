package tfjs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn"
	"gonn/nn/layers"
)

// TestSave_RoundTrip: every test model saved and loaded back has the same
// layers (names, frozen flags), the same weights to the bit and the same
// predictions, and saves to the same files again.
func TestSave_RoundTrip(t *testing.T) {
	for _, tm := range testModels {
		t.Run(tm.name, func(t *testing.T) {
			m := tm.built(t, 7)
			m.Layers[1].SetTrainable(false)                // frozen, as in fine-tuning
			a, err := SaveOptions{ShardBytes: 100}.Save(m) // small: weights straddle files
			require.NoError(t, err)
			require.Greater(t, len(a.Shards), 1)

			back, err := Load(a.ModelJSON, a.FS())
			require.NoError(t, err)
			require.Len(t, back.Layers, len(m.Layers))
			for i, l := range m.Layers {
				assert.Equal(t, l.ClassName(), back.Layers[i].ClassName())
				assert.Equal(t, l.Name(), back.Layers[i].Name())
				assert.Equal(t, l.Trainable(), back.Layers[i].Trainable(), l.Name())
			}
			assert.Equal(t, m.WeightsHash(), back.WeightsHash())
			x := tm.input(m, 5, 3)
			want, err := m.Predict(x, 0)
			require.NoError(t, err)
			got, err := back.Predict(x, 0)
			require.NoError(t, err)
			assert.Equal(t, want.Data, got.Data)

			again, err := SaveOptions{ShardBytes: 100}.Save(back)
			require.NoError(t, err)
			assert.JSONEq(t, string(a.ModelJSON), string(again.ModelJSON))
			assert.Equal(t, a.Shards, again.Shards)
		})
	}
}

// TestSave_Files: the files are the TF.js layers format: model.json's keys,
// the manifest's names (TF.js', without the recurrent cell), shapes and
// dtypes, shards of at most ShardBytes named as the converter names them.
func TestSave_Files(t *testing.T) {
	m := testModels[2].built(t, 1) // text: Embedding, Bidirectional(LSTM), GRU, Dense
	a, err := SaveOptions{ShardBytes: 256}.Save(m)
	require.NoError(t, err)
	var mj struct {
		ModelTopology struct {
			ClassName string `json:"class_name"`
			Config    struct {
				Layers []struct {
					ClassName string         `json:"class_name"`
					Config    map[string]any `json:"config"`
				} `json:"layers"`
			} `json:"config"`
		} `json:"modelTopology"`
		Format          string        `json:"format"`
		GeneratedBy     string        `json:"generatedBy"`
		ConvertedBy     *string       `json:"convertedBy"`
		WeightsManifest []WeightGroup `json:"weightsManifest"`
	}
	require.NoError(t, json.Unmarshal(a.ModelJSON, &mj))
	assert.Equal(t, "Sequential", mj.ModelTopology.ClassName)
	assert.Equal(t, "layers-model", mj.Format)
	assert.Equal(t, "gonn", mj.GeneratedBy)
	assert.Nil(t, mj.ConvertedBy)
	require.Len(t, mj.WeightsManifest, 1)

	var names []string
	total := 0
	for _, w := range mj.WeightsManifest[0].Weights {
		names = append(names, w.Name)
		assert.Equal(t, "float32", w.DType)
		n := 4
		for _, d := range w.Shape {
			n *= d
		}
		total += n
	}
	assert.Equal(t, []string{
		"embedding/embeddings",
		"bidirectional/forward_lstm/kernel", "bidirectional/forward_lstm/recurrent_kernel", "bidirectional/forward_lstm/bias",
		"bidirectional/backward_lstm/kernel", "bidirectional/backward_lstm/recurrent_kernel", "bidirectional/backward_lstm/bias",
		"gru/kernel", "gru/recurrent_kernel", "gru/bias",
		"dense/kernel", "dense/bias",
	}, names)

	var paths []string
	sum := 0
	for i, s := range a.Shards {
		paths = append(paths, s.Path)
		sum += len(s.Data)
		if i < len(a.Shards)-1 {
			assert.Len(t, s.Data, 256)
		}
	}
	assert.Equal(t, total, sum)
	assert.Equal(t, paths, mj.WeightsManifest[0].Paths)
	assert.Equal(t, "group1-shard1of"+itoa(len(paths))+".bin", paths[0])

	// TF.js' Bidirectional: the layer under its own name, no backward_layer.
	bi := mj.ModelTopology.Config.Layers[2]
	require.Equal(t, "Bidirectional", bi.ClassName)
	assert.NotContains(t, bi.Config, "backward_layer")
	assert.Equal(t, "lstm", bi.Config["layer"].(map[string]any)["config"].(map[string]any)["name"])
}

// TestSave_FirstLayerShape: a model built from a shape, with no InputLayer,
// gets batch_input_shape on its first layer, so that it loads.
func TestSave_FirstLayerShape(t *testing.T) {
	m := nn.NewSequential(layers.NewDense(3, "relu"), layers.NewDense(2, ""))
	require.NoError(t, m.Build(5))
	a, err := Save(m)
	require.NoError(t, err)
	back, err := Load(a.ModelJSON, a.FS())
	require.NoError(t, err)
	assert.Equal(t, []int{5}, back.InputShape())
	assert.Equal(t, m.WeightsHash(), back.WeightsHash())
}

// TestSave_Dir: SaveDir then LoadDir through the file system.
func TestSave_Dir(t *testing.T) {
	m := testModels[1].built(t, 2)
	dir := filepath.Join(t.TempDir(), "cnn")
	require.NoError(t, SaveDir(m, dir))
	_, err := os.Stat(filepath.Join(dir, "model.json"))
	require.NoError(t, err)
	back, err := LoadDir(dir)
	require.NoError(t, err)
	assert.Equal(t, m.WeightsHash(), back.WeightsHash())
}

// TestSave_Refused: what TF.js 4.22 lacks or computes differently is an
// ErrUnsupported naming the layer, and so is an unbuilt model.
func TestSave_Refused(t *testing.T) {
	up := layers.DefaultUpSampling2DConfig()
	up.Interpolation = "bilinear"
	global := layers.GlobalPoolingConfig{KeepDims: true}
	cases := []struct {
		name  string
		model func() *nn.Sequential
		want  []string
	}{
		{"GRU reset_after", func() *nn.Sequential {
			return nn.NewSequential(layers.NewInput(3, 2), layers.NewGRU(2))
		}, []string{`GRU "gru"`, "reset_after"}},
		{"bilinear", func() *nn.Sequential {
			return nn.NewSequential(layers.NewInput(2, 2, 1), layers.NewUpSampling2DWith(up))
		}, []string{`UpSampling2D "up_sampling2d"`, "bilinear"}},
		{"keepdims", func() *nn.Sequential {
			return nn.NewSequential(layers.NewInput(2, 2, 1), layers.NewGlobalMaxPooling2DWith(global))
		}, []string{"GlobalMaxPooling2D", "keepdims"}},
		{"activation", func() *nn.Sequential {
			return nn.NewSequential(layers.NewInput(2), layers.NewDense(2, "exponential"))
		}, []string{`Dense "dense"`, `"exponential"`}},
		{"nested activation", func() *nn.Sequential {
			return nn.NewSequential(layers.NewInput(3, 2), layers.NewTimeDistributed(layers.NewDense(2, "leaky_relu")))
		}, []string{"TimeDistributed", `"leaky_relu"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := c.model()
			require.NoError(t, m.Build())
			_, err := Save(m)
			require.ErrorIs(t, err, ErrUnsupported)
			for _, s := range c.want {
				assert.Contains(t, err.Error(), s)
			}
		})
	}
	_, err := Save(nn.NewSequential(layers.NewDense(2, "")))
	require.ErrorIs(t, err, ErrFormat)
	assert.Contains(t, err.Error(), "built model")
}
