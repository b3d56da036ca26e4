package main

import (
	"errors"

	"gonn/web/ui/internal/format"
)

// settings are what the form asks for.
type settings struct {
	Image    int     // the test image, 0 … 9,999
	Flip     string  // "" (none), "horizontal", "vertical" or "horizontal_and_vertical"
	Rotation float64 // RandomRotation's factor: a fraction of a full turn, 0 … 0.5
	Shift    float64 // RandomTranslation's height and width factor, 0 … 0.5
	Zoom     float64 // RandomZoom's height factor, 0 … 0.9 (the width follows)
	Contrast float64 // RandomContrast's factor, 0 … 1
	FillMode string  // reflect, wrap, constant or nearest
	Interp   string  // bilinear or nearest
	Seed     int
	Variants int // images in the grid
}

// defaults are the page's first settings; quick, those of ?quick=1 (fewer
// variants, the same layers).
var (
	defaults = settings{Image: 0, Flip: "", Rotation: 0.05, Shift: 0.1, Zoom: 0.1, Contrast: 0.3,
		FillMode: "constant", Interp: "bilinear", Seed: 1, Variants: 16}
	quick = func() settings { s := defaults; s.Variants = 8; return s }()
)

// check returns an error naming the first setting out of its range.
func (s settings) check(images int) error {
	switch {
	case s.Image < 0 || s.Image >= images:
		return errors.New("the image number must be 0 to " + format.Thousands(images-1))
	case s.Flip != "" && s.Flip != "horizontal" && s.Flip != "vertical" && s.Flip != "horizontal_and_vertical":
		return errors.New("the flip mode " + s.Flip + " is unknown")
	case !(s.Rotation >= 0 && s.Rotation <= 0.5):
		return errors.New("the rotation factor must be 0 to 0.5 (half a turn)")
	case !(s.Shift >= 0 && s.Shift <= 0.5):
		return errors.New("the translation factor must be 0 to 0.5")
	case !(s.Zoom >= 0 && s.Zoom <= 0.9):
		return errors.New("the zoom factor must be 0 to 0.9")
	case !(s.Contrast >= 0 && s.Contrast <= 1):
		return errors.New("the contrast factor must be 0 to 1")
	case s.Seed < 0:
		return errors.New("the seed must be 0 or more")
	case s.Variants < 1 || s.Variants > 64:
		return errors.New("the variants must be 1 to 64")
	}
	return nil
}

// layerSpec is one layer: a gonn.layers builder and its options.
type layerSpec struct {
	kind string
	opts map[string]any
}

// layers are the augmentation layers the settings switch on (a factor of 0
// or no flip mode leaves a layer out), in Keras' usual order: flip, turn,
// shift, zoom, contrast. The first takes the 28×28×1 input.
func (s settings) layers() []layerSpec {
	geometry := func(o map[string]any) map[string]any {
		o["fillMode"], o["interpolation"] = s.FillMode, s.Interp
		return o
	}
	var out []layerSpec
	if s.Flip != "" {
		out = append(out, layerSpec{"randomFlip", map[string]any{"mode": s.Flip}})
	}
	if s.Rotation > 0 {
		out = append(out, layerSpec{"randomRotation", geometry(map[string]any{"factor": s.Rotation})})
	}
	if s.Shift > 0 {
		out = append(out, layerSpec{"randomTranslation", geometry(map[string]any{"heightFactor": s.Shift, "widthFactor": s.Shift})})
	}
	if s.Zoom > 0 {
		out = append(out, layerSpec{"randomZoom", geometry(map[string]any{"heightFactor": s.Zoom})})
	}
	if s.Contrast > 0 {
		out = append(out, layerSpec{"randomContrast", map[string]any{"factor": s.Contrast, "valueRange": []any{0.0, 1.0}}})
	}
	if len(out) > 0 {
		out[0].opts["inputShape"] = []int{28, 28, 1}
	}
	return out
}

// degrees is a rotation factor (a fraction of a turn) in degrees.
func degrees(factor float64) float64 { return factor * 360 }
