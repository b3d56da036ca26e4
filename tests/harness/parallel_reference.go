package harness

import (
	"encoding/json"
	"fmt"

	"gonn/nn"
	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/tensor"
)

// NativeParallel trains spec's model (gonn's spec form: {"seed", "layers"})
// in-process with nn.FitParallel over workers replicas, each built with
// layers.FromConfig as the engine builds them (the followers from other
// seeds: FitParallel must overwrite their weights and generators), compiled
// with Adam, categorical cross-entropy and accuracy, on x and one-hot y
// (10 classes). It returns the leader's weights hash as gonn_weights_hash
// prints it, and the history.
func NativeParallel(spec string, workers int, x, y *tensor.Tensor, cfg nn.FitConfig) (string, *nn.History, error) {
	return NativeParallelFits(spec, workers, 1, x, y, cfg)
}

// NativeParallelFits is NativeParallel with fits calls of nn.FitParallel
// on the same replicas, as a model that fits again with workers reuses
// its replicas: the earlier ones with cfg's callbacks left out. The
// history is the last fit's.
func NativeParallelFits(spec string, workers, fits int, x, y *tensor.Tensor, cfg nn.FitConfig) (string, *nn.History, error) {
	var s struct {
		Seed   uint64
		Layers []struct {
			ClassName string          `json:"class_name"`
			Config    json.RawMessage `json:"config"`
		}
	}
	if err := json.Unmarshal([]byte(spec), &s); err != nil {
		return "", nil, err
	}
	replicas := make([]*nn.Sequential, workers)
	for i := range replicas {
		var ls []layers.Layer
		for _, l := range s.Layers {
			layer, err := layers.FromConfig(l.ClassName, l.Config)
			if err != nil {
				return "", nil, err
			}
			ls = append(ls, layer)
		}
		m := nn.NewSequential(ls...)
		m.SetSeed(s.Seed + uint64(i)*1000)
		loss, err := losses.Get("categorical_crossentropy")
		if err != nil {
			return "", nil, err
		}
		if err := m.Compile(optimizers.NewAdam(), loss, "accuracy"); err != nil {
			return "", nil, err
		}
		replicas[i] = m
	}
	earlier := cfg
	earlier.Callbacks = nil
	for range fits - 1 {
		if _, err := nn.FitParallel(replicas, x, y, earlier); err != nil {
			return "", nil, err
		}
	}
	h, err := nn.FitParallel(replicas, x, y, cfg)
	if err != nil {
		return "", nil, err
	}
	return fmt.Sprintf("%016x", replicas[0].WeightsHash()), h, nil
}

// StopAfter is a callback that stops the fit after its n-th batch, counted
// over the whole fit.
func StopAfter(n int) nn.Callback {
	seen := 0
	return nn.CallbackFuncs{BatchEnd: func(m *nn.Sequential, _, _ int, _ nn.Logs) {
		if seen++; seen == n {
			m.Stop()
		}
	}}
}
