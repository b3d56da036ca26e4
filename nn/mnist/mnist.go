package mnist

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Classes is the number of MNIST labels: the digits 0 to 9.
const Classes = 10

// The standard MNIST file names. Load accepts each with or without ".gz".
const (
	TrainImagesFile = "train-images-idx3-ubyte.gz"
	TrainLabelsFile = "train-labels-idx1-ubyte.gz"
	TestImagesFile  = "t10k-images-idx3-ubyte.gz"
	TestLabelsFile  = "t10k-labels-idx1-ubyte.gz"
)

// Set is a labelled set of grey-scale images, such as MNIST's training or
// test set.
type Set struct {
	// Images holds the pixels of N images of Rows x Cols, shape (N, Rows,
	// Cols), row-major: pixel (y, x) of image i is at
	// Images[i*Rows*Cols + y*Cols + x]. A value is the stored byte / 255, in
	// [0, 1], 0 being the background. len(Images) == N*Rows*Cols.
	Images []float32
	// Labels holds the digit shown by each image, shape (N): Labels[i] is the
	// label of image i, in [0, Classes). len(Labels) == N.
	Labels []uint8
	// N is the number of images; Rows and Cols are the height and width of
	// each (28 and 28 for MNIST).
	N, Rows, Cols int
}

// pixel maps a stored byte to its float32 value b/255.
var pixel = func() (t [256]float32) {
	for b := range t {
		t[b] = float32(b) / 255
	}
	return t
}()

// LoadImages reads an IDX image file (raw or gzip) from r: unsigned bytes in
// three dimensions (N, Rows, Cols). Name is used in error messages. The
// result's Data holds the N*Rows*Cols pixel bytes.
func LoadImages(r io.Reader, name string) (*IDX, error) {
	x, err := ReadIDX(r, name)
	if err != nil {
		return nil, err
	}
	if err := checkImages(x); err != nil {
		return nil, err
	}
	return x, nil
}

// LoadLabels reads an IDX label file (raw or gzip) from r: unsigned bytes in
// one dimension (N), each below Classes. Name is used in error messages. The
// result's Data holds the N labels.
func LoadLabels(r io.Reader, name string) (*IDX, error) {
	x, err := ReadIDX(r, name)
	if err != nil {
		return nil, err
	}
	if err := checkLabels(x); err != nil {
		return nil, err
	}
	return x, nil
}

func checkImages(x *IDX) error {
	if x.Type != TypeUint8 {
		return fmt.Errorf("%s: images must be ubyte (0x08), file holds %s (0x%02x)", x.Name, TypeName(x.Type), x.Type)
	}
	if len(x.Dims) != 3 {
		return fmt.Errorf("%s: images must have 3 dimensions (N, rows, cols), file has %d: %s", x.Name, len(x.Dims), shape(x.Dims))
	}
	if n := x.Len(); len(x.Data) != n {
		return fmt.Errorf("%s: shape %s holds %d pixels, data has %d bytes", x.Name, shape(x.Dims), n, len(x.Data))
	}
	return nil
}

func checkLabels(x *IDX) error {
	if x.Type != TypeUint8 {
		return fmt.Errorf("%s: labels must be ubyte (0x08), file holds %s (0x%02x)", x.Name, TypeName(x.Type), x.Type)
	}
	if len(x.Dims) != 1 {
		return fmt.Errorf("%s: labels must have 1 dimension (N), file has %d: %s", x.Name, len(x.Dims), shape(x.Dims))
	}
	if len(x.Data) != x.Dims[0] {
		return fmt.Errorf("%s: shape %s holds %d labels, data has %d bytes", x.Name, shape(x.Dims), x.Dims[0], len(x.Data))
	}
	for i, l := range x.Data {
		if l >= Classes {
			return fmt.Errorf("%s: label %d is %d, want 0 to %d", x.Name, i, l, Classes-1)
		}
	}
	return nil
}

