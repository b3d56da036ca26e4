package mnist

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The real data set, loaded once for every test that needs it.
var realSet struct {
	once        sync.Once
	train, test *Set
	err         error
}

// skipWithoutGo skips a test that needs the go command to find the data,
// unless GONN_MNIST_DIR points to it.
func skipWithoutGo(t *testing.T) {
	t.Helper()
	if (runtime.GOOS == "wasip1" || runtime.GOOS == "js") && os.Getenv(DirEnv) == "" {
		t.Skipf("no go command under %s to find MNIST; set %s", runtime.GOOS, DirEnv)
	}
}

func realMNIST(t *testing.T) (train, test *Set) {
	t.Helper()
	skipWithoutGo(t)
	realSet.once.Do(func() { realSet.train, realSet.test, realSet.err = Default() })
	require.NoError(t, realSet.err)
	return realSet.train, realSet.test
}

func TestDefault(t *testing.T) {
	train, test := realMNIST(t)
	tests := []struct {
		name       string
		set        *Set
		n          int
		firstLabel uint8
		histogram  [Classes]int
	}{
		{"train", train, 60000, 5, [Classes]int{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}},
		{"test", test, 10000, 7, [Classes]int{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.set
			assert.Equal(t, tt.n, s.N)
			assert.Equal(t, 28, s.Rows)
			assert.Equal(t, 28, s.Cols)
			require.Len(t, s.Images, tt.n*28*28)
			require.Len(t, s.Labels, tt.n)
			assert.Equal(t, tt.firstLabel, s.Labels[0])

			var hist [Classes]int
			for _, l := range s.Labels {
				require.Less(t, l, uint8(Classes))
				hist[l]++
			}
			assert.Equal(t, tt.histogram, hist)
			sum := 0
			for _, c := range hist {
				sum += c
			}
			assert.Equal(t, tt.n, sum)

			lo, hi := s.Images[0], s.Images[0]
			for _, p := range s.Images {
				lo, hi = min(lo, p), max(hi, p)
			}
			assert.Equal(t, float32(0), lo)
			assert.Equal(t, float32(1), hi)
			// MNIST digits are centred: the corners are background.
			img := s.Image(0)
			assert.Equal(t, float32(0), img[0])
			assert.Equal(t, float32(0), img[28*28-1])
		})
	}
}

func TestModuleDir(t *testing.T) {
	t.Run("go list", func(t *testing.T) {
		t.Setenv(DirEnv, "")
		skipWithoutGo(t)
		dir, err := ModuleDir()
		require.NoError(t, err)
		assert.Equal(t, "data", filepath.Base(dir))
		for _, f := range []string{TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile} {
			assert.FileExists(t, filepath.Join(dir, f))
		}
	})
	t.Run("env override", func(t *testing.T) {
		t.Setenv(DirEnv, "/some/where")
		dir, err := ModuleDir()
		require.NoError(t, err)
		assert.Equal(t, "/some/where", dir)
	})
	t.Run("Default with env override", func(t *testing.T) {
		dir := t.TempDir()
		writeSet(t, dir, "", 3, 2, 2, 1, nil)
		t.Setenv(DirEnv, dir)
		train, test, err := Default()
		require.NoError(t, err)
		assert.Equal(t, 3, train.N)
		assert.Equal(t, 1, test.N)
	})
}

// imagesIDX returns n images of rows x cols whose pixel bytes count up.
func imagesIDX(n, rows, cols int) []byte {
	return idx(TypeUint8, []uint32{uint32(n), uint32(rows), uint32(cols)}, seq(n*rows*cols))
}

// labelsIDX returns n labels 0, 1, …, 9, 0, ….
func labelsIDX(n int) []byte {
	l := make([]byte, n)
	for i := range l {
		l[i] = byte(i % Classes)
	}
	return idx(TypeUint8, []uint32{uint32(n)}, l)
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, b, 0o644))
}

// writeSet writes the four MNIST files into dir: nTrain training and nTest
// test images of rows x cols with as many labels, gzipped. Suffix is
// appended to each standard name ("" keeps ".gz", "-" drops it and writes
// raw files). Change, if not nil, may replace a file's content by name.
func writeSet(t *testing.T, dir, suffix string, nTrain, rows, cols, nTest int, change map[string][]byte) {
	t.Helper()
	files := map[string][]byte{
		TrainImagesFile: gz(imagesIDX(nTrain, rows, cols)),
		TrainLabelsFile: gz(labelsIDX(nTrain)),
		TestImagesFile:  gz(imagesIDX(nTest, rows, cols)),
		TestLabelsFile:  gz(labelsIDX(nTest)),
	}
	for name, b := range change {
		files[name] = b
	}
	for name, b := range files {
		if suffix == "-" {
			name = name[:len(name)-len(".gz")]
		}
		write(t, filepath.Join(dir, name), b)
	}
}

