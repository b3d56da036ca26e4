package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseCell(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float32
	}{
		{"0", 0}, {"1", 1}, {"-1", -1}, {" 2 ", 2}, {"0.5", 0.5}, {".25", 0.25}, {"-0.125", -0.125},
		{"1e-3", 0.001}, {"1/9", 1.0 / 9}, {"-1/8", -0.125}, {"1 / 4", 0.25}, {"−2", -2}, {"5", 5},
	} {
		got, err := ParseCell(c.in)
		if assert.NoError(t, err, c.in) {
			assert.Equal(t, c.want, got, c.in)
		}
	}
	for _, bad := range []string{"", " ", "a", "1/", "/2", "1/0", "1/2/3", "NaN", "Inf", "-infinity", "0x10", "1_000", "2e7", "--1"} {
		_, err := ParseCell(bad)
		assert.Error(t, err, "%q", bad)
	}
}

func TestFormatCell(t *testing.T) {
	for _, c := range []struct {
		in   float32
		want string
	}{
		{0, "0"}, {1, "1"}, {-2, "-2"}, {-4, "-4"}, {9, "9"}, {float32(1.0 / 3), "0.33"}, {0.5, "0.5"},
		{float32(5.0 / 9), "0.56"}, {1.0000001, "1"}, {-0.0000001, "0"}, {-0.001, "0"}, {2.999999, "3"},
		{-0.25, "-0.25"}, {12.345, "12.35"},
	} {
		assert.Equal(t, c.want, FormatCell(c.in), "%v", c.in)
	}
	assert.Equal(t, "0.11111111", FormatExact(1.0/9))
	assert.Equal(t, "0", FormatExact(float32(-0.0)*-1))
}

func TestPresets(t *testing.T) {
	assert.Equal(t, [9]float32{0, 0, 0, 0, 1, 0, 0, 0, 0}, Presets[0].Kernel())
	assert.Equal(t, [9]float32{-1, -1, -1, 2, 2, 2, -1, -1, -1}, Presets[2].Kernel())
	ninth := float32(1.0 / 9)
	assert.Equal(t, [9]float32{ninth, ninth, ninth, ninth, ninth, ninth, ninth, ninth, ninth}, Presets[1].Kernel())
	ids := map[string]bool{}
	for _, p := range Presets {
		assert.False(t, ids[p.ID], "duplicate preset %s", p.ID)
		ids[p.ID] = true
		assert.Equal(t, p.ID, MatchPreset(p.Kernel()))
	}
	assert.Equal(t, "", MatchPreset([9]float32{1}))
}

func TestGrid(t *testing.T) {
	g := Grid{H: 2, W: 3, Data: []float32{0, 1, -2, 0.5, float32(1.0 / 9), 3}}
	assert.Equal(t, "0,1,-2;0.5,0.11111111,3", g.Values())
	assert.Equal(t, "2×3", g.Shape())
	assert.Equal(t, float32(3), g.MaxAbs())
	assert.Equal(t, float32(-2), g.At(0, 2))
	assert.Equal(t, float32(0), Grid{}.MaxAbs())
	require.Len(t, LectureImage.Data, 49)
	assert.Equal(t, float32(1), LectureImage.At(1, 2))
}

func TestShade(t *testing.T) {
	rgb, dark := Shade(0, 1)
	assert.Equal(t, [3]uint8{255, 255, 255}, rgb)
	assert.False(t, dark)
	rgb, dark = Shade(4, 4)
	assert.Equal(t, [3]uint8{29, 78, 216}, rgb)
	assert.True(t, dark)
	rgb, dark = Shade(-4, 4)
	assert.Equal(t, [3]uint8{181, 71, 8}, rgb)
	assert.True(t, dark)
	rgb, _ = Shade(7, 0) // an all-zero grid has scale 0
	assert.Equal(t, [3]uint8{255, 255, 255}, rgb)
	assert.Equal(t, "rgb(29 78 216)", CSSColor([3]uint8{29, 78, 216}))
	// Black or white text keeps a contrast of 4.5:1 at every shade.
	for i := -100; i <= 100; i++ {
		rgb, dark := Shade(float32(i), 100)
		l := luminance(rgb)
		contrast := (l + 0.05) / 0.05
		if dark {
			contrast = 1.05 / (l + 0.05)
		}
		assert.GreaterOrEqual(t, contrast, 4.5, "value %d: %v", i, rgb)
	}
}

func TestSizes(t *testing.T) {
	assert.Equal(t, 5, OutputSize(7, "valid"))
	assert.Equal(t, 7, OutputSize(7, "same"))
	assert.Equal(t, 26, OutputSize(28, "valid"))
	assert.Equal(t, 2, PoolSize(5))
	assert.Equal(t, 3, PoolSize(7))
	assert.Equal(t, 13, PoolSize(26))
	assert.Equal(t, 14, PoolSize(28))
}

func TestMinMax(t *testing.T) {
	lo, hi := minMax([]float32{0, -4, 3, 1})
	assert.Equal(t, [2]float32{-4, 3}, [2]float32{lo, hi})
	lo, hi = minMax(nil)
	assert.Equal(t, [2]float32{0, 0}, [2]float32{lo, hi})
}
