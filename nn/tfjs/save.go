package tfjs

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"

	"gonn/nn"
)

// Artifacts are the files of a saved model: model.json and the weight
// files its manifest lists, in order.
type Artifacts struct {
	ModelJSON []byte
	Shards    []Shard
}

// Shard is one weight file: its path beside model.json and its bytes.
type Shard struct {
	Path string
	Data []byte
}

// SaveOptions changes how Save writes a model.
type SaveOptions struct {
	// ShardBytes is the size at which a new weight file starts; 0 means
	// DefaultShardBytes (4 MiB, as the TF.js converter writes).
	ShardBytes int
}

// generatedBy is model.json's generatedBy.
const generatedBy = "gonn"

// Save writes m, a built model, in the TF.js layers format: model.json
// (format "layers-model", the Sequential topology, the weights manifest)
// and float32 weight files of at most 4 MiB, which TF.js 4.22's
// tf.loadLayersModel reads. Weights are named as TF.js names them
// ("dense/kernel", "lstm/recurrent_kernel"). A layer or option TF.js lacks
// is ErrUnsupported, naming the layer. Optimizer state is not written (see
// the package comment).
func Save(m *nn.Sequential) (*Artifacts, error) { return SaveOptions{}.Save(m) }

// SaveDir saves m into dir (created if needed): dir/model.json and the
// weight files beside it.
func SaveDir(m *nn.Sequential, dir string) error {
	a, err := Save(m)
	if err != nil {
		return err
	}
	return a.WriteDir(dir)
}

// Save is the package's Save with these options.
func (o SaveOptions) Save(m *nn.Sequential) (a *Artifacts, err error) {
	defer recoverInto(&err, "Save")
	if m == nil || !m.Built() {
		return nil, failf(ErrFormat, "Save needs a built model (call Build, or Fit or Predict once)")
	}
	shardBytes := o.ShardBytes
	if shardBytes <= 0 {
		shardBytes = DefaultShardBytes
	}
	topology, err := writeTopology(m)
	if err != nil {
		return nil, err
	}
	ws := m.Weights()
	if _, err := indexWeights(ws); err != nil {
		return nil, err
	}
	specs, data := encodeWeights(ws)
	shards := splitShards(data, shardBytes)
	paths := make([]string, len(shards))
	for i, s := range shards {
		paths[i] = s.Path
	}
	modelJSON, err := json.Marshal(struct {
		ModelTopology   any           `json:"modelTopology"`
		Format          string        `json:"format"`
		GeneratedBy     string        `json:"generatedBy"`
		ConvertedBy     *string       `json:"convertedBy"`
		WeightsManifest []WeightGroup `json:"weightsManifest"`
	}{topology, layersFormat, generatedBy, nil, []WeightGroup{{Paths: paths, Weights: specs}}})
	if err != nil {
		return nil, failf(ErrUnsupported, "model.json: %v", err)
	}
	return &Artifacts{ModelJSON: modelJSON, Shards: shards}, nil
}

// WriteDir writes the files into dir, creating it if needed.
func (a *Artifacts) WriteDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "model.json"), a.ModelJSON, 0o644); err != nil {
		return err
	}
	for _, s := range a.Shards {
		if err := os.WriteFile(filepath.Join(dir, s.Path), s.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// FS serves the files from memory, for Load: Load(a.ModelJSON, a.FS()).
func (a *Artifacts) FS() fs.FS {
	files := memFS{"model.json": a.ModelJSON}
	for _, s := range a.Shards {
		files[s.Path] = s.Data
	}
	return files
}
