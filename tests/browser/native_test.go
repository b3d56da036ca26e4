package browser

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"os"

	"gonn/cmd/build/dist"
	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"
)

// referenceSpec is the reference MLP of the bit-identity tests (tests/
// bitidentity_test.go): 784-64 relu, dropout 0.2, 10 softmax, seed 42. The
// JavaScript scenarios build the same net with gonn.layers
// (tests/node/scenarios.mjs, referenceLayers).
const referenceSpec = `{"seed": 42, "layers": [
	{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 784]}},
	{"class_name": "Dense", "config": {"units": 64, "activation": "relu"}},
	{"class_name": "Dropout", "config": {"rate": 0.2}},
	{"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}}]}`

// referenceExamples is how many MNIST training images the reference fit uses:
// one epoch of 20 batches of 32.
const referenceExamples = 640

// referenceHash trains the reference MLP natively on the first 640 images
// of the site's MNIST pack (the bytes the JavaScript tests read), one epoch
// of batches of 32 with Adam and categorical cross-entropy, and returns the
// FNV-64a of its weights as gonn_weights_hash computes it.
func referenceHash(packPath string) (string, error) {
	b, err := os.ReadFile(packPath)
	if err != nil {
		return "", err
	}
	pack, err := dist.DecodePack(b)
	if err != nil {
		return "", err
	}
	set, err := pack.Set()
	if err != nil {
		return "", err
	}
	set = set.Subset(referenceExamples)

	var spec struct {
		Seed   uint64
		Layers []struct {
			ClassName string          `json:"class_name"`
			Config    json.RawMessage `json:"config"`
		}
	}
	if err := json.Unmarshal([]byte(referenceSpec), &spec); err != nil {
		return "", err
	}
	var ls []layers.Layer
	for _, l := range spec.Layers {
		layer, err := layers.FromConfig(l.ClassName, l.Config)
		if err != nil {
			return "", err
		}
		ls = append(ls, layer)
	}
	m := nn.NewSequential(ls...)
	m.SetSeed(spec.Seed)
	if err := m.Build(); err != nil {
		return "", err
	}
	loss, err := losses.Get("categorical_crossentropy")
	if err != nil {
		return "", err
	}
	if err := m.Compile(optimizers.NewAdam(), loss, "accuracy"); err != nil {
		return "", err
	}
	n := set.N
	x := tensor.From(set.Images, n, set.Rows*set.Cols)
	y := tensor.From(set.OneHot(), n, 10)
	if _, err := m.Fit(x, y, nn.FitConfig{Epochs: 1, BatchSize: 32}); err != nil {
		return "", err
	}
	h := fnv.New64a()
	var buf [4]byte
	for _, w := range m.Weights() {
		for _, v := range w.Data() {
			binary.LittleEndian.PutUint32(buf[:], math.Float32bits(v))
			h.Write(buf[:])
		}
	}
	return fmt.Sprintf("%016x", h.Sum64()), nil
}
