package mnistdata

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"

	"gonn/web/ui/internal/format"
)

// The MNIST pack (.gmn, docs/dist.md): a 16-byte header (magic "GMN1", then
// N, rows and cols as little-endian uint32), the N·rows·cols pixel bytes
// image after image, then the N label bytes.
const (
	PackMagic      = "GMN1"
	PackHeaderSize = 16
	Classes        = 10
)

// PackHeader is the header of a pack.
type PackHeader struct {
	N, Rows, Cols int
}

// DecodePackHeader reads the header at the start of b and checks it against
// the pack's size in bytes, size: the page reads the header first and then
// only the images it needs.
func DecodePackHeader(b []byte, size int) (PackHeader, error) {
	if len(b) < PackHeaderSize {
		return PackHeader{}, errors.New("mnist pack: truncated header: " + format.Itoa(len(b)) + " bytes, want " + format.Itoa(PackHeaderSize))
	}
	if string(b[:4]) != PackMagic {
		return PackHeader{}, errors.New("mnist pack: bad magic " + strconv.Quote(string(b[:4])) + ", want " + strconv.Quote(PackMagic))
	}
	n := binary.LittleEndian.Uint32(b[4:])
	rows := binary.LittleEndian.Uint32(b[8:])
	cols := binary.LittleEndian.Uint32(b[12:])
	if rows != Side || cols != Side {
		return PackHeader{}, errors.New("mnist pack: images are " + format.Itoa(int(rows)) + "×" + format.Itoa(int(cols)) + ", want 28×28")
	}
	h := PackHeader{N: int(n), Rows: Side, Cols: Side}
	if want := h.Size(); int64(size) != want {
		return PackHeader{}, errors.New("mnist pack: " + format.Itoa(size) + " bytes, but the header declares " + format.Itoa(int(n)) +
			" images: want " + strconv.FormatInt(want, 10) + " bytes")
	}
	return h, nil
}

// Size is the size in bytes of the pack h describes.
func (h PackHeader) Size() int64 {
	return PackHeaderSize + int64(h.N)*int64(h.Rows*h.Cols+1)
}

// Pixels is the byte range of the pixels of images [from, to).
func (h PackHeader) Pixels(from, to int) (start, end int) {
	return PackHeaderSize + from*h.Rows*h.Cols, PackHeaderSize + to*h.Rows*h.Cols
}

// Labels is the byte range of the labels of images [from, to).
func (h PackHeader) Labels(from, to int) (start, end int) {
	off := PackHeaderSize + h.N*h.Rows*h.Cols
	return off + from, off + to
}

// PixelFloats writes the pixels (0 … 255) as little-endian float32 in
// [0, 1] into dst, the bytes of a Float32Array. len(dst) must be
// 4·len(pixels).
func PixelFloats(dst, pixels []byte) {
	if len(dst) != 4*len(pixels) {
		panic("PixelFloats: dst must hold 4 bytes per pixel")
	}
	for i, p := range pixels {
		binary.LittleEndian.PutUint32(dst[4*i:], math.Float32bits(float32(p)/255))
	}
}

// OneHot writes the labels as little-endian float32 one-hot rows of
// Classes into dst, the bytes of a Float32Array of shape (len(labels),
// Classes). len(dst) must be 4·Classes·len(labels). A label outside
// 0 … Classes-1 is an error.
func OneHot(dst, labels []byte) error {
	if len(dst) != 4*Classes*len(labels) {
		panic("OneHot: dst must hold 4·Classes bytes per label")
	}
	clear(dst)
	for i, l := range labels {
		if l >= Classes {
			return errors.New("mnist pack: label " + format.Itoa(i) + " is " + format.Itoa(int(l)) + ", want 0 … 9")
		}
		binary.LittleEndian.PutUint32(dst[4*(i*Classes+int(l)):], math.Float32bits(1))
	}
	return nil
}
