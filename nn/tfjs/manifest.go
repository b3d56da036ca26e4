package tfjs

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
)

// ModelJSON is model.json of the TF.js layers format, as TF.js'
// LayersModel.save and the TF.js converter write it:
//
//	{"modelTopology": {"class_name": "Sequential", "config": {…}},
//	 "format": "layers-model", "generatedBy": "…", "convertedBy": null,
//	 "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [{"name": "dense/kernel", "shape": [784, 10], "dtype": "float32"}, …]}]}
//
// Other keys TF.js may write (trainingConfig, userDefinedMetadata,
// signature, …) are read past.
type ModelJSON struct {
	// ModelTopology is the Keras model config, possibly wrapped as the
	// converter writes it: {"model_config": {…}, "training_config": …}.
	ModelTopology json.RawMessage `json:"modelTopology"`
	// Format is "layers-model"; older files omit it.
	Format      string  `json:"format,omitempty"`
	GeneratedBy string  `json:"generatedBy,omitempty"`
	ConvertedBy *string `json:"convertedBy"`
	// WeightsManifest lists the weight files and, in the order their bytes
	// lie in the concatenation of each group's files, the weights.
	WeightsManifest []WeightGroup `json:"weightsManifest"`
}

// WeightGroup is one entry of the weights manifest: files whose
// concatenation holds the listed weights back to back.
type WeightGroup struct {
	Paths   []string     `json:"paths"` // relative to model.json
	Weights []WeightSpec `json:"weights"`
}

// WeightSpec names one weight of a group and says how many bytes it takes.
type WeightSpec struct {
	// Name is the TF.js weight name: "<layer name>/<weight>", e.g.
	// "dense_Dense1/kernel", "bidirectional/forward_lstm/recurrent_kernel".
	Name  string `json:"name"`
	Shape []int  `json:"shape"`
	// DType is "float32" for every model weight gonn reads.
	DType string `json:"dtype"`
	// Group is "optimizer" for optimizer state that TF.js saves with
	// includeOptimizer; gonn skips it (see the package comment).
	Group string `json:"group,omitempty"`
	// Quantization is set by the converter's quantized exports, which gonn
	// does not read.
	Quantization *Quantization `json:"quantization,omitempty"`
}

// Quantization is the part of a quantized weight's spec that fixes its
// size.
type Quantization struct {
	DType string `json:"dtype"` // "uint8", "uint16" or "float16"
}

// optimizerGroup is the WeightSpec.Group of optimizer state.
const optimizerGroup = "optimizer"

// layersFormat is the ModelJSON.Format of a layers model.
const layersFormat = "layers-model"

// parseModelJSON reads model.json and checks everything that can be checked
// without the topology: sizes, names, dtypes, paths. It allocates nothing
// beyond the decoded JSON, whose size is bounded first.
func parseModelJSON(b []byte) (*ModelJSON, error) {
	if len(b) > MaxModelJSONBytes {
		return nil, failf(ErrTooLarge, "model.json has %d bytes, more than the limit of %d", len(b), MaxModelJSONBytes)
	}
	var mj ModelJSON
	if err := json.Unmarshal(b, &mj); err != nil {
		return nil, failf(ErrFormat, "model.json is not valid JSON of the layers format: %v", err)
	}
	if t := bytes.TrimSpace(mj.ModelTopology); len(t) == 0 || string(t) == "null" {
		return nil, failf(ErrFormat, "model.json has no modelTopology")
	}
	if mj.Format != "" && mj.Format != layersFormat {
		return nil, failf(ErrUnsupported, "model.json has format %q: gonn reads %q (a graph model has no layers to rebuild)", mj.Format, layersFormat)
	}
	if err := mj.checkManifest(); err != nil {
		return nil, err
	}
	return &mj, nil
}

