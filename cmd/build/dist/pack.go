package dist

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"strings"

	"gonn/nn/mnist"
)

// The MNIST packs' paths in dist/.
const (
	TrainPack = "data/mnist-train.gmn"
	TestPack  = "data/mnist-test.gmn"
)

// PackMagic starts every pack; PackHeaderSize is the length of the header
// (magic, N, rows, cols) before the pixels.
const (
	PackMagic      = "GMN1"
	PackHeaderSize = 16
)

// Pack is one MNIST pack in memory: N grey-scale images of Rows x Cols
// pixels and their labels, as bytes.
type Pack struct {
	// N is the number of images; Rows and Cols are the height and width of
	// each. Rows and Cols are > 0; all three fit in a uint32.
	N, Rows, Cols int
	// Pixels holds the images, shape (N, Rows, Cols), row-major: pixel
	// (y, x) of image i is Pixels[i*Rows*Cols + y*Cols + x], 0 (background)
	// to 255. len(Pixels) == N*Rows*Cols.
	Pixels []byte
	// Labels holds the digit each image shows, shape (N), each below
	// mnist.Classes. len(Labels) == N.
	Labels []byte
}

// NewPack makes a pack from an image file and a label file as returned by
// mnist.LoadImages and mnist.LoadLabels, sharing their data.
func NewPack(images, labels *mnist.IDX) (*Pack, error) {
	if len(images.Dims) != 3 || len(labels.Dims) != 1 {
		return nil, fmt.Errorf("mnist pack: want images (N, rows, cols) and labels (N), got %s %v and %s %v",
			images.Name, images.Dims, labels.Name, labels.Dims)
	}
	p := &Pack{N: images.Dims[0], Rows: images.Dims[1], Cols: images.Dims[2], Pixels: images.Data, Labels: labels.Data}
	if labels.Dims[0] != p.N {
		return nil, fmt.Errorf("mnist pack: %s holds %d images but %s holds %d labels", images.Name, p.N, labels.Name, labels.Dims[0])
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return p, nil
}

// check validates a pack's shape and labels.
func (p *Pack) check() error {
	if p.N < 0 || p.Rows <= 0 || p.Cols <= 0 || p.N > math.MaxUint32 || p.Rows > math.MaxUint32 || p.Cols > math.MaxUint32 {
		return fmt.Errorf("mnist pack: shape %dx%dx%d: want N >= 0, rows and cols > 0, all below 2^32", p.N, p.Rows, p.Cols)
	}
	if px, ok := pixelCount(uint64(p.N), uint64(p.Rows), uint64(p.Cols)); !ok || px != uint64(len(p.Pixels)) {
		return fmt.Errorf("mnist pack: shape %dx%dx%d does not match %d pixel bytes", p.N, p.Rows, p.Cols, len(p.Pixels))
	}
	if len(p.Labels) != p.N {
		return fmt.Errorf("mnist pack: %d images need %d labels, have %d", p.N, p.N, len(p.Labels))
	}
	for i, l := range p.Labels {
		if l >= mnist.Classes {
			return fmt.Errorf("mnist pack: label %d is %d, want 0 to %d", i, l, mnist.Classes-1)
		}
	}
	return nil
}

// EncodePack returns the .gmn bytes of p: the header, the pixels, the labels.
func EncodePack(p *Pack) ([]byte, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	b := make([]byte, PackHeaderSize, PackHeaderSize+len(p.Pixels)+len(p.Labels))
	copy(b, PackMagic)
	binary.LittleEndian.PutUint32(b[4:], uint32(p.N))
	binary.LittleEndian.PutUint32(b[8:], uint32(p.Rows))
	binary.LittleEndian.PutUint32(b[12:], uint32(p.Cols))
	b = append(b, p.Pixels...)
	return append(b, p.Labels...), nil
}

// DecodePack decodes the .gmn bytes b. The pack's Pixels and Labels share
// b's storage. Errors say what is wrong: a short header, a bad magic, a zero
// dimension, a length that does not match the header, a label above 9.
func DecodePack(b []byte) (*Pack, error) {
	if len(b) < PackHeaderSize {
		return nil, fmt.Errorf("mnist pack: truncated header: want %d bytes, have %d", PackHeaderSize, len(b))
	}
	if string(b[:4]) != PackMagic {
		return nil, fmt.Errorf("mnist pack: bad magic %q, want %q", b[:4], PackMagic)
	}
	n := uint64(binary.LittleEndian.Uint32(b[4:]))
	rows := uint64(binary.LittleEndian.Uint32(b[8:]))
	cols := uint64(binary.LittleEndian.Uint32(b[12:]))
	if rows == 0 || cols == 0 {
		return nil, fmt.Errorf("mnist pack: header declares %dx%d images, want both > 0", rows, cols)
	}
	px, ok := pixelCount(n, rows, cols)
	need, have := px+n, uint64(len(b)-PackHeaderSize) // px < 2^63, n < 2^32: no overflow
	switch {
	case !ok || need > have:
		return nil, fmt.Errorf("mnist pack: truncated: header declares %d images of %dx%d and their labels, file holds only %d bytes after the header",
			n, rows, cols, have)
	case need < have:
		return nil, fmt.Errorf("mnist pack: %d trailing bytes after the %d images of %dx%d and their labels", have-need, n, rows, cols)
	}
	end := PackHeaderSize + int(px)
	p := &Pack{N: int(n), Rows: int(rows), Cols: int(cols), Pixels: b[PackHeaderSize:end:end], Labels: b[end:]}
	if err := p.check(); err != nil {
		return nil, err
	}
	return p, nil
}

// pixelCount returns n*rows*cols, the pixel bytes of a pack, and whether it
// fits in 63 bits. The arguments are below 2^32, so rows*cols cannot overflow.
func pixelCount(n, rows, cols uint64) (uint64, bool) {
	hi, px := bits.Mul64(n, rows*cols)
	return px, hi == 0 && px <= math.MaxInt64
}

// Set converts p to an mnist.Set (pixels become float32 in [0, 1]).
func (p *Pack) Set() (*mnist.Set, error) {
	images := &mnist.IDX{Name: "pack images", Type: mnist.TypeUint8, Dims: []int{p.N, p.Rows, p.Cols}, Data: p.Pixels}
	labels := &mnist.IDX{Name: "pack labels", Type: mnist.TypeUint8, Dims: []int{p.N}, Data: p.Labels}
	return mnist.NewSet(images, labels)
}

// LoadPacks reads MNIST's four IDX files from dir (each named with or
// without ".gz") and returns the training and test packs.
func LoadPacks(dir string) (train, test *Pack, err error) {
	train, err = loadPack(dir, mnist.TrainImagesFile, mnist.TrainLabelsFile)
	if err != nil {
		return nil, nil, err
	}
	test, err = loadPack(dir, mnist.TestImagesFile, mnist.TestLabelsFile)
	if err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

func loadPack(dir, imagesFile, labelsFile string) (*Pack, error) {
	images, err := loadIDX(dir, imagesFile, mnist.LoadImages)
	if err != nil {
		return nil, err
	}
	labels, err := loadIDX(dir, labelsFile, mnist.LoadLabels)
	if err != nil {
		return nil, err
	}
	return NewPack(images, labels)
}

// loadIDX decodes dir/name with load, or dir/name without ".gz" if that is
// missing.
func loadIDX(dir, name string, load func(io.Reader, string) (*mnist.IDX, error)) (*mnist.IDX, error) {
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		path = strings.TrimSuffix(path, ".gz")
		f, err = os.Open(path)
	}
	if err != nil {
		return nil, fmt.Errorf("mnist pack: %w", err)
	}
	defer f.Close()
	return load(f, path)
}
