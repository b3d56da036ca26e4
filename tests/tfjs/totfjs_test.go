package tfjs

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"gonn/nn/tensor"
	"gonn/nn/tfjs"
)

// TestToTFJS: gonn builds and saves its models (every layer class the
// format carries); TF.js loads each with tf.loadLayersModel, strictly (every
// weight name must match), and predicts gonn's predictions.
func TestToTFJS(t *testing.T) {
	root := t.TempDir()
	var dirs []string
	want := map[string]*tensor.Tensor{}
	for i, gm := range gonnModels {
		m := gm.built(t, uint64(10+i))
		dir := filepath.Join(root, gm.name)
		a, err := tfjs.SaveOptions{ShardBytes: 1000}.Save(m) // weights straddle files
		require.NoError(t, err, gm.name)
		require.NoError(t, a.WriteDir(dir))
		x := gm.input(m, 5, uint64(20+i))
		writeTensor(t, dir, "input", x)
		want[gm.name], err = m.Predict(x, 0)
		require.NoError(t, err)
		dirs = append(dirs, dir)
	}
	runNode(t, append([]string{"predict"}, dirs...)...)
	for _, gm := range gonnModels {
		t.Run(gm.name, func(t *testing.T) {
			requireClose(t, readTensor(t, filepath.Join(root, gm.name), "output"), want[gm.name])
		})
	}
}
