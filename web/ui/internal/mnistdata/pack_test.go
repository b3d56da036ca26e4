package mnistdata

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// packBytes returns a pack of n 28×28 images: image i is all i, label i%10.
func packBytes(n int) []byte {
	b := []byte(PackMagic)
	b = binary.LittleEndian.AppendUint32(b, uint32(n))
	b = binary.LittleEndian.AppendUint32(b, Side)
	b = binary.LittleEndian.AppendUint32(b, Side)
	for i := range n {
		for range Pixels {
			b = append(b, byte(i))
		}
	}
	for i := range n {
		b = append(b, byte(i%Classes))
	}
	return b
}

// header returns a pack header with the given fields.
func header(magic string, n, rows, cols uint32) []byte {
	b := []byte(magic)
	b = binary.LittleEndian.AppendUint32(b, n)
	b = binary.LittleEndian.AppendUint32(b, rows)
	b = binary.LittleEndian.AppendUint32(b, cols)
	return b
}

// floats decodes little-endian float32 bytes.
func floats(b []byte) []float32 {
	f := make([]float32, len(b)/4)
	for i := range f {
		f[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return f
}

func TestDecodePackHeader(t *testing.T) {
	b := packBytes(3)
	h, err := DecodePackHeader(b, len(b))
	require.NoError(t, err)
	assert.Equal(t, PackHeader{N: 3, Rows: Side, Cols: Side}, h)
	assert.Equal(t, int64(len(b)), h.Size())

	start, end := h.Pixels(1, 3)
	assert.Equal(t, []byte{1, 2}, []byte{b[start], b[end-1]}, "images 1 and 2")
	assert.Equal(t, 2*Pixels, end-start)
	start, end = h.Labels(1, 3)
	assert.Equal(t, []byte{1, 2}, b[start:end])
	assert.Equal(t, len(b), end)
}

func TestDecodePackHeader_Errors(t *testing.T) {
	good := packBytes(2)
	tests := []struct {
		name   string
		header []byte
		size   int
		want   string
	}{
		{"short", good[:15], len(good), "truncated header: 15 bytes"},
		{"bad magic", header("GMN2", 2, Side, Side), len(good), `bad magic "GMN2"`},
		{"idx file", header("\x00\x00\x08\x03", 2, Side, Side), len(good), "bad magic"},
		{"not 28×28", header(PackMagic, 2, 32, 32), 16 + 2*32*32 + 2, "images are 32×32"},
		{"truncated", good, len(good) - 1, "declares 2 images"},
		{"trailing bytes", good, len(good) + 1, "want 1586 bytes"},
		{"huge", header(PackMagic, math.MaxUint32, Side, Side), len(good), "declares 4294967295 images"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodePackHeader(tt.header, tt.size)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "mnist pack: ")
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestPixelFloats(t *testing.T) {
	px := []byte{0, 51, 255}
	dst := make([]byte, 12)
	PixelFloats(dst, px)
	assert.Equal(t, []float32{0, 0.2, 1}, floats(dst))
	assert.Panics(t, func() { PixelFloats(make([]byte, 11), px) })
}

func TestOneHot(t *testing.T) {
	tests := []struct {
		name    string
		labels  []byte
		hot     []int // the index of the 1 in each row
		wantErr string
	}{
		{"digits", []byte{0, 9, 3}, []int{0, 9, 3}, ""},
		{"none", nil, nil, ""},
		{"label 10", []byte{1, 10}, nil, "label 1 is 10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := make([]byte, 4*Classes*len(tt.labels))
			for i := range dst {
				dst[i] = 0xff // OneHot clears what was there
			}
			err := OneHot(dst, tt.labels)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			want := make([]float32, Classes*len(tt.labels))
			for i, c := range tt.hot {
				want[i*Classes+c] = 1
			}
			assert.Equal(t, want, floats(dst))
		})
	}
	assert.Panics(t, func() { OneHot(make([]byte, 4), []byte{1}) })
}