func TestLoad(t *testing.T) {
	t.Run("gzip", func(t *testing.T) {
		dir := t.TempDir()
		writeSet(t, dir, "", 12, 3, 2, 4, nil)
		train, test, err := Load(dir)
		require.NoError(t, err)
		assert.Equal(t, 12, train.N)
		assert.Equal(t, 3, train.Rows)
		assert.Equal(t, 2, train.Cols)
		assert.Equal(t, 4, test.N)
		assert.Equal(t, []uint8{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1}, train.Labels)
		assert.Equal(t, []float32{0, 1.0 / 255, 2.0 / 255, 3.0 / 255, 4.0 / 255, 5.0 / 255}, train.Image(0))
		assert.Equal(t, float32(11*6+5)/255, train.Images[len(train.Images)-1])
	})
	t.Run("raw files without .gz", func(t *testing.T) {
		dir := t.TempDir()
		writeSet(t, dir, "-", 5, 2, 2, 3, map[string][]byte{
			TrainImagesFile: imagesIDX(5, 2, 2), TrainLabelsFile: labelsIDX(5),
			TestImagesFile: imagesIDX(3, 2, 2), TestLabelsFile: labelsIDX(3),
		})
		train, test, err := Load(dir)
		require.NoError(t, err)
		assert.Equal(t, 5, train.N)
		assert.Equal(t, 3, test.N)
		assert.Equal(t, []uint8{0, 1, 2}, test.Labels)
	})
	t.Run("raw content under a .gz name", func(t *testing.T) {
		dir := t.TempDir()
		writeSet(t, dir, "", 5, 2, 2, 3, map[string][]byte{TrainImagesFile: imagesIDX(5, 2, 2)})
		train, _, err := Load(dir)
		require.NoError(t, err)
		assert.Equal(t, float32(19)/255, train.Images[19])
	})
	t.Run("pixel values", func(t *testing.T) {
		dir := t.TempDir()
		writeSet(t, dir, "", 1, 1, 3, 1, map[string][]byte{
			TrainImagesFile: idx(TypeUint8, []uint32{1, 1, 3}, []byte{0, 51, 255}),
		})
		train, _, err := Load(dir)
		require.NoError(t, err)
		assert.Equal(t, []float32{0, 0.2, 1}, train.Images)
	})
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name   string
		change map[string][]byte
		remove string
		want   []string
	}{
		{"count mismatch", map[string][]byte{TrainLabelsFile: gz(labelsIDX(7))},
			"", []string{"count mismatch: ", TrainImagesFile + " holds 8 images but ", TrainLabelsFile + " holds 7 labels"}},
		{"test count mismatch", map[string][]byte{TestImagesFile: gz(imagesIDX(2, 3, 3))},
			"", []string{TestImagesFile + " holds 2 images but ", TestLabelsFile + " holds 4 labels"}},
		{"label over 9", map[string][]byte{TestLabelsFile: gz(idx(TypeUint8, []uint32{4}, []byte{1, 2, 10, 3}))},
			"", []string{TestLabelsFile + ": label 2 is 10, want 0 to 9"}},
		{"images not 3-D", map[string][]byte{TrainImagesFile: gz(idx(TypeUint8, []uint32{8, 9}, seq(72)))},
			"", []string{TrainImagesFile + ": images must have 3 dimensions (N, rows, cols), file has 2: 8x9"}},
		{"labels not 1-D", map[string][]byte{TrainLabelsFile: gz(idx(TypeUint8, []uint32{8, 1}, seq(8)))},
			"", []string{TrainLabelsFile + ": labels must have 1 dimension (N), file has 2: 8x1"}},
		{"labels given as images", map[string][]byte{TrainLabelsFile: gz(imagesIDX(8, 3, 3))},
			"", []string{TrainLabelsFile + ": labels must have 1 dimension (N), file has 3: 8x3x3"}},
		{"images not ubyte", map[string][]byte{TestImagesFile: idx(TypeFloat32, []uint32{4, 3, 3}, seq(4*4*3*3))},
			"", []string{TestImagesFile + ": images must be ubyte (0x08), file holds float (0x0d)"}},
		{"labels not ubyte", map[string][]byte{TestLabelsFile: idx(TypeInt8, []uint32{4}, seq(4))},
			"", []string{TestLabelsFile + ": labels must be ubyte (0x08), file holds sbyte (0x09)"}},
		{"image sizes differ", map[string][]byte{TestImagesFile: gz(imagesIDX(4, 2, 2))},
			"", []string{"training images are 3x3 but test images are 2x2"}},
		{"truncated images", map[string][]byte{TrainImagesFile: gz(imagesIDX(8, 3, 3)[:50])},
			"", []string{TrainImagesFile + ": truncated: header declares 72 bytes of data, file holds 34"}},
		{"corrupt gzip", map[string][]byte{TrainLabelsFile: gz(labelsIDX(8))[:20]},
			"", []string{TrainLabelsFile + ": corrupt gzip"}},
		{"wrong magic", map[string][]byte{TestLabelsFile: []byte("<html>not found</html>")},
			"", []string{TestLabelsFile + ": bad magic number 0x3c68746d"}},
		{"missing file", nil, TestLabelsFile, []string{"found neither t10k-labels-idx1-ubyte.gz nor t10k-labels-idx1-ubyte"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeSet(t, dir, "", 8, 3, 3, 4, tt.change)
			if tt.remove != "" {
				require.NoError(t, os.Remove(filepath.Join(dir, tt.remove)))
			}
			train, test, err := Load(dir)
			require.Error(t, err)
			assert.Nil(t, train)
			assert.Nil(t, test)
			for _, want := range tt.want {
				assert.Contains(t, err.Error(), want)
			}
		})
	}
}

