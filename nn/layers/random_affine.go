package layers

import "gonn/nn/imageops"

// AffineConfig holds the arguments the geometric random layers
// (RandomRotation, RandomTranslation, RandomZoom) share, under their Keras
// keys. Each layer's config embeds it, so its fields read as the layer's
// own (cfg.FillMode) and its keys sit beside the layer's in JSON.
type AffineConfig struct {
	// FillMode is "reflect" (the default), "wrap", "constant" or "nearest";
	// see imageops.FillMode.
	FillMode string `json:"fill_mode"`
	// Interpolation is "bilinear" (the default) or "nearest".
	Interpolation string `json:"interpolation"`
	// Seed, if set, gives the layer its own generator (see Dropout).
	Seed *int64 `json:"seed"`
	// FillValue is what FillMode "constant" puts outside the image; 0.
	FillValue  float64 `json:"fill_value"`
	DataFormat string  `json:"data_format"` // "channels_last" (the default; "" means it)
}

// defaultAffineConfig returns Keras' defaults.
func defaultAffineConfig() AffineConfig {
	return AffineConfig{FillMode: "reflect", Interpolation: "bilinear", DataFormat: "channels_last"}
}

// options checks the arguments and turns them into the sampling options
// of imageops.Affine; errors name class.
func (a *AffineConfig) options(b *Base, class string) (imageops.Options, error) {
	if err := poolCheckFormat(b, class, a.DataFormat); err != nil {
		return imageops.Options{}, err
	}
	fill, err := imageops.ParseFillMode(a.FillMode)
	if err != nil {
		return imageops.Options{}, b.errorf(class, "%v", err)
	}
	interp, err := imageops.ParseInterpolation(a.Interpolation)
	if err != nil {
		return imageops.Options{}, b.errorf(class, "%v", err)
	}
	return imageops.Options{Interpolation: interp, FillMode: fill, FillValue: float32(a.FillValue)}, nil
}

// putConfig writes the arguments into a layer's config c.
func (a *AffineConfig) putConfig(c map[string]any) {
	c["fill_mode"] = a.FillMode
	c["interpolation"] = a.Interpolation
	c["seed"] = seedValue(a.Seed)
	c["fill_value"] = a.FillValue
	c["data_format"] = poolOrDefault(a.DataFormat, "channels_last")
}
