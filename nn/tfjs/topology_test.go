package tfjs

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadTopology: the forms of modelTopology that TF.js, the converter
// and Keras versions write, and what each yields.
func TestReadTopology(t *testing.T) {
	dense := `{"class_name": "Dense", "config": {"name": "d", "units": 2, "batch_input_shape": [null, 3]}}`
	cases := []struct {
		name       string
		topology   string
		wantName   string
		trainable  bool
		buildShape []int
		classes    []string
	}{
		{"TF.js", `{"class_name": "Sequential", "config": {"name": "s", "layers": [` + dense + `]}, "keras_version": "tfjs-layers 4.22.0", "backend": "tensor_flow.js"}`,
			"s", true, nil, []string{"Dense"}},
		{"converter", `{"keras_version": "2.15.0", "backend": "tensorflow", "model_config": {"class_name": "Sequential", "config": {"name": "k", "layers": [` + dense + `]}}, "training_config": {"loss": "mse"}}`,
			"k", true, nil, []string{"Dense"}},
		{"Keras 2.2 layer list", `{"class_name": "Sequential", "config": [` + dense + `]}`,
			"", true, nil, []string{"Dense"}},
		{"build_input_shape, frozen", `{"class_name": "Sequential", "config": {"name": "f", "trainable": false, "build_input_shape": [null, 4, 2], "layers": [{"class_name": "Flatten", "config": {}}]}}`,
			"f", false, []int{4, 2}, []string{"Flatten"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			top, err := readTopology(json.RawMessage(c.topology))
			require.NoError(t, err)
			assert.Equal(t, c.wantName, top.name)
			assert.Equal(t, c.trainable, top.trainable)
			assert.Equal(t, c.buildShape, top.buildShape)
			var classes []string
			for _, e := range top.layers {
				classes = append(classes, e.class)
			}
			assert.Equal(t, c.classes, classes)
			ls, err := top.makeLayers()
			require.NoError(t, err)
			for _, l := range ls {
				assert.Equal(t, c.trainable, l.Trainable())
			}
		})
	}
}

// TestReadTopology_Errors: topologies that are not a Sequential model.
func TestReadTopology_Errors(t *testing.T) {
	cases := []struct {
		name, topology string
		kind           error
		want           string
	}{
		{"not an object", `[1]`, ErrFormat, "want a JSON object"},
		{"no class", `{"config": {}}`, ErrFormat, "no class_name"},
		{"functional", `{"class_name": "Functional", "config": {}}`, ErrUnsupported, `"Functional" model`},
		{"converted functional", `{"model_config": {"class_name": "Model", "config": {}}}`, ErrUnsupported, `"Model" model`},
		{"layers not a list", `{"class_name": "Sequential", "config": {"layers": {}}}`, ErrFormat, "want a list"},
		{"layer without class", `{"class_name": "Sequential", "config": {"layers": [{"config": {}}]}}`, ErrFormat, "layer 0 has no class_name"},
		{"bad build shape", `{"class_name": "Sequential", "config": {"build_input_shape": [null, null], "layers": []}}`, ErrFormat, "only the batch axis"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readTopology(json.RawMessage(c.topology))
			require.ErrorIs(t, err, c.kind)
			assert.ErrorContains(t, err, c.want)
		})
	}
}
