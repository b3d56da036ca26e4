package tfjs

import (
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	"gonn/nn"
	"gonn/nn/layers"
)

// writeTopology returns the modelTopology of m:
//
//	{"class_name": "Sequential", "config": {"name": "sequential", "layers": [{"class_name", "config"}, …]}}
//
// Each layer's config is its Keras config (Layer.Config), adapted to what
// TF.js 4.22 reads (see adaptConfig); a layer or option that TF.js lacks or
// computes differently is ErrUnsupported, naming the layer. A first layer
// that declares no input shape gets the model's as batch_input_shape, which
// TF.js needs to build a Sequential model.
func writeTopology(m *nn.Sequential) (map[string]any, error) {
	list := make([]any, len(m.Layers))
	for i, l := range m.Layers {
		entry, err := layerEntryFor(l)
		if err != nil {
			return nil, failf(ErrUnsupported, "layer %d (%s %q): %v", i, l.ClassName(), l.Name(), err)
		}
		list[i] = entry
	}
	first := list[0].(map[string]any)["config"].(map[string]any)
	if _, ok := first["batch_input_shape"]; !ok {
		shape := []any{nil}
		for _, d := range m.InputShape() {
			shape = append(shape, d)
		}
		first["batch_input_shape"] = shape
	}
	return map[string]any{
		"class_name": "Sequential",
		"config":     map[string]any{"name": m.Name, "layers": list},
	}, nil
}

// layerEntryFor is {"class_name", "config"} of l, adapted for TF.js.
func layerEntryFor(l layers.Layer) (map[string]any, error) {
	cfg := l.Config()
	if err := adaptConfig(l.ClassName(), cfg); err != nil {
		return nil, err
	}
	return map[string]any{"class_name": l.ClassName(), "config": cfg}, nil
}

// adaptConfig rewrites a Keras layer config, in place, into what TF.js
// 4.22 reads the same way:
//
//   - activations by TF.js' names ("silu" is "swish"); one TF.js lacks is
//     an error;
//   - initializers by TF.js' class names (LeCunNormal, LeCunUniform);
//   - LeakyReLU's Keras 3 negative_slope as alpha;
//   - Bidirectional's layer under its own name (TF.js adds "forward_"),
//     with no backward_layer (TF.js ignores it and copies the layer);
//   - nested layers (TimeDistributed, Bidirectional) likewise.
//
// Options TF.js lacks or computes differently are errors: GRU with
// reset_after (TF.js has only the original GRU), global pooling with
// keepdims, Conv2DTranspose with output_padding, bilinear UpSampling2D
// (TF.js resizes without Keras' half-pixel centres).
func adaptConfig(class string, cfg map[string]any) error {
	for _, key := range []string{"activation", "recurrent_activation"} {
		if name, ok := cfg[key].(string); ok {
			tf, err := tfjsActivation(name)
			if err != nil {
				return fmt.Errorf("%s: %v", key, err)
			}
			cfg[key] = tf
		}
	}
	for key, v := range cfg {
		if init, ok := v.(map[string]any); ok && strings.HasSuffix(key, "_initializer") {
			if tf, ok := tfjsInitializers[init["class_name"].(string)]; ok {
				init["class_name"] = tf
			}
		}
	}
	switch class {
	case "LeakyReLU":
		cfg["alpha"] = cfg["negative_slope"]
		delete(cfg, "negative_slope")
	case "GRU":
		if cfg["reset_after"] == true {
			return fmt.Errorf("reset_after=true (Keras 3's default) is not in TF.js 4.22, which has only the original GRU: use reset_after=false")
		}
	case "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D":
		if cfg["keepdims"] == true {
			return fmt.Errorf("keepdims=true is not in TF.js 4.22")
		}
		delete(cfg, "keepdims")
	case "Conv2DTranspose":
		if cfg["output_padding"] != nil {
			return fmt.Errorf("output_padding is not in TF.js 4.22")
		}
	case "UpSampling2D":
		if cfg["interpolation"] == "bilinear" {
			return fmt.Errorf(`interpolation "bilinear": TF.js 4.22 resizes without half-pixel centres, unlike Keras and gonn, so its predictions would differ (use "nearest")`)
		}
	case "TimeDistributed":
		return adaptNested(cfg, "layer")
	case "Bidirectional":
		return adaptBidirectional(cfg)
	}
	return nil
}

// adaptNested adapts the nested layer config under key.
func adaptNested(cfg map[string]any, key string) error {
	nested, ok := cfg[key].(map[string]any)
	if !ok {
		return fmt.Errorf("no nested %q layer", key)
	}
	class, _ := nested["class_name"].(string)
	inner, _ := nested["config"].(map[string]any)
	if err := adaptConfig(class, inner); err != nil {
		return fmt.Errorf("%s (%s): %v", key, class, err)
	}
	return nil
}

// adaptBidirectional writes a Bidirectional config as TF.js reads it: the
// forward layer under the name TF.js prefixes with "forward_", and no
// backward_layer, which TF.js ignores (making the backward direction a copy
// of the layer with go_backwards flipped). A backward layer that is not
// such a copy cannot be written.
func adaptBidirectional(cfg map[string]any) error {
	if err := adaptNested(cfg, "layer"); err != nil {
		return err
	}
	forward := cfg["layer"].(map[string]any)
	fc := forward["config"].(map[string]any)
	name, _ := fc["name"].(string)
	fc["name"] = strings.TrimPrefix(name, "forward_")
	if b, ok := cfg["backward_layer"].(map[string]any); ok {
		if err := adaptNested(cfg, "backward_layer"); err != nil {
			return err
		}
		if !sameButDirection(forward, b) {
			return fmt.Errorf("a backward_layer other than a copy of the layer is not in TF.js 4.22")
		}
	}
	delete(cfg, "backward_layer")
	return nil
}

// sameButDirection reports whether two nested layer entries differ only in
// name and go_backwards.
func sameButDirection(a, b map[string]any) bool {
	strip := func(e map[string]any) string {
		c := maps.Clone(e["config"].(map[string]any))
		delete(c, "name")
		delete(c, "go_backwards")
		out, _ := json.Marshal(map[string]any{"class_name": e["class_name"], "config": c})
		return string(out)
	}
	return a["class_name"] == b["class_name"] && strip(a) == strip(b)
}

// tfjsInitializers are the TF.js class names of initializers whose Keras
// class names differ.
var tfjsInitializers = map[string]string{"LecunNormal": "LeCunNormal", "LecunUniform": "LeCunUniform"}

// tfjsActivation is the name under which TF.js 4.22 computes the gonn
// activation name alike, or an error. hard_sigmoid is refused on purpose:
// TF.js computes Keras 2's clip(0.2x + 0.5), Keras 3 relu6(x + 3) / 6.
func tfjsActivation(name string) (string, error) {
	switch name {
	case "", "linear", "relu", "relu6", "sigmoid", "tanh", "softmax", "log_softmax",
		"elu", "selu", "softplus", "softsign", "swish", "mish":
		return name, nil
	case "silu":
		return "swish", nil
	}
	return "", fmt.Errorf("activation %q is not in TF.js 4.22 (or not computed alike)", name)
}
