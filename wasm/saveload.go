package main

// Models in the TF.js layers format (nn/tfjs), the engine side of the JS
// API's model.save() and gonn.loadLayersModel(): a model goes out as
// model.json and one buffer of weight data, and comes back in the same
// form, with every weight file of a manifest concatenated in order (TF.js'
// ModelArtifacts.weightData).

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"

	"gonn/nn"
	"gonn/nn/tfjs"
)

// weightDataFile is the name under which ModelLoad hands the weight data
// to nn/tfjs, as the one file of a one-group manifest; error messages
// about the weight files name it.
const weightDataFile = "weightData"

// ModelSave puts the model, in the TF.js layers format, in the result:
// u32 n (little-endian), n bytes of model.json (format "layers-model", the
// Sequential topology, a weights manifest of one group and one file), then
// the bytes of that file: every weight as float32, in manifest order.
func (e *Engine) ModelSave(h int32) int32 {
	return e.guard("gonn_model_save", false, func() error {
		const op = "gonn_model_save"
		m, err := e.builtModel(op, h)
		if err != nil {
			return err
		}
		// One file for any model the format can hold (MaxWeightBytes).
		a, err := tfjs.SaveOptions{ShardBytes: tfjs.MaxWeightBytes}.Save(m.seq)
		if err != nil {
			return tfjsError(op, err)
		}
		var weights []byte // no file when the model has no weights
		if len(a.Shards) > 0 {
			weights = a.Shards[0].Data
		}
		out := make([]byte, 0, 4+len(a.ModelJSON)+len(weights))
		out = binary.LittleEndian.AppendUint32(out, uint32(len(a.ModelJSON)))
		out = append(append(out, a.ModelJSON...), weights...)
		e.setResult(out)
		return nil
	})
}

// ModelLoad makes a model from model.json at (jsonPtr, jsonLen) and the
// weight data at (dataPtr, dataLen): the concatenation, in manifest order,
// of every file its weights manifest lists. The handle is the result.
// Everything is checked before the model exists: on any error no handle is
// made.
func (e *Engine) ModelLoad(jsonPtr uintptr, jsonLen int32, dataPtr uintptr, dataLen int32) int32 {
	return e.guard("gonn_model_load", false, func() error {
		const op = "gonn_model_load"
		modelJSON, err := e.jsonArg(op+": model.json", jsonPtr, jsonLen)
		if err != nil {
			return err
		}
		data, err := e.blocks.bytes(op+": weight data", dataPtr, dataLen)
		if err != nil {
			return err
		}
		merged, err := oneWeightFile(op, modelJSON)
		if err != nil {
			return err
		}
		a := &tfjs.Artifacts{ModelJSON: merged, Shards: []tfjs.Shard{{Path: weightDataFile, Data: data}}}
		seq, err := tfjs.Load(a.ModelJSON, a.FS())
		if err != nil {
			return tfjsError(op, err)
		}
		return e.addHandle(&model{seq: seq, seed: nn.DefaultSeed})
	})
}

// oneWeightFile rewrites model.json's weights manifest as one group whose
// one file is weightDataFile: the weights of every group, in order, as
// their files lie back to back in the weight data. The other keys are kept
// as they are, for nn/tfjs to check.
func oneWeightFile(op string, modelJSON []byte) ([]byte, error) {
	t := bytes.TrimSpace(modelJSON)
	if len(t) == 0 || t[0] != '{' {
		return nil, fail(statusBadArgument, "%s: model.json is not a JSON object: %.40q", op, t)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(t, &keys); err != nil {
		return nil, fail(statusBadArgument, "%s: model.json is not valid JSON: %v", op, err)
	}
	raw, ok := keys["weightsManifest"]
	if !ok || string(raw) == "null" {
		return modelJSON, nil // nn/tfjs says which weights lack data
	}
	var groups []tfjs.WeightGroup
	if err := json.Unmarshal(raw, &groups); err != nil {
		return nil, fail(statusBadArgument, "%s: model.json: weightsManifest is not a list of {paths, weights}: %v", op, err)
	}
	merged := tfjs.WeightGroup{Paths: []string{weightDataFile}, Weights: []tfjs.WeightSpec{}}
	for _, g := range groups {
		merged.Weights = append(merged.Weights, g.Weights...)
	}
	b, err := json.Marshal([]tfjs.WeightGroup{merged})
	if err != nil {
		return nil, fail(statusBadArgument, "%s: model.json: weightsManifest: %v", op, err)
	}
	keys["weightsManifest"] = b
	return json.Marshal(keys)
}

// tfjsError gives an error of nn/tfjs its status: too_large for sizes past
// its limits, shape when the weight data or the manifest does not fit the
// topology, non_finite for NaN or ±Inf weights, bad_argument for the rest
// (malformed JSON, a class or option gonn or TF.js lacks, naming the layer).
func tfjsError(op string, err error) error {
	code := statusBadArgument
	switch {
	case errors.Is(err, tfjs.ErrTooLarge):
		code = statusTooLarge
	case errors.Is(err, tfjs.ErrShardSize), errors.Is(err, tfjs.ErrMismatch):
		code = statusShape
	case errors.Is(err, tfjs.ErrNonFinite):
		code = statusNonFinite
	}
	return fail(code, "%s: %v", op, err)
}
