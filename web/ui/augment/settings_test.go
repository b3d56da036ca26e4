package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSettings_Check(t *testing.T) {
	require.NoError(t, defaults.check(10000))
	require.NoError(t, quick.check(10000))
	tests := []struct {
		name string
		edit func(*settings)
		want string
	}{
		{"image too far", func(s *settings) { s.Image = 10000 }, "image number must be 0 to 9,999"},
		{"unknown flip", func(s *settings) { s.Flip = "diagonal" }, "flip mode diagonal"},
		{"more than half a turn", func(s *settings) { s.Rotation = 0.6 }, "rotation"},
		{"negative shift", func(s *settings) { s.Shift = -0.1 }, "translation"},
		{"zoom to nothing", func(s *settings) { s.Zoom = 1 }, "zoom"},
		{"contrast", func(s *settings) { s.Contrast = 2 }, "contrast"},
		{"seed", func(s *settings) { s.Seed = -1 }, "seed"},
		{"no variants", func(s *settings) { s.Variants = 0 }, "variants"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := defaults
			tt.edit(&s)
			err := s.check(10000)
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tt.want)
			}
		})
	}
}

func TestSettings_Layers(t *testing.T) {
	kinds := func(ls []layerSpec) []string {
		var out []string
		for _, l := range ls {
			out = append(out, l.kind)
		}
		return out
	}
	all := defaults
	all.Flip = "horizontal"
	ls := all.layers()
	assert.Equal(t, []string{"randomFlip", "randomRotation", "randomTranslation", "randomZoom", "randomContrast"}, kinds(ls))
	assert.Equal(t, []int{28, 28, 1}, ls[0].opts["inputShape"], "the first layer takes the image")
	for _, l := range ls[1:] {
		assert.NotContains(t, l.opts, "inputShape", l.kind)
	}
	assert.Equal(t, map[string]any{"factor": 0.05, "fillMode": "constant", "interpolation": "bilinear"}, ls[1].opts)
	assert.Equal(t, 0.1, ls[2].opts["heightFactor"])
	assert.Equal(t, 0.1, ls[2].opts["widthFactor"])
	assert.NotContains(t, ls[3].opts, "widthFactor", "the zoom keeps the aspect ratio")
	assert.Equal(t, []any{0.0, 1.0}, ls[4].opts["valueRange"], "MNIST pixels are 0 … 1, not Keras' 0 … 255")

	only := settings{Zoom: 0.2, FillMode: "reflect", Interp: "nearest"}
	ls = only.layers()
	assert.Equal(t, []string{"randomZoom"}, kinds(ls), "a factor of 0 leaves its layer out")
	assert.Equal(t, []int{28, 28, 1}, ls[0].opts["inputShape"])
	assert.Empty(t, settings{}.layers())
}

func TestDegrees(t *testing.T) {
	assert.Equal(t, 180.0, degrees(0.5))
	assert.InDelta(t, 18.0, degrees(0.05), 1e-12)
}

func TestChanged(t *testing.T) {
	orig := []float32{0, 1}
	variants := []float32{0, 1, 0, 0.5, 0.001, 1, 1, 0}
	assert.Equal(t, 2, changed(orig, variants, 0.01), "the second and fourth")
	assert.Equal(t, 3, changed(orig, variants, 0), "every difference counts without tolerance")
	assert.Equal(t, 1, firstChanged(orig, variants, 0.01))
	assert.Equal(t, -1, firstChanged(orig, []float32{0, 1, 0, 1}, 0))
	assert.Zero(t, changed(nil, variants, 0))
}