func TestLoadImagesLabels(t *testing.T) {
	images, err := LoadImages(bytes.NewReader(gz(imagesIDX(3, 2, 2))), "imgs")
	require.NoError(t, err)
	assert.Equal(t, []int{3, 2, 2}, images.Dims)
	assert.Equal(t, seq(12), images.Data)

	labels, err := LoadLabels(bytes.NewReader(labelsIDX(3)), "lbls")
	require.NoError(t, err)
	assert.Equal(t, []int{3}, labels.Dims)
	assert.Equal(t, []byte{0, 1, 2}, labels.Data)

	s, err := NewSet(images, labels)
	require.NoError(t, err)
	assert.Equal(t, 3, s.N)
	labels.Data[0] = 9
	assert.Equal(t, uint8(0), s.Labels[0], "NewSet copies the labels")

	_, err = NewSet(images, &IDX{Name: "hand-made", Type: TypeUint8, Dims: []int{4}, Data: []byte{1, 2, 3}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hand-made: shape 4 holds 4 labels, data has 3 bytes")

	_, err = LoadLabels(bytes.NewReader(imagesIDX(3, 2, 2)), "lbls")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "lbls: labels must have 1 dimension")
}

func TestSubsetOneHot(t *testing.T) {
	s := &Set{
		Images: []float32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
		Labels: []uint8{3, 0, 9},
		N:      3, Rows: 2, Cols: 2,
	}
	tests := []struct {
		n      int
		images []float32
		labels []uint8
	}{
		{0, []float32{}, []uint8{}},
		{2, []float32{0, 1, 2, 3, 4, 5, 6, 7}, []uint8{3, 0}},
		{3, s.Images, s.Labels},
		{10, s.Images, s.Labels},
	}
	for _, tt := range tests {
		sub := s.Subset(tt.n)
		assert.Equal(t, len(tt.labels), sub.N)
		assert.Equal(t, 2, sub.Rows)
		assert.Equal(t, 2, sub.Cols)
		assert.Equal(t, tt.images, sub.Images)
		assert.Equal(t, tt.labels, sub.Labels)
	}
	assert.Panics(t, func() { s.Subset(-1) })
	assert.Equal(t, []float32{8, 9, 10, 11}, s.Image(2))

	assert.Equal(t, []float32{
		0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
		1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	}, s.OneHot())
	assert.Equal(t, []float32{0, 0, 0, 1, 0, 0, 0, 0, 0, 0}, s.Subset(1).OneHot())
}

func TestRealSubsetOneHot(t *testing.T) {
	train, _ := realMNIST(t)
	sub := train.Subset(100)
	require.Equal(t, 100, sub.N)
	oh := sub.OneHot()
	require.Len(t, oh, 100*Classes)
	assert.Equal(t, float32(1), oh[5], "first training label is 5")
	var sum float32
	for _, v := range oh {
		sum += v
	}
	assert.Equal(t, float32(100), sum)
}
