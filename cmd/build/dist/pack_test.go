package dist

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/mnist"
)

// testPack returns a pack of n images of rows x cols with pixels and labels
// derived from seed.
func testPack(n, rows, cols int, seed byte) *Pack {
	p := &Pack{N: n, Rows: rows, Cols: cols, Pixels: make([]byte, n*rows*cols), Labels: make([]byte, n)}
	for i := range p.Pixels {
		p.Pixels[i] = byte(i*7) + seed
	}
	for i := range p.Labels {
		p.Labels[i] = byte(i+int(seed)) % mnist.Classes
	}
	return p
}

// header returns a pack header with the given fields.
func header(magic string, n, rows, cols uint32) []byte {
	b := append([]byte(magic), make([]byte, 12)...)
	binary.LittleEndian.PutUint32(b[4:], n)
	binary.LittleEndian.PutUint32(b[8:], rows)
	binary.LittleEndian.PutUint32(b[12:], cols)
	return b
}

func TestEncodePack_RoundTrip(t *testing.T) {
	tests := []struct {
		name          string
		n, rows, cols int
	}{
		{"mnist shape", 5, 28, 28},
		{"one image", 1, 1, 1},
		{"not square", 3, 2, 7},
		{"empty", 0, 28, 28},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPack(tt.n, tt.rows, tt.cols, 3)
			b, err := EncodePack(p)
			require.NoError(t, err)
			require.Len(t, b, PackHeaderSize+tt.n*tt.rows*tt.cols+tt.n)
			assert.Equal(t, header(PackMagic, uint32(tt.n), uint32(tt.rows), uint32(tt.cols)), b[:PackHeaderSize])
			assert.Equal(t, p.Pixels, b[PackHeaderSize:PackHeaderSize+len(p.Pixels)], "pixels follow the header")
			assert.Equal(t, p.Labels, b[len(b)-tt.n:], "labels end the file")

			q, err := DecodePack(b)
			require.NoError(t, err)
			assert.Equal(t, p.N, q.N)
			assert.Equal(t, p.Rows, q.Rows)
			assert.Equal(t, p.Cols, q.Cols)
			assert.True(t, bytes.Equal(p.Pixels, q.Pixels))
			assert.True(t, bytes.Equal(p.Labels, q.Labels))
		})
	}
}

func TestDecodePack_Errors(t *testing.T) {
	good, err := EncodePack(testPack(2, 3, 4, 0))
	require.NoError(t, err)
	badLabel := bytes.Clone(good)
	badLabel[len(badLabel)-1] = 10
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "truncated header"},
		{"short header", good[:15], "truncated header: want 16 bytes, have 15"},
		{"bad magic", append(header("GMN2", 2, 3, 4), good[16:]...), `bad magic "GMN2"`},
		{"idx file", append([]byte{0, 0, 8, 3}, good[4:]...), "bad magic"},
		{"zero rows", header(PackMagic, 2, 0, 4), "declares 0x4 images"},
		{"zero cols", header(PackMagic, 2, 3, 0), "want both > 0"},
		{"truncated pixels", good[:20], "truncated: header declares 2 images of 3x4"},
		{"missing labels", good[:len(good)-1], "truncated"},
		{"trailing bytes", append(bytes.Clone(good), 0, 0), "2 trailing bytes"},
		{"huge header", header(PackMagic, 1<<32-1, 1<<32-1, 1<<32-1), "truncated"},
		{"huge header overflowing 64 bits", header(PackMagic, 1<<31, 1<<31, 1<<31), "truncated"},
		{"label 10", badLabel, "label 1 is 10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := DecodePack(tt.data)
			assert.Nil(t, p)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "mnist pack: ")
		})
	}
}

func TestEncodePack_Errors(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Pack)
		want string
	}{
		{"zero rows", func(p *Pack) { p.Rows = 0 }, "rows and cols > 0"},
		{"negative n", func(p *Pack) { p.N = -1 }, "N >= 0"},
		{"n above uint32", func(p *Pack) { p.N = 1 << 32 }, "below 2^32"},
		{"short pixels", func(p *Pack) { p.Pixels = p.Pixels[1:] }, "does not match 23 pixel bytes"},
		{"short labels", func(p *Pack) { p.Labels = p.Labels[1:] }, "2 images need 2 labels, have 1"},
		{"bad label", func(p *Pack) { p.Labels[0] = 255 }, "label 0 is 255"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPack(2, 3, 4, 0)
			tt.edit(p)
			b, err := EncodePack(p)
			assert.Nil(t, b)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestPack_Set(t *testing.T) {
	p := testPack(3, 2, 2, 250)
	s, err := p.Set()
	require.NoError(t, err)
	assert.Equal(t, 3, s.N)
	assert.Equal(t, p.Labels, s.Labels)
	for i, b := range p.Pixels {
		assert.Equal(t, float32(b)/255, s.Images[i])
	}
}

// writeIDX writes an IDX file of unsigned bytes, gzip-compressed if the
// name ends in ".gz".
func writeIDX(t *testing.T, path string, dims []int, data []byte) {
	t.Helper()
	b := []byte{0, 0, mnist.TypeUint8, byte(len(dims))}
	for _, d := range dims {
		b = binary.BigEndian.AppendUint32(b, uint32(d))
	}
	b = append(b, data...)
	if filepath.Ext(path) == ".gz" {
		var z bytes.Buffer
		w := gzip.NewWriter(&z)
		_, err := w.Write(b)
		require.NoError(t, err)
		require.NoError(t, w.Close())
		b = z.Bytes()
	}
	require.NoError(t, os.WriteFile(path, b, 0o644))
}

// writeMNIST writes the four MNIST files for the packs train and test into
// dir: the training files gzip-compressed, the test files raw (LoadPacks
// takes either).
func writeMNIST(t *testing.T, dir string, train, test *Pack) {
	t.Helper()
	writeIDX(t, filepath.Join(dir, mnist.TrainImagesFile), []int{train.N, train.Rows, train.Cols}, train.Pixels)
	writeIDX(t, filepath.Join(dir, mnist.TrainLabelsFile), []int{train.N}, train.Labels)
	raw := func(name string) string { return filepath.Join(dir, name[:len(name)-len(".gz")]) }
	writeIDX(t, raw(mnist.TestImagesFile), []int{test.N, test.Rows, test.Cols}, test.Pixels)
	writeIDX(t, raw(mnist.TestLabelsFile), []int{test.N}, test.Labels)
}

func TestLoadPacks(t *testing.T) {
	dir := t.TempDir()
	train, test := testPack(4, 28, 28, 1), testPack(2, 28, 28, 2)
	writeMNIST(t, dir, train, test)
	gotTrain, gotTest, err := LoadPacks(dir)
	require.NoError(t, err)
	assert.Equal(t, train, gotTrain)
	assert.Equal(t, test, gotTest)

	t.Run("count mismatch", func(t *testing.T) {
		writeIDX(t, filepath.Join(dir, mnist.TrainLabelsFile), []int{3}, []byte{1, 2, 3})
		_, _, err := LoadPacks(dir)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "holds 4 images but")
	})
	t.Run("missing file", func(t *testing.T) {
		_, _, err := LoadPacks(t.TempDir())
		require.Error(t, err)
		assert.Contains(t, err.Error(), "train-images-idx3-ubyte")
	})
}
