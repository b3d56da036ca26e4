package imageops

import "fmt"

// FillMode says what the points outside an image hold, for an image
// a b c d (Keras' words):
//
//	FillReflect   d c b a | a b c d | d c b a   reflected about the edge of the last pixel
//	FillWrap      a b c d | a b c d | a b c d   wrapped around to the opposite edge
//	FillConstant  k k k k | a b c d | k k k k   the fill value k
//	FillNearest   a a a a | a b c d | d d d d   the nearest pixel
type FillMode int

const (
	FillReflect FillMode = iota // Keras' default
	FillWrap
	FillConstant
	FillNearest
)

var fillModeNames = [...]string{"reflect", "wrap", "constant", "nearest"}

// String is the Keras name: "reflect", "wrap", "constant", "nearest".
func (m FillMode) String() string {
	if m < 0 || int(m) >= len(fillModeNames) {
		return fmt.Sprintf("FillMode(%d)", int(m))
	}
	return fillModeNames[m]
}

// ParseFillMode reads a Keras fill_mode name.
func ParseFillMode(name string) (FillMode, error) {
	for i, n := range fillModeNames {
		if n == name {
			return FillMode(i), nil
		}
	}
	return 0, fmt.Errorf(`unknown fill_mode %q (want "reflect", "wrap", "constant" or "nearest")`, name)
}

// Interpolation says how a point between pixels is read.
type Interpolation int

const (
	// Bilinear weighs the four pixels around the point by their nearness
	// (Keras' default).
	Bilinear Interpolation = iota
	// NearestPixel reads the pixel the point rounds to (halves away from
	// zero, as TensorFlow's std::round).
	NearestPixel
)

// String is the Keras name: "bilinear" or "nearest".
func (i Interpolation) String() string {
	switch i {
	case Bilinear:
		return "bilinear"
	case NearestPixel:
		return "nearest"
	}
	return fmt.Sprintf("Interpolation(%d)", int(i))
}

// ParseInterpolation reads a Keras interpolation name.
func ParseInterpolation(name string) (Interpolation, error) {
	switch name {
	case "bilinear":
		return Bilinear, nil
	case "nearest":
		return NearestPixel, nil
	}
	return 0, fmt.Errorf(`unknown interpolation %q (want "bilinear" or "nearest")`, name)
}

// Options are the arguments of Affine beside the transforms. The zero
// value is Keras' default: bilinear, reflect (FillValue unused).
type Options struct {
	Interpolation Interpolation
	FillMode      FillMode
	// FillValue is what FillConstant puts outside the image.
	FillValue float32
}