// checkManifest checks the manifest's counts, paths, names, shapes and
// dtypes, and that the total size stays within MaxWeightBytes.
func (mj *ModelJSON) checkManifest() error {
	entries, files := 0, 0
	var total int64
	paths := map[string]bool{}
	names := map[string]bool{}
	for _, group := range mj.WeightsManifest {
		files += len(group.Paths)
		entries += len(group.Weights)
		if files > MaxShardFiles {
			return failf(ErrTooLarge, "the weights manifest lists more than %d weight files", MaxShardFiles)
		}
		if entries > MaxWeightEntries {
			return failf(ErrTooLarge, "the weights manifest lists more than %d weights", MaxWeightEntries)
		}
		for _, p := range group.Paths {
			clean, err := cleanPath(p)
			if err != nil {
				return err
			}
			if paths[clean] {
				return failf(ErrFormat, "the weights manifest lists the file %q twice", p)
			}
			paths[clean] = true
		}
		for _, w := range group.Weights {
			n, err := w.byteSize()
			if err != nil {
				return err
			}
			if total += n; total > MaxWeightBytes {
				return failf(ErrTooLarge, "the manifest's weights take more than %d bytes (the limit), at %q", MaxWeightBytes, w.Name)
			}
			if w.Group == optimizerGroup {
				continue
			}
			if names[w.Name] {
				return failf(ErrFormat, "the weights manifest lists the weight %q twice", w.Name)
			}
			names[w.Name] = true
		}
	}
	return nil
}

// byteSize is the number of bytes the weight takes in its group's data.
// Model weights must be float32 and unquantized; optimizer state may have
// any fixed-size dtype, since it is only skipped.
func (w WeightSpec) byteSize() (int64, error) {
	if w.Name == "" {
		return 0, failf(ErrFormat, "a weight has no name")
	}
	if len(w.Shape) > MaxRank {
		return 0, failf(ErrTooLarge, "weight %q has rank %d, more than the limit of %d", w.Name, len(w.Shape), MaxRank)
	}
	n := int64(1)
	for _, d := range w.Shape {
		if d < 0 {
			return 0, failf(ErrFormat, "weight %q has a negative extent in shape %v", w.Name, w.Shape)
		}
		if d != 0 && n > MaxWeightBytes/int64(d) {
			return 0, failf(ErrTooLarge, "weight %q of shape %v takes more than %d bytes (the limit)", w.Name, w.Shape, MaxWeightBytes)
		}
		n *= int64(d)
	}
	if w.Group == optimizerGroup {
		dtype := w.DType
		if w.Quantization != nil {
			dtype = w.Quantization.DType
		}
		size, known := dtypeBytes[dtype]
		if !known {
			return 0, failf(ErrUnsupported, "optimizer weight %q has dtype %q, whose size gonn does not know", w.Name, dtype)
		}
		return n * size, nil
	}
	switch {
	case w.Quantization != nil:
		return 0, failf(ErrUnsupported, "weight %q is quantized to %s: gonn reads unquantized float32 weights (export without quantization)", w.Name, w.Quantization.DType)
	case w.DType != "float32":
		return 0, failf(ErrUnsupported, "weight %q has dtype %q: gonn reads float32 weights only", w.Name, w.DType)
	}
	return n * 4, nil
}

// dtypeBytes is the size of one value of each fixed-size TF.js dtype
// (weights, or quantized weights).
var dtypeBytes = map[string]int64{"float32": 4, "int32": 4, "bool": 1, "complex64": 8, "uint8": 1, "uint16": 2, "float16": 2}

// cleanPath turns a manifest path into a path of the model's folder: "./"
// in front is dropped (TF.js writes "./model.weights.bin"); a path that
// leaves the folder, is absolute or is a URL is an error.
func cleanPath(p string) (string, error) {
	clean := strings.TrimPrefix(p, "./")
	if !fs.ValidPath(clean) || clean == "." || strings.Contains(clean, "\\") || strings.Contains(clean, ":") {
		return "", failf(ErrFormat, "weight file path %q is not a file in the model's folder", p)
	}
	return clean, nil
}
