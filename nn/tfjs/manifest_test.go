package tfjs

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLimits_Counts: more layers, weights or files than the limits are
// ErrTooLarge, found while reading the JSON, before anything is built.
func TestLimits_Counts(t *testing.T) {
	topology := `{"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense", "config": {"units": 1, "batch_input_shape": [null, 1]}}]}}`
	manifest := func(files, weights int) string {
		var paths, specs []string
		for i := range files {
			paths = append(paths, fmt.Sprintf(`"f%d.bin"`, i))
		}
		for i := range weights {
			specs = append(specs, fmt.Sprintf(`{"name": "w%d", "shape": [], "dtype": "float32"}`, i))
		}
		return fmt.Sprintf(`[{"paths": [%s], "weights": [%s]}]`, strings.Join(paths, ","), strings.Join(specs, ","))
	}
	var many []string
	for range MaxLayers + 1 {
		many = append(many, `{"class_name": "Dropout", "config": {"rate": 0}}`)
	}
	cases := []struct {
		name, modelJSON, want string
	}{
		{"files", `{"modelTopology": ` + topology + `, "weightsManifest": ` + manifest(MaxShardFiles+1, 0) + `}`, "more than 10000 weight files"},
		{"weights", `{"modelTopology": ` + topology + `, "weightsManifest": ` + manifest(1, MaxWeightEntries+1) + `}`, "more than 100000 weights"},
		{"layers", `{"modelTopology": {"class_name": "Sequential", "config": {"layers": [` + strings.Join(many, ",") + `]}}, "weightsManifest": []}`, "10001 layers, more than the limit of 10000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.True(t, json.Valid([]byte(c.modelJSON)))
			m, err := Load([]byte(c.modelJSON), nil)
			assert.Nil(t, m)
			require.ErrorIs(t, err, ErrTooLarge)
			assert.ErrorContains(t, err, c.want)
		})
	}
}

// TestCleanPath: weight file paths stay in the model's folder.
func TestCleanPath(t *testing.T) {
	for p, want := range map[string]string{
		"group1-shard1of2.bin":  "group1-shard1of2.bin",
		"./model.weights.bin":   "model.weights.bin",
		"weights/shard1.bin":    "weights/shard1.bin",
		"../shard.bin":          "",
		"/etc/passwd":           "",
		"a/../../b.bin":         "",
		"http://host/w.bin":     "",
		`C:\weights\shard1.bin`: "",
		"":                      "",
		".":                     "",
	} {
		got, err := cleanPath(p)
		if want == "" {
			assert.ErrorIs(t, err, ErrFormat, p)
			continue
		}
		require.NoError(t, err, p)
		assert.Equal(t, want, got)
	}
}
