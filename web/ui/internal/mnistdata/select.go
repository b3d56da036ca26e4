package mnistdata

import (
	"encoding/binary"
	"errors"
	"math"

	"gonn/web/ui/internal/format"
)

// Digits is a contiguous range of classes, First … First+Count-1: digits 0
// to 4 are Digits{0, 5}. A model of the range has Count outputs, output k
// meaning the digit First+k (as Keras' mnist_transfer_cnn trains on 5 to 9
// with the labels y − 5).
type Digits struct{ First, Count int }

// AllDigits are the ten classes.
var AllDigits = Digits{0, Classes}

// Has reports whether the label l is in the range.
func (d Digits) Has(l byte) bool { return int(l) >= d.First && int(l) < d.First+d.Count }

// SelectDigits returns the indices of the first n labels in d, in order;
// fewer if labels has fewer.
func SelectDigits(labels []byte, d Digits, n int) []int {
	var out []int
	for i, l := range labels {
		if len(out) == n {
			break
		}
		if d.Has(l) {
			out = append(out, i)
		}
	}
	return out
}

// ScaledPixelFloats writes the pixels (0 … 255) as little-endian float32
// from lo (0) to hi (255) into dst, the bytes of a Float32Array: [0, 1] as
// PixelFloats does, [−1, 1] for a tanh generator. len(dst) must be
// 4·len(pixels).
func ScaledPixelFloats(dst, pixels []byte, lo, hi float32) {
	if len(dst) != 4*len(pixels) {
		panic("ScaledPixelFloats: dst must hold 4 bytes per pixel")
	}
	for i, p := range pixels {
		v := lo + float32(float32(p)/255*(hi-lo))
		binary.LittleEndian.PutUint32(dst[4*i:], math.Float32bits(v))
	}
}

// OneHotDigits writes the labels, all in d, as little-endian float32
// one-hot rows of d.Count (label − d.First) into dst, which must hold
// 4·d.Count·len(labels) bytes. A label outside d is an error naming it.
func OneHotDigits(dst, labels []byte, d Digits) error {
	if len(dst) != 4*d.Count*len(labels) {
		panic("OneHotDigits: dst must hold 4·Count bytes per label")
	}
	clear(dst)
	for i, l := range labels {
		if !d.Has(l) {
			return errors.New("label " + format.Itoa(i) + " is " + format.Itoa(int(l)) + ", not in " +
				format.Itoa(d.First) + " … " + format.Itoa(d.First+d.Count-1))
		}
		binary.LittleEndian.PutUint32(dst[4*(i*d.Count+int(l)-d.First):], math.Float32bits(1))
	}
	return nil
}
