package main

import (
	"encoding/json"
	"math"

	"gonn/nn"
)

// jsonFloat is a float64 that JSON writes as null when it is NaN or ±Inf,
// which JSON cannot hold (a loss that blew up).
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(f))
}

// logsJSON converts logs; encoding/json writes map keys sorted.
func logsJSON(logs nn.Logs) map[string]jsonFloat {
	out := make(map[string]jsonFloat, len(logs))
	for k, v := range logs {
		out[k] = jsonFloat(v)
	}
	return out
}

func floatsJSON(vs []float64) []jsonFloat {
	out := make([]jsonFloat, len(vs))
	for i, v := range vs {
		out[i] = jsonFloat(v)
	}
	return out
}
