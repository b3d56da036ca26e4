package tfjs

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"gonn/nn"
)

// LoadOptions changes what Load accepts.
type LoadOptions struct {
	// AllowNonFinite loads weights holding NaN or ±Inf (a diverged model,
	// kept for inspection) instead of failing with ErrNonFinite.
	AllowNonFinite bool
}

// Load makes the Sequential model that modelJSON describes and sets its
// weights from the weight files, read from shards by the manifest's paths
// (os.DirFS(dir) for the folder of model.json; Artifacts.FS for a model
// in memory). Every check (format, limits, classes, names, shapes, byte
// counts, finiteness) is done before the model is returned: on any error
// the result is nil.
func Load(modelJSON []byte, shards fs.FS) (*nn.Sequential, error) {
	return LoadOptions{}.Load(modelJSON, shards)
}

// LoadDir loads dir/model.json and the weight files beside it.
func LoadDir(dir string) (*nn.Sequential, error) {
	b, err := readModelJSON(filepath.Join(dir, "model.json"))
	if err != nil {
		return nil, err
	}
	return Load(b, os.DirFS(dir))
}

// LoadWeights sets the weights of m, a built model, from the manifest of
// modelJSON and the weight files in shards, as TF.js' loadWeights does
// (strictly: every weight of m given once, no other). The topology is not
// read. On any error m is left untouched.
func LoadWeights(m *nn.Sequential, modelJSON []byte, shards fs.FS) error {
	return LoadOptions{}.LoadWeights(m, modelJSON, shards)
}

// Load is the package's Load with these options.
func (o LoadOptions) Load(modelJSON []byte, shards fs.FS) (m *nn.Sequential, err error) {
	defer func() {
		if err != nil {
			m = nil
		}
	}()
	defer recoverInto(&err, "Load")
	mj, err := parseModelJSON(modelJSON)
	if err != nil {
		return nil, err
	}
	t, err := readTopology(mj.ModelTopology)
	if err != nil {
		return nil, err
	}
	ls, err := t.makeLayers()
	if err != nil {
		return nil, err
	}
	m = nn.NewSequential(ls...)
	if t.name != "" {
		m.Name = t.name
	}
	shape := declaredInput(m, t)
	if shape == nil {
		return nil, failf(ErrFormat, "the topology declares no input shape (no InputLayer, no batch_input_shape on the first layer, no build_input_shape)")
	}
	if err := buildChecked(m, shape, mj.modelFloats()); err != nil {
		return nil, err
	}
	if err := o.setWeights(m, mj, shards); err != nil {
		return nil, err
	}
	return m, nil
}

// LoadWeights is the package's LoadWeights with these options.
func (o LoadOptions) LoadWeights(m *nn.Sequential, modelJSON []byte, shards fs.FS) (err error) {
	defer recoverInto(&err, "LoadWeights")
	if m == nil || !m.Built() {
		return failf(ErrFormat, "LoadWeights needs a built model")
	}
	mj, err := parseModelJSON(modelJSON)
	if err != nil {
		return err
	}
	return o.setWeights(m, mj, shards)
}

// setWeights reads and checks every weight of the manifest, then, only if
// all are good, copies them into m.
func (o LoadOptions) setWeights(m *nn.Sequential, mj *ModelJSON, shards fs.FS) error {
	idx, err := indexWeights(m.Weights())
	if err != nil {
		return err
	}
	targets, err := matchManifest(mj, idx)
	if err != nil {
		return err
	}
	values, err := readWeights(mj, shards, targets, o.AllowNonFinite)
	if err != nil {
		return err
	}
	for _, name := range idx.names {
		copy(idx.vars[name].Data(), values[name])
	}
	return nil
}

// modelFloats is the number of float32 values the manifest holds for the
// model's weights (optimizer state aside).
func (mj *ModelJSON) modelFloats() int64 {
	var n int64
	for _, g := range mj.WeightsManifest {
		for _, w := range g.Weights {
			if w.Group != optimizerGroup {
				size, _ := w.byteSize()
				n += size / 4
			}
		}
	}
	return n
}

// declaredInput is the example shape the topology declares: the first
// layer's (an InputLayer, or batch_input_shape on a first layer), else the
// Sequential config's build_input_shape; nil if none.
func declaredInput(m *nn.Sequential, t *topology) []int {
	if d, ok := m.Layers[0].(interface{ InputShape() []int }); ok && d.InputShape() != nil {
		return d.InputShape()
	}
	return t.buildShape
}

// readModelJSON reads a model.json file, reading no more than the limit.
func readModelJSON(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, failf(ErrFormat, "%v", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxModelJSONBytes+1))
	if err != nil {
		return nil, failf(ErrFormat, "%s: %v", path, err)
	}
	if len(b) > MaxModelJSONBytes {
		return nil, failf(ErrTooLarge, "%s has more than %d bytes (the limit)", path, MaxModelJSONBytes)
	}
	return b, nil
}