// NewSet builds a Set from an image file and a label file as returned by
// LoadImages and LoadLabels, after checking them again and checking that
// they hold as many images as labels. The pixels are converted to float32;
// the labels are copied.
func NewSet(images, labels *IDX) (*Set, error) {
	if err := checkImages(images); err != nil {
		return nil, err
	}
	if err := checkLabels(labels); err != nil {
		return nil, err
	}
	n, rows, cols := images.Dims[0], images.Dims[1], images.Dims[2]
	if n != labels.Dims[0] {
		return nil, fmt.Errorf("mnist: count mismatch: %s holds %d images but %s holds %d labels",
			images.Name, n, labels.Name, labels.Dims[0])
	}
	s := &Set{
		Images: make([]float32, len(images.Data)),
		Labels: append([]uint8(nil), labels.Data...),
		N:      n, Rows: rows, Cols: cols,
	}
	for i, b := range images.Data {
		s.Images[i] = pixel[b]
	}
	return s, nil
}

// Load reads MNIST's training and test sets from the four standard files in
// dir (TrainImagesFile and the rest), each gzip-compressed or raw and named
// with or without ".gz". Errors name the file and what is wrong with it.
func Load(dir string) (train, test *Set, err error) {
	train, err = LoadSet(dir, TrainImagesFile, TrainLabelsFile)
	if err != nil {
		return nil, nil, err
	}
	test, err = LoadSet(dir, TestImagesFile, TestLabelsFile)
	if err != nil {
		return nil, nil, err
	}
	if train.Rows != test.Rows || train.Cols != test.Cols {
		return nil, nil, fmt.Errorf("mnist: %s: training images are %dx%d but test images are %dx%d",
			dir, train.Rows, train.Cols, test.Rows, test.Cols)
	}
	return train, test, nil
}

// LoadSet reads one set from the image and label files named in dir. Each
// name may end in ".gz" or not; the other spelling is tried if it is missing.
// Compression is recognised by content, not by name.
func LoadSet(dir, imagesFile, labelsFile string) (*Set, error) {
	images, err := loadFile(dir, imagesFile, LoadImages)
	if err != nil {
		return nil, err
	}
	labels, err := loadFile(dir, labelsFile, LoadLabels)
	if err != nil {
		return nil, err
	}
	return NewSet(images, labels)
}

// loadFile opens dir/name, or dir/name without or with ".gz" if that is
// missing, and decodes it with load under its path.
func loadFile(dir, name string, load func(io.Reader, string) (*IDX, error)) (*IDX, error) {
	other := name + ".gz"
	if ext := filepath.Ext(name); ext == ".gz" {
		other = name[:len(name)-len(ext)]
	}
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		path = filepath.Join(dir, other)
		f, err = os.Open(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("mnist: %s: found neither %s nor %s", dir, name, other)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("mnist: %w", err)
	}
	defer f.Close()
	return load(f, path)
}

// Default loads MNIST from ModuleDir: the GoMNIST module's data folder, or
// $GONN_MNIST_DIR.
func Default() (train, test *Set, err error) {
	dir, err := ModuleDir()
	if err != nil {
		return nil, nil, err
	}
	return Load(dir)
}

// Subset returns the first n images and labels of s, sharing s's storage (n
// above s.N means all of s). It panics if n is negative.
func (s *Set) Subset(n int) *Set {
	if n < 0 {
		panic(fmt.Sprintf("mnist: Subset(%d): negative size", n))
	}
	n = min(n, s.N)
	k := n * s.Rows * s.Cols
	return &Set{Images: s.Images[:k:k], Labels: s.Labels[:n:n], N: n, Rows: s.Rows, Cols: s.Cols}
}

// Image returns the Rows*Cols pixels of image i, sharing s's storage.
func (s *Set) Image(i int) []float32 {
	k := s.Rows * s.Cols
	return s.Images[i*k : (i+1)*k : (i+1)*k]
}

// OneHot returns the labels one-hot encoded, shape (N, Classes), row-major:
// element [i*Classes + c] is 1 if Labels[i] == c and 0 otherwise.
func (s *Set) OneHot() []float32 { return s.OneHotN(Classes) }
